#include <string.h>

#include "bits.h"
#include "flags.h"

/*
 * What the conditions read, as bits of one word: bit c for a yes/no
 * intake column c answered yes, then the named facts below.  A fact is
 * true only on values recorded and valid.
 */
enum fact {
	F_HIPSITE = NCOL,	/* site holds hip or groin */
	F_UPPER_BACK,		/* site holds upper_back */
	F_BELOW_KNEE_BOTH,	/* radiation below_knee and side both */
	F_HIP_FRACTURE_AGE,	/* age HIP_FRACTURE_AGE or more */
	F_OLDER,		/* age over OLDER_AGE */
	F_INFLAMMATORY_AGE,	/* age under INFLAMMATORY_AGE */
	F_YOUNG,		/* age under YOUNG_AGE */
	F_CHRONIC,		/* over CHRONIC_DAYS since onset */
	F_TRUE,			/* set in every record */
	F_NFACTS
};

#define FACT(x)		(1ULL << (x))

/* The columns each named fact reads. */
static const uint64_t fact_cols[F_NFACTS - NCOL] = {
	[F_HIPSITE - NCOL] = COLBIT(COL_SITE),
	[F_UPPER_BACK - NCOL] = COLBIT(COL_SITE),
	[F_BELOW_KNEE_BOTH - NCOL] = COLBIT(COL_RADIATION) | COLBIT(COL_SIDE),
	[F_HIP_FRACTURE_AGE - NCOL] = COLBIT(COL_AGE),
	[F_OLDER - NCOL] = COLBIT(COL_AGE),
	[F_INFLAMMATORY_AGE - NCOL] = COLBIT(COL_AGE),
	[F_YOUNG - NCOL] = COLBIT(COL_AGE),
	[F_CHRONIC - NCOL] = COLBIT(COL_DURATION) | COLBIT(COL_ONSET) |
	    COLBIT(COL_SEEN),
};

/*
 * A flag is raised when each of its three masks shares a bit with the
 * record's facts: a condition written as "this and that and the other",
 * each part "any of these"; ALWAYS is a part always met.
 */
#define ALWAYS		FACT(F_TRUE)
#define WHEN1(a)	{ (a), ALWAYS, ALWAYS }
#define WHEN2(a, b)	{ (a), (b), ALWAYS }
#define WHEN3(a, b, c)	{ (a), (b), (c) }
#define YES(c)		FACT(COL_ ## c)

/* bp(7) and bpflags(1), row for row. */
const struct flag flag_table[] = {
	{ "cauda_equina", LEVEL_EMERGENCY,
	    WHEN1(YES(SADDLE_NUMBNESS) | YES(BLADDER_BOWEL)),
	    "cauda equina or spinal cord compression" },
	{ "bilateral_deficit", LEVEL_EMERGENCY,
	    WHEN2(YES(LEG_WEAKNESS), FACT(F_BELOW_KNEE_BOTH)),
	    "cauda equina" },
	{ "spinal_infection", LEVEL_EMERGENCY,
	    WHEN2(YES(FEVER), YES(IV_DRUG_USE) | YES(IMMUNOSUPPRESSED)),
	    "spinal infection or abscess" },
	{ "hip_fracture", LEVEL_EMERGENCY,
	    WHEN3(YES(TRAUMA), FACT(F_HIPSITE), FACT(F_HIP_FRACTURE_AGE)),
	    "hip fracture after a fall" },
	{ "leg_weakness", LEVEL_URGENT, WHEN1(YES(LEG_WEAKNESS)),
	    "significant muscle weakness" },
	{ "fever", LEVEL_URGENT, WHEN1(YES(FEVER)), "infection" },
	{ "cancer_history", LEVEL_URGENT, WHEN1(YES(CANCER_HISTORY)),
	    "malignancy" },
	{ "weight_loss", LEVEL_URGENT, WHEN1(YES(WEIGHT_LOSS)),
	    "malignancy" },
	{ "trauma", LEVEL_URGENT, WHEN1(YES(TRAUMA)), "fracture" },
	{ "bilateral_sciatica", LEVEL_URGENT, WHEN1(FACT(F_BELOW_KNEE_BOTH)),
	    "spinal stenosis or early cauda equina" },
	{ "infection_risk", LEVEL_REVIEW,
	    WHEN1(YES(IV_DRUG_USE) | YES(IMMUNOSUPPRESSED)), "infection" },
	{ "fracture_risk", LEVEL_REVIEW,
	    WHEN1(YES(OSTEOPOROSIS) | YES(STEROID_USE)),
	    "fragility fracture" },
	{ "avascular_necrosis", LEVEL_REVIEW,
	    WHEN2(YES(STEROID_USE), FACT(F_HIPSITE)),
	    "osteonecrosis of the hip" },
	{ "night_pain", LEVEL_REVIEW, WHEN1(YES(NIGHT_PAIN)),
	    "malignancy or infection" },
	{ "inflammatory", LEVEL_REVIEW,
	    WHEN3(YES(MORNING_STIFFNESS), FACT(F_INFLAMMATORY_AGE),
	    FACT(F_CHRONIC)),
	    "axial spondyloarthritis" },
	{ "thoracic_pain", LEVEL_REVIEW, WHEN1(FACT(F_UPPER_BACK)),
	    "fracture or malignancy" },
	{ "age_over_50", LEVEL_REVIEW, WHEN1(FACT(F_OLDER)),
	    "malignancy or fracture" },
	{ "age_under_20", LEVEL_REVIEW, WHEN1(FACT(F_YOUNG)),
	    "structural causes" },
	{ "not_improving", LEVEL_REVIEW, WHEN1(YES(WORSENING)),
	    "needs a clinician's look" },
	{ NULL, LEVEL_NONE, { 0, 0, 0 }, NULL }
};

