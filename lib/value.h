/*
 * value: the value types of intake records (bp(7), INTAKE COLUMNS).
 *
 * Each parser takes a field as bytes (p, n), ignores spaces around it
 * and words' case, and returns V_EMPTY for a field that is empty or all
 * spaces, V_OK with the result stored, or V_BAD with *why pointing to a
 * static reason.  Nothing is stored on V_EMPTY or V_BAD.
 */
#ifndef BP_VALUE_H
#define BP_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { V_BAD = -1, V_EMPTY = 0, V_OK = 1 };

#define V_MAXDAYS	36500	/* longest duration: 100 years */

/* Remove spaces around (*p, *n). */
static inline void
val_trim(const char **p, size_t *n)
{
	while (*n > 0 && **p == ' ') {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && (*p)[*n - 1] == ' ')
		(*n)--;
}

/* 1 to 9 plain digits into *v; returns 0 if they are not. */
static inline int
val_digits(const char *p, size_t n, long *v)
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

/* Four bytes at p as a number, the first byte lowest. */
static inline uint64_t
val_load4(const char *p)
{
	static const union {
		uint32_t	u;
		unsigned char	c[4];
	} probe = { 1 };
	uint32_t	x;

	memcpy(&x, p, 4);
	if (probe.c[0] != 1)		/* big endian: reverse the bytes */
		x = (x >> 24) | (x >> 8 & 0xff00) | (x << 8 & 0xff0000) |
		    x << 24;
	return x;
}

/* x with the ASCII capital letters of its eight bytes in lower case. */
static inline uint64_t
val_lower(uint64_t x)
{
	const uint64_t	 b7 = 0x8080808080808080ULL;
	const uint64_t	 low7 = 0x7f7f7f7f7f7f7f7fULL;
	const uint64_t	 ones = 0x0101010101010101ULL;
	uint64_t	 h = x & low7, up;

	/* 0x80 in each byte from 'A' to 'Z', then 0x20 added there */
	up = (h + ones * (0x80 - 'A')) & ~(h + ones * (0x80 - 'Z' - 1)) &
	    ~x & b7;
	return x | up >> 2;
}

/*
 * The key of a word: its first eight bytes (at most n), the first byte
 * lowest, ASCII letters in lower case, zero past the end.  Two words of
 * the same length up to 8 are equal but for letters' case if and only
 * if their keys are equal.  No byte past p + n is read.
 */
static inline uint64_t
val_key(const char *p, size_t n)
{
	uint64_t	 x;
	size_t		 m;

	if (n >= 4) {
		m = n < 8 ? n : 8;
		x = val_load4(p) | val_load4(p + m - 4) << (8 * (m - 4));
	} else if (n > 0)
		x = (uint64_t)(unsigned char)p[0] |
		    (uint64_t)(unsigned char)p[n / 2] << (8 * (n / 2)) |
		    (uint64_t)(unsigned char)p[n - 1] << (8 * (n - 1));
	else
		return 0;
	return val_lower(x);
}

/* val_lenmask[n]: the low n bytes of a word (n from 0 to 8). */
extern const uint64_t	val_lenmask[9];

/*
 * The first n bytes from p (at most 8), the first byte lowest, zero past
 * them, as they are: val_key() without folding case, faster where the 8
 * bytes from p may all be read (a field of a record: tsv.h, TSV_PAD).
 */
static inline uint64_t
val_bytes(const char *p, size_t n)
{
	return (val_load4(p) | val_load4(p + 4) << 32) &
	    val_lenmask[n < 8 ? n : 8];
}

