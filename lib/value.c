#include <string.h>

#include "value.h"

const signed char val_bool1[256] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1
};

static int	lower(int);

/* c in lower case, for ASCII letters only: the words are ASCII. */
static int
lower(int c)
{
	/* without a branch: this runs for every byte of every word */
	return c + (((unsigned)c - 'A' < 26) << 5);
}

int
val_eq(const char *p, size_t n, const char *word)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' || lower((unsigned char)p[i]) != word[i])
			return 0;
	return word[n] == '\0';
}

void
vocab_init(struct vocab *v, const char *const *words)
{
	int	i;

	v->word = words;
	for (i = 0; i < V_MAXWORDS && words[i] != NULL; i++) {
		v->len[i] = strlen(words[i]);
		v->key[i] = val_key(words[i], v->len[i]);
	}
	v->n = i;
}

int
vocab_find(const struct vocab *v, const char *p, size_t n)
{
	uint64_t	k = val_key(p, n);
	int		i;

	for (i = 0; i < v->n; i++)
		if (v->key[i] == k && v->len[i] == n &&
		    (n <= 8 || val_eq(p + 8, n - 8, v->word[i] + 8)))
			return i;
	return -1;
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
	const char	*item, *end, *comma;
	size_t		 len;
	unsigned	 m = 0;
	int		 i;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	for (item = p, end = p + n; item <= end; item = comma + 1) {
		comma = memchr(item, ',', (size_t)(end - item));
		if (comma == NULL)
			comma = end;
		len = (size_t)(comma - item);
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
	if (!val_digits(p, n, &x)) {
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

int
val_date(const char *p, size_t n, long *day, const char **why)
{
	static const int mdays[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long	y, m, d, era, yoe, doy;
	int	leap;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	*why = "not a date YYYY-MM-DD";
	if (n != 10 || p[4] != '-' || p[7] != '-' || !val_digits(p, 4, &y) ||
	    !val_digits(p + 5, 2, &m) || !val_digits(p + 8, 2, &d))
		return V_BAD;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap)) {
		*why = "not a calendar date";
		return V_BAD;
	}
	/* days from civil, proleptic Gregorian */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	*day = era * 146097 + (yoe * 365 + yoe / 4 - yoe / 100 + doy) -
	    719468;
	return V_OK;
}
