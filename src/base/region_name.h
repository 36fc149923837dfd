/* region_name: GB/T 2260 region codes named for people ("150924" -> 兴和县),
 * from <datadir>/regions/<province>0000.csv.  One province's table is kept
 * (the demo and most users live in one); a code of another replaces it. */
#ifndef ANZHI_BASE_REGION_NAME_H
#define ANZHI_BASE_REGION_NAME_H

#include <stdbool.h>
#include <stddef.h>

/* The region's own name ("兴和县") into buf; false (buf "") when the code or
 * its province's file is unknown. */
bool region_name(const char *code, char *buf, size_t size);
/* Its full name from the root ("内蒙古自治区 / 乌兰察布市 / 兴和县"). */
bool region_name_path(const char *code, char *buf, size_t size);

/* The regions within `within` (its subtree, itself included) named by text —
 * their code, or a name that holds it ("乌兰察布", "兴和县"): how many, and the
 * first one's code (the highest level first) into code. */
int region_match(const char *within, const char *text, char code[7]);

#endif
