/* Tests for src/client/keymap and the action table: the keys-file parser,
 * conflicts reported not overwritten, later sources overriding, multi-key
 * lookups, the generic fallback, unbind, and the compiled-in keymaps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/actions.h"
#include "client/keymap.h"

#define MAXD 8

/* Parses spec and looks it up in screen. */
static enum keymap_match look(const struct keymap_set *ks, const char *screen, const char *spec,
			      enum action *a)
{
	int keys[KEYMAP_MAX_SEQ];
	int n = keymap_parse_keys(spec, keys, KEYMAP_MAX_SEQ);
	assert_true(n > 0);
	return keymap_lookup(ks, screen, keys, n, a);
}

static enum action action_of(const struct keymap_set *ks, const char *screen, const char *spec)
{
	enum action a = ACT_NONE;
	return look(ks, screen, spec, &a) == KEYMAP_ACTION ? a : ACT_NONE;
}

static struct keymap_set *load(const char *text, int want_diags)
{
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	int n = keymap_set_load(ks, text, "test", d, MAXD);
	for (int i = 0; i < n && i < MAXD && n != want_diags; i++)
		print_message("%s:%d: %s\n", d[i].origin, d[i].line, d[i].msg);
	assert_int_equal(n, want_diags);
	return ks;
}

/* ---------------------------------------------------------------- actions */

static void test_actions_names_are_unique_and_round_trip(void **s)
{
	(void)s;
	for (int a = 1; a < ACT_COUNT; a++) {
		const char *name = action_name((enum action)a);
		assert_non_null(name);
		assert_int_equal(action_by_name(name), a);
		assert_true(strlen(action_help((enum action)a)) > 0);
		assert_true(strlen(action_label((enum action)a)) > 0);
	}
	assert_int_equal(action_by_name("no-such-action"), ACT_NONE);
	assert_int_equal(action_by_name(NULL), ACT_NONE);
}

