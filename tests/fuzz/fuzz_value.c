/*
 * Harness 2: the value parsers, lib/value.c (and vocab_find() of
 * lib/vocab.c, which they look words up with).
 *
 * The input is cut at TAB into slices; each slice is copied into a
 * block of its own, exactly as long, so that ASan sees any byte read
 * past p + n (or before p), and goes through every function of
 * lib/value.h.  Their results are checked against bp(7) Values as
 * restated here, a reference model apart from lib/value.c: V_EMPTY
 * exactly for a field that is empty or all spaces, V_OK with the value
 * the rules give, V_BAD with a reason otherwise, nothing stored on
 * V_EMPTY or V_BAD, and a valid date read back to the same text.  The
 * first byte of the input also picks the bounds given to val_uint().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "value.h"
#include "vocab.h"

#define SENTINEL	(-777)

/* 32 words, the most val_set() takes; "w31" is bit 31. */
#define W(s)	{ s, sizeof(s) - 1 }
static const struct word many_words[] = {
	W("w0"), W("w1"), W("w2"), W("w3"), W("w4"), W("w5"), W("w6"),
	W("w7"), W("w8"), W("w9"), W("w10"), W("w11"), W("w12"), W("w13"),
	W("w14"), W("w15"), W("w16"), W("w17"), W("w18"), W("w19"),
	W("w20"), W("w21"), W("w22"), W("w23"), W("w24"), W("w25"),
	W("w26"), W("w27"), W("w28"), W("w29"), W("w30"), W("w31"),
	{ NULL, 0 }
};
static const struct vocab	many = { many_words, NULL };
static const struct vocab	sites = { site_words, NULL };

/* The lists looked up: a word's value, or its index when none. */
static const struct vocab *const vocabs[] = {
	&vocab_bool, &vocab_agree, &vocab_bother, &sites, &many
};
#define NVOCABS	(sizeof(vocabs) / sizeof(vocabs[0]))

/* A byte as bp(7) compares words: case aside, space or hyphen as _. */
static int
fold(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c == ' ' || c == '-' ? '_' : c;
}

static void
trim(const char **p, size_t *n)
{
	while (*n > 0 && (*p)[0] == ' ') {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && (*p)[*n - 1] == ' ')
		(*n)--;
}

/* The value of the word (p, n) in v, or -1 (vocab.h, vocab_find()). */
static int
lookup(const struct vocab *v, const char *p, size_t n)
{
	size_t	i, k;

	for (i = 0; v->words[i].s != NULL; i++) {
		if (v->words[i].n != n)
			continue;
		for (k = 0; k < n && (p[k] == v->words[i].s[k] ||
		    fold((unsigned char)p[k]) == v->words[i].s[k]); k++)
			;
		if (k == n)
			return v->value != NULL ? v->value[i] : (int)i;
	}
	return -1;
}

