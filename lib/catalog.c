#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void	 maketargets(void);
static int	 problem(struct catalog *, unsigned long, const char *, ...);
static int	 row(struct catalog *, struct tsv *, const int *);
static int	 token(const char *, size_t);
static int	 complete(struct catalog *, unsigned long);
static char	*copy(const char *, size_t);

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

const struct entry *
catalog_find(const struct catalog *c, const char *id, size_t n, int advice)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if ((c->e[i].kind == KIND_ADVICE) == (advice != 0) &&
		    strlen(c->e[i].id) == n && memcmp(c->e[i].id, id, n) == 0)
			return &c->e[i];
	return NULL;
}

static int
row(struct catalog *c, struct tsv *t, const int *col)
{
	struct entry	 e, *ne;
	const char	*p[NFIELDS], *why;
	size_t		 n[NFIELDS];
	int		 i, k;

	for (i = 0; i < NFIELDS; i++)
		p[i] = tsv_field(t, (size_t)col[i], &n[i]);
	memset(&e, 0, sizeof(e));
	if (!token(p[F_ID], n[F_ID]))
		return problem(c, t->line, "id: empty, or holds a comma, "
		    "colon or space");
	if (val_word(p[F_KIND], n[F_KIND], &kind_v, &k, &why) != V_OK)
		return problem(c, t->line, "kind: not one of warmup mobility "
		    "stretch strength aerobic advice");
	e.kind = (enum kind)k;
	if (val_set(p[F_ROUTINES], n[F_ROUTINES], &target_v, &e.routines,
	    &why) != V_OK)
		return problem(c, t->line, "routines: unknown or empty "
		    "routine or disposition");
	if (e.kind != KIND_ADVICE && (e.routines & ~((1U << NROUT) - 1)))
		return problem(c, t->line, "routines: an exercise takes "
		    "routines only");
	if (vocab_find(&none_v, p[F_CONTRA], n[F_CONTRA]) == 0)
		e.contra = 0;
	else if (val_set(p[F_CONTRA], n[F_CONTRA], &contra_v, &e.contra,
	    &why) != V_OK)
		return problem(c, t->line, "contraindications: unknown code "
		    "(age65 osteoporosis radicular acute, or none)");
	if (e.kind == KIND_ADVICE && e.contra != 0)
		return problem(c, t->line, "contraindications: advice takes "
		    "none");
	if (!token(p[F_DOSE], n[F_DOSE]))
		return problem(c, t->line, "dose: empty, or holds a comma, "
		    "colon or space");
	for (i = 0; i < NFIELDS; i++) {
		val_trim(&p[i], &n[i]);
		if (n[i] == 0)
			return problem(c, t->line, "%s: empty", fields[i]);
	}
	if (catalog_find(c, p[F_ID], n[F_ID], e.kind == KIND_ADVICE) != NULL)
		return problem(c, t->line, "duplicate id %.*s",
		    (int)(n[F_ID] > 40 ? 40 : n[F_ID]), p[F_ID]);
	e.id = copy(p[F_ID], n[F_ID]);
	e.name = copy(p[F_NAME], n[F_NAME]);
	e.dose = copy(p[F_DOSE], n[F_DOSE]);
	e.source = copy(p[F_SOURCE], n[F_SOURCE]);
	e.instructions = copy(p[F_INSTRUCTIONS], n[F_INSTRUCTIONS]);
	if ((ne = realloc(c->e, (c->n + 1) * sizeof(*c->e))) == NULL ||
	    e.id == NULL || e.name == NULL || e.dose == NULL ||
	    e.source == NULL || e.instructions == NULL) {
		c->e = ne != NULL ? ne : c->e;
		c->err = ENOMEM;
		return -1;
	}
	c->e = ne;
	c->e[c->n++] = e;
	c->listmax += strlen(e.id) + strlen(e.dose) + 2;
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
catalog_load(struct catalog *c, const char *path)
{
	struct tsv	 t;
	char		*text = NULL;
	size_t		 len;
	int		 col[NFIELDS], i, s, r = -1;

	memset(c, 0, sizeof(*c));
	maketargets();
	c->name = path != NULL ? path : "built-in catalog";
	if (path == NULL) {
		if ((text = catalog_builtin(&len)) == NULL ||
		    tsv_openmem(&t, c->name, text, len) == -1) {
			free(text);
			c->err = ENOMEM;
			return -1;
		}
		free(text);
	} else if (tsv_open(&t, (char **)&path, 1) == -1) {
		c->why = t.why;
		c->err = t.err;
		tsv_close(&t);
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
	memset(c, 0, sizeof(*c));
}