static void test_actions_starting_set_is_present(void **s)
{
	(void)s;
	static const char *const names[] = {
		"quit", "help", "back", "cancel", "redraw", "command", "move-up", "move-down",
		"page-up", "page-down", "first", "last", "open", "tag-toggle", "tag-all", "search",
		"search-next", "filter", "refresh", "add", "edit", "delete", "reregister",
		"import-previous", "save", "next-field", "prev-field", "month-toggle", "month-all",
		"upload", "open-material", "notices", "year-prev", "year-next", "logout",
		"sort-next", "row-add", "row-remove", "next-step", "prev-step", "month-valid",
		"month-invalid", "month-all-valid", "review-next", "calc",
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (action_by_name(names[i]) == ACT_NONE)
			fail_msg("missing action %s", names[i]);
}

/* ---------------------------------------------------------------- key names */

static void test_keymap_parses_plain_and_named_keys(void **s)
{
	(void)s;
	int k[KEYMAP_MAX_SEQ];
	struct { const char *spec; int code; } cases[] = {
		{ "j", 'j' }, { "G", 'G' }, { "<Down>", KEYCODE_FN(KEY_DOWN) }, { "<C-g>", 7 },
		{ "<Space>", ' ' }, { "<Enter>", '\n' }, { "<Esc>", 0x1b }, { "<Tab>", '\t' },
		{ "<S-Tab>", KEYCODE_FN(KEY_BTAB) }, { "<F2>", KEYCODE_FN(KEY_F(2)) },
		{ "<PgDn>", KEYCODE_FN(KEY_NPAGE) }, { "<Home>", KEYCODE_FN(KEY_HOME) },
		{ "<BS>", KEYCODE_FN(KEY_BACKSPACE) }, { "<C-G>", 7 }, { "<down>", KEYCODE_FN(KEY_DOWN) },
		{ "<M-v>", KEYCODE_META('v') }, { "<M-lt>", KEYCODE_META('<') },
		{ "<M->>", KEYCODE_META('>') }, { "<lt>", '<' }, { "<Hash>", '#' },
		{ "<C-h>", KEYCODE_FN(KEY_BACKSPACE) }, { "<C-m>", '\n' }, { "审", 0x5ba1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int n = keymap_parse_keys(cases[i].spec, k, KEYMAP_MAX_SEQ);
		if (n != 1 || k[0] != cases[i].code)
			fail_msg("%s: n=%d code=%#x, want %#x", cases[i].spec, n, n > 0 ? k[0] : -1,
				 cases[i].code);
	}
}

static void test_keymap_parses_sequences(void **s)
{
	(void)s;
	int k[KEYMAP_MAX_SEQ];
	assert_int_equal(keymap_parse_keys("gg", k, KEYMAP_MAX_SEQ), 2);
	assert_int_equal(k[0], 'g');
	assert_int_equal(k[1], 'g');
	assert_int_equal(keymap_parse_keys("<C-x>k", k, KEYMAP_MAX_SEQ), 2);
	assert_int_equal(k[0], 0x18);
	assert_int_equal(k[1], 'k');
	assert_int_equal(keymap_parse_keys("<C-x><C-c>", k, KEYMAP_MAX_SEQ), 2);
	assert_int_equal(k[1], 3);
}

static void test_keymap_rejects_bad_key_names(void **s)
{
	(void)s;
	int k[KEYMAP_MAX_SEQ];
	assert_int_equal(keymap_parse_keys("<Dwn>", k, KEYMAP_MAX_SEQ), -1);
	assert_int_equal(keymap_parse_keys("<C-", k, KEYMAP_MAX_SEQ), -1);
	assert_int_equal(keymap_parse_keys("<>", k, KEYMAP_MAX_SEQ), -1);
	assert_int_equal(keymap_parse_keys("", k, KEYMAP_MAX_SEQ), -1);
	assert_int_equal(keymap_parse_keys("abcde", k, KEYMAP_MAX_SEQ), -1); /* too long */
	assert_int_equal(keymap_parse_keys("<C-1>", k, KEYMAP_MAX_SEQ), -1);
}

static void test_keymap_key_name_round_trips(void **s)
{
	(void)s;
	static const char *const specs[] = {
		"j", "gg", "<C-g>", "<C-x><C-c>", "<C-x>k", "<Down>", "<S-Tab>", "<F2>", "<Space>",
		"<Enter>", "<Esc>", "<lt>", "<M-v>", "<M-lt>", "<PgDn>", "<BS>", "<Hash>",
	};
	for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
		int k[KEYMAP_MAX_SEQ], k2[KEYMAP_MAX_SEQ];
		int n = keymap_parse_keys(specs[i], k, KEYMAP_MAX_SEQ);
		char name[64];
		keymap_key_name(k, n, name, sizeof name);
		assert_string_equal(name, specs[i]);
		assert_int_equal(keymap_parse_keys(name, k2, KEYMAP_MAX_SEQ), n);
		assert_memory_equal(k, k2, (size_t)n * sizeof *k);
	}
}

static void test_key_from_wch_normalises_enter_and_backspace(void **s)
{
	(void)s;
	assert_int_equal(key_from_wch(OK, '\r'), '\n');
	assert_int_equal(key_from_wch(OK, '\n'), '\n');
	assert_int_equal(key_from_wch(KEY_CODE_YES, KEY_ENTER), '\n');
	assert_int_equal(key_from_wch(OK, 0x7f), KEYCODE_FN(KEY_BACKSPACE));
	assert_int_equal(key_from_wch(OK, 0x08), KEYCODE_FN(KEY_BACKSPACE));
	assert_int_equal(key_from_wch(KEY_CODE_YES, KEY_BACKSPACE), KEYCODE_FN(KEY_BACKSPACE));
	assert_int_equal(key_from_wch(KEY_CODE_YES, KEY_DOWN), KEYCODE_FN(KEY_DOWN));
	assert_int_equal(key_from_wch(OK, 0x666f), 0x666f);
}

/* ---------------------------------------------------------------- parser */

static void test_keymap_errors_carry_line_numbers(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	const char *text =
		"# comment\n"
		"bind generic q quit\n"
		"bind generic x no-such-action\n"
		"bind nowhere y quit\n"
		"bind generic <Dwn> move-down\n"
		"frobnicate generic z\n"
		"bind generic w\n"
		"\n"
		"bind generic v quit   # trailing comment\n";
	int n = keymap_set_load(ks, text, "mykeys", d, MAXD);
	assert_int_equal(n, 5);
	assert_int_equal(d[0].line, 3);
	assert_non_null(strstr(d[0].msg, "no-such-action"));
	assert_string_equal(d[0].origin, "mykeys");
	assert_int_equal(d[1].line, 4);
	assert_non_null(strstr(d[1].msg, "nowhere"));
	assert_int_equal(d[2].line, 5);
	assert_non_null(strstr(d[2].msg, "Dwn"));
	assert_int_equal(d[3].line, 6);
	assert_int_equal(d[4].line, 7);
	assert_int_equal(action_of(ks, "generic", "q"), ACT_QUIT);
	assert_int_equal(action_of(ks, "generic", "v"), ACT_QUIT);
	keymap_set_free(ks);
}

static void test_keymap_diagnostics_beyond_max_are_counted_not_written(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[2];
	memset(d, 0, sizeof d);
	int n = keymap_set_load(ks, "bad\nbad\nbad\n", "t", d, 1);
	assert_int_equal(n, 3);
	assert_int_equal(d[1].line, 0); /* untouched */
	keymap_set_free(ks);
}

static void test_keymap_same_keys_twice_in_one_source_is_a_conflict_first_kept(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	int n = keymap_set_load(ks, "bind placements d delete\nbind placements d edit\n", "t", d, MAXD);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].line, 2);
	assert_non_null(strstr(d[0].msg, "conflict"));
	assert_non_null(strstr(d[0].msg, "line 1"));
	assert_int_equal(action_of(ks, "placements", "d"), ACT_DELETE);
	keymap_set_free(ks);
}

