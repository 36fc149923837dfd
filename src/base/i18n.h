/* i18n: gettext set-up and the language rule of the client.
 * Every user-visible string goes through _() (English msgids, po/zh_CN.po). */
#ifndef ANZHI_I18N_H
#define ANZHI_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define _(s)  gettext(s)
#define N_(s) (s)

enum i18n_lang { I18N_EN, I18N_ZH };

/* Chooses the language: `want` ("zh", "en", or NULL/"" for the locale's choice;
 * flag > config is the caller's job), binds the catalog and sets LC_ALL from the
 * environment. Chinese when the locale is UTF-8 and names no other language;
 * English (and ASCII glyphs) when the locale is not UTF-8. */
enum i18n_lang i18n_init(const char *want);

/* True when the terminal's locale is UTF-8 (glyphs ✓/✗, CJK text). */
bool i18n_utf8(void);
enum i18n_lang i18n_lang(void);

/* Replaces {1}..{5} in tmpl by args into out (translators may reorder the
 * placeholders, and table formats stay literal, unlike printf). */
void i18n_subst(char *out, size_t size, const char *tmpl, const char *const args[5]);

/* Where the .mo catalogs were found (for --version and diagnostics). */
const char *i18n_localedir(void);

#endif
