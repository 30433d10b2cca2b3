#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "tsv.h"
#include "value.h"

/* lib/catalog.tsv as C, made by the Makefile */
extern const char *const catalog_lines[];

enum { F_ID, F_KIND, F_NAME, F_ROUTINES, F_CONTRA, F_DOSE, F_SOURCE,
    F_INSTRUCTIONS, NFIELDS };

static const char *const fields[NFIELDS] = {
	"id", "kind", "name", "routines", "contraindications", "dose",
	"source", "instructions"
};
/* routine_words, disposition_words, then "any": the CAT_* bit order */
static struct word	targets[NROUT + NDISP + 2];

static const struct vocab	kind_v = { kind_words, NULL };
static const struct vocab	target_v = { targets, NULL };
static const struct vocab	contra_v = { contra_words, NULL };
static const struct word	none_word[] = { { "none", 4 }, { NULL, 0 } };
static const struct vocab	none_v = { none_word, NULL };

/* The longest each field may be, by F_*; 0: a list of known words. */
static const size_t	fieldmax[NFIELDS] = {
	CAT_IDMAX, 0, CAT_NAMEMAX, 0, 0, CAT_DOSEMAX, CAT_SOURCEMAX,
	CAT_TEXTMAX
};

static void	 maketargets(void);
static int	 problem(struct catalog *, unsigned long, const char *, ...);
static int	 codes(struct catalog *, unsigned long, const char **, size_t *,
		    struct entry *);
static int	 keep(struct catalog *, struct entry *, const char **,
		    const size_t *);
static int	 row(struct catalog *, struct tsv *, const int *);
static int	 token(const char *, size_t);
static int	 complete(struct catalog *, unsigned long);
static char	*copy(const char *, size_t);
static size_t	 hash(const char *, size_t, int);
static int	 grow(struct catalog *);
static int	 listed(struct catalog *, const struct entry *);

static void
maketargets(void)
{
	int	i;

	for (i = 0; i < NROUT; i++)
		targets[i] = routine_words[i];
	for (i = 0; i < NDISP; i++)
		targets[NROUT + i] = disposition_words[i];
	targets[NROUT + NDISP].s = "any";
	targets[NROUT + NDISP].n = 3;
}

static int
problem(struct catalog *c, unsigned long line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(c->whybuf, sizeof(c->whybuf), fmt, ap);
	va_end(ap);
	c->line = line;
	c->why = c->whybuf;
	return -1;
}

char *
catalog_builtin(size_t *len)
{
	size_t	 i, n = 0;
	char	*s;

	for (i = 0; catalog_lines[i] != NULL; i++)
		n += strlen(catalog_lines[i]) + 1;
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0, n = 0; catalog_lines[i] != NULL; i++) {
		strcpy(s + n, catalog_lines[i]);
		n += strlen(catalog_lines[i]);
		s[n++] = '\n';
	}
	s[n] = '\0';
	*len = n;
	return s;
}

