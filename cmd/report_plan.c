/*
 * report_plan: bpreport's plan for one person (bpreport(1), --plans), in
 * plain words throughout: no column name or code reaches the page.  The
 * words are all here; a struct docfmt writes them as text or as HTML.
 */
#include <string.h>

#include "diag.h"
#include "flags.h"
#include "report.h"

/* Words for the person, by value of a column. */
struct words {
	const char	*value;
	const char	*text;
};

static const struct words phasewords[] = {
	{ "acute", "The pain began recently." },
	{ "subacute", "The pain has lasted some weeks, up to 12." },
	{ "chronic", "The pain has lasted more than 12 weeks." },
	{ "unknown", "How long the pain has lasted was not recorded." },
	{ "invalid", "The answer about how long the pain has lasted could "
	    "not be read." },
	{ NULL, NULL }
};
static const struct words patternwords[] = {
	{ "radicular", "The pain travels down the leg, as it does when a "
	    "nerve in the lower back is irritated." },
	{ "hip", "The pain is in the hip or the groin." },
	{ "mechanical", "The back pain changes with movement and position." },
	{ "nonspecific", "The back pain shows no sign of a trapped nerve." },
	{ "other", "The pain is in a place this questionnaire does not "
	    "cover, such as the thigh alone." },
	{ "unknown", "Where the pain is, or how far it spreads, was not "
	    "recorded." },
	{ "invalid", "The answers about where the pain is could not be "
	    "read." },
	{ NULL, NULL }
};
static const struct words riskwords[] = {
	{ "low", "The answers show a low risk of the pain lasting." },
	{ "medium", "The answers show a medium risk of the pain lasting." },
	{ "high", "The answers show a high risk of the pain lasting, with "
	    "worry and low mood playing a part." },
	{ "unknown", "Not all the questions about how the pain affects you "
	    "were answered." },
	{ "invalid", "Some answers about how the pain affects you could not "
	    "be read." },
	{ NULL, NULL }
};
static const struct words disabilitywords[] = {
	{ "minimal", "The pain gets in the way of daily life a little." },
	{ "moderate", "The pain gets in the way of daily life moderately." },
	{ "severe", "The pain gets in the way of daily life a lot." },
	{ "crippled", "The pain gets in the way of almost everything in daily "
	    "life." },
	{ "bedbound", "The pain keeps you in bed, or nearly so." },
	{ "unknown", "Too few questions about daily life were answered to "
	    "score them." },
	{ "invalid", "Some answers about daily life could not be read." },
	{ NULL, NULL }
};
static const struct words progresswords[] = {
	{ "baseline", "This is the first visit on record." },
	{ "improved", "The pain is clearly better than at the first visit." },
	{ "same", "The pain is about the same as at the first visit." },
	{ "worse", "The pain is worse than at the first visit." },
	{ "not_improving", "The pain is not clearly better some weeks after "
	    "the first visit." },
	{ "unknown", "How this visit compares with the first is not known." },
	{ "invalid", "The dates of the visits could not be put in order." },
	{ NULL, NULL }
};
static const struct words dispwords[] = {
	{ "emergency", "Go to an emergency department now." },
	{ "urgent", "See a doctor within 24 hours." },
	{ "assess", "There is not enough information to advise you yet: "
	    "please finish the questionnaire with a clinician before you "
	    "start any exercises." },
	{ "review", "Book a visit with a doctor or other clinician in the "
	    "coming days; you may start the exercises below gently in the "
	    "meantime." },
	{ "review_none", "Book a visit with a doctor or other clinician in "
	    "the coming days." },
	{ "psych_physio", "Work with a physiotherapist who helps with the "
	    "worry and low mood that can come with back pain, as well as "
	    "with the exercises." },
	{ "physio", "Work through the exercises with a physiotherapist's "
	    "guidance." },
	{ "self_care", "You can look after this at home, with the exercises "
	    "below." },
	{ NULL, NULL }
};
static const struct words sessionwords[] = {
	{ "daily", "every day" },
	{ "3-5/week", "3 to 5 days a week, with rest days between" },
	{ NULL, NULL }
};

/*
 * The units of a dose (bp-catalog(5)) in words: "10s_x3" is 10 seconds,
 * 3 times; "10-30_min" 10-30 minutes.
 */
static const struct words doseunits[] = {
	{ "s", "seconds" }, { "min", "minutes" }, { "reps", "times" },
	{ NULL, NULL }
};

static const char	*say(const struct words *, const char *, size_t);
static void		 start(struct doc *, enum block);
static void		 finish(struct doc *);
static void		 add(struct doc *, const char *, size_t);
static void		 glue(struct doc *, const char *);
static void		 block(struct doc *, enum block, const char *,
			    size_t);
static void		 text(struct doc *, enum block, const char *);
static void		 sentence(struct doc *, enum block,
			    const struct words *, const struct field *);
