/*
 * gen: synthetic intake records for the benchmark and the scaling tests.
 *
 * usage: gen [-s SEED] [-v VISITS] N
 *
 * Writes a header and N records with every intake column of bp(7) and
 * three pass-through columns (clinic in the middle, form and note at
 * the end).  With -v, the records are the visits of persons seen VISITS
 * times each (the last one maybe fewer), as bptrack(1) reads them:
 * sorted by id, each person's visits 7 to 42 days apart, every seen
 * recorded.  Without it, every record is a person of its own.  The mix is meant to look like a clinic's batch: most
 * values valid, some left empty, a few invalid (about one record in 150
 * has a value problem), answer styles varying by form.  The same seed
 * and N give the same bytes on every machine: the generator is its own
 * PRNG (splitmix64) and uses no floating point.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NSCREEN	13

struct out {
	char	buf[1 << 16];
	size_t	len;
};

static uint64_t	 state;
static struct out o;
static unsigned long visits;	/* -v: visits of each person, or 0 */
static long	 visitday;	/* -v: the day of the latest visit */

static const char *const screen[NSCREEN] = {
	"trauma", "fever", "cancer_history", "weight_loss",
	"saddle_numbness", "bladder_bowel", "leg_weakness", "osteoporosis",
	"steroid_use", "iv_drug_use", "immunosuppressed", "night_pain",
	"morning_stiffness"
};
/* chance of yes, per mille, in the order of screen[] */
static const int screen_yes[NSCREEN] = {
	50, 15, 40, 20, 8, 8, 40, 60, 30, 8, 20, 100, 150
};

/* Answer styles for bools, one per record, as different forms write. */
static const char *const styles[][2] = {
	{ "n", "y" }, { "no", "yes" }, { "N", "Y" }, { "No", "Yes" },
	{ "false", "true" }, { "0", "1" }
};
static const int style_weight[] = { 600, 250, 60, 40, 25, 25 };

static const char *const sites[] = {
	"low_back", "low_back,buttock", "hip", "groin", "buttock",
	"upper_back", "thigh", "hip,groin", "low_back,hip", "Low_Back",
	"low_back, buttock", "upper_back,low_back"
};
static const int site_weight[] = {
	480, 150, 100, 50, 40, 35, 30, 30, 30, 15, 10, 30
};

static const char *const radiations[] = {
	"none", "buttock", "thigh", "below_knee"
};
static const int radiation_weight[] = { 480, 160, 160, 200 };

static const char *const sides[] = { "left", "right", "both", "central" };
static const int side_weight[] = { 420, 420, 90, 70 };

static const char *const sb9s[] = {
	"not_at_all", "slightly", "moderately", "very", "extremely"
};
static const int sb9_weight[] = { 80, 300, 350, 190, 80 };

static const char *const clinics[] = {
	"North", "River", "StAnne", "East", "Harbour", "Mill"
};

static const char *const notes[] = {
	"interpreter", "called twice", "walk-in", "café staff", "GP referral",
	"follow-up", "Zoë's mother"
};

static const char *const bad_age[] = { "abc", "130", "4O", "-5" };
static const char *const bad_duration[] = {
	"1y2m", "2.5w", "3 w", "ages", "40000"
};
static const char *const bad_bool[] = { "maybe", "?", "unsure", "2" };
static const char *const bad_site[] = { "knee", "low back", "back,,hip" };
static const char *const bad_word[] = { "foot", "a_lot", "x" };
static const char *const bad_number[] = { "14", "6", "x", "3.5" };
static const char *const bad_date[] = {
	"2024-02-30", "2024-13-01", "03/04/2024", "2023-9-1"
};

static uint64_t
next(void)
{
	uint64_t	z;

	z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number from 0 to n - 1. */
static int
below(int n)
{
	return (int)(next() % (uint64_t)n);
}

/* 1 with a chance of pm per mille. */
static int
chance(int pm)
{
	return below(1000) < pm;
}

/* An index into a table of n weights, drawn in proportion to them. */
static int
pick(const int *w, int n)
{
	int	i, sum = 0, r;

	for (i = 0; i < n; i++)
		sum += w[i];
	r = below(sum);
	for (i = 0; i < n - 1 && r >= w[i]; i++)
		r -= w[i];
	return i;
}

static void
flush(void)
{
	size_t	off = 0;
	ssize_t	w;

	while (off < o.len) {
		w = write(1, o.buf + off, o.len - off);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			perror("gen: write error");
			exit(2);
		}
		off += (size_t)w;
	}
	o.len = 0;
}

