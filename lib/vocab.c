#include <string.h>

#include "vocab.h"

#define W(s)	{ s, sizeof(s) - 1 }

const struct word col_words[NCOL + 1] = {
	W("id"), W("age"), W("site"), W("duration"), W("onset"),
	W("seen"), W("severity"), W("radiation"), W("side"),
	W("mechanical"), W("numbness"), W("episodes"), W("worsening"),
	W("trauma"), W("fever"), W("cancer_history"), W("weight_loss"),
	W("saddle_numbness"), W("bladder_bowel"), W("leg_weakness"),
	W("osteoporosis"), W("steroid_use"), W("iv_drug_use"),
	W("immunosuppressed"), W("night_pain"), W("morning_stiffness"),
	W("sb1"), W("sb2"), W("sb3"), W("sb4"), W("sb5"), W("sb6"),
	W("sb7"), W("sb8"), W("sb9"), W("odi1"), W("odi2"), W("odi3"),
	W("odi4"), W("odi5"), W("odi6"), W("odi7"), W("odi8"),
	W("odi9"), W("odi10"), { NULL, 0 }
};
const struct word added_words[] = {
	W("phase"), W("pattern"), W("startback"), W("odi"), W("disability"),
	W("flags"), W("flag_level"), W("unscreened"), W("worst_level"),
	W("visit"), W("days"), W("odi_change"), W("pain_change"),
	W("progress"), W("disposition"), W("routine"), W("exercises"),
	W("sessions"), W("advice"), { NULL, 0 }
};
const struct word site_words[NSITE + 1] = {
	W("low_back"), W("upper_back"), W("buttock"), W("hip"),
	W("groin"), W("thigh"), { NULL, 0 }
};
const struct word radiation_words[NRAD + 1] = {
	W("none"), W("buttock"), W("thigh"), W("below_knee"),
	{ NULL, 0 }
};
const struct word side_words[NSIDE + 1] = {
	W("left"), W("right"), W("both"), W("central"), { NULL, 0 }
};
const struct word phase_words[NPHASE + 1] = {
	W("acute"), W("subacute"), W("chronic"), W("unknown"),
	W("invalid"), { NULL, 0 }
};
const struct word pattern_words[NPAT + 1] = {
	W("radicular"), W("hip"), W("mechanical"), W("nonspecific"),
	W("other"), W("unknown"), W("invalid"), { NULL, 0 }
};
const struct word risk_words[NRISK + 1] = {
	W("low"), W("medium"), W("high"), W("unknown"), W("invalid"),
	{ NULL, 0 }
};
const struct word band_words[NBAND + 1] = {
	W("minimal"), W("moderate"), W("severe"), W("crippled"),
	W("bedbound"), W("unknown"), W("invalid"), { NULL, 0 }
};
const struct word level_words[NLEVEL + 1] = {
	W("none"), W("review"), W("urgent"), W("emergency"),
	W("unknown"), { NULL, 0 }
};
const struct word progress_words[NPROG + 1] = {
	W("baseline"), W("improved"), W("same"), W("worse"),
	W("not_improving"), W("unknown"), W("invalid"), { NULL, 0 }
};
const struct word disposition_words[NDISP + 1] = {
	W("emergency"), W("urgent"), W("assess"), W("review"),
	W("psych_physio"), W("physio"), W("self_care"), { NULL, 0 }
};
const struct word routine_words[NROUT + 1] = {
	W("acute_back"), W("back_strength"), W("radicular"),
	W("hip_mobility"), W("hip_strength"), { NULL, 0 }
};
const struct word sessions_words[NSESS + 1] = {
	W("none"), W("daily"), W("3-5/week"), { NULL, 0 }
};
const struct word contra_words[NCONTRA + 1] = {
	W("age65"), W("fragile_bone"), W("radicular"), W("acute"),
	{ NULL, 0 }
};
const struct word kind_words[NKIND + 1] = {
	W("warmup"), W("mobility"), W("stretch"), W("strength"),
	W("aerobic"), W("advice"), { NULL, 0 }
};

static const struct word bool_words[] = {
	W("y"), W("yes"), W("true"), W("1"), W("n"), W("no"), W("false"),
	W("0"), { NULL, 0 }
};
static const int bool_value[] = { 1, 1, 1, 1, 0, 0, 0, 0 };
const struct vocab	vocab_bool = { bool_words, bool_value };

static const struct word agree_words[] = {
	W("y"), W("yes"), W("true"), W("1"), W("agree"), W("n"), W("no"),
	W("false"), W("0"), W("disagree"), { NULL, 0 }
};
static const int agree_value[] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 };
const struct vocab	vocab_agree = { agree_words, agree_value };

static const struct word bother_spellings[] = {
	W("not_at_all"), W("slightly"), W("moderately"), W("very"),
	W("extremely"), W("very_much"), { NULL, 0 }
};
static const int bother_value[] = {
	SB9_NOT_AT_ALL, SB9_SLIGHTLY, SB9_MODERATELY, SB9_VERY, SB9_EXTREMELY,
	SB9_VERY
};
const struct vocab	vocab_bother = { bother_spellings, bother_value };

/*
 * A byte as vocab_find() compares it: ASCII letters in lower case, a
 * space or a hyphen as an underscore.
 */
static int
fold(unsigned char c)
{
	if ((unsigned)c - 'A' < 26)
		return c + ('a' - 'A');
	return c == ' ' || c == '-' ? '_' : c;
}

int
vocab_find(const struct vocab *v, const char *p, size_t n)
{
	const unsigned char	*q = (const unsigned char *)p;
	const struct word	*w;
	size_t			 k;
	int			 i;

	/* words mostly come as the tools write them: that first */
	if ((i = vocab_index(v->words, p, n)) < 0)
		for (w = v->words; i < 0 && w->s != NULL; w++) {
			for (k = 0; k < n && w->n == n &&
			    (unsigned char)w->s[k] == fold(q[k]); k++)
				;
			if (w->n == n && k == n)
				i = (int)(w - v->words);
		}
	return i >= 0 && v->value != NULL ? v->value[i] : i;
}

int
vocab_index(const struct word *words, const char *p, size_t n)
{
	const struct word	*w;

	for (w = words; w->s != NULL; w++)
		if (w->n == n && memcmp(w->s, p, n) == 0)
			return (int)(w - words);
	return -1;
}
