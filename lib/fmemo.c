#include "fmemo.h"

uint64_t	fmemo_mask[9];

static int	empty(const struct fmemo_key *);
static size_t	other(const struct fmemo_key *);

void
fmemo_init(struct fmemo *m, int empty, const struct fmemo_val *val)
{
	unsigned char	b[8];
	size_t		n;

	for (n = 0; n <= 8; n++) {
		memset(b, 0, sizeof(b));
		memset(b, 0xff, n);
		memcpy(&fmemo_mask[n], b, 8);
	}
	memset(m, 0, sizeof(*m));
	m->slot[0].val = *val;
	/* no field's key: w[0] 0 is an empty field's, and its w[1] is 0 */
	if (!empty)
		m->slot[0].w[1] = 1;
}

static int
empty(const struct fmemo_key *k)
{
	return k->w[0] == 0 && k->w[1] == 0;
}

/*
 * The other slot of key k (fmemo.h), or when that is its first one, or
 * slot 0, which is the empty field's alone, the first one's neighbour.
 */
static size_t
other(const struct fmemo_key *k)
{
	size_t	h = (size_t)(k->hash >> 58), o = (size_t)(k->hash >> 52) & 63;

	if (o == h || o == 0)
		o = (h ^ 1) != 0 ? h ^ 1 : 1;
	return o;
}

const struct fmemo_val *
fmemo_find(const struct fmemo *m, const struct fmemo_key *k)
{
	const struct fmemo_val	*v;
	size_t			 h = other(k);

	if ((v = fmemo_first(m, k)) != NULL || empty(k))
		return v;
	return m->slot[h].w[0] == k->w[0] && m->slot[h].w[1] == k->w[1] ?
	    &m->slot[h].val : NULL;
}

void
fmemo_put(struct fmemo *m, const struct fmemo_key *k,
    const struct fmemo_val *val)
{
	size_t	h = (size_t)(k->hash >> 58);

	if (empty(k))
		return;
	/* the first slot when free (never slot 0), else the other */
	if (h == 0 || m->slot[h].w[0] != 0)
		h = other(k);
	m->slot[h].w[0] = k->w[0];
	m->slot[h].w[1] = k->w[1];
	m->slot[h].val = *val;
}
