#include <stdio.h>

#include "diag.h"
#include "intake.h"

const char *const in_names[C_NICOLS] = {
	"id", "age", "site", "duration", "onset", "seen", "severity",
	"radiation", "side", "mechanical", "numbness", "episodes",
	"worsening", "trauma", "fever", "cancer_history", "weight_loss",
	"saddle_numbness", "bladder_bowel", "leg_weakness", "osteoporosis",
	"steroid_use", "iv_drug_use", "immunosuppressed", "night_pain",
	"morning_stiffness",
	"sb1", "sb2", "sb3", "sb4", "sb5", "sb6", "sb7", "sb8", "sb9",
	"odi1", "odi2", "odi3", "odi4", "odi5", "odi6", "odi7", "odi8",
	"odi9", "odi10"
};

static const char *const site_words[] = {
	"low_back", "upper_back", "buttock", "hip", "groin", "thigh", NULL
};
static const char *const radiation_words[] = {
	"none", "buttock", "thigh", "below_knee", NULL
};
static const char *const side_words[] = { "left", "right", "both", "central", NULL };
static const char *const sb9_words[] = {
	"not_at_all", "slightly", "moderately", "very", "extremely", NULL
};

struct vocab	in_site, in_radiation, in_side, in_sb9;

static int	report(struct intake *, enum icol, const char *);
static int	date(struct intake *, enum icol, long *);

void
in_init(struct intake *in, const struct tsv *t)
{
	int	c;

	vocab_init(&in_site, site_words);
	vocab_init(&in_radiation, radiation_words);
	vocab_init(&in_side, side_words);
	vocab_init(&in_sb9, sb9_words);
	in->t = t;
	in->problem = 0;
	for (c = 0; c < C_NICOLS; c++)
		if ((in->col[c] = tsv_col(t, in_names[c])) < 0)
			in->col[c] = (int)tsv_none(t);
}

size_t
in_only(struct intake *in, uint64_t mask)
{
	size_t	n = 0;
	int	c;

	for (c = 0; c < C_NICOLS; c++)
		if ((mask >> c & 1) == 0)
			in->col[c] = (int)tsv_none(in->t);
		else if ((size_t)in->col[c] < tsv_none(in->t) &&
		    (size_t)in->col[c] + 1 > n)
			n = (size_t)in->col[c] + 1;
	return n;
}

static int
report(struct intake *in, enum icol c, const char *why)
{
	const char	*p;
	size_t		 n;

	in_raw(in, c, &p, &n);
	val_trim(&p, &n);
	in->problem = 1;
	diag_value(in->t->name, in->t->line, in_names[c], why, p, n);
	return V_BAD;
}

int
in_id_slow(struct intake *in)
{
	const char	*p;
	size_t		 n;

	in_raw(in, C_ID, &p, &n);
	val_trim(&p, &n);
	if (n == 0)
		return report(in, C_ID, "empty");
	return V_OK;
}

int
in_report(struct intake *in, enum icol c, const char *why, long lo, long hi)
{
	char	range[128];

	if (lo > hi)
		return report(in, c, why);
	snprintf(range, sizeof(range), "%s (%ld-%ld)", why, lo, hi);
	return report(in, c, range);
}

int
in_word(struct intake *in, enum icol c, const struct vocab *words, int *v)
{
	const char	*p, *why;
	size_t		 n;
	int		 r;

	in_raw(in, c, &p, &n);
	if ((r = val_wordp(p, n, words, v, &why)) == V_BAD)
		return report(in, c, why);
	return r;
}

int
in_set(struct intake *in, enum icol c, const struct vocab *words,
    unsigned *mask)
{
	const char	*p, *why;
	size_t		 n;
	int		 r;

	in_raw(in, c, &p, &n);
	if ((r = val_setp(p, n, words, mask, &why)) == V_BAD)
		return report(in, c, why);
	return r;
}

static int
date(struct intake *in, enum icol c, long *day)
{
	const char	*p, *why;
	size_t		 n;
	int		 r;

	in_raw(in, c, &p, &n);
	if ((r = val_datep(p, n, day, &why)) == V_BAD)
		return report(in, c, why);
	return r;
}

int
in_days(struct intake *in, long *days)
{
	const char	*p, *why;
	size_t		 n;
	long		 onset, seen;
	int		 r, ro, rs;

	in_raw(in, C_DURATION, &p, &n);
	r = val_durationp(p, n, days, &why);
	/* the dates are checked either way; counted only if they are used */
	ro = date(in, C_ONSET, r == V_EMPTY ? &onset : NULL);
	rs = date(in, C_SEEN, r == V_EMPTY ? &seen : NULL);
	if (r == V_BAD)
		return report(in, C_DURATION, why);
	if (r == V_OK)
		return V_OK;
	if (ro == V_BAD || rs == V_BAD)
		return V_BAD;
	if (ro == V_EMPTY || rs == V_EMPTY)
		return V_EMPTY;
	if (seen < onset)
		return report(in, C_SEEN, "before onset");
	if (seen - onset > V_MAXDAYS)
		return report(in, C_SEEN, "over 100 years after onset");
	*days = seen - onset;
	return V_OK;
}
