/* count: registered / confirmed / counted months and placed persons (SPEC §6). */
#include "core/count.h"

int count_weight(const struct policy *p, enum cert_type type, int level, int category)
{
	return policy_cert_weight(p, type, level, category);
}

void count_placement(const struct count_month *months, size_t n, struct count_totals *out)
{
	out->registered = out->confirmed = out->counted = 0;
	for (size_t i = 0; i < n; i++) {
		if (!months[i].registered)
			continue;
		out->registered++;
		if (!months[i].confirmed)
			continue;
		out->confirmed++;
		out->counted += months[i].weight > 0 ? months[i].weight : 1;
	}
}

void count_add(struct count_totals *a, const struct count_totals *b)
{
	a->registered += b->registered;
	a->confirmed += b->confirmed;
	a->counted += b->counted;
}

struct dec count_placed_persons(long counted_months)
{
	return dec_frac(counted_months, 12);
}

bool count_format_persons(const struct policy *p, struct dec placed, char *buf, size_t size)
{
	return dec_format(placed, p->rounding.count_places, p->rounding.count_mode, buf, size);
}
