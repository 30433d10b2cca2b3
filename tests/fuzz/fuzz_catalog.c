/*
 * Harness 4: the catalog parser, lib/catalog.c (bp-catalog(5)).
 *
 * Each input is a catalog file: catalog_load() on /dev/fd/N of a memfd
 * holding it.  A catalog it takes must be one bp-catalog(5) allows: at
 * least one entry, ids and doses single tokens, known kinds, exercises
 * on routines only, advice free of contraindications, no id twice in
 * its class, every routine with an exercise free of contraindications,
 * listmax large enough for the longest list bproutine writes.  A
 * catalog it refuses must come with a reason or an errno.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fuzzutil.h"

static int	infd;
static char	inpath[32];

static void
token(const char *s, const char *what)
{
	if (*s == '\0' || strpbrk(s, ",: \t\n") != NULL) {
		fprintf(stderr, "%s: \"%s\"\n", what, s);
		fz_fail("catalog: not a token");
	}
}

static void
text(const char *s, const char *what)
{
	size_t	n = strlen(s);

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' ||
	    strpbrk(s, "\t\n") != NULL) {
		fprintf(stderr, "%s: \"%s\"\n", what, s);
		fz_fail("catalog: empty or untrimmed text");
	}
}

static void
check(const struct catalog *c)
{
	const struct entry	*e;
	size_t			 i, list = 0, adv = 0;
	int			 r;

	if (c->n == 0 || c->e == NULL)
		fz_fail("catalog taken with no entry");
	for (i = 0; i < c->n; i++) {
		e = &c->e[i];
		token(e->id, "id");
		token(e->dose, "dose");
		text(e->name, "name");
		text(e->source, "source");
		text(e->instructions, "instructions");
		if ((unsigned)e->kind > K_ADVICE)
			fz_fail("catalog: kind out of range");
		if (e->routines == 0 || e->routines >= CAT_ANY << 1)
			fz_fail("catalog: routines empty or unknown");
		if (e->kind != K_ADVICE &&
		    (e->routines & ~((1U << NROUTINES) - 1)))
			fz_fail("catalog: exercise for a disposition");
		if (e->contra >= 1U << NCONTRA)
			fz_fail("catalog: unknown contraindication");
		if (e->kind == K_ADVICE && e->contra != 0)
			fz_fail("catalog: advice with a contraindication");
		if (catalog_find(c, e->id, strlen(e->id),
		    e->kind == K_ADVICE) != e)
			fz_fail("catalog: id twice in its class");
		/* bproutine's longest lists: every id:dose, every id */
		if (e->kind != K_ADVICE)
			list += strlen(e->id) + strlen(e->dose) + 1;
		else
			adv += strlen(e->id) + 1;
	}
	if (list + 1 > c->listmax || adv + 1 > c->listmax ||
	    c->listmax < 5)
		fz_fail("catalog: listmax too small");
	for (r = 0; r < NROUTINES; r++) {
		for (i = 0; i < c->n; i++)
			if (c->e[i].kind != K_ADVICE && c->e[i].contra == 0 &&
			    (c->e[i].routines & CAT_ROUTINE(r)))
				break;
		if (i == c->n)
			fz_fail("catalog: routine with no free exercise");
	}
}

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct catalog	c;

	(void)argc;
	(void)argv;
	fz_init();
	infd = fz_memfd("fuzz-catalog");
	fz_path(inpath, sizeof(inpath), infd);
	/* the built-in catalog passes its own checks */
	if (catalog_load(&c, NULL) != 0)
		fz_fail("built-in catalog refused");
	check(&c);
	catalog_free(&c);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog	c;

	fz_fdmark();
	fz_fill(infd, data, size);
	if (catalog_load(&c, inpath) == 0)
		check(&c);
	else {
		if (c.why == NULL && c.err == 0)
			fz_fail("catalog refused without a reason");
		if (c.why != NULL && strlen(c.why) >= sizeof(c.whybuf) &&
		    c.why == c.whybuf)
			fz_fail("catalog reason overflows");
		if (c.line > fz_lines((const char *)data, size))
			fz_fail("catalog problem past the last line");
	}
	catalog_free(&c);
	fz_nofdleak();
	return 0;
}
