/* mailcap: which program opens a file of a MIME type, from mailcap files
 * (RFC 1524: $MAILCAPS, else ~/.mailcap then /etc/mailcap) — parsing the
 * entries (continuation lines, \; in fields, needsterminal, copiousoutput,
 * test=), picking the first one usable here, and building its command line
 * with %s, %t and %% expanded.  Pure but for mailcap_read(). */
#ifndef ANZHI_BASE_MAILCAP_H
#define ANZHI_BASE_MAILCAP_H

#include <stdbool.h>
#include <stddef.h>

struct mailcap_entry {
	char type[128];        /* "image/png", a wildcard subtype, "image" */
	char view[1024];       /* the view command, escapes undone */
	char test[512];        /* the test= command, "" for none */
	bool needsterminal;    /* it takes over the terminal */
	bool copiousoutput;    /* it prints text to page through */
};

/* The next entry of mailcap text at *pos (advanced past it); false at the
 * end.  Comments, blank lines and lines without a command are skipped. */
bool mailcap_next(const char **pos, struct mailcap_entry *e);

/* Whether an entry's type covers mime: exact, a wildcard subtype or a bare
 * "type" (case does not matter). */
bool mailcap_type_matches(const char *pattern, const char *mime);

/* Whether the entry runs in the terminal (needsterminal or copiousoutput)
 * rather than needing a graphical display. */
bool mailcap_in_terminal(const struct mailcap_entry *e);

/* The first entry for mime in text usable here: its test passes (test_ok is
 * asked with the entry's test= command; NULL = every test passes) and, when
 * there is no display, it runs in the terminal. */
bool mailcap_pick(const char *text, const char *mime, bool has_display,
		  bool (*test_ok)(const struct mailcap_entry *e, void *ctx), void *ctx,
		  struct mailcap_entry *out);

/* cmd with %s → the file (single-quoted, or as is inside the command's own
 * quotes), %t → mime, %% → %, %{name} → nothing; without %s the file comes
 * on standard input (< 'file').  false when the result does not fit or the
 * file name or type could not be passed safely. */
bool mailcap_expand(const char *cmd, const char *file, const char *mime, char *out, size_t outsz);

/* Every mailcap file that exists, in lookup order, read and joined into one
 * malloc'd text (NULL when there is none). */
char *mailcap_read(void);

#endif
