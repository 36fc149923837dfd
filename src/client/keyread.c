/* keyread: what an Esc read from the terminal starts — an escape sequence
 * the terminfo did not know (one key, or nothing), Alt plus a key, or an Esc
 * on its own (which cancels).  ncurses has already waited ESCDELAY for the
 * sequences it knows; the rest of a sequence is normally in the same read,
 * and a short wait catches one split by a slow link. */
#include <curses.h>

#include "base/keys.h"
#include "client/engine.h"
#include "client/keyseq.h"

enum { SEQ_WAIT_MS = 50 };   /* for the rest of a sequence begun */

/* The next key ncurses has, -1 when none comes within wait_ms (0: only what
 * is there). */
static int next_code(int wait_ms)
{
	wint_t w;
	if (wait_ms)
		timeout(wait_ms);
	int rc = get_wch(&w);
	if (wait_ms)
		nodelay(stdscr, TRUE);
	return rc == ERR ? -1 : key_from_wch(rc, (unsigned)w);
}

void keyread_after_esc(struct esc_read *r)
{
	int seq[KEYSEQ_MAX], n = 0, key = 0, used = 0;
	enum keyseq_result res = KEYSEQ_NONE;
	int c = next_code(0);
	if (c >= 0)
		seq[n++] = c;
	while (n > 0) {
		res = keyseq_parse(seq, n, &key, &used);
		if (res != KEYSEQ_MORE || n == KEYSEQ_MAX)
			break;
		if ((c = next_code(SEQ_WAIT_MS)) < 0)
			break;
		seq[n++] = c;
	}
	r->n = 0;
	r->esc = false;
	int from = 0;
	if (res == KEYSEQ_KEY) {
		r->codes[r->n++] = key;
		from = used;
	} else if (res == KEYSEQ_IGNORE) {
		from = used;
	} else if (res == KEYSEQ_MORE && n > 1) {
		from = n;   /* a sequence cut short: dropped, never read as Esc and letters */
	} else {
		r->esc = true;   /* Esc alone, or Esc and keys (Alt+key when bound) */
	}
	for (int i = from; i < n; i++)
		r->codes[r->n++] = seq[i];
}
