/* policies — see policies.h. The front matter is "key: value" lines between
 * two "---" lines; every key is known (a misspelt one is refused, not
 * ignored), so that a document never loses its source quietly. */
#include "server/policies.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "server/fileio.h"
#include "wire/wire.h"

#define SUMMARY_MARK "摘要"

/* Copies value into a field of size bytes; false when it does not fit. */
static bool set(char *field, size_t size, const char *value, size_t len)
{
	if (len >= size)
		return false;
	memcpy(field, value, len);
	field[len] = '\0';
	return true;
}

static bool date_or_empty(const char *s)
{
	struct ymd d;
	return !*s || (strlen(s) == 10 && date_parse(s, "date", &d, NULL));
}

/* One "key: value" line into doc; an error message or NULL. */
static const char *front_line(struct policy_doc *doc, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);
	if (!colon)
		return "expected key: value";
	size_t klen = (size_t)(colon - line);
	const char *v = colon + 1;
	while (v < line + len && *v == ' ')
		v++;
	size_t vlen = (size_t)(line + len - v);
	struct {
		const char *key;
		char *field;
		size_t size;
	} fields[] = {
		{ "title", doc->title, sizeof doc->title },
		{ "issuer", doc->issuer, sizeof doc->issuer },
		{ "number", doc->number, sizeof doc->number },
		{ "date", doc->date, sizeof doc->date },
		{ "effective", doc->effective, sizeof doc->effective },
		{ "source", doc->source, sizeof doc->source },
	};
	if (!wire_text_ok(v, vlen))
		return "a value is text without control characters";
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i].key) == klen && memcmp(line, fields[i].key, klen) == 0)
			return set(fields[i].field, fields[i].size, v, vlen) ? NULL : "value too long";
	if (klen == 4 && memcmp(line, "text", 4) == 0) {
		if (vlen == 7 && memcmp(v, "summary", 7) == 0)
			doc->summary = true;
		else if (!(vlen == 8 && memcmp(v, "official", 8) == 0))
			return "text is official or summary";
		return NULL;
	}
	if (klen == 3 && memcmp(line, "see", 3) == 0) {
		if (doc->n_see >= POLICIES_SEE_MAX)
			return "at most 4 see lines";
		return set(doc->see[doc->n_see++], sizeof doc->see[0], v, vlen) ? NULL
										: "value too long";
	}
	return "unknown key";
}

/* The body: text lines without control characters; a summary says so first. */
static const char *body_check(const struct policy_doc *doc, const char *body, int *line)
{
	const char *p = body;
	if (!*body)
		return "no text";
	if (doc->summary && strncmp(body, SUMMARY_MARK, strlen(SUMMARY_MARK)) != 0)
		return "a summary begins with " SUMMARY_MARK;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (!wire_text_ok(p, n))
			return "text with control characters or not UTF-8";
		(*line)++;
		p += n + (nl != NULL);
	}
	return NULL;
}

int policies_parse(const char *id, const char *text, struct policy_doc *doc, char *err,
		   size_t errlen)
{
	const char *p = text, *why = NULL;
	int line = 1;
	memset(doc, 0, sizeof *doc);
	if (!set(doc->id, sizeof doc->id, id, strlen(id)) || strspn(id, "abcdefghijklmnopqrstuvwxyz"
							      "0123456789-") != strlen(id)) {
		snprintf(err, errlen, "%s: the file name is [a-z0-9-].md", id);
		return -1;
	}
	if (strncmp(p, "---\n", 4) != 0) {
		snprintf(err, errlen, "%s.md:1: begins with a --- line", id);
		return -1;
	}
	for (p += 4, line++; *p && strncmp(p, "---\n", 4) != 0; line++) {
		const char *nl = strchr(p, '\n');
		if (!nl) {
			why = "the front matter does not end (---)";
			break;
		}
		if ((why = front_line(doc, p, (size_t)(nl - p))))
			break;
		p = nl + 1;
	}
	if (!why && !*p)
		why = "the front matter does not end (---)";
	if (!why && (!doc->title[0] || !doc->issuer[0] || !doc->source[0]))
		why = "title, issuer and source are required";
	if (!why && (!date_or_empty(doc->date) || !date_or_empty(doc->effective)))
		why = "date and effective are YYYY-MM-DD";
	if (!why) {
		p += 4;
		line++;
		why = body_check(doc, p, &line);
	}
	if (why) {
		snprintf(err, errlen, "%s.md:%d: %s", id, line, why);
		return -1;
	}
	doc->text = strdup(p);
	if (!doc->text) {
		snprintf(err, errlen, "%s.md: out of memory", id);
		return -1;
	}
	return 0;
}

/* Newest first; undated documents last; then by id. */
static int newest_first(const void *a, const void *b)
{
	const struct policy_doc *x = a, *y = b;
	int c = strcmp(y->date, x->date);
	return c ? c : strcmp(x->id, y->id);
}

int policies_load(const char *dir, struct policy_library *lib, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1400];
	memset(lib, 0, sizeof *lib);
	if (!d) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char id[64];
		if (n <= 3 || strcmp(e->d_name + n - 3, ".md") != 0 || n - 3 >= sizeof id)
			continue;
		snprintf(id, sizeof id, "%.*s", (int)(n - 3), e->d_name);
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *text = srv_read_file(path, NULL);
		struct policy_doc *grown = realloc(lib->docs, (lib->n + 1) * sizeof *grown);
		if (grown)
			lib->docs = grown;
		if (!text || !grown) {
			snprintf(err, errlen, "%s: %s", path, text ? "out of memory" : strerror(errno));
			free(text);
			goto fail;
		}
		int rc = policies_parse(id, text, &lib->docs[lib->n], err, errlen);
		free(text);
		if (rc != 0)
			goto fail;
		lib->n++;
	}
	closedir(d);
	qsort(lib->docs, lib->n, sizeof *lib->docs, newest_first);
	return 0;
fail:
	closedir(d);
	policies_free(lib);
	return -1;
}

void policies_free(struct policy_library *lib)
{
	for (size_t i = 0; i < lib->n; i++)
		free(lib->docs[i].text);
	free(lib->docs);
	lib->docs = NULL;
	lib->n = 0;
}

const struct policy_doc *policies_find(const struct policy_library *lib, const char *id)
{
	for (size_t i = 0; i < lib->n; i++)
		if (strcmp(lib->docs[i].id, id) == 0)
			return &lib->docs[i];
	return NULL;
}