static void
put(const char *s, size_t n)
{
	if (n > sizeof(o.buf) - o.len)
		flush();
	memcpy(o.buf + o.len, s, n);
	o.len += n;
}

static void
str(const char *s)
{
	put(s, strlen(s));
}

/* A field: TAB then s (the first field of a line has no TAB). */
static void
field(const char *s)
{
	put("\t", 1);
	str(s);
}

/* v in decimal, without a TAB before it. */
static void
num1(long v)
{
	char	b[24];
	int	n;

	n = snprintf(b, sizeof(b), "%ld", v);
	put(b, (size_t)n);
}

/* A field holding v in decimal. */
static void
num(long v)
{
	char	b[24];
	int	n;

	n = snprintf(b, sizeof(b), "\t%ld", v);
	put(b, (size_t)n);
}

/* Days from 1970-01-01 to a date, written as YYYY-MM-DD. */
static void
date(long z)
{
	char	b[64];	/* any long fits */
	long	era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(b, sizeof(b), "\t%04ld-%02ld-%02ld", y, m, d);
	str(b);
}

/*
 * One of a handful of columns gets an invalid value in about one
 * record in 150; which one is chosen here.
 */
enum bad { B_NONE, B_AGE, B_DURATION, B_DATE, B_SEVERITY, B_SITE,
    B_RADIATION, B_BOOL, B_SB9, B_ODI, B_ID, NBAD };

static void
header(void)
{
	int	i;

	str("id\tclinic\tage\tsite\tduration\tonset\tseen\tseverity"
	    "\tradiation\tside\tmechanical\tnumbness\tepisodes\tworsening");
	for (i = 0; i < NSCREEN; i++)
		field(screen[i]);
	for (i = 1; i <= 9; i++) {
		str("\tsb");
		num1(i);
	}
	for (i = 1; i <= 10; i++) {
		str("\todi");
		num1(i);
	}
	str("\tform\tnote\n");
}

static void
record(unsigned long n)
{
	const char *const	*yn = styles[pick(style_weight, 6)];
	enum bad		 bad = B_NONE;
	char			 id[24];
	long			 days, seen, onset;
	int			 i, r, v, rad, acute, sbmiss, odimiss, odibase;

	if (chance(7))
		bad = (enum bad)(1 + below(NBAD - 1));
	snprintf(id, sizeof(id), "B%07lu", n);
	if (visits > 0)
		snprintf(id, sizeof(id), "F%07lu", (n - 1) / visits + 1);
	str(bad == B_ID ? "" : id);
	field(clinics[below(6)]);

	/* age: adults, skewed to middle age; some teenagers and elderly */
	if (bad == B_AGE)
		field(bad_age[below(4)]);
	else if (chance(30))
		field("");
	else
		num(chance(60) ? 13 + below(7) : chance(150) ?
		    65 + below(30) : 20 + below(50));

	/* site */
	if (bad == B_SITE)
		field(bad_site[below(3)]);
	else if (chance(20))
		field("");
	else
		field(sites[pick(site_weight, 12)]);

	/* duration, or onset and seen; seen is often the visit date */
	seen = 19723 + below(730);	/* 2024-01-01 .. 2025-12-31 */
	if (visits > 0)
		seen = visitday = (n - 1) % visits == 0 ? 19723 + below(365) :
		    visitday + 7 + below(36);
	r = below(1000);
	days = r < 450 ? 1 + below(41) : r < 700 ? 42 + below(43) :
	    85 + below(1500);
	acute = days < 42;
	r = below(1000);
	if (bad == B_DURATION)
		field(bad_duration[below(5)]);
	else if (r < 800) {
		switch (below(5)) {
		case 0:
			num(days);
			break;
		case 1:
			num(days);
			str("d");
			break;
		case 2:
			num(days / 7 > 0 ? days / 7 : 1);
			str("w");
			break;
		case 3:
			num(days / 30 > 0 ? days / 30 : 1);
			str(days > 365 && chance(500) ? "M" : "m");
			break;
		default:
			if (days >= 365) {
				num(days / 365);
				str("y");
			} else {
				num(days);
				str("d");
			}
			break;
		}
	} else
		field("");
	onset = seen - days;
	if (bad == B_DATE) {
		field(bad_date[below(4)]);
		date(seen);
	} else if (r >= 800 && r < 950) {
		date(onset);
		date(seen);
	} else if (r >= 950) {
		field("");
		if (visits > 0 || chance(500))
			date(seen);
		else
			field("");
	} else {
		field("");
		if (visits > 0 || chance(250))
			date(seen);
		else
			field("");
	}

