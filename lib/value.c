#include <string.h>

#include "bits.h"
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

const uint64_t val_lenmask[9] = {
	0, 0xff, 0xffff, 0xffffff, 0xffffffffULL, 0xffffffffffULL,
	0xffffffffffffULL, 0xffffffffffffffULL, ~0ULL
};

/* The entries of val_boolkey[], and where val_boolat[] files them. */
enum { B_NONE, B_EMPTY, B_Y, B_YES, B_TRUE, B_1, B_N, B_NO, B_FALSE, B_0 };

const unsigned char val_boolat[32][7] = {
	[0] = { B_EMPTY }, [1] = { B_EMPTY }, [2] = { B_EMPTY },
	[3] = { B_EMPTY }, [4] = { B_EMPTY }, [5] = { B_EMPTY },
	[6] = { B_EMPTY, [5] = B_FALSE }, [7] = { B_EMPTY },
	[8] = { B_EMPTY }, [9] = { B_EMPTY }, [10] = { B_EMPTY },
	[11] = { B_EMPTY }, [12] = { B_EMPTY }, [13] = { B_EMPTY },
	[14] = { B_EMPTY, B_N, B_NO }, [15] = { B_EMPTY },
	[16] = { B_EMPTY, B_0 }, [17] = { B_EMPTY, B_1 },
	[18] = { B_EMPTY }, [19] = { B_EMPTY },
	[20] = { B_EMPTY, [4] = B_TRUE }, [21] = { B_EMPTY },
	[22] = { B_EMPTY }, [23] = { B_EMPTY }, [24] = { B_EMPTY },
	[25] = { B_EMPTY, B_Y, [3] = B_YES }, [26] = { B_EMPTY },
	[27] = { B_EMPTY }, [28] = { B_EMPTY }, [29] = { B_EMPTY },
	[30] = { B_EMPTY }, [31] = { B_EMPTY }
};
const uint64_t val_boolkey[10] = {
	0x100, 0, 'y', VAL_KEY('y', 'e', 's', 0, 0, 0, 0, 0),
	VAL_KEY('t', 'r', 'u', 'e', 0, 0, 0, 0), '1', 'n',
	VAL_KEY('n', 'o', 0, 0, 0, 0, 0, 0),
	VAL_KEY('f', 'a', 'l', 's', 'e', 0, 0, 0), '0'
};
const signed char val_boolr[10] = {
	V_BAD, V_EMPTY, V_OK, V_OK, V_OK, V_OK, V_OK, V_OK, V_OK, V_OK
};
const signed char val_boolv[10] = { 0, 0, 1, 1, 1, 1, 0, 0, 0, 0 };

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
	uint64_t	mul = 0x9e3779b97f4a7c15ULL;
	unsigned	h;
	int		i, try;

	v->word = words;
	v->fast = 1;
	for (i = 0; i < V_MAXWORDS && words[i] != NULL; i++) {
		v->len[i] = strlen(words[i]);
		v->key[i] = val_key(words[i], v->len[i]);
		v->key2[i] = v->len[i] > 8 ?
		    val_key(words[i] + 8, v->len[i] - 8) : 0;
		if (v->len[i] > 16)
			v->fast = 0;
	}
	v->n = i;
	/*
	 * A hash with no two words in one slot: multipliers are tried in
	 * turn (a few, for the lists of bp(7); a 32-word list needs some
	 * tens).  Words longer than 16 bytes are found the slow way.
	 */
	for (try = 0; v->fast; try++) {
		if (try == 100000) {
			v->fast = 0;
			break;
		}
		memset(v->slot, 0, sizeof(v->slot));
		for (i = 0; i < v->n; i++) {
			h = vocab_hash(mul, v->key[i], v->key2[i], v->len[i]);
			if (v->slot[h] != 0)
				break;
			v->slot[h] = (unsigned char)(i + 1);
		}
		if (i == v->n)
			break;
		/* the next odd multiplier, from a 64-bit LCG */
		mul = (mul * 6364136223846793005ULL + 1442695040888963407ULL) |
		    1;
	}
	v->mul = mul;
	/* the first letter (its case folded) and the length, if they do */
	memset(v->at, 0, sizeof(v->at));
	for (v->direct = v->fast, i = 0; v->direct && i < v->n; i++) {
		h = (unsigned)(words[i][0] | 0x20) & 31;
		if (v->at[h][v->len[i]] != 0)
			v->direct = 0;
		v->at[h][v->len[i]] = (unsigned char)(i + 1);
	}
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

