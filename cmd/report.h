/*
 * report: the parts of bpreport(1).  bpreport.c reads the records (or
 * the summaries of --merge) and hands them to report_sum.c, which counts
 * them and keeps the work list; report_text.c writes the summary and the
 * work list as text or TSV; report_plan.c writes a plan per record.
 */
#ifndef BP_REPORT_H
#define BP_REPORT_H

#include <stddef.h>

#include "catalog.h"
#include "value.h"

typedef unsigned long long	tally_t;	/* counts, as -f tsv writes them */

/* The count sections of a summary, in order; progress only when read. */
enum { S_RECORDS, S_PROBLEMS, S_LEVEL, S_PHASE, S_PATTERN, S_STARTBACK,
    S_DISPOSITION, S_PROGRESS, NCOUNTS };

/* The work-list sections, in order. */
enum { W_EMERGENCY, W_URGENT, W_UNSCREENED, NWORK };

/*
 * The columns a record is read by, in order: those every mode needs,
 * those of plans, then those read when present.
 */
enum { P_ID, P_LEVEL, P_FLAGS, P_UNSCREENED, P_WORST, P_PHASE, P_PATTERN,
    P_STARTBACK, P_DISPOSITION, P_ROUTINE, P_EXERCISES, P_SESSIONS,
    P_ADVICE, P_DISABILITY, P_ODI, P_PROGRESS, P_SEEN, NPCOLS };

/* A field of a record: n bytes at p. */
struct field {
	const char	*p;
	size_t		 n;
};

/* 1 if the comma list f holds word. */
static inline int
field_has(const struct field *f, const char *word)
{
	return items_has(f->p, f->n, word);
}

/* A key and its count. */
struct kv {
	char		*key;
	size_t		 len;
	tally_t		 n;
};

/* A count section: its known keys first, in their order, then others. */
struct count {
	const char		*section;	/* also the column counted */
	int			 on;		/* shown: not optional, or read */
	const struct word	*known;
	struct kv		*v;
	size_t			 nv, cap, nknown;
	size_t			*slot;		/* hash of other keys */
	size_t			 nslot;		/* a power of two, or 0 */
};

/* A work-list section: items "id\tvalue\n" one after the other. */
struct work {
	const char	*section;
	const char	*title;
	char		*buf;
	size_t		 len, cap;
	size_t		 n;		/* items */
};

struct report {
	struct count	c[NCOUNTS];
	struct work	w[NWORK];
	int		width;		/* of the terminal, for text */
	int		u8bars;		/* draw bars with U+2588 */
};

/*
 * report_sum.c.  sum_init() sets up an empty report; sum_record()
 * counts one record (f[] by P_*) and keeps it in the work list when it
 * belongs there, returning 1 if it had a problem, 0, or -1 when out of
 * memory; sum_merge() adds one line of a -f tsv summary, returning 0,
 * -1 when out of memory, or 2 after a diagnostic; sum_order() puts
 * other keys in byte order once the counting is over; sum_free() frees
 * it all.
 */
int	sum_init(struct report *r);
int	sum_record(struct report *r, const struct field *f, int problem);
int	sum_merge(struct report *r, const struct field *f, const char *file,
	    unsigned long line);
void	sum_order(struct report *r);
void	sum_free(struct report *r);

/*
 * The items of work-list section w in turn: *pos starts at 0; returns
 * 1 with the id and value set, or 0 after the last.
 */
int	work_next(const struct work *w, size_t *pos, struct field *id,
	    struct field *value);

/* report_text.c: the summary and the work list, as text or TSV. */
void	text_report(const struct report *r);
void	tsv_report(const struct report *r);

/*
 * Text wrapped at a width: wrap_start() writes first, then the words
 * given to wrap_words() (split at spaces) go on a line until the next one
 * would pass width, when a new line starts with indent; wrap_end() ends
 * the last line.  A word longer than a line is written whole.  Control
 * bytes are written as '?': a record's value must not steer a terminal.
 */
struct wrap {
	int		 width;
	int		 col;
	int		 words;		/* on this line */
	const char	*indent;
};
void	wrap_start(struct wrap *w, int width, const char *first,
	    const char *indent);
void	wrap_words(struct wrap *w, const char *p, size_t n);
void	wrap_end(struct wrap *w);

/* Write s right after the last word, with no space: a comma, say. */
void	wrap_glue(struct wrap *w, const char *s);

/* Write (p, n) as text: control bytes as '?'. */
void	text_put(const char *p, size_t n);

/*
 * report_plan.c: the plan of one record (f[] by P_*), after a form feed
 * unless it is the first.
 */
void	plan(const struct field *f, const struct catalog *c, int first);

#endif