#define NFLAGS	(sizeof(flag_table) / sizeof(flag_table[0]) - 1)

/*
 * The screening inputs, in the order of the unscreened column; core:
 * its yes alone raises an urgent flag, or it is age.
 */
static const struct screen screen[] = {
	{ COL_SADDLE_NUMBNESS, 1, "numbness between the legs or around the "
	    "back passage" },
	{ COL_BLADDER_BOWEL, 1, "new trouble passing or holding urine or "
	    "stool" },
	{ COL_LEG_WEAKNESS, 1, "weakness in the legs" },
	{ COL_FEVER, 1, "fever" },
	{ COL_CANCER_HISTORY, 1, "cancer, now or in the past" },
	{ COL_WEIGHT_LOSS, 1, "weight loss without a known reason" },
	{ COL_TRAUMA, 1, "a recent fall or injury" },
	{ COL_IV_DRUG_USE, 0, "injecting drugs" },
	{ COL_IMMUNOSUPPRESSED, 0, "a weakened immune system" },
	{ COL_OSTEOPOROSIS, 0, "osteoporosis" },
	{ COL_STEROID_USE, 0, "long-term steroid medicine" },
	{ COL_NIGHT_PAIN, 0, "pain at night or at rest" },
	{ COL_MORNING_STIFFNESS, 0, "stiffness in the morning" },
	{ COL_WORSENING, 0, "whether the pain is getting worse" },
	{ COL_AGE, 1, "age" }
};
#define NSCREEN	(sizeof(screen) / sizeof(screen[0]))

static uint64_t	facts(const struct answers *);
static int	before(const struct flag *, const struct flag *);
static void	append(char *, size_t *, const char *);

int
flags_check(const char **why)
{
	const struct flag	*fl;
	size_t			 n = 0, k;

	*why = NULL;
	if (F_NFACTS > 64)
		*why = "more facts than bits in a word";
	else if (NFLAGS > 32)
		*why = "more than 32 flags";
	for (fl = flag_table; fl->name != NULL; fl++)
		n += strlen(fl->name) + 1;
	if (n > FLAGS_LISTMAX - 1)
		*why = "the flags list can be longer than FLAGS_LISTMAX";
	for (n = 0, k = 0; k < NSCREEN; k++)
		n += col_words[screen[k].col].n + 1;
	if (n > FLAGS_LISTMAX - 1)
		*why = "the unscreened list can be longer than FLAGS_LISTMAX";
	return *why != NULL ? -1 : 0;
}

