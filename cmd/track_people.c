#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "track.h"

#define FIRST_HEADS	256	/* chains of a new table */

static uint32_t		 hash(const char *, size_t);
static struct person	*at(const struct people *, uint32_t);
static uint32_t		 place(struct people *, size_t);
static int		 grow(struct people *);

/* FNV-1a, 32 bits: ids are short, and a clinic's ids are not chosen to
 * collide. */
static uint32_t
hash(const char *p, size_t n)
{
	uint32_t	h = 2166136261U;

	while (n-- > 0) {
		h ^= (unsigned char)*p++;
		h *= 16777619U;
	}
	return h;
}

/*
 * A reference is 1 plus the chunk's number times 2^20 plus the entry's
 * offset in the chunk in units of 4 bytes; 0 is none.
 */
static struct person *
at(const struct people *pp, uint32_t ref)
{
	ref--;
	return (struct person *)(void *)(pp->chunk[ref >> 20] +
	    (size_t)(ref & 0xfffff) * 4);
}

/* Room for size bytes (a multiple of 4): its reference, or 0. */
static uint32_t
place(struct people *pp, size_t size)
{
	uint32_t	ref;
	char		*c;

	if (pp->nchunk == 0 || pp->used + size > PEOPLE_CHUNK) {
		if (pp->nchunk == PEOPLE_CHUNKS ||
		    (c = malloc(PEOPLE_CHUNK)) == NULL) {
			errno = ENOMEM;
			return 0;
		}
		pp->chunk[pp->nchunk++] = c;
		pp->used = 0;
	}
	ref = (uint32_t)((pp->nchunk - 1) << 20 | pp->used / 4) + 1;
	pp->used += size;
	return ref;
}

/*
 * Double the table (or make the first); 0, or -1 when out of memory.
 * The table grows in place: chain i splits into chains i and i + old by
 * the hash's bit old, so no second table is built beside it, and a
 * large one that glibc moves with mremap(2) is never resident twice.
 */
static int
grow(struct people *pp)
{
	struct person	*p;
	uint32_t	*h, ref, *lo, *hi;
	size_t		 i, old, size;

	old = pp->head == NULL ? 0 : (size_t)pp->mask + 1;
	size = old == 0 ? FIRST_HEADS : 2 * old;
	if ((h = realloc(pp->head, size * sizeof(*h))) == NULL)
		return -1;
	if (old == 0)
		memset(h, 0, size * sizeof(*h));
	for (i = 0; i < old; i++) {
		ref = h[i];
		lo = &h[i];
		hi = &h[i + old];
		for (; ref != 0; ref = p->next) {
			p = at(pp, ref);
			if (p->hash & old) {
				*hi = ref;
				hi = &p->next;
			} else {
				*lo = ref;
				lo = &p->next;
			}
		}
		*lo = *hi = 0;
	}
	pp->head = h;
	pp->mask = (uint32_t)(size - 1);
	return 0;
}

struct person *
people_get(struct people *pp, const char *id, size_t n)
{
	struct person	*p;
	uint32_t	 h = hash(id, n), ref;

	if (pp->head != NULL)
		for (ref = pp->head[h & pp->mask]; ref != 0; ref = p->next) {
			p = at(pp, ref);
			if (p->hash == h && p->idlen == n &&
			    memcmp(p->id, id, n) == 0)
				return p;
		}
	if ((pp->head == NULL || pp->n > pp->mask) && grow(pp) == -1)
		return NULL;
	if ((ref = place(pp, (offsetof(struct person, id) + n + 3) &
	    ~(size_t)3)) == 0)
		return NULL;
	p = at(pp, ref);
	memset(p, 0, offsetof(struct person, id));
	memcpy(p->id, id, n);
	p->hash = h;
	p->idlen = (uint32_t)n;
	p->next = pp->head[h & pp->mask];
	pp->head[h & pp->mask] = ref;
	pp->n++;
	return p;
}

void
people_free(struct people *pp)
{
	size_t	i;

	for (i = 0; i < pp->nchunk; i++)
		free(pp->chunk[i]);
	free(pp->head);
	memset(pp, 0, sizeof(*pp));
}