static int
word(const char *p, size_t n, const struct vocab *v, int padded)
{
	return padded && v->fast && n <= 16 ? vocab_findp(v, p, n) :
	    vocab_find(v, p, n);
}

static int
oneword(const char *p, size_t n, const struct vocab *v, int *i,
    const char **why, int padded)
{
	int	k;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	if ((k = word(p, n, v, padded)) < 0) {
		*why = "not a known value";
		return V_BAD;
	}
	*i = k;
	return V_OK;
}

static int
wordset(const char *p, size_t n, const struct vocab *v, unsigned *mask,
    const char **why, int padded)
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
		if ((i = word(item, len, v, padded)) < 0) {
			*why = "not a known value in list";
			return V_BAD;
		}
		m |= 1U << i;
	}
	*mask = m;
	return V_OK;
}

int
val_word(const char *p, size_t n, const struct vocab *v, int *i,
    const char **why)
{
	return oneword(p, n, v, i, why, 0);
}

int
val_wordp_slow(const char *p, size_t n, const struct vocab *v, int *i,
    const char **why)
{
	return oneword(p, n, v, i, why, 1);
}

int
val_set(const char *p, size_t n, const struct vocab *v, unsigned *mask,
    const char **why)
{
	return wordset(p, n, v, mask, why, 0);
}

/* The index of the first comma of the 16 bytes from p, or 16. */
static size_t
comma16(const char *p)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	low7 = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t	x, y;
	size_t		i;

	for (i = 0; i < 16; i += 8) {
		x = val_bytes(p + i, 8) ^ ones * ',';
		/* 0x80 in each byte that was a comma */
		if ((y = ~(((x & low7) + low7) | x | low7)) != 0)
			return i + (size_t)bits_low(y) / 8;
	}
	return 16;
}

int
val_setp(const char *p, size_t n, const struct vocab *v, unsigned *mask,
    const char **why)
{
	const char	*end = p + n, *item;
	size_t		 len;
	unsigned	 m = 0;
	int		 i;

	/*
	 * Items without spaces around them, known, so at most 16 bytes:
	 * each is found with two word loads, without trimming.
	 */
	if (n == 0)
		return V_EMPTY;
	if (!v->fast)
		return wordset(p, n, v, mask, why, 1);
	for (item = p; ; item += len + 1) {
		if ((len = comma16(item)) > (size_t)(end - item))
			len = (size_t)(end - item);
		else if (len == 16)	/* no comma in 16 bytes: too long */
			return wordset(p, n, v, mask, why, 1);
		if (len == 0 || item[0] == ' ' ||
		    item[len - 1] == ' ' ||
		    (i = vocab_findp(v, item, len)) < 0)
			return wordset(p, n, v, mask, why, 1);
		m |= 1U << i;
		if (item + len == end)
			break;
	}
	*mask = m;
	return V_OK;
}

int
val_duration(const char *p, size_t n, long *days, const char **why)
{
	long	x, unit = 1, max = V_MAXDAYS;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	/* the most of each unit as a constant: no division */
	switch (p[n - 1]) {
	case 'd': case 'D':
		n--;
		break;
	case 'w': case 'W':
		unit = 7;
		max = V_MAXDAYS / 7;
		n--;
		break;
	case 'm': case 'M':
		unit = 30;
		max = V_MAXDAYS / 30;
		n--;
		break;
	case 'y': case 'Y':
		unit = 365;
		max = V_MAXDAYS / 365;
		n--;
		break;
	}
	if (!val_digits(p, n, &x)) {
		*why = "not a number of days, weeks, months or years";
		return V_BAD;
	}
	if (x > max) {
		*why = "over 100 years";
		return V_BAD;
	}
	*days = x * unit;
	return V_OK;
}

