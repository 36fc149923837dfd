/* migrations — the numbered schema changes, applied in order at start. */
#ifndef ANZHI_SERVER_MIGRATIONS_H
#define ANZHI_SERVER_MIGRATIONS_H

struct migration {
	int number;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
