/* csv — one line of the CSV files anzhid imports (registry data, units):
 * comma-separated, a field may be "quoted, ""with"" quotes". */
#ifndef ANZHI_SERVER_CSV_H
#define ANZHI_SERVER_CSV_H

/* Splits line in place into at most max fields: how many, or -1 when a
 * quote is not closed or more than max fields follow. */
int csv_split(char *line, char **cols, int max);

#endif