static int		 none(const struct field *);
static void		 dose(struct doc *, const char *, size_t);
static void		 planflags(struct doc *, const struct field *);
static void		 planasked(struct doc *, const struct field *);
static void		 planexercises(struct doc *, const struct field *,
			    const struct catalog *);
static void		 planadvice(struct doc *, const struct field *,
			    const struct catalog *);
static void		 plannet(struct doc *, const struct field *,
			    const struct entry *);
static void		 missing(struct doc *, const char *, const char *,
			    size_t);

static const char *
say(const struct words *w, const char *p, size_t n)
{
	for (; w->value != NULL; w++)
		if (strlen(w->value) == n && memcmp(w->value, p, n) == 0)
			return w->text;
	return NULL;
}

static void
start(struct doc *d, enum block b)
{
	d->b = b;
	d->fmt->open(d, b);
}

static void
finish(struct doc *d)
{
	d->fmt->close(d, d->b);
}

/* Words of the open block, wrapped where the format wraps. */
static void
add(struct doc *d, const char *p, size_t n)
{
	wrap_words(&d->w, p, n);
}

/* The string s as it is, on the line. */
static void
glue(struct doc *d, const char *s)
{
	wrap_glue(&d->w, s);
}

/* A block of the words (p, n). */
static void
block(struct doc *d, enum block b, const char *p, size_t n)
{
	start(d, b);
	add(d, p, n);
	finish(d);
}

/* The same for the string s. */
static void
text(struct doc *d, enum block b, const char *s)
{
	block(d, b, s, strlen(s));
}

/*
 * The sentence for a column's value; a value it does not know, which
 * no tool writes, is shown as it is rather than left out.
 */
static void
sentence(struct doc *d, enum block b, const struct words *w,
    const struct field *f)
{
	const char	*s = say(w, f->p, f->n);

	if (s != NULL)
		text(d, b, s);
	else if (f->n > 0)
		block(d, b, f->p, f->n);
}

/* 1 if f is empty or "none". */
static int
none(const struct field *f)
{
	return f->n == 0 || (f->n == 4 && memcmp(f->p, "none", 4) == 0);
}

/*
 * A dose in words: its parts at '_', "xN" as ", N times", a unit alone or
 * after a number spelled out.
 */
static void
dose(struct doc *d, const char *p, size_t n)
{
	const char	*end = p + n, *us, *u;
	size_t		 k, dg;

	for (k = 0; p < end; p = us + 1, k++) {
		if ((us = memchr(p, '_', (size_t)(end - p))) == NULL)
			us = end;
		for (dg = 0; p + dg < us && p[dg] >= '0' && p[dg] <= '9'; dg++)
			;
		if (p[0] == 'x' && us - p > 1 && p[1] >= '0' && p[1] <= '9') {
			glue(d, k > 0 ? ", " : "");
			wrap_put(&d->w, p + 1, (size_t)(us - p - 1));
			glue(d, " times");
			continue;
		}
		glue(d, k > 0 ? " " : "");
		if ((u = say(doseunits, p + dg, (size_t)(us - p) - dg)) !=
		    NULL) {
			wrap_put(&d->w, p, dg);
			glue(d, dg > 0 ? " " : "");
			glue(d, u);
		} else
			wrap_put(&d->w, p, (size_t)(us - p));
	}
}

static void
planflags(struct doc *d, const struct field *f)
{
	const struct flag	*fl;
	struct items		 it;
	const char		*p;
	size_t			 n;

	text(d, B_HEAD, "Warning signs");
	if (none(&f[P_FLAGS]))
		text(d, B_PARA, "None of the warning signs asked about was "
		    "reported. That is not proof that all is well.");
	else {
		items_init(&it, f[P_FLAGS].p, f[P_FLAGS].n);
		while (items_next(&it, &p, &n)) {
			if ((fl = flag_find(p, n)) != NULL)
				text(d, B_ITEM, fl->plain);
			else
				block(d, B_ITEM, p, n);
		}
	}
	if (!none(&f[P_UNSCREENED]))
		planasked(d, &f[P_UNSCREENED]);
}

/* The screening questions an unscreened list names, in plain words. */
static void
planasked(struct doc *d, const struct field *f)
{
	start(d, B_PARA);
	add(d, "Not yet asked, or the answer could not be read:", 47);
	wrap_items(&d->w, f->p, f->n, ";", flags_plain);
	finish(d);
}

