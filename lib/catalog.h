/*
 * catalog: the exercise and advice catalog (bp-catalog(5)).
 *
 * One TSV table holds both: exercise rows, and advice rows of kind
 * "advice".  The built-in catalog is lib/catalog.tsv compiled in; a
 * file given with -c replaces it and is checked the same way.  A pure
 * module: it never prints and never exits.
 */
#ifndef BP_CATALOG_H
#define BP_CATALOG_H

#include <stddef.h>

#include "vocab.h"

/* Routines, then dispositions, then "any": bits of entry.routines. */
#define CAT_ROUTINE(r)		(1U << (r))
#define CAT_DISPOSITION(d)	(1U << (NROUT + (d)))
#define CAT_ANY			(1U << (NROUT + NDISP))

/*
 * The id of the advice row of when to get help at once, which every plan
 * but an emergency's gives (bpreport(1)).
 */
#define CAT_SAFETY_NET		"cauda_equina_warning"

struct entry {
	const char	*id;
	enum kind	 kind;
	const char	*name;
	unsigned	 routines;	/* CAT_* bits */
	unsigned	 contra;	/* bits 1 << enum contra */
	const char	*dose;
	const char	*source;
	const char	*instructions;
};

/* The longest field a catalog row may hold (bp-catalog(5)). */
#define CAT_IDMAX		64
#define CAT_NAMEMAX		128
#define CAT_DOSEMAX		32
#define CAT_SOURCEMAX		512
#define CAT_TEXTMAX		2048
#define CAT_LISTMAX		4096	/* an exercises or advice list */
#define CAT_FILEMAX		(64 * 1024 * 1024)	/* a catalog file */

struct catalog {
	struct entry	*e;		/* in catalog order */
	size_t		 n;
	size_t		 listmax;	/* longest list it makes, + 1 */
	const char	*name;		/* file name, for diagnostics */
	unsigned long	 line;		/* where a problem is */
	const char	*why;		/* the problem, or NULL with err */
	int		 err;		/* errno of a failed read */
	char		 whybuf[128];
	/* private */
	size_t		 cap;		/* of e */
	size_t		*slot;		/* index + 1 of e by id and kind */
	size_t		 nslot;		/* a power of two */
	size_t		 exsum[NROUT];	/* exercise lists, by routine */
	size_t		 adsum[NROUT + NDISP + 1];	/* advice, by CAT_* bit */
	char		*text;		/* catalog_read(): the file */
	size_t		 len;
};

/*
 * Read the catalog file path, or the built-in catalog when path is NULL,
 * into memory, to be parsed later by catalog_parse() (a tool reads its
 * files before it enters its sandbox, and parses them inside).  Returns
 * 0, or -1 with c->name and c->err (or c->why) set.
 */
int	catalog_read(struct catalog *c, const char *path);

/*
 * Parse and check what catalog_read() read, and free the text.  Returns
 * 0, or -1 with c->name, c->line, c->why (or c->err) set.
 */
int	catalog_parse(struct catalog *c);

/*
 * The built-in catalog as the text of a TSV file, *len bytes; the caller
 * frees it.  NULL when out of memory.
 */
char	*catalog_builtin(size_t *len);

/* The entry with this id and (advice or not) kind, or NULL. */
const struct entry *catalog_find(const struct catalog *c, const char *id,
	    size_t n, int advice);

/* Free what c holds. */
void	catalog_free(struct catalog *c);

#endif
