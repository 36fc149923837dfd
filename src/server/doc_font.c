/* doc_font — the documents need a font with Chinese characters; fontconfig
 * always answers with some font, so the check is that the font it picks for
 * Simplified Chinese really has the characters. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdatomic.h>
#include <stdio.h>

#include "server/doc.h"

/* 中 and 残: any CJK font has both; a Latin fallback has neither. */
static int has_chinese(const char *pattern)
{
	FcResult res;
	FcCharSet *cs = NULL;
	FcPattern *p = FcNameParse((const FcChar8 *)pattern);
	if (!p)
		return 0;
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcPattern *m = FcFontMatch(NULL, p, &res);
	int ok = m && FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch &&
		 FcCharSetHasChar(cs, 0x4E2D) && FcCharSetHasChar(cs, 0x6B8B);
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(p);
	return ok;
}

int doc_font_check(char *err, size_t errlen)
{
	static const char *const need[] = { "Noto Serif CJK SC,serif:lang=zh-cn",
					    "Noto Serif CJK SC,serif:lang=zh-cn:weight=bold" };
	static atomic_int found; /* fonts do not go away while anzhid runs */
	if (atomic_load(&found))
		return 0;
	if (!FcInit()) {
		snprintf(err, errlen, "fontconfig could not start");
		return -1;
	}
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!has_chinese(need[i])) {
			snprintf(err, errlen,
				 "no font with Chinese characters for documents (%s): install "
				 "fonts-noto-cjk (apt-get install fonts-noto-cjk)",
				 need[i]);
			return -1;
		}
	atomic_store(&found, 1);
	return 0;
}

void doc_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
