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
	F_LEG_PAIN,		/* radiation thigh or below_knee */
	F_BOTH_SIDES,		/* side both */
	F_HIP_FRACTURE_AGE,	/* age HIP_FRACTURE_AGE or more */
	F_OLDER,		/* age over OLDER_AGE */
	F_YOUNG,		/* age under YOUNG_AGE */
	F_EARLY_ONSET,		/* age at onset under INFLAMMATORY_AGE */
	F_CHRONIC,		/* over CHRONIC_DAYS since onset */
	F_TRUE,			/* set in every record */
	F_NFACTS
};

#define FACT(x)		(1ULL << (x))

/* The columns each named fact reads. */
static const uint64_t fact_cols[F_NFACTS - NCOL] = {
	[F_HIPSITE - NCOL] = COLBIT(COL_SITE),
	[F_UPPER_BACK - NCOL] = COLBIT(COL_SITE),
	[F_LEG_PAIN - NCOL] = COLBIT(COL_RADIATION),
	[F_BOTH_SIDES - NCOL] = COLBIT(COL_SIDE),
	[F_HIP_FRACTURE_AGE - NCOL] = COLBIT(COL_AGE),
	[F_OLDER - NCOL] = COLBIT(COL_AGE),
	[F_YOUNG - NCOL] = COLBIT(COL_AGE),
	[F_EARLY_ONSET - NCOL] = COLBIT(COL_AGE) | COLBIT(COL_DURATION) |
	    COLBIT(COL_ONSET) | COLBIT(COL_SEEN),
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

/* CES: cauda equina syndrome, the nerves at the base of the spine. */
#define CES	"This can mean the nerves at the base of the spine are " \
	"being squeezed (cauda equina syndrome)."

/* bpflags(1), row for row. */
const struct flag flag_table[] = {
	{ "cauda_equina", LEVEL_EMERGENCY,
	    WHEN1(YES(SADDLE_NUMBNESS) | YES(BLADDER_BOWEL)),
	    "cauda equina or spinal cord compression",
	    "Numbness between the legs or around the back passage, or new "
	    "trouble with the bladder or bowel, was reported. " CES },
	{ "bilateral_deficit", LEVEL_EMERGENCY,
	    WHEN2(YES(LEG_WEAKNESS), FACT(F_BOTH_SIDES)),
	    "cauda equina: weakness in both legs",
	    "Weakness in both legs was reported. " CES },
	{ "bilateral_sciatica", LEVEL_EMERGENCY,
	    WHEN2(FACT(F_BOTH_SIDES), FACT(F_LEG_PAIN) | YES(NUMBNESS)),
	    "cauda equina: pain or numbness in both legs",
	    "Pain or numbness in both legs was reported. " CES },
	{ "cord_compression", LEVEL_EMERGENCY,
	    WHEN2(YES(CANCER_HISTORY), YES(LEG_WEAKNESS) | YES(NUMBNESS)),
	    "metastatic spinal cord compression",
	    "Weakness or numbness in the legs was reported together with "
	    "cancer, now or in the past. This can mean the spinal cord is "
	    "being pressed on." },
	{ "spinal_infection", LEVEL_EMERGENCY,
	    WHEN2(YES(FEVER), YES(IV_DRUG_USE) | YES(IMMUNOSUPPRESSED)),
	    "spinal infection or abscess",
	    "A fever was reported by someone more likely to catch an "
	    "infection. This can mean an infection in the spine." },
	{ "hip_fracture", LEVEL_EMERGENCY,
	    WHEN3(YES(TRAUMA), FACT(F_HIPSITE),
	    FACT(F_HIP_FRACTURE_AGE) | YES(OSTEOPOROSIS)),
	    "hip fracture after a fall",
	    "Hip or groin pain after a fall or injury was reported, at an "
	    "age or with bones that break more easily. The hip may be "
	    "broken." },
	{ "leg_weakness", LEVEL_URGENT, WHEN1(YES(LEG_WEAKNESS)),
	    "significant muscle weakness",
	    "Weakness in a leg was reported. A nerve may be badly "
	    "pinched." },
	{ "fever", LEVEL_URGENT, WHEN1(YES(FEVER)), "infection",
	    "A fever was reported. It can be a sign of an infection." },
	{ "cancer_history", LEVEL_URGENT, WHEN1(YES(CANCER_HISTORY)),
	    "malignancy",
	    "Cancer, now or in the past, was reported. Back pain can then "
	    "have a cause that needs checking." },
	{ "weight_loss", LEVEL_URGENT, WHEN1(YES(WEIGHT_LOSS)), "malignancy",
	    "Weight loss without a known reason was reported. Its cause "
	    "needs checking." },
	{ "trauma", LEVEL_URGENT, WHEN1(YES(TRAUMA)), "fracture",
	    "A recent fall or injury was reported. A bone may be broken." },
	{ "infection_risk", LEVEL_URGENT,
	    WHEN1(YES(IV_DRUG_USE) | YES(IMMUNOSUPPRESSED)),
	    "spinal infection, often without fever",
	    "Injecting drugs or a weakened immune system was reported. Both "
	    "make an infection in the spine more likely, and such an "
	    "infection often comes without a fever." },
	{ "fracture_risk", LEVEL_REVIEW,
	    WHEN1(YES(OSTEOPOROSIS) | YES(STEROID_USE)),
	    "fragility fracture",
	    "Osteoporosis or long-term steroid medicine was reported. Bones "
	    "can then break more easily." },
	{ "avascular_necrosis", LEVEL_REVIEW,
	    WHEN2(YES(STEROID_USE), FACT(F_HIPSITE)),
	    "osteonecrosis of the hip",
	    "Long-term steroid medicine and hip or groin pain were reported. "
	    "Steroids can harm the blood supply of the hip joint." },
	{ "night_pain", LEVEL_REVIEW, WHEN1(YES(NIGHT_PAIN)),
	    "malignancy or infection",
	    "Pain at night or at rest was reported. Now and then it is a "
	    "sign of an infection or a tumour." },
	{ "inflammatory", LEVEL_REVIEW,
	    WHEN3(YES(MORNING_STIFFNESS), FACT(F_EARLY_ONSET),
	    FACT(F_CHRONIC)),
	    "axial spondyloarthritis",
	    "Morning stiffness in back pain that began before the age of 45 "
	    "and has lasted more than 12 weeks was reported. It can be a "
	    "sign of inflammation of the spine." },
	{ "thoracic_pain", LEVEL_REVIEW, WHEN1(FACT(F_UPPER_BACK)),
	    "fracture or malignancy",
	    "Pain in the upper back was reported. It comes from a broken "
	    "bone or a tumour more often than pain lower down does." },
	{ "age_over_50", LEVEL_REVIEW, WHEN1(FACT(F_OLDER)),
	    "malignancy or fracture",
	    "Pain that starts after the age of 50 more often has a cause "
	    "that needs checking." },
	{ "age_under_20", LEVEL_REVIEW, WHEN1(FACT(F_YOUNG)),
	    "structural causes",
	    "Pain that starts before the age of 20 more often has a cause "
	    "that needs checking." },
	{ "not_improving", LEVEL_REVIEW, WHEN1(YES(WORSENING)),
	    "a problem that needs a clinician's look",
	    "The pain is getting worse, or is no better after home care." },
	{ NULL, LEVEL_NONE, { 0, 0, 0 }, NULL, NULL }
};

#define NFLAGS	(sizeof(flag_table) / sizeof(flag_table[0]) - 1)

/*
 * The screening inputs, in the order of the unscreened column; core:
 * its yes alone raises an urgent or emergency flag, or it is age or
 * side (bpflags(1)).  Side is one only when the record has leg symptoms.
 */
static const struct screen screen[] = {
	{ COL_SADDLE_NUMBNESS, 1, "numbness between the legs or around the "
	    "back passage" },
	{ COL_BLADDER_BOWEL, 1, "new trouble passing or holding urine or "
	    "stool" },
	{ COL_LEG_WEAKNESS, 1, "weakness in the legs" },
	{ COL_SIDE, 1, "whether the leg symptoms are in one leg or both" },
	{ COL_FEVER, 1, "fever" },
	{ COL_CANCER_HISTORY, 1, "cancer, now or in the past" },
	{ COL_WEIGHT_LOSS, 1, "weight loss without a known reason" },
	{ COL_TRAUMA, 1, "a recent fall or injury" },
	{ COL_IV_DRUG_USE, 1, "injecting drugs" },
	{ COL_IMMUNOSUPPRESSED, 1, "a weakened immune system" },
	{ COL_OSTEOPOROSIS, 0, "osteoporosis" },
	{ COL_STEROID_USE, 0, "long-term steroid medicine" },
	{ COL_NIGHT_PAIN, 0, "pain at night or at rest" },
	{ COL_MORNING_STIFFNESS, 0, "stiffness in the morning" },
	{ COL_WORSENING, 0, "whether the pain is getting worse" },
	{ COL_AGE, 1, "age" }
};
#define NSCREEN	(sizeof(screen) / sizeof(screen[0]))

/*
 * Made once from the tables: the flags whose first part each fact meets
 * (bit i for flag_table[i]), so that a record's flags are found from its
 * few facts instead of trying every flag (bpflags 9% fewer
 * instructions a record); every screening input, as COLBIT() bits; and
 * the length of each flag's name.
 */
static uint32_t	firsts[64];
static uint64_t	anyfirst, screened;
static size_t	namelen[NFLAGS];	/* of each flag, for flag_find() */

static void	prepare(void);
static uint64_t	facts(const struct answers *);
static uint64_t	missing(const struct answers *);
static void	worst(struct answers *, uint64_t);
static enum level raise(uint64_t, const struct flag **, size_t *);
static int	before(const struct flag *, const struct flag *);
static void	append(char *, size_t *, const char *, size_t);

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
	for (fl = flag_table; fl->name != NULL; fl++) {
		n += strlen(fl->name) + 1;
		if (fl->concern == NULL || fl->plain == NULL)
			*why = "a flag without its words";
	}
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
	int		age = (a->known & COLBIT(COL_AGE)) != 0;

	if (a->known & COLBIT(COL_SITE)) {
		if (a->site & (1U << SITE_HIP | 1U << SITE_GROIN))
			f |= FACT(F_HIPSITE);
		if (a->site & 1U << SITE_UPPER_BACK)
			f |= FACT(F_UPPER_BACK);
	}
	if ((a->known & COLBIT(COL_RADIATION)) &&
	    (a->radiation == RAD_THIGH || a->radiation == RAD_BELOW_KNEE))
		f |= FACT(F_LEG_PAIN);
	if ((a->known & COLBIT(COL_SIDE)) && a->side == SIDE_BOTH)
		f |= FACT(F_BOTH_SIDES);
	if (age) {
		f |= (uint64_t)(a->age >= HIP_FRACTURE_AGE) <<
		    F_HIP_FRACTURE_AGE;
		f |= (uint64_t)(a->age > OLDER_AGE) << F_OLDER;
		f |= (uint64_t)(a->age < YOUNG_AGE) << F_YOUNG;
	}
	/* age at onset: age less the whole years since onset (NICE NG65) */
	if (age && a->days >= 0 && a->age - a->days / 365 < INFLAMMATORY_AGE)
		f |= FACT(F_EARLY_ONSET);
	if (a->days > CHRONIC_DAYS)
		f |= FACT(F_CHRONIC);
	return f;
}