static void test_keymap_prefix_of_another_binding_is_a_conflict(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	int n = keymap_set_load(ks, "bind generic g first\nbind generic gg last\n", "t", d, MAXD);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].line, 2);
	assert_non_null(strstr(d[0].msg, "prefix"));
	assert_int_equal(action_of(ks, "generic", "g"), ACT_FIRST);
	/* the other way round too */
	n = keymap_set_load(ks, "bind pager <C-x><C-c> quit\nbind pager <C-x> back\n", "t2", d, MAXD);
	assert_int_equal(n, 1);
	enum action a;
	assert_int_equal(look(ks, "pager", "<C-x>", &a), KEYMAP_PREFIX);
	keymap_set_free(ks);
}

static void test_keymap_same_keys_in_different_screens_is_no_conflict(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind placements a add\nbind person a row-add\n", 0);
	assert_int_equal(action_of(ks, "placements", "a"), ACT_ADD);
	assert_int_equal(action_of(ks, "person", "a"), ACT_ROW_ADD);
	keymap_set_free(ks);
}

static void test_keymap_later_source_overrides_without_conflict(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic q quit\nbind generic g first\n", 0);
	struct keymap_diag d[MAXD];
	/* the user's file: rebinds q, and gg replaces the prefix g */
	int n = keymap_set_load(ks, "bind generic q help\nbind generic gg last\n", "user", d, MAXD);
	assert_int_equal(n, 0);
	assert_int_equal(action_of(ks, "generic", "q"), ACT_HELP);
	enum action a;
	assert_int_equal(look(ks, "generic", "g", &a), KEYMAP_PREFIX);
	assert_int_equal(action_of(ks, "generic", "gg"), ACT_LAST);
	keymap_set_free(ks);
}

static void test_keymap_user_file_overrides_defaults(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_load_defaults(ks, d, MAXD), 0);
	char path[] = "/tmp/anzhi-keys-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *user = "bind placements d edit\nunbind generic N\n";
	assert_int_equal(write(fd, user, strlen(user)), (ssize_t)strlen(user));
	close(fd);
	assert_int_equal(keymap_load_file(ks, path, d, MAXD), 0);
	unlink(path);
	assert_int_equal(action_of(ks, "placements", "d"), ACT_EDIT);
	assert_int_equal(action_of(ks, "placements", "N"), ACT_NONE);
	/* a missing user file is no error */
	assert_int_equal(keymap_load_file(ks, "/nonexistent/anzhi/keys", d, MAXD), 0);
	keymap_set_free(ks);
}

/* ---------------------------------------------------------------- lookups */

