/*
 * value: the value types of intake records (bp(7), Values), one parser
 * for each (a pure module: it never prints and never exits).
 *
 * Each parser takes a field as bytes (p, n), ignores spaces around it,
 * and returns V_EMPTY for a field that is empty or all spaces, V_OK with
 * the result stored, or V_BAD with *why pointing to a static reason.
 * Nothing is stored on V_EMPTY or V_BAD.  No byte past p + n is read.
 */
#ifndef BP_VALUE_H
#define BP_VALUE_H

#include <stddef.h>

#include "vocab.h"

enum { V_BAD = -1, V_EMPTY = 0, V_OK = 1 };

#define V_MAXDAYS	36500	/* longest duration: 100 years */

/* Remove spaces around (*p, *n). */
void	val_trim(const char **p, size_t *n);

/*
 * The items of a comma list, in turn: items_init() over the list (p,
 * n), then items_next() gives each item as (*item, *len) and returns 1,
 * or 0 when there is none left.  An empty list is one empty item.
 */
struct items {
	const char	*p, *end;
};
void	items_init(struct items *it, const char *p, size_t n);
int	items_next(struct items *it, const char **item, size_t *len);

/* 1 if the comma list (p, n) holds word, byte for byte; else 0. */
int	items_has(const char *p, size_t n, const char *word);

/* A yes/no answer: *v = 1 for y yes true 1, 0 for n no false 0. */
int	val_bool(const char *p, size_t n, int *v, const char **why);

/* Plain digits, at most 9, from lo to hi. */
int	val_uint(const char *p, size_t n, long lo, long hi, long *v,
	    const char **why);

/* One word of v (vocab_find()): *i = its value. */
int	val_word(const char *p, size_t n, const struct vocab *v, int *i,
	    const char **why);

/*
 * A comma list of words of v, values below 32: *mask has bit i set for
 * value i.  An empty item is bad.
 */
int	val_set(const char *p, size_t n, const struct vocab *v,
	    unsigned *mask, const char **why);

/* N, Nd, Nw, Nm (30 days) or Ny (365 days), at most V_MAXDAYS days. */
int	val_duration(const char *p, size_t n, long *days, const char **why);

/*
 * A calendar date YYYY-MM-DD; *day counts days from 1970-01-01 (day may
 * be NULL, to check the date only).
 */
int	val_date(const char *p, size_t n, long *day, const char **why);

#endif