static void
prepare(void)
{
	const struct flag	*fl;
	uint64_t		 f;
	size_t			 i;

	for (fl = flag_table; fl->name != NULL; fl++) {
		namelen[fl - flag_table] = strlen(fl->name);
		for (f = fl->when[0]; f != 0; f &= f - 1)
			firsts[bits_low(f)] |= 1U << (fl - flag_table);
	}
	for (i = 0; i < 64; i++)
		if (firsts[i] != 0)
			anyfirst |= FACT(i);
	for (i = 0; i < NSCREEN; i++)
		screened |= COLBIT(screen[i].col);
}

/*
 * The screening inputs of the record a that are not screened, as
 * COLBIT() bits; side counts only when a has leg symptoms.
 */
static uint64_t
missing(const struct answers *a)
{
	uint64_t	m = screened & ~a->known;

	if ((m & COLBIT(COL_SIDE)) && !(a->yes & (COLBIT(COL_NUMBNESS) |
	    COLBIT(COL_LEG_WEAKNESS))) && !(facts(a) & FACT(F_LEG_PAIN)))
		m &= ~COLBIT(COL_SIDE);
	return m;
}

/* Give the inputs m (COLBIT() bits) of a their most alarming answers. */
static void
worst(struct answers *a, uint64_t m)
{
	a->known |= m;
	a->yes |= m & ~(COLBIT(COL_AGE) | COLBIT(COL_SIDE));
	if (m & COLBIT(COL_AGE))
		a->age = AGE_MAX;
	if (m & COLBIT(COL_SIDE))
		a->side = SIDE_BOTH;
}