static char *
copy(const char *p, size_t n)
{
	char	*s;

	val_trim(&p, &n);
	if ((s = malloc(n + 1)) != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* A non-empty word without comma, colon or space. */
static int
token(const char *p, size_t n)
{
	val_trim(&p, &n);
	return n > 0 && memchr(p, ',', n) == NULL &&
	    memchr(p, ':', n) == NULL && memchr(p, ' ', n) == NULL;
}

/* Where id (n bytes) of advice or not starts its search in c->slot. */
static size_t
hash(const char *id, size_t n, int advice)
{
	size_t	h = advice ? 2166136261U : 84696351U;

	while (n-- > 0)
		h = (h ^ (unsigned char)*id++) * 16777619U;
	return h;
}

const struct entry *
catalog_find(const struct catalog *c, const char *id, size_t n, int advice)
{
	const struct entry	*e;
	size_t			 h;

	if (c->nslot == 0)
		return NULL;
	for (h = hash(id, n, advice) & (c->nslot - 1); c->slot[h] != 0;
	    h = (h + 1) & (c->nslot - 1)) {
		e = &c->e[c->slot[h] - 1];
		if ((e->kind == KIND_ADVICE) == (advice != 0) &&
		    strlen(e->id) == n && memcmp(e->id, id, n) == 0)
			return e;
	}
	return NULL;
}

/*
 * Room for one more entry, and its id in a table at most half full: both
 * grow by doubling, so that loading is linear in the rows.  0, or -1.
 */
static int
grow(struct catalog *c)
{
	struct entry	*ne;
	size_t		*ns, i, h, n;

	if (c->n == c->cap) {
		n = c->cap > 0 ? 2 * c->cap : 64;
		if ((ne = realloc(c->e, n * sizeof(*ne))) == NULL)
			return -1;
		c->e = ne;
		c->cap = n;
	}
	if (2 * (c->n + 1) <= c->nslot)
		return 0;
	n = c->nslot > 0 ? 2 * c->nslot : 128;
	if ((ns = calloc(n, sizeof(*ns))) == NULL)
		return -1;
	for (i = 0; i < c->n; i++) {
		for (h = hash(c->e[i].id, strlen(c->e[i].id),
		    c->e[i].kind == KIND_ADVICE) & (n - 1); ns[h] != 0;
		    h = (h + 1) & (n - 1))
			;
		ns[h] = i + 1;
	}
	free(c->slot);
	c->slot = ns;
	c->nslot = n;
	return 0;
}

/*
 * Count entry e in the lists it joins; 0, or -1 when one of them could
 * be longer than CAT_LISTMAX.  An exercise list is its routine's rows,
 * "id:dose,"; an advice list those of a disposition, of a routine and
 * of "any", "id,".
 */
static int
listed(struct catalog *c, const struct entry *e)
{
	size_t		 m = 0, most[2] = { 0, 0 }, n = strlen(e->id) + 1;
	unsigned	 b;

	for (b = 0; b < NROUT + NDISP + 1; b++) {
		if (!(e->routines & 1U << b))
			continue;
		if (e->kind != KIND_ADVICE) {
			c->exsum[b] += n + strlen(e->dose) + 1;
			m = c->exsum[b] > m ? c->exsum[b] : m;
		} else
			c->adsum[b] += n;
	}
	for (b = 0; e->kind == KIND_ADVICE && b < NROUT + NDISP; b++)
		if (c->adsum[b] > most[b >= NROUT])
			most[b >= NROUT] = c->adsum[b];
	if (e->kind == KIND_ADVICE)
		m = most[0] + most[1] + c->adsum[NROUT + NDISP];
	if (m > c->listmax)
		c->listmax = m;
	return m > CAT_LISTMAX ? -1 : 0;
}

/*
 * The words of row (p, n) at line into e: its kind, routines and
 * contraindications, and an id and a dose that are single words.
 * Returns 0, or -1 after problem().
 */
static int
codes(struct catalog *c, unsigned long line, const char **p, size_t *n,
    struct entry *e)
{
	const char	*why;
	int		 k;

	if (!token(p[F_ID], n[F_ID]))
		return problem(c, line, "id: empty, or holds a comma, colon "
		    "or space");
	if (val_word(p[F_KIND], n[F_KIND], &kind_v, &k, &why) != V_OK)
		return problem(c, line, "kind: not one of warmup mobility "
		    "stretch strength aerobic advice");
	e->kind = (enum kind)k;
	if (val_set(p[F_ROUTINES], n[F_ROUTINES], &target_v, &e->routines,
	    &why) != V_OK)
		return problem(c, line, "routines: unknown or empty routine "
		    "or disposition");
	if (e->kind != KIND_ADVICE && (e->routines & ~((1U << NROUT) - 1)))
		return problem(c, line, "routines: an exercise takes routines "
		    "only");
	val_trim(&p[F_CONTRA], &n[F_CONTRA]);
	if (vocab_find(&none_v, p[F_CONTRA], n[F_CONTRA]) == 0)
		e->contra = 0;
	else if (val_set(p[F_CONTRA], n[F_CONTRA], &contra_v, &e->contra,
	    &why) != V_OK)
		return problem(c, line, "contraindications: unknown code "
		    "(age65 fragile_bone radicular acute, or none)");
	if (e->kind == KIND_ADVICE && e->contra != 0)
		return problem(c, line, "contraindications: advice takes none");
	if (!token(p[F_DOSE], n[F_DOSE]))
		return problem(c, line, "dose: empty, or holds a comma, colon "
		    "or space");
	return 0;
}

/* Keep entry e with the texts of (p, n) in c; 0, or -1 out of memory. */
static int
keep(struct catalog *c, struct entry *e, const char **p, const size_t *n)
{
	size_t	h;

	e->id = copy(p[F_ID], n[F_ID]);
	e->name = copy(p[F_NAME], n[F_NAME]);
	e->dose = copy(p[F_DOSE], n[F_DOSE]);
	e->source = copy(p[F_SOURCE], n[F_SOURCE]);
	e->instructions = copy(p[F_INSTRUCTIONS], n[F_INSTRUCTIONS]);
	if (e->id == NULL || e->name == NULL || e->dose == NULL ||
	    e->source == NULL || e->instructions == NULL || grow(c) == -1) {
		free((char *)e->id);
		free((char *)e->name);
		free((char *)e->dose);
		free((char *)e->source);
		free((char *)e->instructions);
		c->err = ENOMEM;
		return -1;
	}
	c->e[c->n++] = *e;
	for (h = hash(e->id, n[F_ID], e->kind == KIND_ADVICE) &
	    (c->nslot - 1); c->slot[h] != 0; h = (h + 1) & (c->nslot - 1))
		;
	c->slot[h] = c->n;
	return 0;
}

static int
row(struct catalog *c, struct tsv *t, const int *col)
{
	struct entry	 e;
	const char	*p[NFIELDS];
	size_t		 n[NFIELDS];
	int		 i;

	for (i = 0; i < NFIELDS; i++)
		p[i] = tsv_field(t, (size_t)col[i], &n[i]);
	memset(&e, 0, sizeof(e));
	if (codes(c, t->line, p, n, &e) == -1)
		return -1;
	for (i = 0; i < NFIELDS; i++) {
		val_trim(&p[i], &n[i]);
		if (n[i] == 0)
			return problem(c, t->line, "%s: empty", fields[i]);
		if (fieldmax[i] > 0 && n[i] > fieldmax[i])
			return problem(c, t->line, "%s: longer than %zu bytes",
			    fields[i], fieldmax[i]);
	}
	if (catalog_find(c, p[F_ID], n[F_ID], e.kind == KIND_ADVICE) != NULL)
		return problem(c, t->line, "duplicate id %.*s",
		    (int)(n[F_ID] > 40 ? 40 : n[F_ID]), p[F_ID]);
	if (keep(c, &e, p, n) == -1)
		return -1;
	if (listed(c, &e) == -1)
		return problem(c, t->line, "routines: a list of %s rows "
		    "would be longer than %d bytes", e.kind == KIND_ADVICE ?
		    "advice" : "exercise", CAT_LISTMAX);
	return 0;
}

/* Every routine needs an exercise that no contraindication removes. */
static int
complete(struct catalog *c, unsigned long line)
{
	size_t	i;
	int	r;

	for (r = 0; r < NROUT; r++) {
		for (i = 0; i < c->n; i++)
			if (c->e[i].kind != KIND_ADVICE && c->e[i].contra == 0 &&
			    (c->e[i].routines & CAT_ROUTINE(r)))
				break;
		if (i == c->n)
			return problem(c, line, "routine %s has no exercise "
			    "free of contraindications", routine_words[r].s);
	}
	return 0;
}

int
catalog_read(struct catalog *c, const char *path)
{
	char	*b;
	size_t	 cap = 0;
	ssize_t	 r;
	int	 fd;

	memset(c, 0, sizeof(*c));
	c->name = path != NULL ? path : "built-in catalog";
	if (path == NULL) {
		if ((c->text = catalog_builtin(&c->len)) == NULL)
			c->err = ENOMEM;
		return c->text != NULL ? 0 : -1;
	}
	if ((fd = open(path, O_RDONLY)) == -1) {
		c->err = errno;
		return -1;
	}
	for (;;) {
		if (c->len > CAT_FILEMAX) {
			c->why = "larger than 64 MiB";
			break;
		}
		if (c->len == cap) {
			/* at the bound, room for one byte more: is there one? */
			cap = cap >= CAT_FILEMAX ? CAT_FILEMAX + 1 :
			    cap == 0 ? 64 * 1024 :
			    2 * cap < CAT_FILEMAX ? 2 * cap : CAT_FILEMAX;
			if ((b = realloc(c->text, cap)) == NULL) {
				c->err = ENOMEM;
				break;
			}
			c->text = b;
		}
		if ((r = read(fd, c->text + c->len, cap - c->len)) > 0)
			c->len += (size_t)r;
		else if (r == 0 || errno != EINTR) {
			if (r == -1)
				c->err = errno;
			break;
		}
	}
	close(fd);
	if (c->why == NULL && c->err == 0)
		return 0;
	free(c->text);
	c->text = NULL;
	return -1;
}

int
catalog_parse(struct catalog *c)
{
	struct tsv	 t;
	int		 col[NFIELDS], i, s, r = -1;

	maketargets();
	s = tsv_openmem(&t, c->name, c->text, c->len);
	free(c->text);
	c->text = NULL;
	if (s == -1) {
		c->err = ENOMEM;
		return -1;
	}
	if ((s = tsv_header(&t)) != 1) {
		if (s == 0)
			problem(c, 0, "empty catalog");
		goto done;
	}
	for (i = 0; i < NFIELDS; i++)
		if ((col[i] = tsv_col(&t, fields[i])) < 0) {
			problem(c, t.line, "no column %s", fields[i]);
			goto done;
		}
	while ((s = tsv_next(&t)) == TSV_REC)
		if (row(c, &t, col) == -1)
			goto done;
	if (s == TSV_EOF)
		r = complete(c, t.line);
done:
	if (r == -1 && c->why == NULL && c->err == 0) {
		c->line = t.line;
		c->why = t.why;
		c->err = t.err;
		if (c->why != NULL)
			problem(c, t.line, "%s", t.why);
	}
	c->listmax += 5;
	tsv_close(&t);
	return r;
}

void
catalog_free(struct catalog *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		free((char *)c->e[i].id);
		free((char *)c->e[i].name);
		free((char *)c->e[i].dose);
		free((char *)c->e[i].source);
		free((char *)c->e[i].instructions);
	}
	free(c->e);
	free(c->slot);
	free(c->text);
	memset(c, 0, sizeof(*c));
}
