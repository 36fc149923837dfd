/* csv: one field of RFC 4180 CSV — what the tax bureau's and the overview's
 * exports write, in the service and in `anzhi tax export` alike. */
#ifndef ANZHI_CORE_CSV_H
#define ANZHI_CORE_CSV_H

/* s as it is, or quoted (quotes doubled) when it holds a comma, a quote or a
 * line break; a new string the caller frees, NULL when out of memory. */
char *csv_field(const char *s);

#endif