/*
 * The highest level of the flags the facts f raise, and them in the
 * order of the flags column (*n of them into raised[], if not NULL).
 */
static enum level
raise(uint64_t f, const struct flag **raised, size_t *n)
{
	const struct flag	*fl;
	enum level		 top = LEVEL_NONE;
	uint64_t		 x;
	uint32_t		 cand = 0;
	size_t			 k;

	*n = 0;
	for (x = f & anyfirst; x != 0; x &= x - 1)
		cand |= firsts[bits_low(x)];
	for (; cand != 0; cand &= cand - 1) {
		fl = &flag_table[bits_low(cand)];
		if (!((f & fl->when[1]) && (f & fl->when[2])))
			continue;
		if (fl->level > top)
			top = fl->level;
		if (raised == NULL)
			continue;
		/* a record raises few flags: each put in its place */
		for (k = (*n)++; k > 0 && before(fl, raised[k - 1]); k--)
			raised[k] = raised[k - 1];
		raised[k] = fl;
	}
	return top;
}

static void
append(char *buf, size_t *len, const char *word, size_t n)
{
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
	const struct flag	*raised[NFLAGS + 1];
	struct answers		 w;
	uint64_t		 m, x;
	size_t			 i, n;
	int			 coremiss = 0;

	if (screened == 0)
		prepare();
	m = missing(a);
	out->level = raise(facts(a), raised, &n);
	out->nflags = 0;
	for (i = 0; i < n; i++)
		append(out->flags, &out->nflags, raised[i]->name,
		    strlen(raised[i]->name));
	out->nunscreened = 0;
	out->worst = out->level;
	if (m != 0) {
		/*
		 * The same table once more, over the record with every input
		 * not screened holding its most alarming answer (yes, side
		 * both, the oldest age), and so on while those answers make
		 * another input one to screen (a yes to leg weakness makes
		 * side one): bpflags(1), worst_level.
		 */
		w = *a;
		for (x = m; x != 0; x = missing(&w))
			worst(&w, x);
		out->worst = raise(facts(&w), NULL, &n);
		for (i = 0; i < NSCREEN; i++)
			if (m & COLBIT(screen[i].col)) {
				append(out->unscreened, &out->nunscreened,
				    col_words[screen[i].col].s,
				    col_words[screen[i].col].n);
				coremiss |= screen[i].core;
			}
	}
	if (out->level == LEVEL_NONE && coremiss)
		out->level = LEVEL_UNKNOWN;
	if (out->nflags == 0)
		append(out->flags, &out->nflags, "none", 4);
	if (out->nunscreened == 0)
		append(out->unscreened, &out->nunscreened, "none", 4);
}

const struct flag *
flag_find(const char *p, size_t n)
{
	const struct flag	*fl;

	if (screened == 0)
		prepare();
	for (fl = flag_table; fl->name != NULL; fl++)
		if (namelen[fl - flag_table] == n && fl->name[0] == p[0] &&
		    memcmp(fl->name, p, n) == 0)
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

void
flags_plain(const char **p, size_t *n)
{
	const struct screen	*sc = flags_screen(*p, *n);

	if (sc != NULL) {
		*p = sc->plain;
		*n = strlen(sc->plain);
	}
}
