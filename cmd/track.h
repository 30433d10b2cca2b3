/*
 * track: the persons bptrack has seen, one small entry for each distinct
 * id, never one for each record (bptrack(1), Memory).  This module never
 * prints and never exits.
 *
 * An entry and its id live together in chunks of PEOPLE_CHUNK bytes that
 * never move, so a struct person stays where it is for the whole run.
 * The entries are found by a hash table of chains: an array of 4-byte
 * references, one to two for each person (load factor 1/2 to 1), that
 * grows by realloc(3), in place when it can.  A person costs
 * offsetof(struct person, id) (26 bytes) plus the id's length, rounded
 * up to a multiple of 4, plus 4 to 8 bytes of the table, and 12 while a
 * realloc(3) that copies it has both tables: at most 41 bytes plus the
 * id's length (bptrack(1), Memory).
 */
#ifndef BP_TRACK_H
#define BP_TRACK_H

#include <stddef.h>
#include <stdint.h>

#define PEOPLE_CHUNK	(4U << 20)	/* holds any id: a line is 1 MiB */
#define PEOPLE_CHUNKS	4095		/* so a reference fits 32 bits */

/* A day that is no date: first and last of struct person. */
#define DAY_EMPTY	INT32_MIN	/* not recorded */
#define DAY_BAD		(INT32_MIN + 1)	/* recorded but unusable */

/*
 * One person: what bptrack keeps of the first visit, and of the latest.
 * A new entry has visits 0 and every other public field 0.
 */
struct person {
	uint32_t	next;		/* private: the next in its chain */
	uint32_t	hash;		/* private */
	uint32_t	idlen;		/* private */
	uint32_t	visits;		/* records of this person so far */
	int32_t		first;		/* seen of the first visit: days from
					   1970-01-01, DAY_EMPTY or DAY_BAD */
	int32_t		last;		/* the latest seen so far, or DAY_EMPTY */
	int8_t		odi;		/* first visit's odi 0-100, or -1 */
	int8_t		severity;	/* first visit's severity 0-10, or -1 */
	char		id[];		/* private: idlen bytes */
};

struct people {
	size_t		 n;		/* persons held */
	/* private */
	uint32_t	*head;		/* chains, by hash; NULL before the first */
	uint32_t	 mask;		/* entries of head, less one */
	size_t		 nchunk, used;	/* chunks, and bytes of the last used */
	char		*chunk[PEOPLE_CHUNKS];
};

/*
 * The person whose id is the n bytes at id (compared byte for byte), in
 * pp, which starts zeroed; a new entry if there is none.  The entry
 * stays valid until people_free().  Returns NULL when out of memory
 * (errno ENOMEM; then pp is as it was, and usable).
 */
struct person	*people_get(struct people *pp, const char *id, size_t n);

/* Free everything pp holds; it is then zeroed, and may be used again. */
void		 people_free(struct people *pp);

#endif
