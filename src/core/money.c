/* money: exact rationals and fen (see money.h).  Intermediates are computed in
 * 128 bits and results refused when they do not fit 64 bits. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"

typedef __int128 i128;

static const char *const round_names[ROUND__COUNT] = {
	[ROUND_HALF_UP] = "half_up",
	[ROUND_HALF_EVEN] = "half_even",
	[ROUND_DOWN] = "down",
	[ROUND_UP] = "up",
};

const char *round_mode_name(enum round_mode m)
{
	return (unsigned)m < ROUND__COUNT ? round_names[m] : "?";
}

bool round_mode_parse(const char *s, enum round_mode *out)
{
	for (int i = 0; i < ROUND__COUNT; i++)
		if (s && strcmp(s, round_names[i]) == 0) {
			*out = (enum round_mode)i;
			return true;
		}
	return false;
}

static i128 abs128(i128 v) { return v < 0 ? -v : v; }

static i128 gcd128(i128 a, i128 b)
{
	a = abs128(a);
	b = abs128(b);
	while (b) {
		i128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* num/den reduced into *out; false when den is 0 or the result overflows. */
static bool make(i128 num, i128 den, struct dec *out)
{
	i128 g;

	if (den == 0)
		return false;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	g = gcd128(num, den);
	if (g > 1) {
		num /= g;
		den /= g;
	}
	if (num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX)
		return false;
	out->num = (int64_t)num;
	out->den = (int64_t)den;
	return true;
}

struct dec dec_int(int64_t n) { return (struct dec){n, 1}; }

struct dec dec_frac(int64_t num, int64_t den)
{
	struct dec d = {0, 1};

	if (!make(num, den, &d))
		return (struct dec){0, 1};
	return d;
}

struct dec dec_from_fen(int64_t fen) { return dec_frac(fen, 100); }

bool dec_add(struct dec a, struct dec b, struct dec *out)
{
	return make((i128)a.num * b.den + (i128)b.num * a.den, (i128)a.den * b.den, out);
}

bool dec_sub(struct dec a, struct dec b, struct dec *out)
{
	return make((i128)a.num * b.den - (i128)b.num * a.den, (i128)a.den * b.den, out);
}

bool dec_mul(struct dec a, struct dec b, struct dec *out)
{
	return make((i128)a.num * b.num, (i128)a.den * b.den, out);
}

bool dec_div(struct dec a, struct dec b, struct dec *out)
{
	if (b.num == 0)
		return false;
	return make((i128)a.num * b.den, (i128)a.den * b.num, out);
}

int dec_cmp(struct dec a, struct dec b)
{
	i128 l = (i128)a.num * b.den, r = (i128)b.num * a.den;

	return l < r ? -1 : l > r;
}

int dec_sign(struct dec a) { return a.num < 0 ? -1 : a.num > 0; }
bool dec_is_int(struct dec a) { return a.den == 1 || a.num % a.den == 0; }

