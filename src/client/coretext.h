/* coretext: a core error (core/error.h) in the user's words — what kind of
 * wrong it is ("校验码错误"), for a field's complaint, a message or check-id's
 * answer.  The core's own message is English and precise: it goes after these
 * words in the CLI and to the message log in the full-screen client. */
#ifndef ANZHI_CLIENT_CORETEXT_H
#define ANZHI_CLIENT_CORETEXT_H

/* Translated; "invalid" for a code without words of its own. */
const char *core_error_words(int code);

#endif
