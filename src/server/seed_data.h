/* seed_data — the word lists the province seeder (seed.c) builds names from:
 * common Han surnames and given-name characters, Mongolian names, unit name
 * words and industries, and the weight of each 盟市 in the province's
 * employers. Data, kept apart from the generator. */
#ifndef ANZHI_SERVER_SEED_DATA_H
#define ANZHI_SERVER_SEED_DATA_H

struct seed_words {
	const char *const *w;
	int n;
};

extern const struct seed_words seed_surnames, seed_given, seed_mongolian, seed_unit_words,
	seed_unit_kinds_enterprise, seed_unit_kinds_institution, seed_industries, seed_posts;

/* Relative number of employers per 盟市 code (others weigh 1). */
struct seed_city_weight {
	const char *code;
	int weight;
};
extern const struct seed_city_weight seed_city_weights[];
extern const int seed_city_weight_count;

#endif