static i128 pow10_128(int n)
{
	i128 p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

/* a × 10^places rounded to an integer with mode. */
static bool round_scaled(struct dec a, int places, enum round_mode mode, i128 *q)
{
	i128 num, den = a.den, quo, rem;
	int sign;

	if (places < 0 || places > 9 || den <= 0)
		return false;
	num = (i128)a.num * pow10_128(places);
	quo = num / den;            /* toward zero */
	rem = num % den;            /* same sign as num */
	sign = num < 0 ? -1 : 1;
	if (rem != 0) {
		i128 twice = abs128(rem) * 2;
		bool away = false;

		switch (mode) {
		case ROUND_HALF_UP:
			away = twice >= den;
			break;
		case ROUND_HALF_EVEN:
			away = twice > den || (twice == den && (quo % 2 != 0));
			break;
		case ROUND_DOWN:
			away = false;
			break;
		case ROUND_UP:
			away = true;
			break;
		default:
			return false;
		}
		if (away)
			quo += sign;
	}
	*q = quo;
	return true;
}

bool dec_round(struct dec a, int places, enum round_mode mode, struct dec *out)
{
	i128 q;

	return round_scaled(a, places, mode, &q) && make(q, pow10_128(places), out);
}

bool dec_to_int(struct dec a, enum round_mode mode, int64_t *out)
{
	i128 q;

	if (!round_scaled(a, 0, mode, &q) || q > INT64_MAX || q < -INT64_MAX)
		return false;
	*out = (int64_t)q;
	return true;
}

bool dec_to_fen(struct dec yuan, enum round_mode mode, int64_t *fen)
{
	i128 q;

	if (!round_scaled(yuan, 2, mode, &q) || q > INT64_MAX || q < -INT64_MAX)
		return false;
	*fen = (int64_t)q;
	return true;
}

bool dec_parse(const char *s, const char *field, struct dec *out, struct core_error *err)
{
	const char *p = s;
	i128 num = 0;
	int places = 0, ndigits = 0;
	bool neg = false, dot = false;

	if (!field)
		field = "value";
	if (!s || !*s)
		return core_error_set(err, CORE_ERR_FORMAT, field, "expected a decimal number, got nothing");
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p; p++) {
		if (*p == '.' && !dot) {
			dot = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			return core_error_set(err, CORE_ERR_FORMAT, field,
					      "expected a decimal number like 1980.50, got \"%.24s\"", s);
		if (dot && ++places > 9)
			return core_error_set(err, CORE_ERR_FORMAT, field,
					      "at most 9 decimals, got \"%.24s\"", s);
		num = num * 10 + (*p - '0');
		ndigits++;
		if (num > INT64_MAX)
			return core_error_set(err, CORE_ERR_OVERFLOW, field, "number too large: \"%.24s\"", s);
	}
	if (ndigits == 0 || (dot && places == 0))
		return core_error_set(err, CORE_ERR_FORMAT, field,
				      "expected a decimal number like 1980.50, got \"%.24s\"", s);
	if (!make(neg ? -num : num, pow10_128(places), out))
		return core_error_set(err, CORE_ERR_OVERFLOW, field, "number too large: \"%.24s\"", s);
	return true;
}

/* q / 10^places as text. */
static bool format_scaled(i128 q, int places, char *buf, size_t size)
{
	char tmp[64];
	size_t n = 0, len;
	bool neg = q < 0;

	q = abs128(q);
	do {
		tmp[n++] = (char)('0' + (int)(q % 10));
		q /= 10;
		if (n == (size_t)places)
			tmp[n++] = '.';
	} while (q > 0 || n <= (size_t)places + (places > 0));
	if (places == 0 && tmp[n - 1] == '.')
		n--;
	if (neg)
		tmp[n++] = '-';
	len = n;
	if (len + 1 > size)
		return false;
	for (size_t i = 0; i < len; i++)
		buf[i] = tmp[len - 1 - i];
	buf[len] = '\0';
	/* "-0.00" is not a useful answer */
	if (neg && strspn(buf + 1, "0.") == len - 1)
		memmove(buf, buf + 1, len);
	return true;
}

bool dec_format(struct dec a, int places, enum round_mode mode, char *buf, size_t size)
{
	i128 q;

	if (!buf || size == 0 || !round_scaled(a, places, mode, &q))
		return false;
	return format_scaled(q, places, buf, size);
}

bool money_parse_fen(const char *s, const char *field, int64_t *fen, struct core_error *err)
{
	struct dec d = {0, 1}, scaled;

	if (!field)
		field = "amount";
	if (!dec_parse(s, field, &d, err))
		return false;
	if (!dec_mul(d, dec_int(100), &scaled))
		return core_error_set(err, CORE_ERR_OVERFLOW, field, "amount too large: \"%.24s\"", s);
	if (!dec_is_int(scaled))
		return core_error_set(err, CORE_ERR_FORMAT, field,
				      "an amount has at most 2 decimals (fen), got \"%.24s\"", s);
	*fen = scaled.num / scaled.den;
	return true;
}

void money_format_fen(int64_t fen, char *buf, size_t size)
{
	if (!format_scaled(fen, 2, buf, size) && size > 0)
		buf[0] = '\0';
}
