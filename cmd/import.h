/*
 * What the parts of bpimport share (bpimport(1), bp-map(5)): the
 * spellings an export uses turned into the words of bp(7)
 * (import_value.c), and the map file (import_map.c).  Neither part
 * prints or exits.
 */
#ifndef BP_IMPORT_H
#define BP_IMPORT_H

#include <stddef.h>

#include "vocab.h"

/* --dates: the order of a date that does not start with its year. */
enum dates { DATES_YMD, DATES_DMY, DATES_MDY };

/* What became of a value. */
enum iv { IV_SAME, IV_CHANGED, IV_LEFT };

#define IV_BUFSZ	64	/* room for any value iv_map() makes */

struct map;

/*
 * The value (p, n) of intake column c written as bp(7) spells it,
 * answer codes first looked up in m's value rows (m may be NULL): the
 * result is *out, *outn bytes (pointing into p, to a static word, or
 * into buf, valid while they are).  Returns IV_SAME when it is (p, n)
 * itself, IV_CHANGED, or IV_LEFT when the value cannot be mapped: then
 * it is (p, n) unchanged, for the tools to warn about.
 */
enum iv	iv_map(const struct map *m, enum col c, enum dates d, const char *p,
	    size_t n, char buf[IV_BUFSZ], const char **out, size_t *outn);

/* A checkbox's value: 1 ticked, 0 not (or empty), -1 neither. */
int	iv_box(const char *p, size_t n);

/*
 * The intake column named name once case, spaces, hyphens and
 * underscores are set aside (bpimport(1)), or -1.  record_id is id.
 */
int	iv_col(const char *name, size_t n);

/* The words of list column c (a T_SET column), or NULL. */
const struct word *iv_list(enum col c);

/*
 * The words of list column c whose bits are set in mask, in bp(7)'s
 * order and split by commas, into buf.  Returns their length.
 */
size_t	iv_join(enum col c, unsigned mask, char buf[IV_BUFSZ]);

/* The value of word (p, n) in c's list, cases and spaces folded, or -1. */
int	iv_item(const struct map *m, enum col c, const char *p, size_t n);

/* ---- bp-map(5) ---- */

/*
 * Load the map at path.  Returns the map, or NULL with *line and why
 * (at least 160 bytes) saying where and what is wrong (*line 0: the
 * file as a whole; why then ends with strerror's text).
 */
struct map	*map_load(const char *path, unsigned long *line, char *why);

/*
 * The intake column (or NAME___CODE) source column name is renamed to,
 * or NULL; *line the map's line.
 */
const char	*map_rename(const struct map *m, const char *name,
		    unsigned long *line);

/*
 * The word column c's answer (p, n) is mapped to, as bp(7) spells it,
 * or NULL.  Matched with spaces around it and case set aside.
 */
const char	*map_value(const struct map *m, enum col c, const char *p,
		    size_t n);

/* 1 if m (or NULL) has value rows for column c. */
int		 map_has(const struct map *m, enum col c);

/* The map's file name, as given. */
const char	*map_name(const struct map *m);

void		 map_free(struct map *m);

#endif