int
val_durationp(const char *p, size_t n, long *days, const char **why)
{
	/* a unit letter: its days, and the most of it in 100 years */
	static const unsigned short unit[256] = {
		['d'] = 1, ['D'] = 1, ['w'] = 7, ['W'] = 7, ['m'] = 30,
		['M'] = 30, ['y'] = 365, ['Y'] = 365
	};
	const uint64_t	ones = 0x0101010101010101ULL;
	uint64_t	x, z, mask;
	long		u;
	size_t		m;

	/* 1 to 8 digits and maybe a unit, no spaces; else the long way */
	if (n == 0)
		return V_EMPTY;
	if (n > 9)
		return val_duration(p, n, days, why);
	u = unit[(unsigned char)p[n - 1]];
	m = n - (u != 0);
	if (m == 0 || m > 8)
		return val_duration(p, n, days, why);
	mask = val_lenmask[m];
	/* the digits as numbers, '0' past them: each byte must be 0-9 */
	z = val_bytes(p, m) | (ones * '0' & ~mask);
	z -= ones * '0';
	if (((z | (z + ones * 6)) & ones * 0xf0) != 0)
		return val_duration(p, n, days, why);
	/*
	 * The digits to the top of the word (zeros lead), then paired up
	 * three times: the first digit is the most significant.
	 */
	z <<= 8 * (8 - m);
	z = (z * (1 + (10 << 8))) >> 8 & 0x00ff00ff00ff00ffULL;
	z = (z * (1 + (100 << 16))) >> 16 & 0x0000ffff0000ffffULL;
	x = (z * (1 + (10000ULL << 32))) >> 32;
	if (u == 0)
		u = 1;
	if ((long)x > V_MAXDAYS / u)
		return val_duration(p, n, days, why);	/* says why */
	*days = (long)x * u;
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
	long	y, m, d;

	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	*why = "not a date YYYY-MM-DD";
	if (n != 10 || p[4] != '-' || p[7] != '-' || !val_digits(p, 4, &y) ||
	    !val_digits(p + 5, 2, &m) || !val_digits(p + 8, 2, &d))
		return V_BAD;
	if (civil(y, m, d, day) == -1) {
		*why = "not a calendar date";
		return V_BAD;
	}
	return V_OK;
}

int
val_datep(const char *p, size_t n, long *day, const char **why)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	uint64_t	x, z, lo, hi;
	long		y, m, d;

	if (n == 0)
		return V_EMPTY;
	if (n != 10)
		return val_date(p, n, day, why);
	x = val_bytes(p, 8);
	/* YYYY-MM-: the dashes made zeros, every byte a digit? */
	z = (x ^ ('-' ^ '0') * (1ULL << 32 | 1ULL << 56)) - ones * '0';
	lo = (unsigned char)p[8] - '0';
	hi = (unsigned char)p[9] - '0';
	/* a byte below '0' (borrow) or above '9', or no dash */
	if (((z | (z + ones * 6)) & ones * 0xf0) != 0 ||
	    (z & (0xffULL << 32 | 0xffULL << 56)) != 0 || lo > 9 || hi > 9)
		return val_date(p, n, day, why);
	y = (long)((z & 0xff) * 1000 + (z >> 8 & 0xff) * 100 +
	    (z >> 16 & 0xff) * 10 + (z >> 24 & 0xff));
	m = (long)((z >> 40 & 0xff) * 10 + (z >> 48 & 0xff));
	d = (long)(lo * 10 + hi);
	if (civil(y, m, d, day) == -1) {
		*why = "not a calendar date";
		return V_BAD;
	}
	return V_OK;
}