static void
planexercises(struct doc *d, const struct field *f, const struct catalog *c)
{
	const struct entry	*e;
	const struct field	*ss = &f[P_SESSIONS];
	const char		*p, *colon, *often;
	struct items		 it;
	size_t			 n;

	if (none(&f[P_EXERCISES]))
		return;
	start(d, B_HEAD);
	glue(d, "Exercises, ");
	if ((often = say(sessionwords, ss->p, ss->n)) != NULL)
		glue(d, often);
	else
		wrap_put(&d->w, ss->p, ss->n);
	finish(d);
	items_init(&it, f[P_EXERCISES].p, f[P_EXERCISES].n);
	while (items_next(&it, &p, &n)) {
		if ((colon = memchr(p, ':', n)) == NULL)
			colon = p + n;
		if ((e = catalog_find(c, p, (size_t)(colon - p), 0)) == NULL)
			missing(d, "exercises", p, (size_t)(colon - p));
		start(d, B_STEP);
		glue(d, e != NULL ? e->name :
		    "Ask the clinic to show you one more exercise");
		if (colon < p + n) {
			glue(d, " (");
			dose(d, colon + 1, (size_t)(p + n - colon - 1));
			glue(d, ")");
		}
		finish(d);
		if (e != NULL)
			text(d, B_STEPTEXT, e->instructions);
	}
}

/* The advice texts but the safety net's, under "Advice". */
static void
planadvice(struct doc *d, const struct field *f, const struct catalog *c)
{
	const struct entry	*e;
	struct items		 it;
	const char		*p;
	size_t			 n;
	int			 k = 0;

	if (none(&f[P_ADVICE]))
		return;
	items_init(&it, f[P_ADVICE].p, f[P_ADVICE].n);
	while (items_next(&it, &p, &n)) {
		if (n == strlen(CAT_SAFETY_NET) &&
		    memcmp(p, CAT_SAFETY_NET, n) == 0)
			continue;
		if ((e = catalog_find(c, p, n, 1)) == NULL) {
			missing(d, "advice", p, n);
			continue;
		}
		if (k++ == 0)
			text(d, B_HEAD, "Advice");
		text(d, B_ITEM, e->instructions);
	}
}

/*
 * When to get help at once, the advice net: in every plan but an
 * emergency's, whatever its advice column holds.
 */
static void
plannet(struct doc *d, const struct field *f, const struct entry *net)
{
	if (net == NULL || (f[P_DISPOSITION].n == 9 &&
	    memcmp(f[P_DISPOSITION].p, "emergency", 9) == 0))
		return;
	text(d, B_HEAD, "When to get help at once");
	text(d, B_NET, net->instructions);
}

/* A code of column col that the catalog lacks: warned about, not shown. */
static void
missing(struct doc *d, const char *col, const char *p, size_t n)
{
	diag_value(d->file, d->line, col, "not in the catalog", p, n);
	d->problem = 1;
}

int
plan(const struct field *f, const struct catalog *c, const struct entry *net,
    const struct docfmt *fmt, int first, const char *file,
    unsigned long line)
{
	struct doc	d;

	memset(&d, 0, sizeof(d));
	d.fmt = fmt;
	d.list = -1;
	d.file = file;
	d.line = line;
	fmt->begin(&d, first);
	start(&d, B_TITLE);
	glue(&d, "Plan for ");
	wrap_put(&d.w, f[P_ID].p, f[P_ID].n);
	if (f[P_SEEN].n > 0) {
		glue(&d, ", seen ");
		fmt->keep(&d, f[P_SEEN].p, f[P_SEEN].n);
	}
	finish(&d);
	text(&d, B_HEAD, "What the answers show");
	sentence(&d, B_PARA, patternwords, &f[P_PATTERN]);
	sentence(&d, B_PARA, phasewords, &f[P_PHASE]);
	sentence(&d, B_PARA, riskwords, &f[P_STARTBACK]);
	if (f[P_PATTERN].n == 3 && memcmp(f[P_PATTERN].p, "hip", 3) == 0)
		text(&d, B_PARA, "Those questions were made for back pain, "
		    "not hip pain, so they do not change this plan.");
	sentence(&d, B_PARA, disabilitywords, &f[P_DISABILITY]);
	sentence(&d, B_PARA, progresswords, &f[P_PROGRESS]);
	planflags(&d, f);
	text(&d, B_HEAD, "What happens next");
	if (none(&f[P_EXERCISES]) && f[P_DISPOSITION].n == 6 &&
	    memcmp(f[P_DISPOSITION].p, "review", 6) == 0)
		text(&d, B_NEXT, say(dispwords, "review_none", 11));
	else
		sentence(&d, B_NEXT, dispwords, &f[P_DISPOSITION]);
	planexercises(&d, f, c);
	planadvice(&d, f, c);
	plannet(&d, f, net);
	text(&d, B_NOTE, none(&f[P_EXERCISES]) ? "This plan is not a "
	    "diagnosis. It sorts the answers given, so that a clinician can "
	    "act on them." : "This plan is not a diagnosis. It sorts the "
	    "answers given and suggests exercises for a clinician to review.");
	fmt->end(&d);
	return d.problem;
}
