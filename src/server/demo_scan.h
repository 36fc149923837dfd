/* demo_scan — the demo's materials as pictures worth opening: for each
 * material kind an A4 page (PNG) that looks like a scanned proof of that
 * kind (工资发放证明, 劳务派遣经营许可证, …), marked as demo data, so the demo
 * reviewer sees every material drawn in the viewer (issue 10). */
#ifndef ANZHI_SERVER_DEMO_SCAN_H
#define ANZHI_SERVER_DEMO_SCAN_H

#include <stddef.h>

#include "core/checks.h"

/* The page of kind as a PNG in *png (malloc'd, *len bytes): 0, or -1. */
int demo_scan_png(enum material_kind kind, unsigned char **png, size_t *len);

#endif
