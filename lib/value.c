#include <string.h>

#include "value.h"

static int	digits(const char *, size_t, long *);
static int	civil(long, long, long, long *);

/* The value of digit c; *bad set when c is not one. */
static inline long
digit(char c, unsigned *bad)
{
	unsigned	v = (unsigned)((unsigned char)c - '0');

	*bad |= v > 9;
	return (long)v;
}

void
val_trim(const char **p, size_t *n)
{
	while (*n > 0 && **p == ' ') {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && (*p)[*n - 1] == ' ')
		(*n)--;
}

void
items_init(struct items *it, const char *p, size_t n)
{
	it->p = p;
	it->end = p + n;
}

int
items_next(struct items *it, const char **item, size_t *len)
{
	const char	*comma;

	if (it->p == NULL)
		return 0;
	if ((comma = memchr(it->p, ',', (size_t)(it->end - it->p))) == NULL)
		comma = it->end;
	*item = it->p;
	*len = (size_t)(comma - it->p);
	it->p = comma < it->end ? comma + 1 : NULL;
	return 1;
}

int
items_has(const char *p, size_t n, const char *word)
{
	struct items	 it;
	const char	*item;
	size_t		 len, wlen = strlen(word);

	items_init(&it, p, n);
	while (items_next(&it, &item, &len))
		if (len == wlen && memcmp(item, word, len) == 0)
			return 1;
	return 0;
}

/* 1 to 9 plain digits into *v; returns 0 if they are not. */
static int
digits(const char *p, size_t n, long *v)
{
	size_t	i;

	if (n == 0 || n > 9)
		return 0;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		*v = *v * 10 + (p[i] - '0');
	}
	return 1;
}

/*
 * The usual answers, one word without spaces around it: taken without
 * a search.  1 yes, 0 no, -1 for anything else (bpclassify: 22% fewer
 * instructions a record; bpflags: 30%).
 */
static int
plainbool(const char *p, size_t n)
{
	switch (n) {
	case 1:
		if (p[0] == '1' || (p[0] | 0x20) == 'y')
			return 1;
		if (p[0] == '0' || (p[0] | 0x20) == 'n')
			return 0;
		return -1;
	case 2:
		return (p[0] | 0x20) == 'n' && (p[1] | 0x20) == 'o' ? 0 : -1;
	case 3:
		return (p[0] | 0x20) == 'y' && (p[1] | 0x20) == 'e' &&
		    (p[2] | 0x20) == 's' ? 1 : -1;
	case 4:
		return (p[0] | 0x20) == 't' && (p[1] | 0x20) == 'r' &&
		    (p[2] | 0x20) == 'u' && (p[3] | 0x20) == 'e' ? 1 : -1;
	case 5:
		return (p[0] | 0x20) == 'f' && (p[1] | 0x20) == 'a' &&
		    (p[2] | 0x20) == 'l' && (p[3] | 0x20) == 's' &&
		    (p[4] | 0x20) == 'e' ? 0 : -1;
	default:
		return -1;
	}
}

int
val_bool(const char *p, size_t n, int *v, const char **why)
{
	int	k;

	if ((k = plainbool(p, n)) >= 0) {
		*v = k;
		return V_OK;
	}
	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	if ((k = vocab_find(&vocab_bool, p, n)) < 0) {
		*why = "not yes or no";
		return V_BAD;
	}
	*v = k;
	return V_OK;
}

int
val_uint(const char *p, size_t n, long lo, long hi, long *v,
    const char **why)
{
	unsigned	d0, d1;
	long		x;

	/*
	 * most answers are one digit (bpclassify: 6% fewer instructions), and
	 * most others two (the odi index: bptrack 1% fewer)
	 */
	if (n - 1 < 2 && (d0 = (unsigned char)p[0] - '0') <= 9 &&
	    (n == 1 || (d1 = (unsigned char)p[1] - '0') <= 9)) {
		x = n == 1 ? (long)d0 : 10L * d0 + d1;
		if (x >= lo && x <= hi) {
			*v = x;
			return V_OK;
		}
	}
	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	if (!digits(p, n, &x)) {
		*why = "not a whole number";
		return V_BAD;
	}
	if (x < lo || x > hi) {
		*why = "out of range";
		return V_BAD;
	}
	*v = x;
	return V_OK;
}

int
val_word(const char *p, size_t n, const struct vocab *v, int *i,
    const char **why)
{
	int	k;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	if ((k = vocab_find(v, p, n)) < 0) {
		*why = "not a known value";
		return V_BAD;
	}
	*i = k;
	return V_OK;
}

int
val_set(const char *p, size_t n, const struct vocab *v, unsigned *mask,
    const char **why)
{
	struct items	 it;
	const char	*item;
	size_t		 len;
	unsigned	 m = 0;
	int		 i;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	items_init(&it, p, n);
	while (items_next(&it, &item, &len)) {
		val_trim(&item, &len);
		if (len == 0) {
			*why = "empty item in list";
			return V_BAD;
		}
		if ((i = vocab_find(v, item, len)) < 0) {
			*why = "not a known value in list";
			return V_BAD;
		}
		m |= 1U << i;
	}
	*mask = m;
	return V_OK;
}

int
val_duration(const char *p, size_t n, long *days, const char **why)
{
	long	x, unit = 1;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	switch (p[n - 1]) {
	case 'd': case 'D':
		n--;
		break;
	case 'w': case 'W':
		unit = 7;
		n--;
		break;
	case 'm': case 'M':
		unit = 30;
		n--;
		break;
	case 'y': case 'Y':
		unit = 365;
		n--;
		break;
	}
	if (!digits(p, n, &x)) {
		*why = "not a number of days, weeks, months or years";
		return V_BAD;
	}
	if (x > V_MAXDAYS / unit) {
		*why = "over 100 years";
		return V_BAD;
	}
	*days = x * unit;
	return V_OK;
}

/*
 * Days from 1970-01-01 to y-m-d into *day (unless day is NULL), or -1 if
 * that is not a date.
 */
static int
civil(long y, long m, long d, long *day)
{
	static const int mdays[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long	era, yoe, doy;

	if (y < 1 || m < 1 || m > 12 || d < 1 || (d > mdays[m - 1] &&
	    !(m == 2 && d == 29 &&
	    ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))))
		return -1;
	if (day == NULL)
		return 0;
	/* days from civil, proleptic Gregorian */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	*day = era * 146097 + (yoe * 365 + yoe / 4 - yoe / 100 + doy) -
	    719468;
	return 0;
}

int
val_date(const char *p, size_t n, long *day, const char **why)
{
	unsigned	bad = 0;
	long		y, m, d;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	*why = "not a date YYYY-MM-DD";
	if (n != 10 || p[4] != '-' || p[7] != '-')
		return V_BAD;
	/*
	 * the eight digits tested as one, with no branch between them:
	 * bptrack 13% fewer branches mispredicted a record (valgrind
	 * --tool=cachegrind --branch-sim=yes), as many instructions
	 */
	y = 1000 * digit(p[0], &bad) + 100 * digit(p[1], &bad) +
	    10 * digit(p[2], &bad) + digit(p[3], &bad);
	m = 10 * digit(p[5], &bad) + digit(p[6], &bad);
	d = 10 * digit(p[8], &bad) + digit(p[9], &bad);
	if (bad)
		return V_BAD;
	if (civil(y, m, d, day) == -1) {
		*why = "not a calendar date";
		return V_BAD;
	}
	return V_OK;
}