	/* severity */
	if (bad == B_SEVERITY)
		field(bad_number[below(4)]);
	else if (chance(40))
		field("");
	else
		num(2 + below(9));

	/* radiation and side */
	rad = pick(radiation_weight, 4);
	if (bad == B_RADIATION)
		field(bad_word[below(3)]);
	else if (chance(30))
		field("");
	else
		field(rad == 3 && chance(50) ? "Below_Knee" : radiations[rad]);
	if (rad != 0 && !chance(80))
		field(sides[pick(side_weight, 4)]);
	else
		field(rad == 0 && chance(970) ? "" : "central");

	/* mechanical, numbness */
	field(chance(30) ? "" : yn[chance(550)]);
	field(chance(30) ? "" : yn[chance(rad >= 2 ? 450 : 80)]);

	/* episodes, worsening */
	if (chance(200))
		field("");
	else
		num(below(6));
	field(chance(50) ? "" : yn[chance(acute ? 120 : 280)]);

	/* the screening questions: a few forms leave some out */
	for (i = 0; i < NSCREEN; i++) {
		if (bad == B_BOOL && i == 4)
			field(bad_bool[below(4)]);
		else if (chance(i == 4 || i == 5 ? 35 : 25))
			field("");
		else if (chance(15))
			field(chance(500) ? " n" : "n ");
		else
			field(yn[chance(screen_yes[i])]);
	}

	/* STarT Back: most complete it; some skip it; a few skip an item */
	sbmiss = chance(100) ? 9 : chance(30) ? 1 : 0;
	for (i = 0; i < 8; i++)
		field(sbmiss == 9 || (sbmiss == 1 && i == 6) ? "" :
		    yn[chance(i < 4 ? 450 : 300)]);
	if (bad == B_SB9)
		field(bad_word[below(3)]);
	else
		field(sbmiss == 9 ? "" : sb9s[pick(sb9_weight, 5)]);

	/* Oswestry: most answer all; some skip one or two, or all */
	odimiss = chance(150) ? 10 : chance(80) ? 1 : chance(40) ? 2 : 0;
	odibase = below(4);
	for (i = 0; i < 10; i++) {
		if (bad == B_ODI && i == 3)
			field(bad_number[below(4)]);
		else if (odimiss == 10 || (odimiss > 0 && (i == 7 ||
		    (odimiss == 2 && i == 4))))
			field("");
		else {
			v = odibase + below(3);
			num(v > 5 ? 5 : v);
		}
	}

	/* pass-through columns */
	field(chance(700) ? "v3" : "v2");
	field(chance(50) ? notes[below(7)] : "");
	put("\n", 1);
}

static int
usage(void)
{
	fputs("usage: gen [-s SEED] [-v VISITS] N\n", stderr);
	return 2;
}

int
main(int argc, char *argv[])
{
	unsigned long	n, i;
	char		*end;
	int		 c;

	state = 1;
	while ((c = getopt(argc, argv, "s:v:")) != -1) {
		errno = 0;
		if (c == 's')
			state = strtoull(optarg, &end, 10);
		else if (c == 'v')
			visits = strtoul(optarg, &end, 10);
		else
			return usage();
		if (errno != 0 || *end != '\0' || end == optarg)
			return usage();
	}
	if (argc - optind != 1)
		return usage();
	errno = 0;
	n = strtoul(argv[optind], &end, 10);
	if (errno != 0 || *end != '\0' || end == argv[optind])
		return usage();
	header();
	for (i = 1; i <= n; i++)
		record(i);
	flush();
	return 0;
}
