/* Tests for src/client/help: the help lines, the hint bar and the man page
 * are built from the action table and the keys bound now; the committed
 * doc/anzhi-keys.5 must equal what the code generates (run `make doc`), and
 * po/zh_CN.po must translate every action.
 *
 * `test_client_keysdoc --write-man` prints the man page (the `make doc` rule). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libintl.h>

#include "client/actions.h"
#include "client/help.h"
#include "client/keymap.h"
#include "ui/text.h"

#ifndef ANZHI_DATADIR
#define ANZHI_DATADIR "data"
#endif
#define TOP ANZHI_DATADIR "/.."

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0, got;
	char *buf = malloc(cap);
	while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static char *generated_man(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(help_write_man(f), 0);
	fclose(f);
	return text;
}

static struct keymap_set *defaults(void)
{
	struct keymap_set *ks = keymap_set_new();
	assert_int_equal(keymap_load_defaults(ks, NULL, 0), 0);
	return ks;
}

static bool has_line(char **lines, int n, const char *a, const char *b)
{
	for (int i = 0; i < n; i++)
		if (strstr(lines[i], a) && (!b || strstr(lines[i], b)))
			return true;
	return false;
}

/* ---------------------------------------------------------------- man page */

static void test_keysdoc_committed_man_page_is_not_stale(void **s)
{
	(void)s;
	char *want = generated_man();
	char *have = read_all(TOP "/doc/anzhi-keys.5");
	if (!have)
		fail_msg("doc/anzhi-keys.5 is missing: run `make doc`");
	if (strcmp(want, have) != 0)
		fail_msg("doc/anzhi-keys.5 is stale (actions.def or keymaps/*.keys changed): run `make doc`");
	free(want);
	free(have);
}

static void test_keysdoc_man_page_names_every_action_and_screen(void **s)
{
	(void)s;
	char *man = generated_man();
	for (int a = 1; a < ACT_COUNT; a++) {
		char roff[64], *o = roff;
		for (const char *p = action_name((enum action)a); *p; p++) {
			if (*p == '-')
				*o++ = '\\';
			*o++ = *p;
		}
		*o = '\0';
		if (!strstr(man, roff))
			fail_msg("action %s is not in the man page", action_name((enum action)a));
	}
	for (int i = 0; i < keymap_screen_count(); i++)
		assert_non_null(strstr(man, keymap_screen_name(i)));
	assert_non_null(strstr(man, ".SH DEFAULT BINDINGS"));
	assert_non_null(strstr(man, ".SH VI KEYMAP"));
	assert_non_null(strstr(man, ".SH EMACS KEYMAP"));
	free(man);
}

/* ---------------------------------------------------------------- translations */

static void test_keysdoc_po_translates_every_action_label_and_help(void **s)
{
	(void)s;
	char *po = read_all(TOP "/po/zh_CN.po");
	assert_non_null(po);
	for (int a = 1; a < ACT_COUNT; a++) {
		const char *texts[2] = { action_help_msgid((enum action)a), NULL };
		/* the label's msgid: what action_label returns untranslated */
		texts[1] = action_label((enum action)a);
		for (int t = 0; t < 2; t++) {
			char entry[300];
			snprintf(entry, sizeof entry, "msgctxt \"action\"\nmsgid \"%s\"\nmsgstr \"", texts[t]);
			const char *at = strstr(po, entry);
			if (!at || at[strlen(entry)] == '"')
				fail_msg("po/zh_CN.po: no translation of \"%s\" (action %s)", texts[t],
					 action_name((enum action)a));
		}
	}
	free(po);
}

/* ---------------------------------------------------------------- help lines */

static void test_help_lines_show_screen_keys_then_generic(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	int n;
	char **lines = help_lines(ks, "placements", &n);
	assert_true(n > 5);
	assert_string_equal(lines[0], "Keys of this screen");
	assert_true(has_line(lines, n, "Space", "Tag or untag the selected line"));
	assert_true(has_line(lines, n, "Keys everywhere", NULL));
	assert_true(has_line(lines, n, "q ", "Quit anzhi"));
	/* an action the screen does not bind is not listed */
	assert_false(has_line(lines, n, "Mark the selected month valid", NULL));
	help_lines_free(lines, n);
	keymap_set_free(ks);
}

