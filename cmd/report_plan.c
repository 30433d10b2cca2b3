/*
 * report_plan: bpreport's plan for one person (bpreport(1), --plans).
 */
#include <stdio.h>
#include <string.h>

#include "flags.h"
#include "out.h"
#include "report.h"

#define WRAP	72	/* plan text width */

/* Words for the person, by value of a classification column. */
struct words {
	const char	*value;
	const char	*text;
};

static const struct words phasewords[] = {
	{ "acute", "The pain began recently (acute phase)." },
	{ "subacute", "The pain has lasted some weeks, up to 12 "
	    "(subacute phase)." },
	{ "chronic", "The pain has lasted more than 12 weeks "
	    "(chronic phase)." },
	{ "unknown", "How long the pain has lasted was not recorded." },
	{ "invalid", "The answer about how long the pain has lasted could "
	    "not be read." },
	{ NULL, NULL }
};
static const struct words patternwords[] = {
	{ "radicular", "The pain travels down the leg, as it does when a "
	    "nerve root in the back is irritated (radicular pain)." },
	{ "hip", "The pain is centred on the hip or groin." },
	{ "mechanical", "Back pain that changes with movement and position "
	    "(mechanical pain)." },
	{ "nonspecific", "Back pain without signs of nerve involvement "
	    "(non-specific pain)." },
	{ "other", "The pain is in a place these tools do not sort, such "
	    "as the thigh alone." },
	{ "unknown", "Where the pain is, or how far it spreads, was not "
	    "recorded." },
	{ "invalid", "The answers about where the pain is could not be "
	    "read." },
	{ NULL, NULL }
};
static const struct words riskwords[] = {
	{ "low", "Low risk of the pain becoming a lasting problem "
	    "(STarT Back)." },
	{ "medium", "Medium risk of the pain becoming a lasting problem "
	    "(STarT Back)." },
	{ "high", "High risk of the pain becoming a lasting problem, with "
	    "worry and low mood playing a part (STarT Back)." },
	{ "unknown", "The STarT Back questions were not all answered." },
	{ "invalid", "Some STarT Back answers could not be read." },
	{ NULL, NULL }
};
static const struct words disabilitywords[] = {
	{ "minimal", "Daily life is affected a little (Oswestry)." },
	{ "moderate", "Daily life is moderately affected (Oswestry)." },
	{ "severe", "Daily life is severely affected (Oswestry)." },
	{ "crippled", "The pain affects almost every part of daily life "
	    "(Oswestry)." },
	{ "bedbound", "The pain keeps the person in bed or nearly so "
	    "(Oswestry)." },
	{ "unknown", "Too few Oswestry questions were answered to score." },
	{ "invalid", "Some Oswestry answers could not be read." },
	{ NULL, NULL }
};
static const struct words dispwords[] = {
	{ "emergency", "Go to an emergency department now." },
	{ "urgent", "See a doctor within 24 hours." },
	{ "assess", "Not enough information to advise yet: complete the "
	    "questionnaire with a clinician before starting exercises." },
	{ "review", "Book a visit with a clinician; the routine below may "
	    "start in the meantime." },
	{ "physio", "Work through the routine below with a "
	    "physiotherapist's guidance." },
	{ "self_care", "Look after this at home with the routine below; "
	    "seek care if things change." },
	{ NULL, NULL }
};
static const char *const levelwhat[] = {
	"", "mention it to the clinician who reviews this plan",
	"see a doctor within 24 hours", "go to an emergency department now"
};

static const char	*say(const struct words *, const struct field *);
static void		 wrap(const char *, const char *, const char *);
static void		 spaced(const char *, size_t);
static void		 line(const struct words *, const char *,
			    const struct field *);
static int		 none(const struct field *);
static void		 planflags(const struct field *);
static void		 planasked(const struct field *);
static void		 planexercises(const struct field *,
			    const struct catalog *);
static void		 planadvice(const struct field *,
			    const struct catalog *);

static const char *
say(const struct words *w, const struct field *f)
{
	for (; w->value != NULL; w++)
		if (strlen(w->value) == f->n && memcmp(w->value, f->p, f->n) ==
		    0)
			return w->text;
	return NULL;
}

/*
 * Write s wrapped at WRAP columns: the first line starts with first,
 * the others with indent (as many columns wide).
 */
static void
wrap(const char *first, const char *indent, const char *s)
{
	size_t	col, w, ind = strlen(indent);

	out_str(first);
	col = ind;
	while (*s != '\0') {
		while (*s == ' ')
			s++;
		w = strcspn(s, " ");
		if (w == 0)
			break;
		if (col > ind && col + 1 + w > WRAP) {
			out_byte('\n');
			out_str(indent);
			col = ind;
		} else if (col > ind) {
			out_byte(' ');
			col++;
		}
		out_write(s, w);
		col += w;
		s += w;
	}
	out_byte('\n');
}

/* Write (p, n) with '_' shown as ' '. */
static void
spaced(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		out_byte(p[i] == '_' ? ' ' : p[i]);
}

static void
line(const struct words *w, const char *what, const struct field *f)
{
	const char	*s = say(w, f);

	if (s != NULL) {
		wrap("  ", "  ", s);
		return;
	}
	out_printf("  %s: ", what);
	out_write(f->p, f->n);
	out_byte('\n');
}