/* The key of a word of up to 8 bytes, written as its bytes a to h. */
#define VAL_KEY(a, b, c, d, e, f, g, h)					\
	((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 |	\
	(uint64_t)(d) << 24 | (uint64_t)(e) << 32 | (uint64_t)(f) << 40 |	\
	(uint64_t)(g) << 48 | (uint64_t)(h) << 56)

/* A one-byte answer: 1 yes, 0 no, 2 space (empty), -1 bad. */
extern const signed char val_bool1[256];

/* y yes true 1 -> *v = 1; n no false 0 -> *v = 0. */
static inline int
val_bool(const char *p, size_t n, int *v, const char **why)
{
	uint64_t	k;
	int		yes = -1;

	/* most answers are one letter: one look in a table */
	if (n == 1 && (unsigned)(yes = val_bool1[(unsigned char)p[0]]) < 2) {
		*v = yes;
		return V_OK;
	}
	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	k = val_key(p, n);
	switch (n) {
	case 1:
		/* without branches: the answers of a batch are random */
		yes = ((k == 'y') | (k == '1')) -
		    !((k == 'n') | (k == '0') | (k == 'y') | (k == '1'));
		break;
	case 2:
		yes = k == VAL_KEY('n', 'o', 0, 0, 0, 0, 0, 0) ? 0 : -1;
		break;
	case 3:
		yes = k == VAL_KEY('y', 'e', 's', 0, 0, 0, 0, 0) ? 1 : -1;
		break;
	case 4:
		yes = k == VAL_KEY('t', 'r', 'u', 'e', 0, 0, 0, 0) ? 1 : -1;
		break;
	case 5:
		yes = k == VAL_KEY('f', 'a', 'l', 's', 'e', 0, 0, 0) ? 0 : -1;
		break;
	}
	if (yes < 0) {
		*why = "not yes or no";
		return V_BAD;
	}
	*v = yes;
	return V_OK;
}

/* Plain digits, at most 9, from lo to hi (why: "out of range"). */
static inline int
val_uint(const char *p, size_t n, long lo, long hi, long *v,
    const char **why)
{
	long	x;

	/* most answers are one digit */
	if (n == 1 && (unsigned long)(x = (unsigned char)p[0] - '0') <= 9 &&
	    x >= lo && x <= hi) {
		*v = x;
		return V_OK;
	}
	val_trim(&p, &n);
	if (n == 0)
		return V_EMPTY;
	if (!val_digits(p, n, &x)) {
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

/*
 * val_bool() and val_uint() for a field of a record, whose bytes may be
 * read TSV_PAD past its start: the common answers (one word, one digit,
 * empty) take no branch that depends on which answer it is.  *v is set
 * on every return: to 0 unless V_OK.
 */
/*
 * The answers val_bool() takes, for val_boolp(): val_boolat[] files
 * them by first letter (its case folded: byte | 0x20, low 5 bits) and
 * length, so that which one a field can be is known from its first byte
 * and length alone; val_boolkey[] is then the key it must have.  Entry
 * 0 is no answer (its key, 0x100, is no field's: it has a NUL byte).
 */
extern const unsigned char	val_boolat[32][7];
extern const uint64_t		val_boolkey[10];
extern const signed char	val_boolr[10];	/* V_OK or V_EMPTY */
extern const signed char	val_boolv[10];	/* 1 yes, 0 no or empty */

static inline int
val_boolp(const char *p, size_t n, int *v, const char **why)
{
	uint64_t	k;
	unsigned	e;

	e = val_boolat[(p[0] | 0x20) & 31][n < 6 ? n : 6];
	k = val_bytes(p, n);
	/*
	 * 0x20 added to each byte with 0x40 set: the only bytes that then
	 * equal a lower-case letter are it and its capital, and digits are
	 * left alone.  A field holds no NUL byte, so a key with a zero
	 * byte is short: the key alone tells the answer.
	 */
	k |= (k & 0x4040404040404040ULL) >> 1;
	if (val_boolkey[e] == k) {
		*v = val_boolv[e];
		return val_boolr[e];
	}
	*v = 0;
	return val_bool(p, n, v, why);	/* spaces around it, or bad */
}

static inline int
val_uintp(const char *p, size_t n, long lo, long hi, long *v,
    const char **why)
{
	long	d = (unsigned char)p[0] - '0';
	int	one, r;

	one = (n == 1) & ((unsigned long)d <= 9) & (d >= lo) & (d <= hi);
	*v = one ? d : 0;
	r = one ? V_OK : n == 0 ? V_EMPTY : V_BAD;
	if (r == V_BAD)		/* more digits, spaces, or bad */
		return val_uint(p, n, lo, hi, v, why);
	return r;
}

#define V_MAXWORDS	32

/*
 * A list of words, lower case, with their keys: made once by
 * vocab_init(), then searched for every value.
 */
struct vocab {
	const char *const	*word;		/* NULL-terminated */
	int			 n;
	int			 fast;		/* words of 16 bytes at most */
	uint64_t		 key[V_MAXWORDS];	/* bytes 0-7 */
	uint64_t		 key2[V_MAXWORDS];	/* bytes 8-15 */
	size_t			 len[V_MAXWORDS];
	uint64_t		 mul;		/* of the hash, below */
	unsigned char		 slot[128];	/* hash -> word + 1, or 0 */
	int			 direct;	/* no two words share at[][] */
	unsigned char		 at[32][17];	/* first letter, length */
};

/* The slot of a word of n bytes with keys k and k2 (vocab_init). */
static inline unsigned
vocab_hash(uint64_t mul, uint64_t k, uint64_t k2, size_t n)
{
	return (unsigned)(((k ^ k2 * 0x9e3779b97f4a7c15ULL ^ n) * mul) >> 57);
}

/* Make v from words: at most V_MAXWORDS of them, in lower case. */
void	vocab_init(struct vocab *v, const char *const *words);

/* The index of (p, n) in v, letters' case aside, or -1. */
int	vocab_find(const struct vocab *v, const char *p, size_t n);

/*
 * The index of (p, n) in v for a field of a record (TSV_PAD bytes
 * readable from p) of 1 to 16 bytes, v->fast: letters' case aside when
 * fold is set, else byte for byte (the words of v are in lower case).
 */
static inline int
vocab_lookup(const struct vocab *v, const char *p, size_t n, int fold)
{
	uint64_t	k, k2;
	int		i;

	/* the bytes as they are: words mostly come in lower case */
	k = val_bytes(p, n);
	k2 = val_bytes(p + 8, n > 8 ? n - 8 : 0);
	/*
	 * The one word that can be it: by its first letter and its length
	 * where those tell the words apart (a look that need not wait for
	 * the keys), else by a hash of the keys.
	 */
	if (v->direct)
		i = v->at[(p[0] | 0x20) & 31][n] - 1;
	else
		i = v->slot[vocab_hash(v->mul, val_lower(k), val_lower(k2),
		    n)] - 1;
	if (i < 0 || v->len[i] != n)
		return -1;
	if ((v->key[i] == k && v->key2[i] == k2) || (fold &&
	    v->key[i] == val_lower(k) && v->key2[i] == val_lower(k2)))
		return i;
	return -1;
}

/* vocab_find() for a field of a record (vocab_lookup()). */
static inline int
vocab_findp(const struct vocab *v, const char *p, size_t n)
{
	return vocab_lookup(v, p, n, 1);
}

/* The same byte for byte: for words a program wrote. */
static inline int
vocab_findx(const struct vocab *v, const char *p, size_t n)
{
	return vocab_lookup(v, p, n, 0);
}

/* One of the words of v; *i = its index. */
int	val_word(const char *p, size_t n, const struct vocab *v, int *i,
	    const char **why);

/*
 * A comma list of words of v; *mask has bit i set for word i.  An empty
 * item is bad.
 */
int	val_set(const char *p, size_t n, const struct vocab *v,
	    unsigned *mask, const char **why);

/* The same two for a field of a record (TSV_PAD bytes readable). */
int	val_wordp_slow(const char *p, size_t n, const struct vocab *v,
	    int *i, const char **why);
int	val_setp(const char *p, size_t n, const struct vocab *v,
	    unsigned *mask, const char **why);

static inline int
val_wordp(const char *p, size_t n, const struct vocab *v, int *i,
    const char **why)
{
	int	k;

	/* a known word without spaces around it: found at once */
	if (n == 0)
		return V_EMPTY;
	if (n <= 16 && v->fast && p[0] != ' ' && p[n - 1] != ' ' &&
	    (k = vocab_findp(v, p, n)) >= 0) {
		*i = k;
		return V_OK;
	}
	return val_wordp_slow(p, n, v, i, why);
}

/* N, Nd, Nw, Nm (30 days) or Ny (365 days), at most V_MAXDAYS days. */
int	val_duration(const char *p, size_t n, long *days, const char **why);

/* The same for a field of a record (TSV_PAD bytes readable). */
int	val_durationp(const char *p, size_t n, long *days, const char **why);

/*
 * A calendar date YYYY-MM-DD; *day counts days from 1970-01-01 (day may
 * be NULL, to check the date only).
 */
int	val_date(const char *p, size_t n, long *day, const char **why);

/* The same for a field of a record (TSV_PAD bytes readable). */
int	val_datep(const char *p, size_t n, long *day, const char **why);

/* 1 if (p, n) is word (written in lower case), in any case; else 0. */
int	val_eq(const char *p, size_t n, const char *word);

#endif
