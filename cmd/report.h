/*
 * report: the parts of bpreport(1).  bpreport.c reads the records (or
 * the summaries of --merge) and hands them to report_sum.c, which counts
 * them and keeps the work list; report_text.c writes the summary and the
 * work list as text or TSV, report_html.c as an HTML page; report_plan.c
 * words a plan per record, which either of them writes.
 */
#ifndef BP_REPORT_H
#define BP_REPORT_H

#include <stddef.h>

#include "catalog.h"
#include "fmemo.h"
#include "value.h"

typedef unsigned long long	tally_t;	/* counts, as -f tsv writes them */

/* The count sections of a summary, in order; progress only when read. */
enum { S_RECORDS, S_PROBLEMS, S_LEVEL, S_PHASE, S_PATTERN, S_STARTBACK,
    S_DISPOSITION, S_PROGRESS, NCOUNTS };

/* The formats of -f. */
enum format { F_TEXT, F_TSV, F_HTML, F_NONE };

/* The words of a summary, whatever its format. */
#define SUM_TITLE	"Batch summary: %llu records, %llu with problems"
#define SUM_WORK	"Work list: people to call today"
#define SUM_NOONE	"No one on the work list today."

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

/*
 * 1 if the comma list f holds word.  Most are one word: that first, and
 * without a search (bpreport 7% fewer instructions a record).
 */
static inline int
field_has(const struct field *f, const char *word)
{
	size_t	n = strlen(word);

	if (f->n == n && memcmp(f->p, word, n) == 0)
		return 1;
	return memchr(f->p, ',', f->n) != NULL && items_has(f->p, f->n, word);
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
	struct fmemo		 memo;		/* a record's keys: index in v */
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
 * report_sum.c.  sum_init() sets up an empty report; sum_invalid() is 1
 * when an output of the record f[] (by P_*) is invalid, which makes it a
 * problem record (bpreport(1)); sum_record() counts one record, a
 * problem one if problem is 1, and keeps it in the work list when it
 * belongs there, returning problem, or -1 when out of memory;
 * sum_merge() adds one line of a -f tsv summary, returning 0, -1 when out
 * of memory, or 2 after a diagnostic; sum_order() puts other keys in byte
 * order once the counting is over; sum_free() frees it all.
 */
int	sum_init(struct report *r);
int	sum_invalid(const struct field *f);
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

/* n of all as a percentage, 0 when all is 0. */
double	share(tally_t n, tally_t all);

/*
 * Text wrapped at a width: wrap_start() writes first, then the words
 * given to wrap_words() (split at spaces) go on a line until the next one
 * would pass width, when a new line starts with indent; wrap_end() ends
 * the last line.  A word longer than a line is written whole.  Words go
 * out through put, text_put() unless the caller sets another after
 * wrap_start(): html_put() with a width of NOWRAP writes them for HTML.
 */
#define NOWRAP	(1 << 28)	/* a width no line reaches */
struct wrap {
	int		 width;
	int		 col;
	int		 words;		/* on this line */
	int		 tail;		/* room the last word keeps after it */
	const char	*indent;
	void		(*put)(const char *, size_t);
};
void	wrap_start(struct wrap *w, int width, const char *first,
	    const char *indent);
void	wrap_words(struct wrap *w, const char *p, size_t n);
void	wrap_end(struct wrap *w);

/* Write (p, n) on the line right after the last word, with no space. */
void	wrap_put(struct wrap *w, const char *p, size_t n);

/* As wrap_put() for the string s: a comma, say. */
void	wrap_glue(struct wrap *w, const char *s);

/*
 * The items of the comma-separated list (p, n), each turned into words by
 * words(), which may point *p elsewhere, and joined by sep, which stays
 * on the line of the item before it and within the width.
 */
void	wrap_items(struct wrap *w, const char *p, size_t n, const char *sep,
	    void (*words)(const char **, size_t *));

/*
 * What a work-list item of section s is about, in words: the flags or
 * the open questions of its value v.
 */
void	work_words(struct wrap *w, int s, const struct field *v);

/*
 * Write (p, n) as text: control bytes as '?', so that a record's value
 * cannot steer a terminal.
 */
void	text_put(const char *p, size_t n);

/*
 * report_html.c.  html_put() writes (p, n) as HTML text: markup
 * characters and quotes as references, control bytes as '?' as
 * text_put() does, and bytes that are not UTF-8 as U+FFFD.  html_begin()
 * writes the head of a page titled title (plain ASCII) and opens its
 * body; html_end() closes it.  html_report() writes the summary and
 * the work list as a whole page.
 */
void	html_put(const char *p, size_t n);
void	html_begin(const char *title);
void	html_end(void);
void	html_report(const struct report *r);

/*
 * A plan is a run of blocks: a title line, headings, paragraphs (among
 * them what to do next and the safety net), items of a list, and
 * numbered steps, each with the text under it.  Its words come from
 * report_plan.c alone; a struct docfmt says how a plan and each block
 * begin and end in a format, text (report_text.c) or HTML
 * (report_html.c), and keep() writes a value, a date, that a line must
 * not break inside where the format can say so.  struct doc holds where
 * a plan is.
 */
enum block { B_TITLE, B_HEAD, B_PARA, B_NEXT, B_NET, B_ITEM, B_STEP,
    B_STEPTEXT, B_NOTE };

struct doc;
struct docfmt {
	void	(*begin)(struct doc *d, int first);	/* a plan */
	void	(*open)(struct doc *d, enum block b);	/* sets d->w */
	void	(*close)(struct doc *d, enum block b);
	void	(*end)(struct doc *d);			/* the plan */
	void	(*keep)(struct doc *d, const char *p, size_t n);
};
struct doc {
	const struct docfmt	*fmt;
	struct wrap		 w;	/* of the open block */
	enum block		 b;	/* the open block */
	int			 list;	/* HTML: the list open, a B_*, or -1 */
	int			 step;	/* numbered steps so far */
	const char		*file;	/* where the record is, for warnings */
	unsigned long		 line;
	int			 problem;	/* a code not in the catalog */
};
extern const struct docfmt	text_doc, html_doc;

/*
 * report_plan.c: the plan of one record (f[] by P_*, line line of file) in
 * format fmt; first is set for the first plan of a run.  An exercise or
 * advice code that the catalog c lacks has no words to go in a plan: it
 * is warned about, and plan() returns 1 (else 0).  Every plan but an
 * emergency's gives the advice net (CAT_SAFETY_NET) under its heading.
 */
int	plan(const struct field *f, const struct catalog *c,
	    const struct entry *net, const struct docfmt *fmt, int first,
	    const char *file, unsigned long line);

#endif