static void test_keymap_multi_key_lookup_reports_prefix_then_action(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic <C-x><C-c> quit\nbind generic <C-x>k back\n", 0);
	enum action a = ACT_NONE;
	assert_int_equal(look(ks, "placements", "<C-x>", &a), KEYMAP_PREFIX);
	assert_int_equal(look(ks, "placements", "<C-x><C-c>", &a), KEYMAP_ACTION);
	assert_int_equal(a, ACT_QUIT);
	assert_int_equal(look(ks, "placements", "<C-x>k", &a), KEYMAP_ACTION);
	assert_int_equal(a, ACT_BACK);
	assert_int_equal(look(ks, "placements", "<C-x>z", &a), KEYMAP_NONE);
	assert_int_equal(a, ACT_NONE);
	keymap_set_free(ks);
}

static void test_keymap_screen_falls_back_to_generic(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic j move-down\nbind generic d quit\n"
				     "bind placements d delete\n", 0);
	assert_int_equal(action_of(ks, "placements", "j"), ACT_MOVE_DOWN);
	assert_int_equal(action_of(ks, "placements", "d"), ACT_DELETE); /* screen first */
	assert_int_equal(action_of(ks, "months", "d"), ACT_QUIT);
	assert_int_equal(action_of(ks, "no-such-screen", "j"), ACT_MOVE_DOWN);
	keymap_set_free(ks);
}

static void test_keymap_unbind_in_generic_removes_everywhere(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic q quit\n", 0);
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_set_load(ks, "unbind generic q\n", "user", d, MAXD), 0);
	assert_int_equal(action_of(ks, "generic", "q"), ACT_NONE);
	assert_int_equal(action_of(ks, "placements", "q"), ACT_NONE);
	keymap_set_free(ks);
}

static void test_keymap_unbind_in_screen_hides_generic_only_there(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic q quit\n", 0);
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_set_load(ks, "unbind person q\n", "user", d, MAXD), 0);
	assert_int_equal(action_of(ks, "person", "q"), ACT_NONE);
	assert_int_equal(action_of(ks, "placements", "q"), ACT_QUIT);
	/* binding again later brings it back */
	assert_int_equal(keymap_set_load(ks, "bind person q back\n", ":", d, MAXD), 0);
	assert_int_equal(action_of(ks, "person", "q"), ACT_BACK);
	keymap_set_free(ks);
}

static void test_keymap_keys_for_lists_screen_then_generic(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic <Down> move-down\nbind generic j move-down\n"
				     "bind months <Right> move-down\nbind months j month-valid\n", 0);
	char buf[64];
	keymap_keys_for(ks, "generic", ACT_MOVE_DOWN, buf, sizeof buf);
	assert_string_equal(buf, "Down j");
	/* in months, j is the screen's own: the generic j is not reachable there */
	keymap_keys_for(ks, "months", ACT_MOVE_DOWN, buf, sizeof buf);
	assert_string_equal(buf, "Right Down");
	keymap_keys_for(ks, "months", ACT_SAVE, buf, sizeof buf);
	assert_string_equal(buf, "");
	keymap_first_key_for(ks, "generic", ACT_MOVE_DOWN, buf, sizeof buf);
	assert_string_equal(buf, "Down");
	keymap_set_free(ks);
}

static void test_keymap_keys_for_shows_sequences_in_file_form(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic <C-x><C-c> quit\nbind generic gg first\n"
				     "bind generic <C-g> cancel\n", 0);
	char buf[64];
	keymap_keys_for(ks, "generic", ACT_QUIT, buf, sizeof buf);
	assert_string_equal(buf, "<C-x><C-c>");
	keymap_keys_for(ks, "generic", ACT_FIRST, buf, sizeof buf);
	assert_string_equal(buf, "gg");
	keymap_keys_for(ks, "generic", ACT_CANCEL, buf, sizeof buf);
	assert_string_equal(buf, "C-g");
	keymap_set_free(ks);
}

static void test_keymap_keys_for_shows_meta_chords_with_their_character(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic <M-lt> first\nbind generic <lt> year-prev\n", 0);
	char buf[64];
	keymap_keys_for(ks, "generic", ACT_FIRST, buf, sizeof buf);
	assert_string_equal(buf, "M-<");
	keymap_keys_for(ks, "generic", ACT_YEAR_PREV, buf, sizeof buf);
	assert_string_equal(buf, "<");
	keymap_set_free(ks);
}

