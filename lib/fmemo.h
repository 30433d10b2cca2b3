/*
 * fmemo: what was made of a field, kept by the field's bytes (a pure
 * module), for the few spellings that fill most fields of a batch ("n",
 * "No", "3", "low_back,buttock", "emergency").
 *
 * A field of up to FMEMO_KEYMAX bytes is its own key, held in two words:
 * records hold no NUL byte, so the zeros that fill out a shorter field
 * tell the lengths apart.  The FMEMO_KEYMAX bytes from a field's start
 * must be readable whatever its length (tsv_field() gives TSV_PAD).  A
 * table holds what a field was made into (a number and a tag), each key
 * in one of two slots, and a new key takes the place of an old one when
 * both are taken: a column of many values (a duration) costs no more
 * than a miss.  Its slot 0 is the empty field's.
 *
 * The gains its users quote are instructions a record without the table
 * and with it, counted by valgrind --tool=cachegrind over 20,000 records
 * of tests/bench/gen, the same output either way.
 */
#ifndef BP_FMEMO_H
#define BP_FMEMO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FMEMO_KEYMAX	16
#define FMEMO_SLOTS	64

/* What a field was made into. */
struct fmemo_val {
	long		 v;
	int		 tag;
};

struct fmemo {
	struct {
		uint64_t	 w[2];		/* the key; slot 0: empty */
		struct fmemo_val val;
	}		 slot[FMEMO_SLOTS];
};

/*
 * A field's key, and its hash: the top 6 bits are the slot where it is
 * first looked for, the 6 below them its other slot.  The two are apart,
 * not neighbours: three of the commonest sites of tests/bench/gen
 * ("low_back", "low_back,buttock", "groin") have first slots that are
 * neighbours, and with the neighbour for other slot they put one another
 * out of the table: site was looked up anew on 74% of records, now 14%
 * (bpclassify 1.4% fewer instructions a record).  Three spellings that
 * come often enough could do the same to any column.
 */
struct fmemo_key {
	uint64_t	 w[2];
	uint64_t	 hash;
};

/* private: fmemo_mask[n] keeps the first n bytes of a word */
extern uint64_t	fmemo_mask[9];

/*
 * An empty table.  With empty set, an empty field is found, holding
 * val; without, it is never found.
 */
void	fmemo_init(struct fmemo *m, int empty, const struct fmemo_val *val);

/* Set *k to the key of field (p, n); 0 if it is too long to have one. */
static inline int
fmemo_key(const char *p, size_t n, struct fmemo_key *k)
{
	memcpy(k->w, p, 16);
	if (n <= 8) {
		k->w[0] &= fmemo_mask[n];
		k->w[1] = 0;
	} else if (n <= 16)
		k->w[1] &= fmemo_mask[n - 8];
	else
		return 0;
	/* (0, 0), the empty field, goes to slot 0 */
	k->hash = (k->w[0] ^ k->w[1] * 0xff51afd7ed558ccdULL) *
	    0x9e3779b97f4a7c15ULL;
	return 1;
}

/*
 * The value of key k if it is where it is first looked for, else NULL
 * (fmemo_find() looks in its other slot too).
 */
static inline const struct fmemo_val *
fmemo_first(const struct fmemo *m, const struct fmemo_key *k)
{
	size_t	h = (size_t)(k->hash >> 58);

	return m->slot[h].w[0] == k->w[0] && m->slot[h].w[1] == k->w[1] ?
	    &m->slot[h].val : NULL;
}

/* Find key k in m: its value, or NULL. */
const struct fmemo_val *fmemo_find(const struct fmemo *m,
	    const struct fmemo_key *k);

/* Keep val under key k, not in m (one it holds may make room). */
void	fmemo_put(struct fmemo *m, const struct fmemo_key *k,
	    const struct fmemo_val *val);

#endif