/* Plain digits, 1 to 9 of them, as bp(7) numbers; -1 if not. */
static long
number(const char *p, size_t n)
{
	long	v = 0;
	size_t	i;

	if (n == 0 || n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* The days-from-1970 of val_date() back to a date (Hinnant's civil). */
static void
civil(long z, long *y, long *m, long *d)
{
	long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

static int
realdate(long y, long m, long d)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			leap = (y % 4 == 0 && y % 100 != 0) ||
				    y % 400 == 0;

	return y >= 1 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days[m - 1] + (m == 2 && leap);
}

/*
 * What a parser returned against the model: want is -1 for V_BAD, 0
 * for V_EMPTY, 1 for V_OK (then got == value); stored: the result was
 * written.
 */
static void
agree(const char *fn, int r, int want, long got, long value, int stored,
    const char *why)
{
	if ((r == V_BAD ? -1 : r == V_EMPTY ? 0 : r == V_OK ? 1 : 2) != want) {
		fprintf(stderr, "%s: returned %d, the model says %d\n", fn, r,
		    want);
		fz_fail("a parser's answer differs from the model");
	}
	if (r == V_OK && got != value) {
		fprintf(stderr, "%s: %ld, the model says %ld\n", fn, got,
		    value);
		fz_fail("a parser's value differs from the model");
	}
	if (r != V_OK && stored)
		fz_fail("a result stored on V_EMPTY or V_BAD");
	if (r == V_BAD && (why == NULL || *why == '\0'))
		fz_fail("V_BAD without a reason");
}

/* 1 if an item of the comma list (p, n) is word, byte for byte. */
static int
has(const char *p, size_t n, const char *word)
{
	const char	*end = p + n, *c;
	size_t		 wn = strlen(word);

	for (;; p = c + 1) {
		if ((c = memchr(p, ',', (size_t)(end - p))) == NULL)
			c = end;
		if ((size_t)(c - p) == wn && memcmp(p, word, wn) == 0)
			return 1;
		if (c == end)
			return 0;
	}
}

/* The items of a comma list give the list back; items_has() finds them. */
static void
items(const char *p, size_t n)
{
	static const char *const some[] = { "hip", "none", "", "w31" };
	struct items	 it;
	const char	*item, *q = p;
	size_t		 len, k = 0, commas = 0, i;

	for (i = 0; i < n; i++)
		commas += p[i] == ',';
	items_init(&it, p, n);
	while (items_next(&it, &item, &len)) {
		if (item != q || len > n - (size_t)(q - p) ||
		    memchr(item, ',', len) != NULL)
			fz_fail("items_next: an item not in its place");
		q += len;
		if (q < p + n && *q++ != ',')
			fz_fail("items_next: items not split at commas");
		k++;
	}
	if (k != commas + 1 || q != p + n)
		fz_fail("items_next: not one item more than commas");
	if (items_next(&it, &item, &len) != 0)
		fz_fail("items_next: an item after the last");
	for (i = 0; i < sizeof(some) / sizeof(some[0]); i++)
		if (items_has(p, n, some[i]) != has(p, n, some[i]))
			fz_fail("items_has differs from the model");
}

/* val_trim() against the model's trim. */
static void
trimmed(const char *p, size_t n, const char **q, size_t *k)
{
	const char	*tq = p;
	size_t		 tk = n;

	*q = p;
	*k = n;
	val_trim(q, k);
	trim(&tq, &tk);
	if (*q != tq || *k != tk)
		fz_fail("val_trim differs from removing spaces around");
}

static void
bools(const char *p, size_t n, const char *q, size_t k)
{
	const char	*why = NULL;
	int		 r, v = SENTINEL, want;

	r = val_bool(p, n, &v, &why);
	want = lookup(&vocab_bool, q, k);
	agree("val_bool", r, k == 0 ? 0 : want < 0 ? -1 : 1, v, want,
	    v != SENTINEL, why);
}

static void
uints(const char *p, size_t n, const char *q, size_t k, long lo, long hi)
{
	const char	*why = NULL;
	long		 v = SENTINEL, x = number(q, k);
	int		 r;

	r = val_uint(p, n, lo, hi, &v, &why);
	agree("val_uint", r, k == 0 ? 0 : x >= lo && x <= hi ? 1 : -1, v, x,
	    v != SENTINEL, why);
}

static void
words(const char *p, size_t n, const char *q, size_t k)
{
	const char	*why;
	size_t		 i;
	int		 r, v, want;

	for (i = 0; i < NVOCABS; i++) {
		v = SENTINEL;
		why = NULL;
		r = val_word(p, n, vocabs[i], &v, &why);
		want = lookup(vocabs[i], q, k);
		agree("val_word", r, k == 0 ? 0 : want < 0 ? -1 : 1, v, want,
		    v != SENTINEL, why);
		if (vocab_find(vocabs[i], p, n) != lookup(vocabs[i], p, n))
			fz_fail("vocab_find differs from the model");
	}
}

/* A comma list of words of v, trimmed (q, k), as the model reads it. */
static int
set(const struct vocab *v, const char *q, size_t k, unsigned *mask)
{
	const char	*it, *c, *end = q + k;
	size_t		 len;
	int		 x;

	*mask = 0;
	for (it = q; ; it = c + 1) {
		if ((c = memchr(it, ',', (size_t)(end - it))) == NULL)
			c = end;
		len = (size_t)(c - it);
		trim(&it, &len);
		if (len == 0 || (x = lookup(v, it, len)) < 0)
			return -1;
		*mask |= 1U << x;
		if (c == end)
			return 1;
	}
}

static void
sets(const char *p, size_t n, const char *q, size_t k)
{
	static const struct vocab *const lists[] = { &sites, &many };
	const char	*why;
	unsigned	 mask, want;
	size_t		 i;
	int		 r;

	for (i = 0; i < 2; i++) {
		mask = 0xdeadbeefu;
		why = NULL;
		r = val_set(p, n, lists[i], &mask, &why);
		agree("val_set", r, k == 0 ? 0 : set(lists[i], q, k, &want),
		    (long)mask, (long)want, mask != 0xdeadbeefu, why);
	}
}

static void
durations(const char *p, size_t n, const char *q, size_t k)
{
	const char	*why = NULL;
	long		 v = SENTINEL, unit = 1, x, want = -1;
	size_t		 dn = k;
	int		 r;

	if (k > 0) {
		switch (fold((unsigned char)q[k - 1])) {
		case 'd': dn--; break;
		case 'w': unit = 7; dn--; break;
		case 'm': unit = 30; dn--; break;
		case 'y': unit = 365; dn--; break;
		}
		if ((x = number(q, dn)) >= 0 && x * unit <= V_MAXDAYS)
			want = x * unit;
	}
	r = val_duration(p, n, &v, &why);
	agree("val_duration", r, k == 0 ? 0 : want >= 0 ? 1 : -1, v, want,
	    v != SENTINEL, why);
}

static void
dates(const char *p, size_t n, const char *q, size_t k)
{
	const char	*why = NULL, *why2 = NULL;
	char		 back[32];
	long		 v = SENTINEL, y = 0, m = 0, d = 0;
	int		 r, ok;

	ok = k == 10 && q[4] == '-' && q[7] == '-' &&
	    (y = number(q, 4)) >= 0 && (m = number(q + 5, 2)) >= 0 &&
	    (d = number(q + 8, 2)) >= 0 && realdate(y, m, d);
	r = val_date(p, n, &v, &why);
	agree("val_date", r, k == 0 ? 0 : ok ? 1 : -1, v, v, v != SENTINEL,
	    why);
	if (val_date(p, n, NULL, &why2) != r)
		fz_fail("a date checked only differs from one counted");
	if (r != V_OK)
		return;
	civil(v, &y, &m, &d);
	snprintf(back, sizeof(back), "%04ld-%02ld-%02ld", y, m, d);
	if (memcmp(back, q, 10) != 0) {
		fprintf(stderr, "%.10s -> %ld -> %s\n", q, v, back);
		fz_fail("val_date does not read back");
	}
}

/* Every parser on one field (p, n), a block of exactly n bytes. */
static void
field(const char *p, size_t n, long lo, long hi)
{
	const char	*q;
	size_t		 k;

	trimmed(p, n, &q, &k);
	items(p, n);
	bools(p, n, q, k);
	uints(p, n, q, k, lo, hi);
	words(p, n, q, k);
	sets(p, n, q, k);
	durations(p, n, q, k);
	dates(p, n, q, k);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long	 bounds[][2] = {
		{ 0, 10 }, { 0, 5 }, { 0, 120 }, { 0, 999999999 }, { 1, 12 },
		{ 5, 5 }, { 100, 0 }, { 0, 0 }
	};
	const char		*p, *end, *tab;
	char			*s;
	size_t			 n;
	long			 lo, hi;

	if (size == 0)
		return 0;
	lo = bounds[data[0] % 8][0];
	hi = bounds[data[0] % 8][1];
	for (p = (const char *)data + 1, end = (const char *)data + size; ;
	    p = tab + 1) {
		if ((tab = memchr(p, '\t', (size_t)(end - p))) == NULL)
			tab = end;
		n = (size_t)(tab - p);
		/* malloc(0) too gives a block ASan guards */
		if ((s = malloc(n)) == NULL && n > 0)
			fz_fail("malloc");
		if (n > 0)
			memcpy(s, p, n);
		if (s != NULL)
			field(s, n, lo, hi);
		free(s);
		if (tab == end)
			break;
	}
	return 0;
}
