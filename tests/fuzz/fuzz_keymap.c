/* fuzz_keymap: keymap_set_load (src/client/keymap.c) on arbitrary text — what
 * a user writes in ~/.config/anzhi/keys or types after `:bind`.  Loads it on
 * top of the compiled-in defaults (the override and conflict paths), then
 * asks every question the client asks: lookups of the parsed sequences in
 * every screen, the keys shown for every action, aliases and bindings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "client/keymap.h"
#include "tests/fuzz/fuzz.h"

static void ask_everything(const struct keymap_set *ks, const char *text)
{
	int keys[KEYMAP_MAX_SEQ + 2], nkeys;
	enum action a;
	char buf[256];
	const char *word;
	/* small heap buffers: a write past their size is an ASan error */
	char *tiny = malloc(8);

	REQUIRE(tiny);

	/* Questions about generic and one other screen (picked by the text):
	 * all screens each time would make the target ~10x slower. */
	int screens[2] = {0, (int)(strlen(text) % (size_t)keymap_screen_count())};

	/* the first 64 words of the text as key specs and as `:` commands */
	char *copy = strdup(text), *save = NULL;
	REQUIRE(copy);
	int words = 0;
	for (char *w = strtok_r(copy, " \t\n", &save); w && words < 64;
	     w = strtok_r(NULL, " \t\n", &save), words++) {
		nkeys = keymap_parse_keys(w, keys, KEYMAP_MAX_SEQ);
		REQUIRE(nkeys <= KEYMAP_MAX_SEQ);
		for (int sc = 0; nkeys > 0 && sc < 2; sc++) {
			for (int k = 1; k <= nkeys; k++)
				(void)keymap_lookup(ks, keymap_screen_name(screens[sc]), keys, k, &a);
		}
		if (nkeys > 0) {
			size_t len = keymap_key_name(keys, nkeys, buf, sizeof buf);
			REQUIRE(len < sizeof buf && strlen(buf) == len);
			(void)keymap_key_name(keys, nkeys, tiny + 5, 3);  /* its last 3 bytes */
		}
		(void)keymap_command(ks, w);
		(void)keymap_screen_known(w);
	}
	free(copy);

	/* every action's keys, as help and the hint bar show them */
	for (int k = 0; k < 2; k++) {
		const char *screen = keymap_screen_name(screens[k]);

		for (int i = 0; i < ACT_COUNT; i++) {
			size_t len = keymap_keys_for(ks, screen, (enum action)i, buf, sizeof buf);
			REQUIRE(len < sizeof buf && strlen(buf) == len);
			(void)keymap_first_key_for(ks, screen, (enum action)i, tiny, 8);
		}
		for (int i = 0; keymap_binding_at(ks, screen, i, keys, &nkeys, &a); i++)
			REQUIRE(nkeys >= 1 && nkeys <= KEYMAP_MAX_SEQ);
	}
	for (int i = 0; keymap_alias_at(ks, i, &word, &a); i++)
		REQUIRE(word != NULL);
	free(tiny);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct keymap_diag diags[4];
	struct keymap_set *ks;
	char *text;
	int nd;

	if (n > 16384)
		return 0;
	text = malloc(n + 1);
	if (!text)
		abort();
	memcpy(text, data, n);
	text[n] = '\0';

	ks = keymap_set_new();
	REQUIRE(keymap_load_defaults(ks, diags, 4) == 0);
	nd = keymap_set_load(ks, text, "fuzz", diags, 4);
	REQUIRE(nd >= 0);
	for (int i = 0; i < nd && i < 4; i++)
		REQUIRE(memchr(diags[i].msg, '\0', sizeof diags[i].msg) != NULL);
	/* a second source on top: the override path */
	nd = keymap_set_load(ks, text, "fuzz2", diags, 0);
	REQUIRE(nd >= 0);
	ask_everything(ks, text);
	keymap_set_free(ks);
	free(text);
	return 0;
}
