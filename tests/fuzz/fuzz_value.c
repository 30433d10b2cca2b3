/*
 * Harness 2: the value parsers, lib/value.c.
 *
 * The input is cut at TAB into slices; every slice goes through every
 * val_* function of lib/value.h, whose results are checked against bp(7)
 * INTAKE COLUMNS as restated here, independently of lib/value.c:
 * V_EMPTY exactly for a field that is empty or all spaces, nothing
 * stored on V_EMPTY or V_BAD, every V_OK value in its range and equal
 * to what the rules give, and a valid date read back to the same text.
 * The first byte of the input also picks the bounds given to val_uint.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "tsv.h"
#include "value.h"

#define SENTINEL	(-777)

static const char *const sb9[] = {
	"not_at_all", "slightly", "moderately", "very", "extremely", NULL
};
static const char *const site[] = {
	"low_back", "upper_back", "buttock", "hip", "groin", "thigh", NULL
};
/* 32 words, the most val_set takes; "w31" is bit 31. */
static const char *const many[] = {
	"w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10",
	"w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19", "w20",
	"w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29", "w30",
	"w31", NULL
};
static struct vocab	sb9_v, site_v, many_v;

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* (p, n) equals word ignoring ASCII case. */
static int
same(const char *p, size_t n, const char *word)
{
	size_t	i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)p[i]) != word[i])
			return 0;
	return 1;
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

/* Plain digits, 1 to 9 of them, as bp(7) integers; -1 if not. */
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

static int
word(const char *p, size_t n, const char *const *w)
{
	int	i;

	for (i = 0; w[i] != NULL; i++)
		if (same(p, n, w[i]))
			return i;
	return -1;
}

/* The days-from-1970 of val_date back to a date (Hinnant's civil). */
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