static void test_help_lines_align_help_text_by_columns(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	int n, col = -1;
	char **lines = help_lines(ks, "months", &n);
	for (int i = 0; i < n; i++) {
		if (strncmp(lines[i], "  ", 2) != 0)
			continue;
		/* the help text starts after the key column and two spaces */
		for (int a = 1; a < ACT_COUNT; a++) {
			const char *h = strstr(lines[i], action_help((enum action)a));
			if (!h || h[strlen(action_help((enum action)a))] != '\0')
				continue;
			char prefix[256];
			snprintf(prefix, sizeof prefix, "%.*s", (int)(h - lines[i]), lines[i]);
			int w = text_width(prefix);
			if (col < 0)
				col = w;
			assert_int_equal(w, col);
		}
	}
	assert_true(col > 2);
	help_lines_free(lines, n);
	keymap_set_free(ks);
}

static void test_help_lines_follow_rebinding(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	assert_int_equal(keymap_set_load(ks, "bind placements x tag-toggle\n", "user", NULL, 0), 0);
	int n;
	char **lines = help_lines(ks, "placements", &n);
	assert_true(has_line(lines, n, "x Space", "Tag or untag"));
	help_lines_free(lines, n);
	keymap_set_free(ks);
}

/* ---------------------------------------------------------------- hint bar */

static const enum action hints[] = { ACT_QUIT, ACT_HELP, ACT_SEARCH, ACT_LOGOUT, ACT_ADD };

static void test_hint_bar_shows_keys_as_bound(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	char bar[256];
	help_hint_bar(ks, "placements", hints, 5, 80, bar, sizeof bar);
	/* logout has no default key: left out */
	assert_string_equal(bar, "q Quit  ? Help  / Search  a Add");
	/* only the list searches: the month grid does not advertise / */
	help_hint_bar(ks, "months", hints, 5, 80, bar, sizeof bar);
	assert_string_equal(bar, "q Quit  ? Help");
	keymap_set_free(ks);
}

static void test_hint_bar_changes_when_rebound(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	assert_int_equal(keymap_set_load(ks, "bind generic <C-q> quit\nunbind generic ?\n",
					 "user", NULL, 0), 0);
	char bar[256];
	help_hint_bar(ks, "placements", hints, 3, 80, bar, sizeof bar);
	assert_string_equal(bar, "C-q Quit  F1 Help  / Search");
	keymap_set_free(ks);
}

static void test_hint_bar_drops_what_does_not_fit(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	char bar[256];
	size_t len = help_hint_bar(ks, "placements", hints, 5, 14, bar, sizeof bar);
	assert_string_equal(bar, "q Quit  ? Help");
	assert_int_equal(len, strlen(bar));
	assert_true(text_width(bar) <= 14);
	help_hint_bar(ks, "placements", hints, 5, 3, bar, sizeof bar);
	assert_string_equal(bar, "");
	keymap_set_free(ks);
}

static void test_hint_bar_keys_are_located_for_highlighting(void **s)
{
	(void)s;
	int st[8], en[8];
	const char *bar = "q Quit  C-q Next step  / Search";
	assert_int_equal(help_hint_bar_keys(bar, st, en, 8), 3);
	assert_int_equal(st[0], 0);
	assert_int_equal(en[0], 1);
	assert_int_equal(st[1], 8);
	assert_int_equal(en[1], 11);
	assert_int_equal(st[2], 23);
	assert_int_equal(en[2], 24);
}

/* ---------------------------------------------------------------- in Chinese */

/* Binds the built catalog (make builds it next to the tests); false if absent. */
static bool use_chinese(void)
{
#ifdef ANZHI_LOCALEDIR
	char mo[1024];
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/anzhi.mo", ANZHI_LOCALEDIR);
	FILE *f = fopen(mo, "r");
	if (!f)
		return false;
	fclose(f);
	setenv("LANGUAGE", "zh_CN", 1);
	bindtextdomain("anzhi", ANZHI_LOCALEDIR);
	bind_textdomain_codeset("anzhi", "UTF-8");
	textdomain("anzhi");
	return true;
#else
	return false;
#endif
}

static void use_english(void)
{
	textdomain("messages");
}