static void test_keymap_first_key_prefers_a_single_key_to_a_sequence(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic q quit\n", 0);
	assert_int_equal(keymap_set_load(ks, "bind generic <C-x><C-c> quit\n", "emacs", NULL, 0), 0);
	char buf[64];
	keymap_keys_for(ks, "generic", ACT_QUIT, buf, sizeof buf);
	assert_string_equal(buf, "<C-x><C-c> q");
	keymap_first_key_for(ks, "generic", ACT_QUIT, buf, sizeof buf);
	assert_string_equal(buf, "q");
	keymap_set_free(ks);
}

static void test_keymap_keys_for_shows_the_latest_binding_first(void **s)
{
	(void)s;
	struct keymap_set *ks = load("bind generic q quit\n", 0);
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_set_load(ks, "bind generic Q quit\n", "user", d, MAXD), 0);
	char buf[64];
	keymap_keys_for(ks, "generic", ACT_QUIT, buf, sizeof buf);
	assert_string_equal(buf, "Q q");
	keymap_set_free(ks);
}

static void test_keymap_command_words_are_aliases_or_action_names(void **s)
{
	(void)s;
	struct keymap_set *ks = load("alias q quit\nalias w save\n", 0);
	assert_int_equal(keymap_command(ks, "q"), ACT_QUIT);
	assert_int_equal(keymap_command(ks, "w"), ACT_SAVE);
	assert_int_equal(keymap_command(ks, "logout"), ACT_LOGOUT);
	assert_int_equal(keymap_command(ks, "frob"), ACT_NONE);
	keymap_set_free(ks);
}

/* ---------------------------------------------------------------- built-in keymaps */

static void test_keymap_default_keys_load_without_diagnostics(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	int n = keymap_load_defaults(ks, d, MAXD);
	for (int i = 0; i < n && i < MAXD; i++)
		print_message("%s:%d: %s\n", d[i].origin, d[i].line, d[i].msg);
	assert_int_equal(n, 0);
	assert_int_equal(action_of(ks, "placements", "q"), ACT_QUIT);
	assert_int_equal(action_of(ks, "placements", "<Space>"), ACT_TAG_TOGGLE);
	assert_int_equal(action_of(ks, "months", "<Space>"), ACT_MONTH_TOGGLE);
	assert_int_equal(action_of(ks, "person", "<C-s>"), ACT_SAVE);
	assert_int_equal(action_of(ks, "person", "<F2>"), ACT_SAVE);
	assert_int_equal(action_of(ks, "person", "<S-Tab>"), ACT_PREV_FIELD);
	assert_int_equal(action_of(ks, "placements", "<F5>"), ACT_REFRESH);
	assert_int_equal(action_of(ks, "help", "q"), ACT_BACK);
	keymap_set_free(ks);
}

static void test_keymap_default_keys_bind_every_screen(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	keymap_load_defaults(ks, NULL, 0);
	for (int i = 0; i < keymap_screen_count(); i++)
		if (!keymap_binding_at(ks, keymap_screen_name(i), 0, NULL, NULL, NULL))
			fail_msg("screen %s has no default binding", keymap_screen_name(i));
	keymap_set_free(ks);
}

static void test_keymap_vi_keys_load_on_top_of_defaults(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_load_defaults(ks, d, MAXD), 0);
	assert_int_equal(keymap_load_named(ks, "vi", d, MAXD), 0);
	assert_int_equal(action_of(ks, "placements", "gg"), ACT_FIRST);
	assert_int_equal(action_of(ks, "placements", "G"), ACT_LAST);
	assert_int_equal(action_of(ks, "placements", "j"), ACT_MOVE_DOWN);
	assert_int_equal(action_of(ks, "placements", "k"), ACT_MOVE_UP);
	assert_int_equal(action_of(ks, "placements", "<C-f>"), ACT_PAGE_DOWN);
	assert_int_equal(action_of(ks, "placements", "<C-b>"), ACT_PAGE_UP);
	assert_int_equal(action_of(ks, "placements", "/"), ACT_SEARCH);
	assert_int_equal(action_of(ks, "placements", "n"), ACT_SEARCH_NEXT);
	assert_int_equal(action_of(ks, "placements", "<Down>"), ACT_MOVE_DOWN); /* defaults stay */
	assert_int_equal(keymap_command(ks, "q"), ACT_QUIT);
	keymap_set_free(ks);
}

