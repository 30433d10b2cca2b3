#include <string.h>

#include "flags.h"

#define HIPSITE	(1U << S_HIP | 1U << S_GROIN)

static int	cauda_equina(const struct facts *);
static int	bilateral_deficit(const struct facts *);
static int	spinal_infection(const struct facts *);
static int	hip_fracture(const struct facts *);
static int	leg_weakness(const struct facts *);
static int	fever(const struct facts *);
static int	cancer_history(const struct facts *);
static int	weight_loss(const struct facts *);
static int	trauma(const struct facts *);
static int	bilateral_sciatica(const struct facts *);
static int	infection_risk(const struct facts *);
static int	fracture_risk(const struct facts *);
static int	avascular_necrosis(const struct facts *);
static int	night_pain(const struct facts *);
static int	inflammatory(const struct facts *);
static int	thoracic_pain(const struct facts *);
static int	age_over_50(const struct facts *);
static int	age_under_20(const struct facts *);
static int	not_improving(const struct facts *);

const struct flag flag_table[] = {
	{ "cauda_equina", L_EMERGENCY, cauda_equina,
	    "cauda equina or spinal cord compression" },
	{ "bilateral_deficit", L_EMERGENCY, bilateral_deficit,
	    "cauda equina" },
	{ "spinal_infection", L_EMERGENCY, spinal_infection,
	    "spinal infection or abscess" },
	{ "hip_fracture", L_EMERGENCY, hip_fracture,
	    "hip fracture after a fall" },
	{ "leg_weakness", L_URGENT, leg_weakness,
	    "significant muscle weakness" },
	{ "fever", L_URGENT, fever, "infection" },
	{ "cancer_history", L_URGENT, cancer_history, "malignancy" },
	{ "weight_loss", L_URGENT, weight_loss, "malignancy" },
	{ "trauma", L_URGENT, trauma, "fracture" },
	{ "bilateral_sciatica", L_URGENT, bilateral_sciatica,
	    "spinal stenosis or early cauda equina" },
	{ "infection_risk", L_REVIEW, infection_risk, "infection" },
	{ "fracture_risk", L_REVIEW, fracture_risk, "fragility fracture" },
	{ "avascular_necrosis", L_REVIEW, avascular_necrosis,
	    "osteonecrosis of the hip" },
	{ "night_pain", L_REVIEW, night_pain, "malignancy or infection" },
	{ "inflammatory", L_REVIEW, inflammatory,
	    "axial spondyloarthritis" },
	{ "thoracic_pain", L_REVIEW, thoracic_pain,
	    "fracture or malignancy" },
	{ "age_over_50", L_REVIEW, age_over_50, "malignancy or fracture" },
	{ "age_under_20", L_REVIEW, age_under_20, "structural causes" },
	{ "not_improving", L_REVIEW, not_improving,
	    "needs a clinician's look" },
	{ NULL, L_NONE, NULL, NULL }
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

static int
below_knee_both(const struct facts *f)
{
	return f->rad == R_BELOW_KNEE && f->side == D_BOTH;
}

static int
cauda_equina(const struct facts *f)
{
	return (f->yes & (YES(C_SADDLE_NUMBNESS) | YES(C_BLADDER_BOWEL))) != 0;
}

static int
bilateral_deficit(const struct facts *f)
{
	return (f->yes & YES(C_LEG_WEAKNESS)) != 0 && below_knee_both(f);
}

static int
spinal_infection(const struct facts *f)
{
	return (f->yes & YES(C_FEVER)) != 0 && infection_risk(f);
}

static int
hip_fracture(const struct facts *f)
{
	return (f->yes & YES(C_TRAUMA)) != 0 && (f->site & HIPSITE) != 0 &&
	    f->have_age && f->age >= 65;
}

static int
leg_weakness(const struct facts *f)
{
	return (f->yes & YES(C_LEG_WEAKNESS)) != 0;
}

static int
fever(const struct facts *f)
{
	return (f->yes & YES(C_FEVER)) != 0;
}

static int
cancer_history(const struct facts *f)
{
	return (f->yes & YES(C_CANCER_HISTORY)) != 0;
}

static int
weight_loss(const struct facts *f)
{
	return (f->yes & YES(C_WEIGHT_LOSS)) != 0;
}

static int
trauma(const struct facts *f)
{
	return (f->yes & YES(C_TRAUMA)) != 0;
}

static int
bilateral_sciatica(const struct facts *f)
{
	return below_knee_both(f);
}

static int
infection_risk(const struct facts *f)
{
	return (f->yes & (YES(C_IV_DRUG_USE) | YES(C_IMMUNOSUPPRESSED))) != 0;
}

static int
fracture_risk(const struct facts *f)
{
	return (f->yes & (YES(C_OSTEOPOROSIS) | YES(C_STEROID_USE))) != 0;
}

static int
avascular_necrosis(const struct facts *f)
{
	return (f->yes & YES(C_STEROID_USE)) != 0 && (f->site & HIPSITE) != 0;
}

static int
night_pain(const struct facts *f)
{
	return (f->yes & YES(C_NIGHT_PAIN)) != 0;
}

static int
inflammatory(const struct facts *f)
{
	return (f->yes & YES(C_MORNING_STIFFNESS)) != 0 && f->have_age &&
	    f->age < 45 && f->have_days && f->days > 84;
}

static int
thoracic_pain(const struct facts *f)
{
	return (f->site & 1U << S_UPPER_BACK) != 0;
}

static int
age_over_50(const struct facts *f)
{
	return f->have_age && f->age > 50;
}

static int
age_under_20(const struct facts *f)
{
	return f->have_age && f->age < 20;
}

static int
not_improving(const struct facts *f)
{
	return (f->yes & YES(C_WORSENING)) != 0;
}
