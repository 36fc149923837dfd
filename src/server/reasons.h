/* reasons — the common reasons a reviewer gives for 无效, kept as data
 * (data/review-reasons.json) and served by GET /review/reasons so that no
 * client ships its own copy. */
#ifndef ANZHI_SERVER_REASONS_H
#define ANZHI_SERVER_REASONS_H

#include <jansson.h>
#include <stddef.h>

/* Parses and checks the file's text into the API's answer
 * {"reasons":[{"text","checks":[CHECK…],"items":[ITEM…]}…]} (every reason
 * non-empty and at most WIRE_TEXT_MAX bytes, every check and item a word of
 * the API). NULL with err filled ("reasons[3].checks[0]: …") on failure. */
json_t *review_reasons_parse(const char *text, char *err, size_t errlen);

#endif