static void test_keymap_emacs_keys_load_on_top_of_defaults(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_load_defaults(ks, d, MAXD), 0);
	assert_int_equal(keymap_load_named(ks, "emacs", d, MAXD), 0);
	assert_int_equal(action_of(ks, "placements", "<C-n>"), ACT_MOVE_DOWN);
	assert_int_equal(action_of(ks, "placements", "<C-p>"), ACT_MOVE_UP);
	assert_int_equal(action_of(ks, "placements", "<C-v>"), ACT_PAGE_DOWN);
	assert_int_equal(action_of(ks, "placements", "<M-v>"), ACT_PAGE_UP);
	assert_int_equal(action_of(ks, "placements", "<M-lt>"), ACT_FIRST);
	assert_int_equal(action_of(ks, "placements", "<M-gt>"), ACT_LAST);
	assert_int_equal(action_of(ks, "placements", "<C-s>"), ACT_SEARCH);
	assert_int_equal(action_of(ks, "placements", "<C-g>"), ACT_CANCEL);
	assert_int_equal(action_of(ks, "placements", "<C-x><C-c>"), ACT_QUIT);
	/* the form keeps its own C-s and C-n */
	assert_int_equal(action_of(ks, "person", "<C-s>"), ACT_SAVE);
	assert_int_equal(action_of(ks, "person", "<C-n>"), ACT_NEXT_STEP);
	keymap_set_free(ks);
}

static void test_keymap_unknown_named_keymap_is_an_error(void **s)
{
	(void)s;
	struct keymap_set *ks = keymap_set_new();
	struct keymap_diag d[MAXD];
	assert_int_equal(keymap_load_named(ks, "wordstar", d, MAXD), -1);
	assert_non_null(strstr(d[0].msg, "wordstar"));
	keymap_set_free(ks);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_actions_names_are_unique_and_round_trip),
		cmocka_unit_test(test_actions_starting_set_is_present),
		cmocka_unit_test(test_keymap_parses_plain_and_named_keys),
		cmocka_unit_test(test_keymap_parses_sequences),
		cmocka_unit_test(test_keymap_rejects_bad_key_names),
		cmocka_unit_test(test_keymap_key_name_round_trips),
		cmocka_unit_test(test_key_from_wch_normalises_enter_and_backspace),
		cmocka_unit_test(test_keymap_errors_carry_line_numbers),
		cmocka_unit_test(test_keymap_diagnostics_beyond_max_are_counted_not_written),
		cmocka_unit_test(test_keymap_same_keys_twice_in_one_source_is_a_conflict_first_kept),
		cmocka_unit_test(test_keymap_prefix_of_another_binding_is_a_conflict),
		cmocka_unit_test(test_keymap_same_keys_in_different_screens_is_no_conflict),
		cmocka_unit_test(test_keymap_later_source_overrides_without_conflict),
		cmocka_unit_test(test_keymap_user_file_overrides_defaults),
		cmocka_unit_test(test_keymap_multi_key_lookup_reports_prefix_then_action),
		cmocka_unit_test(test_keymap_screen_falls_back_to_generic),
		cmocka_unit_test(test_keymap_unbind_in_generic_removes_everywhere),
		cmocka_unit_test(test_keymap_unbind_in_screen_hides_generic_only_there),
		cmocka_unit_test(test_keymap_keys_for_lists_screen_then_generic),
		cmocka_unit_test(test_keymap_keys_for_shows_sequences_in_file_form),
		cmocka_unit_test(test_keymap_keys_for_shows_meta_chords_with_their_character),
		cmocka_unit_test(test_keymap_first_key_prefers_a_single_key_to_a_sequence),
		cmocka_unit_test(test_keymap_keys_for_shows_the_latest_binding_first),
		cmocka_unit_test(test_keymap_command_words_are_aliases_or_action_names),
		cmocka_unit_test(test_keymap_default_keys_load_without_diagnostics),
		cmocka_unit_test(test_keymap_default_keys_bind_every_screen),
		cmocka_unit_test(test_keymap_vi_keys_load_on_top_of_defaults),
		cmocka_unit_test(test_keymap_emacs_keys_load_on_top_of_defaults),
		cmocka_unit_test(test_keymap_unknown_named_keymap_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
