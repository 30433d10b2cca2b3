/*
 * catalog: the exercise and advice catalog (bp-catalog(5)).
 *
 * One TSV table holds both: exercise rows, and advice rows of kind
 * "advice".  The built-in catalog is lib/catalog.tsv compiled in; a
 * file given with -c replaces it and is checked the same way.
 */
#ifndef BP_CATALOG_H
#define BP_CATALOG_H

#include <stddef.h>

/* Routines, then dispositions, then "any": bits of entry.routines. */
enum routine {
	R_ACUTE_BACK, R_BACK_STRENGTH, R_RADICULAR, R_HIP_MOBILITY,
	R_HIP_STRENGTH, NROUTINES
};
enum disposition {
	D_EMERGENCY, D_URGENT, D_ASSESS, D_REVIEW, D_PHYSIO, D_SELF_CARE,
	NDISPOSITIONS
};
#define CAT_ROUTINE(r)		(1U << (r))
#define CAT_DISPOSITION(d)	(1U << (NROUTINES + (d)))
#define CAT_ANY			(1U << (NROUTINES + NDISPOSITIONS))

/* Contraindications: bits of entry.contra. */
enum contra { X_AGE65, X_OSTEOPOROSIS, X_RADICULAR, X_ACUTE, NCONTRA };

enum kind { K_WARMUP, K_MOBILITY, K_STRETCH, K_STRENGTH, K_AEROBIC,
    K_ADVICE };

extern const char *const routine_names[];	/* by enum routine */
extern const char *const disposition_names[];	/* by enum disposition */

struct entry {
	const char	*id;
	enum kind	 kind;
	const char	*name;
	unsigned	 routines;	/* CAT_* bits */
	unsigned	 contra;	/* 1 << enum contra */
	const char	*dose;
	const char	*source;
	const char	*instructions;
};

struct catalog {
	struct entry	*e;		/* in catalog order */
	size_t		 n;
	size_t		 listmax;	/* longest "id:dose,..." list + 1 */
	const char	*name;		/* file name, for diagnostics */
	unsigned long	 line;		/* where a problem is */
	const char	*why;		/* the problem, or NULL with err */
	int		 err;		/* errno of a failed read */
	char		 whybuf[128];
};

/*
 * Load the catalog from path, or the built-in one when path is NULL.
 * Returns 0, or -1 with c->name, c->line, c->why (or c->err) set.
 */
int	catalog_load(struct catalog *c, const char *path);

/* Write the built-in catalog as TSV to standard output (out.h). */
int	catalog_dump(void);

/* The entry with this id and (advice or not) kind, or NULL. */
const struct entry *catalog_find(const struct catalog *c, const char *id,
	    size_t n, int advice);

/* Free what c holds. */
void	catalog_free(struct catalog *c);

#endif
