/*
 * vocab: every word list of bp(7), each next to its enum (a pure
 * module: it never prints and never exits).
 *
 * A list's words are lower case and spelled as the tools write them;
 * list_words[i] is the word of enum value i, with its length, and the
 * list ends with a NULL word.  Each enum has a prefix of its own, used
 * by nothing else.
 */
#ifndef BP_VOCAB_H
#define BP_VOCAB_H

#include <stddef.h>

/* A word and its length. */
struct word {
	const char	*s;
	size_t		 n;
};

/* The intake columns (bp(7), Intake columns), in this order. */
enum col {
	COL_ID, COL_AGE, COL_SITE, COL_DURATION, COL_ONSET, COL_SEEN,
	COL_SEVERITY, COL_RADIATION, COL_SIDE, COL_MECHANICAL, COL_NUMBNESS,
	COL_EPISODES, COL_WORSENING, COL_TRAUMA, COL_FEVER,
	COL_CANCER_HISTORY, COL_WEIGHT_LOSS, COL_SADDLE_NUMBNESS,
	COL_BLADDER_BOWEL, COL_LEG_WEAKNESS, COL_OSTEOPOROSIS,
	COL_STEROID_USE, COL_IV_DRUG_USE, COL_IMMUNOSUPPRESSED,
	COL_NIGHT_PAIN, COL_MORNING_STIFFNESS,
	COL_SB1, COL_SB2, COL_SB3, COL_SB4, COL_SB5, COL_SB6, COL_SB7,
	COL_SB8, COL_SB9,
	COL_ODI1, COL_ODI2, COL_ODI3, COL_ODI4, COL_ODI5, COL_ODI6, COL_ODI7,
	COL_ODI8, COL_ODI9, COL_ODI10,
	NCOL
};
extern const struct word col_words[NCOL + 1];

/*
 * The columns the tools add, every tool's: a line may be longer than the
 * batch's own columns allow by what they hold (bp(7), Record format).
 */
extern const struct word added_words[];

/* The bit of column c in a set of columns. */
#define COLBIT(c)	(1ULL << (c))

/* Intake answers. */
enum site { SITE_LOW_BACK, SITE_UPPER_BACK, SITE_BUTTOCK, SITE_HIP,
    SITE_GROIN, SITE_THIGH, NSITE };
enum radiation { RAD_NONE, RAD_BUTTOCK, RAD_THIGH, RAD_BELOW_KNEE, NRAD };
enum side { SIDE_LEFT, SIDE_RIGHT, SIDE_BOTH, SIDE_CENTRAL, NSIDE };
enum bother { SB9_NOT_AT_ALL, SB9_SLIGHTLY, SB9_MODERATELY, SB9_VERY,
    SB9_EXTREMELY, NSB9 };

/* What bpclassify writes. */
#define CHRONIC_DAYS	84	/* over 12 weeks is chronic; never moves */
enum phase { PHASE_ACUTE, PHASE_SUBACUTE, PHASE_CHRONIC, PHASE_UNKNOWN,
    PHASE_INVALID, NPHASE };
enum pattern { PAT_RADICULAR, PAT_HIP, PAT_MECHANICAL, PAT_NONSPECIFIC,
    PAT_OTHER, PAT_UNKNOWN, PAT_INVALID, NPAT };
enum risk { RISK_LOW, RISK_MEDIUM, RISK_HIGH, RISK_UNKNOWN, RISK_INVALID,
    NRISK };
enum band { BAND_MINIMAL, BAND_MODERATE, BAND_SEVERE, BAND_CRIPPLED,
    BAND_BEDBOUND, BAND_UNKNOWN, BAND_INVALID, NBAND };

/* What bpflags writes: a flag's level, or flag_level (LEVEL_UNKNOWN). */
enum level { LEVEL_NONE, LEVEL_REVIEW, LEVEL_URGENT, LEVEL_EMERGENCY,
    LEVEL_UNKNOWN, NLEVEL };

/* What bptrack writes. */
enum progress { PROG_BASELINE, PROG_IMPROVED, PROG_SAME, PROG_WORSE,
    PROG_NOT_IMPROVING, PROG_UNKNOWN, PROG_INVALID, NPROG };

/* What bproutine writes, and the catalog's codes (bp-catalog(5)). */
enum disposition { DISP_EMERGENCY, DISP_URGENT, DISP_ASSESS, DISP_REVIEW,
    DISP_PSYCH_PHYSIO, DISP_PHYSIO, DISP_SELF_CARE, NDISP };
enum routine { ROUT_ACUTE_BACK, ROUT_BACK_STRENGTH, ROUT_RADICULAR,
    ROUT_HIP_MOBILITY, ROUT_HIP_STRENGTH, NROUT };
enum sessions { SESS_NONE, SESS_DAILY, SESS_WEEKLY, NSESS };
enum contra { CONTRA_AGE65, CONTRA_FRAGILE_BONE, CONTRA_RADICULAR,
    CONTRA_ACUTE, NCONTRA };
enum kind { KIND_WARMUP, KIND_MOBILITY, KIND_STRETCH, KIND_STRENGTH,
    KIND_AEROBIC, KIND_ADVICE, NKIND };

extern const struct word site_words[NSITE + 1];
extern const struct word radiation_words[NRAD + 1];
extern const struct word side_words[NSIDE + 1];
extern const struct word phase_words[NPHASE + 1];
extern const struct word pattern_words[NPAT + 1];
extern const struct word risk_words[NRISK + 1];
extern const struct word band_words[NBAND + 1];
extern const struct word level_words[NLEVEL + 1];
extern const struct word progress_words[NPROG + 1];
extern const struct word disposition_words[NDISP + 1];
extern const struct word routine_words[NROUT + 1];
extern const struct word sessions_words[NSESS + 1];
extern const struct word contra_words[NCONTRA + 1];
extern const struct word kind_words[NKIND + 1];

/*
 * A list to look words up in: words[i] (lower case) means value[i],
 * or i when value is NULL; several words may mean one value.
 */
struct vocab {
	const struct word	*words;
	const int		*value;		/* or NULL */
};

/* The answers of a yes/no column: 1 yes, 0 no. */
extern const struct vocab	vocab_bool;

/* The same for STarT Back items 1 to 8: agree 1, disagree 0 as well. */
extern const struct vocab	vocab_agree;

/* STarT Back item 9, by enum bother: very_much is very (Keele's label). */
extern const struct vocab	vocab_bother;

/*
 * The value of the word (p, n) in v, or -1 if it is none of them.  The
 * case of ASCII letters does not matter, and a space or a hyphen counts
 * as an underscore (bp(7), Values); no trimming.
 */
int	vocab_find(const struct vocab *v, const char *p, size_t n);

/* The index of (p, n) in words, byte for byte, or -1: for words a
 * program wrote. */
int	vocab_index(const struct word *words, const char *p, size_t n);

#endif