/* 1 if f is empty or "none". */
static int
none(const struct field *f)
{
	return f->n == 0 || (f->n == 4 && memcmp(f->p, "none", 4) == 0);
}

static void
planflags(const struct field *f)
{
	const struct flag	*fl;
	struct items		 it;
	const char		*p;
	size_t			 n;
	char			 buf[256];

	out_str("\nWarning signs\n");
	if (none(&f[P_FLAGS]))
		wrap("  ", "  ", "None of the warning signs asked about was "
		    "reported. That is not proof that all is well.");
	else {
		items_init(&it, f[P_FLAGS].p, f[P_FLAGS].n);
		while (items_next(&it, &p, &n)) {
			if ((fl = flag_find(p, n)) == NULL) {
				out_str("  ");
				out_write(p, n);
				out_byte('\n');
				continue;
			}
			snprintf(buf, sizeof(buf), "%s: it can point to %s; "
			    "%s.", fl->name, fl->concern,
			    levelwhat[fl->level]);
			wrap("  - ", "    ", buf);
		}
	}
	if (!none(&f[P_UNSCREENED]))
		planasked(&f[P_UNSCREENED]);
}

/* The screening questions an unscreened list names, in plain words. */
static void
planasked(const struct field *f)
{
	const struct screen	*sc;
	struct items		 it;
	const char		*p;
	char			 buf[4096];
	size_t			 n, len;
	int			 k;

	len = (size_t)snprintf(buf, sizeof(buf), "Not yet asked, or the "
	    "answer could not be read:");
	items_init(&it, f->p, f->n);
	for (k = 0; items_next(&it, &p, &n) && len < sizeof(buf); k++) {
		if ((sc = flags_screen(p, n)) != NULL) {
			p = sc->plain;
			n = strlen(p);
		}
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s %.*s", k > 0 ? ";" : "", (int)n, p);
	}
	wrap("  ", "  ", buf);
}

static void
planexercises(const struct field *f, const struct catalog *c)
{
	const struct entry	*e;
	const struct field	*ss = &f[P_SESSIONS];
	struct items		 it;
	const char		*p, *colon;
	size_t			 n;
	int			 k = 0;

	if (none(&f[P_EXERCISES]))
		return;
	out_str("\nExercises, ");
	if (ss->n == 5 && memcmp(ss->p, "daily", 5) == 0)
		out_str("every day\n");
	else if (ss->n == 8 && memcmp(ss->p, "3-5/week", 8) == 0)
		out_str("3 to 5 days a week, with rest days between\n");
	else {
		out_write(ss->p, ss->n);
		out_byte('\n');
	}
	items_init(&it, f[P_EXERCISES].p, f[P_EXERCISES].n);
	while (items_next(&it, &p, &n)) {
		if ((colon = memchr(p, ':', n)) == NULL)
			colon = p + n;
		e = catalog_find(c, p, (size_t)(colon - p), 0);
		out_printf("  %d. ", ++k);
		if (e != NULL)
			out_str(e->name);
		else
			out_write(p, (size_t)(colon - p));
		if (colon < p + n) {
			out_str(" (");
			spaced(colon + 1, (size_t)(p + n - colon - 1));
			out_byte(')');
		}
		out_byte('\n');
		if (e != NULL)
			wrap("     ", "     ", e->instructions);
	}
}

static void
planadvice(const struct field *f, const struct catalog *c)
{
	const struct entry	*e;
	struct items		 it;
	const char		*p;
	size_t			 n;

	if (none(&f[P_ADVICE]))
		return;
	out_str("\nAdvice\n");
	items_init(&it, f[P_ADVICE].p, f[P_ADVICE].n);
	while (items_next(&it, &p, &n))
		if ((e = catalog_find(c, p, n, 1)) != NULL)
			wrap("  - ", "    ", e->instructions);
		else {
			out_str("  - ");
			out_write(p, n);
			out_byte('\n');
		}
}

void
plan(const struct field *f, const struct catalog *c)
{
	out_str("Plan for ");
	out_write(f[P_ID].p, f[P_ID].n);
	out_str("\n\nWhat the answers show\n");
	line(patternwords, "pattern", &f[P_PATTERN]);
	line(phasewords, "phase", &f[P_PHASE]);
	line(riskwords, "startback", &f[P_STARTBACK]);
	if (f[P_PATTERN].n == 3 && memcmp(f[P_PATTERN].p, "hip", 3) == 0)
		wrap("  ", "  ", "STarT Back was made for back pain, not hip "
		    "pain, so it does not change this plan.");
	if (f[P_DISABILITY].p != NULL)
		line(disabilitywords, "disability", &f[P_DISABILITY]);
	planflags(f);
	out_str("\nWhat happens next\n");
	line(dispwords, "disposition", &f[P_DISPOSITION]);
	planexercises(f, c);
	planadvice(f, c);
	out_str("\n");
	wrap("", "", "This plan is not a diagnosis. It sorts the answers given "
	    "and suggests a routine for a clinician to review; if the pain "
	    "gets worse, spreads, or new symptoms appear, seek care.");
	out_byte('\n');
}
