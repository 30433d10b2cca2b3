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

/* y yes true 1 -> *v = 1; n no false 0 -> *v = 0. */
int	val_bool(const char *p, size_t n, int *v, const char **why);

/* Plain digits, at most 9, from lo to hi (why: "out of range"). */
int	val_uint(const char *p, size_t n, long lo, long hi, long *v,
	    const char **why);

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
