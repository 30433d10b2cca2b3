#include <string.h>

#include "flags.h"

#define ALWAYS	FACT(F_TRUE)
#define WHEN1(a)	{ (a), ALWAYS, ALWAYS }
#define WHEN2(a, b)	{ (a), (b), ALWAYS }
#define WHEN3(a, b, c)	{ (a), (b), (c) }

/* SPEC §5, row for row. */
const struct flag flag_table[] = {
	{ "cauda_equina", L_EMERGENCY,
	    WHEN1(FACT(C_SADDLE_NUMBNESS) | FACT(C_BLADDER_BOWEL)),
	    "cauda equina or spinal cord compression" },
	{ "bilateral_deficit", L_EMERGENCY,
	    WHEN2(FACT(C_LEG_WEAKNESS), FACT(F_BELOW_KNEE_BOTH)),
	    "cauda equina" },
	{ "spinal_infection", L_EMERGENCY,
	    WHEN2(FACT(C_FEVER),
	    FACT(C_IV_DRUG_USE) | FACT(C_IMMUNOSUPPRESSED)),
	    "spinal infection or abscess" },
	{ "hip_fracture", L_EMERGENCY,
	    WHEN3(FACT(C_TRAUMA), FACT(F_HIPSITE), FACT(F_AGE65)),
	    "hip fracture after a fall" },
	{ "leg_weakness", L_URGENT, WHEN1(FACT(C_LEG_WEAKNESS)),
	    "significant muscle weakness" },
	{ "fever", L_URGENT, WHEN1(FACT(C_FEVER)), "infection" },
	{ "cancer_history", L_URGENT, WHEN1(FACT(C_CANCER_HISTORY)),
	    "malignancy" },
	{ "weight_loss", L_URGENT, WHEN1(FACT(C_WEIGHT_LOSS)), "malignancy" },
	{ "trauma", L_URGENT, WHEN1(FACT(C_TRAUMA)), "fracture" },
	{ "bilateral_sciatica", L_URGENT, WHEN1(FACT(F_BELOW_KNEE_BOTH)),
	    "spinal stenosis or early cauda equina" },
	{ "infection_risk", L_REVIEW,
	    WHEN1(FACT(C_IV_DRUG_USE) | FACT(C_IMMUNOSUPPRESSED)),
	    "infection" },
	{ "fracture_risk", L_REVIEW,
	    WHEN1(FACT(C_OSTEOPOROSIS) | FACT(C_STEROID_USE)),
	    "fragility fracture" },
	{ "avascular_necrosis", L_REVIEW,
	    WHEN2(FACT(C_STEROID_USE), FACT(F_HIPSITE)),
	    "osteonecrosis of the hip" },
	{ "night_pain", L_REVIEW, WHEN1(FACT(C_NIGHT_PAIN)),
	    "malignancy or infection" },
	{ "inflammatory", L_REVIEW,
	    WHEN3(FACT(C_MORNING_STIFFNESS), FACT(F_AGE_UNDER45),
	    FACT(F_OVER12WEEKS)),
	    "axial spondyloarthritis" },
	{ "thoracic_pain", L_REVIEW, WHEN1(FACT(F_UPPER_BACK)),
	    "fracture or malignancy" },
	{ "age_over_50", L_REVIEW, WHEN1(FACT(F_AGE_OVER50)),
	    "malignancy or fracture" },
	{ "age_under_20", L_REVIEW, WHEN1(FACT(F_AGE_UNDER20)),
	    "structural causes" },
	{ "not_improving", L_REVIEW, WHEN1(FACT(C_WORSENING)),
	    "needs a clinician's look" },
	{ NULL, L_NONE, { 0, 0, 0 }, NULL }
};

const char *const level_names[] = {
	"none", "review", "urgent", "emergency", "unknown", NULL
};

const enum icol screen_cols[] = {
	C_SADDLE_NUMBNESS, C_BLADDER_BOWEL, C_LEG_WEAKNESS, C_FEVER,
	C_CANCER_HISTORY, C_WEIGHT_LOSS, C_TRAUMA, C_IV_DRUG_USE,
	C_IMMUNOSUPPRESSED, C_OSTEOPOROSIS, C_STEROID_USE, C_NIGHT_PAIN,
	C_MORNING_STIFFNESS, C_WORSENING, C_AGE
};
const int nscreen = sizeof(screen_cols) / sizeof(screen_cols[0]);

int
flag_core(enum icol c)
{
	switch (c) {
	case C_SADDLE_NUMBNESS: case C_BLADDER_BOWEL: case C_LEG_WEAKNESS:
	case C_FEVER: case C_CANCER_HISTORY: case C_WEIGHT_LOSS:
	case C_TRAUMA: case C_AGE:
		return 1;
	default:
		return 0;
	}
}

const struct flag *
flag_find(const char *p, size_t n)
{
	const struct flag	*fl;

	for (fl = flag_table; fl->name != NULL; fl++)
		if (strlen(fl->name) == n && memcmp(fl->name, p, n) == 0)
			return fl;
	return NULL;
}
