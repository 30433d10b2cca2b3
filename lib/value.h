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

/* (p, n) in lower case equals word, which has n letters. */
static inline int
val_is(const char *p, size_t n, const char *word)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((p[i] | 0x20) != word[i])
			return 0;
	return 1;
}

/* y yes true 1 -> *v = 1; n no false 0 -> *v = 0. */
static inline int
val_bool(const char *p, size_t n, int *v, const char **why)
{
	int	yes = -1;

	val_trim(&p, &n);
	/* | 0x20 lowers a letter, and maps no other byte to one */
	switch (n) {
	case 0:
		return V_EMPTY;
	case 1:
		/* without branches: the answers of a batch are random */
		yes = (((p[0] | 0x20) == 'y') | (p[0] == '1')) -
		    !(((p[0] | 0x20) == 'n') | (p[0] == '0') |
		    ((p[0] | 0x20) == 'y') | (p[0] == '1'));
		break;
	case 2:
		yes = val_is(p, 2, "no") ? 0 : -1;
		break;
	case 3:
		yes = val_is(p, 3, "yes") ? 1 : -1;
		break;
	case 4:
		yes = val_is(p, 4, "true") ? 1 : -1;
		break;
	case 5:
		yes = val_is(p, 5, "false") ? 0 : -1;
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

/* One of words (NULL-terminated); *v = its index. */
int	val_word(const char *p, size_t n, const char *const *words, int *v,
	    const char **why);

/*
 * A comma list of words (at most 32); *mask has bit i set for words[i].
 * An empty item is bad.
 */
int	val_set(const char *p, size_t n, const char *const *words,
	    unsigned *mask, const char **why);

/* N, Nd, Nw, Nm (30 days) or Ny (365 days), at most V_MAXDAYS days. */
int	val_duration(const char *p, size_t n, long *days, const char **why);

/* A calendar date YYYY-MM-DD; *day counts days from 1970-01-01. */
int	val_date(const char *p, size_t n, long *day, const char **why);

/* 1 if (p, n) is word (written in lower case), in any case; else 0. */
int	val_eq(const char *p, size_t n, const char *word);

#endif