/* Every value rule, on one field (p, n). */
static void
field(const char *p, size_t n, long lo, long hi)
{
	const char	*q = p, *why;
	size_t		 k = n, i;
	long		 v, y, m, d, want;
	unsigned	 mask;
	int		 r, iv, empty;

	val_trim(&q, &k);
	if (q < p || q + k > p + n || (k > 0 && (q[0] == ' ' ||
	    q[k - 1] == ' ')))
		fz_fail("val_trim");
	{
		const char	*tq = p;
		size_t		 tk = n;

		trim(&tq, &tk);
		if (tq != q || tk != k)
			fz_fail("val_trim differs from trimming spaces");
	}
	empty = k == 0;

	/* bool */
	iv = SENTINEL;
	why = NULL;
	r = val_bool(p, n, &iv, &why);
	if (empty ? r != V_EMPTY : r == V_EMPTY)
		fz_fail("val_bool empty");
	want = word(q, k, (const char *const[]){ "n", "no", "false", "0",
	    NULL }) >= 0 ? 0 : word(q, k, (const char *const[]){ "y", "yes",
	    "true", "1", NULL }) >= 0 ? 1 : -1;
	if (r == V_OK && iv != want)
		fz_fail("val_bool value");
	if (r == V_BAD && (want != -1 || why == NULL || iv != SENTINEL))
		fz_fail("val_bool bad");

	/* uint */
	v = SENTINEL;
	why = NULL;
	r = val_uint(p, n, lo, hi, &v, &why);
	want = number(q, k);
	if (empty ? r != V_EMPTY : r == V_EMPTY)
		fz_fail("val_uint empty");
	if (r == V_OK && (v != want || v < lo || v > hi))
		fz_fail("val_uint value");
	if (r == V_BAD && ((want >= lo && want <= hi) || why == NULL ||
	    v != SENTINEL))
		fz_fail("val_uint bad");

	/* word */
	iv = SENTINEL;
	why = NULL;
	r = val_word(p, n, &sb9_v, &iv, &why);
	if (empty ? r != V_EMPTY : r == V_EMPTY)
		fz_fail("val_word empty");
	if (r == V_OK && iv != word(q, k, sb9))
		fz_fail("val_word value");
	if (r == V_BAD && (word(q, k, sb9) >= 0 || why == NULL ||
	    iv != SENTINEL))
		fz_fail("val_word bad");

	/* set, with 6 words and with 32 */
	for (i = 0; i < 2; i++) {
		const char *const	*w = i == 0 ? site : many;
		const struct vocab	*wv = i == 0 ? &site_v : &many_v;
		const char		*it, *end, *c;
		unsigned		 want_mask = 0;
		int			 ok = 1, x;
		size_t			 len;

		mask = 0xdeadbeefu;
		why = NULL;
		r = val_set(p, n, wv, &mask, &why);
		if (empty ? r != V_EMPTY : r == V_EMPTY)
			fz_fail("val_set empty");
		if (empty)
			continue;
		for (it = q, end = q + k; ; it = c + 1) {
			if ((c = memchr(it, ',', (size_t)(end - it))) == NULL)
				c = end;
			len = (size_t)(c - it);
			trim(&it, &len);
			if ((x = word(it, len, w)) < 0)
				ok = 0;
			else
				want_mask |= 1U << x;
			if (c == end)
				break;
		}
		if (r == V_OK && (!ok || mask != want_mask || mask == 0))
			fz_fail("val_set value");
		if (r == V_BAD && (ok || why == NULL || mask != 0xdeadbeefu))
			fz_fail("val_set bad");
	}

	/* duration */
	v = SENTINEL;
	why = NULL;
	r = val_duration(p, n, &v, &why);
	if (empty ? r != V_EMPTY : r == V_EMPTY)
		fz_fail("val_duration empty");
	want = -1;
	if (k > 0) {
		long	unit = 1, x;
		size_t	dn = k;

		switch (lower((unsigned char)q[k - 1])) {
		case 'd': dn--; break;
		case 'w': unit = 7; dn--; break;
		case 'm': unit = 30; dn--; break;
		case 'y': unit = 365; dn--; break;
		}
		if ((x = number(q, dn)) >= 0 && x * unit <= V_MAXDAYS)
			want = x * unit;
	}
	if (r == V_OK && (v != want || v < 0 || v > V_MAXDAYS))
		fz_fail("val_duration value");
	if (r == V_BAD && (want >= 0 || why == NULL || v != SENTINEL))
		fz_fail("val_duration bad");

	/* date */
	v = SENTINEL;
	why = NULL;
	r = val_date(p, n, &v, &why);
	if (empty ? r != V_EMPTY : r == V_EMPTY)
		fz_fail("val_date empty");
	want = k == 10 && q[4] == '-' && q[7] == '-' &&
	    (y = number(q, 4)) >= 0 && (m = number(q + 5, 2)) >= 0 &&
	    (d = number(q + 8, 2)) >= 0 && realdate(y, m, d);
	if (r == V_OK) {
		char	back[16];

		if (!want)
			fz_fail("val_date took a bad date");
		civil(v, &y, &m, &d);
		snprintf(back, sizeof(back), "%04ld-%02ld-%02ld", y, m, d);
		if (memcmp(back, q, 10) != 0) {
			fprintf(stderr, "%.10s -> %ld -> %s\n", q, v, back);
			fz_fail("val_date does not read back");
		}
	}
	if (r == V_BAD && (want || why == NULL || v != SENTINEL))
		fz_fail("val_date bad");

	/* eq */
	if (val_eq(p, n, "yes") != same(p, n, "yes") ||
	    val_eq(p, n, "not_at_all") != same(p, n, "not_at_all"))
		fz_fail("val_eq");
}

/*
 * The parsers for a record's field, which read whole words past its end
 * (TSV_PAD bytes), give what the others give whatever those bytes are:
 * here the pad is filled from junk.  A field never holds a NUL byte.
 */