static void test_help_and_hints_are_translated(void **s)
{
	(void)s;
	if (!use_chinese())
		skip();
	assert_string_equal(action_label(ACT_SAVE), "保存");
	assert_string_equal(action_help(ACT_TAG_TOGGLE), "标记或取消标记所选行");
	struct keymap_set *ks = defaults();
	int n;
	char **lines = help_lines(ks, "placements", &n);
	assert_string_equal(lines[0], "本界面按键");
	assert_true(has_line(lines, n, "Space", "标记或取消标记所选行"));
	help_lines_free(lines, n);
	keymap_set_free(ks);
	use_english();
}

static void test_hint_bar_fits_chinese_labels_by_columns(void **s)
{
	(void)s;
	if (!use_chinese())
		skip();
	struct keymap_set *ks = defaults();
	char bar[256];
	/* "q 退出  ? 帮助" is 14 columns but 20 bytes */
	help_hint_bar(ks, "placements", hints, 2, 14, bar, sizeof bar);
	assert_string_equal(bar, "q 退出  ? 帮助");
	help_hint_bar(ks, "placements", hints, 2, 13, bar, sizeof bar);
	assert_string_equal(bar, "q 退出");
	keymap_set_free(ks);
	use_english();
}

/* On the login form q and ? type into the user name: the hint bar must not
 * advertise them, and Enter is labelled as what it does there. */
static void test_hint_bar_while_typing_shows_only_keys_that_act(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	static const enum action login[] = { ACT_SIGN_IN, ACT_NEXT_FIELD, ACT_HELP, ACT_QUIT };
	struct help_ctx typing = { .typing = true };
	char bar[256];
	help_hint_bar_ctx(ks, "login", &typing, login, 4, 80, bar, sizeof bar);
	assert_string_equal(bar, "Enter Sign in  Tab Next field  F1 Help  Esc Quit");
	struct help_ctx list = { .typing = false };
	help_hint_bar_ctx(ks, "login", &list, login, 4, 80, bar, sizeof bar);
	assert_string_equal(bar, "Enter Sign in  Tab Next field  ? Help  Esc Quit");
	keymap_set_free(ks);
}

static void test_help_lines_leave_out_actions_dead_on_the_screen(void **s)
{
	(void)s;
	struct keymap_set *ks = defaults();
	static const enum action live[] = { ACT_SIGN_IN, ACT_QUIT, ACT_HELP };
	struct help_ctx ctx = { .typing = true, .only = live, .nonly = 3 };
	int n;
	char **lines = help_lines_ctx(ks, "login", &ctx, &n);
	assert_true(has_line(lines, n, "Enter F2", "Sign in"));
	assert_true(has_line(lines, n, "Esc C-c", "Quit anzhi"));
	for (int i = 0; i < n; i++) {
		assert_null(strstr(lines[i], "Search"));
		assert_null(strstr(lines[i], "  q "));
		assert_null(strstr(lines[i], "  ? "));
	}
	help_lines_free(lines, n);
	keymap_set_free(ks);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	text_init(true);
	if (argc > 1 && strcmp(argv[1], "--write-man") == 0)
		return help_write_man(stdout) == 0 ? 0 : 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keysdoc_committed_man_page_is_not_stale),
		cmocka_unit_test(test_keysdoc_man_page_names_every_action_and_screen),
		cmocka_unit_test(test_keysdoc_po_translates_every_action_label_and_help),
		cmocka_unit_test(test_help_lines_show_screen_keys_then_generic),
		cmocka_unit_test(test_help_lines_align_help_text_by_columns),
		cmocka_unit_test(test_help_lines_follow_rebinding),
		cmocka_unit_test(test_hint_bar_shows_keys_as_bound),
		cmocka_unit_test(test_hint_bar_changes_when_rebound),
		cmocka_unit_test(test_hint_bar_drops_what_does_not_fit),
		cmocka_unit_test(test_hint_bar_keys_are_located_for_highlighting),
		cmocka_unit_test(test_help_and_hints_are_translated),
		cmocka_unit_test(test_hint_bar_fits_chinese_labels_by_columns),
		cmocka_unit_test(test_hint_bar_while_typing_shows_only_keys_that_act),
		cmocka_unit_test(test_help_lines_leave_out_actions_dead_on_the_screen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
