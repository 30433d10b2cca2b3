#include "fmemo.h"

uint64_t	fmemo_mask[9];

static size_t	next(size_t);
static int	empty(const struct fmemo_key *);

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

/* The slot after h; slot 0 is the empty field's alone. */
static size_t
next(size_t h)
{
	h = (h + 1) & (FMEMO_SLOTS - 1);
	return h != 0 ? h : 1;
}

static int
empty(const struct fmemo_key *k)
{
	return k->w[0] == 0 && k->w[1] == 0;
}

const struct fmemo_val *
fmemo_find(const struct fmemo *m, const struct fmemo_key *k)
{
	size_t	h;

	if (empty(k))
		return fmemo_first(m, k);
	for (h = k->h == 0 ? 1 : k->h; m->slot[h].w[0] != 0; h = next(h))
		if (m->slot[h].w[0] == k->w[0] && m->slot[h].w[1] == k->w[1])
			return &m->slot[h].val;
	return NULL;
}

void
fmemo_put(struct fmemo *m, const struct fmemo_key *k,
    const struct fmemo_val *val)
{
	size_t	h;

	if (m->n >= FMEMO_SLOTS / 2 || empty(k))
		return;
	for (h = k->h == 0 ? 1 : k->h; m->slot[h].w[0] != 0; h = next(h))
		;
	m->slot[h].w[0] = k->w[0];
	m->slot[h].w[1] = k->w[1];
	m->slot[h].val = *val;
	m->n++;
}