uint64_t
flags_reads(void)
{
	const struct flag	*fl;
	uint64_t		 r = COLBIT(COL_ID), f;
	size_t			 k;

	for (fl = flag_table; fl->name != NULL; fl++)
		for (k = 0; k < 3; k++)
			for (f = fl->when[k]; f != 0; f &= f - 1)
				r |= bits_low(f) < NCOL ? FACT(bits_low(f)) :
				    fact_cols[bits_low(f) - NCOL];
	for (k = 0; k < NSCREEN; k++)
		r |= COLBIT(screen[k].col);
	return r;
}

/* The facts of a record (flag_table). */
static uint64_t
facts(const struct answers *a)
{
	uint64_t	f = FACT(F_TRUE) | a->yes;

	if (a->known & COLBIT(COL_SITE)) {
		if (a->site & (1U << SITE_HIP | 1U << SITE_GROIN))
			f |= FACT(F_HIPSITE);
		if (a->site & 1U << SITE_UPPER_BACK)
			f |= FACT(F_UPPER_BACK);
	}
	if ((a->known & COLBIT(COL_RADIATION)) && (a->known &
	    COLBIT(COL_SIDE)) && a->radiation == RAD_BELOW_KNEE &&
	    a->side == SIDE_BOTH)
		f |= FACT(F_BELOW_KNEE_BOTH);
	if (a->known & COLBIT(COL_AGE)) {
		f |= (uint64_t)(a->age >= HIP_FRACTURE_AGE) <<
		    F_HIP_FRACTURE_AGE;
		f |= (uint64_t)(a->age > OLDER_AGE) << F_OLDER;
		f |= (uint64_t)(a->age < INFLAMMATORY_AGE) <<
		    F_INFLAMMATORY_AGE;
		f |= (uint64_t)(a->age < YOUNG_AGE) << F_YOUNG;
	}
	if (a->days > CHRONIC_DAYS)
		f |= FACT(F_CHRONIC);
	return f;
}

static void
append(char *buf, size_t *len, const char *word)
{
	size_t	n = strlen(word);

	if (*len > 0)
		buf[(*len)++] = ',';
	memcpy(buf + *len, word, n);
	*len += n;
	buf[*len] = '\0';
}

/* 1 if x comes before y in the flags column: level, then name. */
static int
before(const struct flag *x, const struct flag *y)
{
	if (x->level != y->level)
		return x->level > y->level;
	return strcmp(x->name, y->name) < 0;
}

void
flags_eval(const struct answers *a, struct flagged *out)
{
	const struct flag	*fl, *raised[NFLAGS + 1];
	uint64_t		 f = facts(a);
	size_t			 i, k, n = 0;
	int			 coremiss = 0;

	/* a record raises few flags: they are put in order as found */
	for (fl = flag_table; fl->name != NULL; fl++)
		if ((f & fl->when[0]) && (f & fl->when[1]) &&
		    (f & fl->when[2])) {
			for (k = n++; k > 0 && before(fl, raised[k - 1]); k--)
				raised[k] = raised[k - 1];
			raised[k] = fl;
		}
	out->nflags = 0;
	out->level = n > 0 ? raised[0]->level : LEVEL_NONE;
	for (i = 0; i < n; i++)
		append(out->flags, &out->nflags, raised[i]->name);
	out->nunscreened = 0;
	for (i = 0; i < NSCREEN; i++)
		if (!(a->known & COLBIT(screen[i].col))) {
			append(out->unscreened, &out->nunscreened,
			    col_words[screen[i].col].s);
			coremiss |= screen[i].core;
		}
	if (out->level == LEVEL_NONE && coremiss)
		out->level = LEVEL_UNKNOWN;
	if (out->nflags == 0)
		append(out->flags, &out->nflags, "none");
	if (out->nunscreened == 0)
		append(out->unscreened, &out->nunscreened, "none");
}

const struct flag *
flag_find(const char *p, size_t n)
{
	const struct flag	*fl;

	for (fl = flag_table; fl->name != NULL; fl++)
		if (strncmp(fl->name, p, n) == 0 && fl->name[n] == '\0')
			return fl;
	return NULL;
}

const struct screen *
flags_screen(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < NSCREEN; i++)
		if (col_words[screen[i].col].n == n &&
		    memcmp(col_words[screen[i].col].s, p, n) == 0)
			return &screen[i];
	return NULL;
}