static void
padded(const char *p, size_t n, long lo, long hi, const char *junk,
    size_t njunk)
{
	const char	*why, *why2;
	char		*s;
	size_t		 i;
	long		 v = SENTINEL, v2 = SENTINEL;
	unsigned	 mask = 0, mask2 = 0;
	int		 r, r2, iv = SENTINEL, iv2 = SENTINEL, k;

	if (memchr(p, '\0', n) != NULL ||
	    (s = malloc(n + TSV_PAD)) == NULL)
		return;
	memcpy(s, p, n);
	for (i = 0; i < TSV_PAD; i++)
		s[n + i] = njunk > 0 ? junk[i % njunk] : (char)i;
	r = val_bool(p, n, &iv, &why);
	r2 = val_boolp(s, n, &iv2, &why2);
	if (r != r2 || (r == V_OK && iv != iv2))
		fz_fail("val_boolp differs from val_bool");
	r = val_uint(p, n, lo, hi, &v, &why);
	r2 = val_uintp(s, n, lo, hi, &v2, &why2);
	if (r != r2 || (r == V_OK && v != v2))
		fz_fail("val_uintp differs from val_uint");
	for (k = 0; k < 3; k++) {
		const struct vocab	*w = k == 0 ? &sb9_v : k == 1 ?
					    &site_v : &many_v;

		iv = iv2 = SENTINEL;
		r = val_word(p, n, w, &iv, &why);
		r2 = val_wordp(s, n, w, &iv2, &why2);
		if (r != r2 || (r == V_OK && iv != iv2))
			fz_fail("val_wordp differs from val_word");
		r = val_set(p, n, w, &mask, &why);
		r2 = val_setp(s, n, w, &mask2, &why2);
		if (r != r2 || (r == V_OK && mask != mask2))
			fz_fail("val_setp differs from val_set");
	}
	/* byte for byte, in the lists of short words */
	for (k = 0; k < 3 && n >= 1 && n <= 16; k++) {
		const struct vocab	*w = k == 0 ? &sb9_v : k == 1 ?
					    &site_v : &many_v;
		int			 want = -1, j;

		for (j = 0; j < w->n; j++)
			if (strlen(w->word[j]) == n &&
			    memcmp(w->word[j], p, n) == 0)
				want = j;
		if (w->fast && vocab_findx(w, s, n) != want)
			fz_fail("vocab_findx is not a byte-for-byte match");
	}
	v = v2 = SENTINEL;
	r = val_duration(p, n, &v, &why);
	r2 = val_durationp(s, n, &v2, &why2);
	if (r != r2 || (r == V_OK && v != v2))
		fz_fail("val_durationp differs from val_duration");
	v = v2 = SENTINEL;
	r = val_date(p, n, &v, &why);
	r2 = val_datep(s, n, &v2, &why2);
	if (r != r2 || (r == V_OK && v != v2))
		fz_fail("val_datep differs from val_date");
	if (val_datep(s, n, NULL, &why2) != r ||
	    val_date(p, n, NULL, &why2) != r)
		fz_fail("a date checked only differs from one counted");
	free(s);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long	bounds[][2] = {
		{ 0, 10 }, { 0, 5 }, { 0, 120 }, { 0, 999999999 }, { 1, 12 },
		{ 5, 5 }, { 100, 0 }, { 0, 0 }
	};
	const char		*p = (const char *)data, *end, *tab;
	char			*copy;
	long			 lo, hi;

	if (sb9_v.n == 0) {
		vocab_init(&sb9_v, sb9);
		vocab_init(&site_v, site);
		vocab_init(&many_v, many);
	}
	if (size == 0)
		return 0;
	lo = bounds[data[0] % 8][0];
	hi = bounds[data[0] % 8][1];
	/* a copy exactly as long, so that ASan sees any overread */
	if ((copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data, size);
	for (p = copy + 1, end = copy + size; ; p = tab + 1) {
		if ((tab = memchr(p, '\t', (size_t)(end - p))) == NULL)
			tab = end;
		{
			/* each slice in its own block, for the same reason */
			size_t	 n = (size_t)(tab - p);
			char	*s = malloc(n > 0 ? n : 1);

			if (s == NULL)
				break;
			memcpy(s, p, n);
			field(s, n, lo, hi);
			/* the pad: what followed the field in the input */
			padded(s, n, lo, hi, tab, (size_t)(end - tab));
			free(s);
		}
		if (tab == end)
			break;
	}
	free(copy);
	return 0;
}
