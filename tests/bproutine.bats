#!/usr/bin/env bats
# bproutine: the rules of SPEC §6 (disposition, routine, exercises,
# sessions, advice) with the built-in catalog, the inputs it requires and
# reads (§1, §7), and its determinism (§1).

bats_require_minimum_version 1.5.0

load test_helper

PROG=bproutine

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# The columns of a direct record: the seven bproutine requires, then the
# three it also reads.
COLS='id phase pattern startback disability flag_level unscreened age osteoporosis steroid_use'

# What row (test_helper.bash) writes unless told otherwise: a clean record,
# subacute nonspecific pain, low risk, minimal disability, no flag,
# everything screened, age 40, no osteoporosis, no steroids.
ROW_DEFAULTS='id=r1 phase=subacute pattern=nonspecific startback=low
    disability=minimal flag_level=none unscreened=none age=40
    osteoporosis=no steroid_use=no'

# route STATUS [OPTION...] [-- ARG...]: write in.tsv holding the header and
# one record made by row from the ARGs, where -NAME instead drops column
# NAME; run bproutine with the OPTIONs on it and expect exit status STATUS.
route() {
	local n=$1 a
	local -a opts=() args=()

	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	for a; do
		case $a in
		-*)	COLS=" $COLS "
			COLS=${COLS/ ${a#-} / }
			COLS=${COLS# }
			COLS=${COLS% } ;;
		*)	args+=("$a") ;;
		esac
	done
	{ header; row "${args[@]}"; } >in.tsv
	run -"$n" --separate-stderr bproutine "${opts[@]}" in.tsv
}




# nothing ROUTE: the record has no routine (disposition emergency, urgent
# or assess).
nothing() {
	is routine none exercises none sessions none
}

# intake NAME=VALUE...: write in.tsv holding one full intake record (SPEC
# §3) that is clean: age 40, low-back pain for 50 days that does not spread
# and does not change with movement, every screening question answered no,
# STarT Back all no, Oswestry all 0.  NAME=VALUE sets a column.
intake() {
	local -A v=([id]=r1 [age]=40 [site]=low_back [duration]=50d
	    [radiation]=none [side]=left [mechanical]=no [numbness]=no
	    [worsening]=no [sb9]=not_at_all)
	local -a h=() f=()
	local a c i

	for c in trauma fever cancer_history weight_loss saddle_numbness \
	    bladder_bowel leg_weakness osteoporosis steroid_use iv_drug_use \
	    immunosuppressed night_pain morning_stiffness; do
		v[$c]=no
	done
	for i in 1 2 3 4 5 6 7 8; do
		v[sb$i]=no
	done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		v[odi$i]=0
	done
	for a; do
		v[${a%%=*}]=${a#*=}
	done
	for c in id age site duration radiation side mechanical numbness \
	    worsening trauma fever cancer_history weight_loss saddle_numbness \
	    bladder_bowel leg_weakness osteoporosis steroid_use iv_drug_use \
	    immunosuppressed night_pain morning_stiffness \
	    sb1 sb2 sb3 sb4 sb5 sb6 sb7 sb8 sb9 \
	    odi1 odi2 odi3 odi4 odi5 odi6 odi7 odi8 odi9 odi10; do
		h+=("$c")
		f+=("${v[$c]}")
	done
	{ tsv "${h[@]}"; tsv "${f[@]}"; } >in.tsv
}

# pipeline STATUS: run bpclassify | bpflags | bproutine on in.tsv and expect
# exit status STATUS from the pipeline.
pipeline() {
	run -"$1" --separate-stderr bash -o pipefail -c \
	    'bpclassify in.tsv | bpflags | bproutine'
}

# The built-in catalog's exercises for each routine, from SPEC §6's table,
# with no contraindication present (age under 65, no osteoporosis).
ACUTE_BACK=walking:10-30_min,pelvic_bridge:10s_x3,figure_four:6-8_breaths_each_side
BACK_STRENGTH=walking:10-30_min,dynamic_warmup:5_min,pelvic_bridge:10s_x3,bridge_march:30_steps,hip_hinge:10_reps,hamstring_squeeze:10_reps,band_walk:10_steps_each_way,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side
RADICULAR=walking:10-30_min,pelvic_bridge:10s_x3,bridge_march:30_steps,figure_four:6-8_breaths_each_side
RADICULAR_ACUTE=walking:10-30_min,pelvic_bridge:10s_x3,figure_four:6-8_breaths_each_side
HIP_MOBILITY=walking:10-30_min,pelvic_bridge:10s_x3,hip_swing:10_each_side,side_hip_stretch:30s_x2,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side
HIP_STRENGTH=dynamic_warmup:5_min,pelvic_bridge:10s_x3,band_walk:10_steps_each_way,four_way_band:10_each_direction,hip_swing:10_each_side,side_hip_stretch:30s_x2,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side,frog_pose:30s,wall_backbend:3_breaths,lateral_lunge:10_each_side,rotational_step_up:10_each_side
# ... and with age65 or fragile_bone present.
HIP_STRENGTH_SAFE=pelvic_bridge:10s_x3,band_walk:10_steps_each_way,four_way_band:10_each_direction,hip_swing:10_each_side,side_hip_stretch:30s_x2,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side
BACK_STRENGTH_SAFE=walking:10-30_min,pelvic_bridge:10s_x3,bridge_march:30_steps,hip_hinge:10_reps,hamstring_squeeze:10_reps,band_walk:10_steps_each_way,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side

# The advice for each routine, in catalog order, before the seek-care codes.
ADV_ACUTE_BACK=stay_active,avoid_bed_rest,walking,heat,posture_breaks
ADV_BACK_STRENGTH=stay_active,avoid_bed_rest,exercise_therapy,yoga,posture_breaks,warm_up,rest_days
ADV_RADICULAR=stay_active,avoid_bed_rest,posture_breaks
ADV_HIP_MOBILITY=stay_active,avoid_bed_rest,walking,heat,posture_breaks,cycling_caution
ADV_HIP_STRENGTH=stay_active,avoid_bed_rest,exercise_therapy,posture_breaks,warm_up,rest_days,cycling_caution
# The seek-care codes of each disposition, and the safety net of all but
# emergency (GIRFT), at the end of the catalog.
NET=cauda_equina_warning
SEEK_SELF_CARE=check_in_4_weeks,$NET
SEEK_PHYSIO=see_physio,$NET
SEEK_PSYCH_PHYSIO=see_physio,coping_support,$NET
SEEK_REVIEW=book_review,$NET

# ---------------------------------------------------------------- output

@test "bproutine: output columns are appended as disposition routine exercises sessions advice" {
	route 0
	[ "${lines[0]}" = "$(tsv id phase pattern startback disability \
	    flag_level unscreened age osteoporosis steroid_use \
	    disposition routine exercises sessions advice)" ]
	[ "${lines[1]}" = "$(tsv r1 subacute nonspecific low minimal none none \
	    40 no no self_care back_strength "$BACK_STRENGTH" 3-5/week \
	    "$ADV_BACK_STRENGTH,$SEEK_SELF_CARE")" ]
	[ "${#lines[@]}" -eq 2 ]
	clean
}

@test "bproutine: unknown columns pass through in place" {
	{ tsv note id phase pattern startback disability flag_level \
	    other unscreened age
	  tsv 'a b' r1 acute mechanical low minimal none '' none 40; } >in.tsv
	run -0 --separate-stderr bproutine in.tsv
	[ "$output" = "$(tsv note id phase pattern startback disability \
	    flag_level other unscreened age disposition routine exercises \
	    sessions advice)
$(tsv 'a b' r1 acute mechanical low minimal none '' none 40 self_care \
	    acute_back "$ACUTE_BACK" daily "$ADV_ACUTE_BACK,$SEEK_SELF_CARE")" ]
	clean
}

@test "bproutine: a second run overwrites its columns in place" {
	route 0 -- pattern=hip
	printf '%s\n' "$output" >once.tsv
	run -0 --separate-stderr bproutine once.tsv
	[ "$output" = "$(cat once.tsv)" ]
	clean
}

@test "bproutine: a header alone gives the header with the new columns" {
	header >in.tsv
	run -0 --separate-stderr bproutine in.tsv
	[ "$output" = "$(tsv $COLS disposition routine exercises sessions advice)" ]
	clean
}

# ------------------------------------------------------- disposition rows

@test "bproutine: flag_level emergency gives emergency" {
	route 0 -- flag_level=emergency
	is disposition emergency advice go_to_emergency
	nothing
	clean
}

@test "bproutine: flag_level urgent gives urgent" {
	route 0 -- flag_level=urgent
	is disposition urgent advice "see_doctor_today,$NET"
	nothing
	clean
}

@test "bproutine: flag_level review gives review" {
	route 0 -- flag_level=review
	is disposition review routine back_strength \
	    advice "$ADV_BACK_STRENGTH,$SEEK_REVIEW"
	clean
}

@test "bproutine: a clean subacute back record is self_care" {
	route 0
	is disposition self_care routine back_strength \
	    exercises "$BACK_STRENGTH" sessions 3-5/week \
	    advice "$ADV_BACK_STRENGTH,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: phase invalid gives assess" {
	route 0 -- phase=invalid
	is disposition assess advice "complete_intake,$NET"
	nothing
	clean
}

@test "bproutine: pattern invalid gives assess" {
	route 0 -- pattern=invalid
	is disposition assess advice "complete_intake,$NET"
	nothing
	clean
}

@test "bproutine: startback invalid gives assess" {
	route 0 -- startback=invalid
	is disposition assess advice "complete_intake,$NET"
	nothing
	clean
}

@test "bproutine: disability invalid gives assess" {
	route 0 -- disability=invalid
	is disposition assess advice "complete_intake,$NET"
	nothing
	clean
}

@test "bproutine: phase unknown gives assess" {
	route 0 -- phase=unknown
	is disposition assess
	nothing
	clean
}

@test "bproutine: pattern unknown gives assess" {
	route 0 -- pattern=unknown
	is disposition assess
	nothing
	clean
}

@test "bproutine: pattern other gives assess" {
	route 0 -- pattern=other
	is disposition assess
	nothing
	clean
}

@test "bproutine: startback unknown alone is not a reason to assess" {
	route 0 -- startback=unknown
	is disposition self_care routine back_strength
	clean
}

@test "bproutine: disability unknown alone is not a reason to assess" {
	route 0 -- disability=unknown
	is disposition self_care routine back_strength
	clean
}

@test "bproutine: flag_level unknown gives assess" {
	route 0 -- flag_level=unknown
	is disposition assess
	nothing
	clean
}

@test "bproutine: each core input in unscreened gives assess" {
	local c

	for c in saddle_numbness bladder_bowel leg_weakness fever \
	    cancer_history weight_loss trauma age; do
		route 0 -- unscreened="$c"
		is disposition assess routine none advice "complete_intake,$NET" ||
		    { echo "unscreened $c"; return 1; }
		clean
	done
}

@test "bproutine: a core input at the end of an unscreened list gives assess" {
	route 0 -- unscreened=night_pain,worsening,age
	is disposition assess
	clean
}

@test "bproutine: only non-core inputs in unscreened, left empty, do not give assess" {
	local c

	for c in osteoporosis steroid_use night_pain morning_stiffness \
	    worsening; do
		route 0 -- unscreened="$c" "$c="
		is disposition self_care routine back_strength ||
		    { echo "unscreened $c"; return 1; }
		clean
	done
	route 0 -- unscreened=osteoporosis,steroid_use,night_pain,morning_stiffness,worsening osteoporosis= steroid_use=
	is disposition self_care
	clean
}

@test "bproutine: a non-core input in unscreened that holds an answer, one bpflags could not read, gives assess" {
	local c s

	COLS="$COLS night_pain morning_stiffness worsening"
	for c in osteoporosis steroid_use night_pain morning_stiffness \
	    worsening; do
		# bproutine warns about the two it reads itself
		case $c in
		osteoporosis|steroid_use) s=1 ;;
		*) s=0 ;;
		esac
		route "$s" -- unscreened="$c" "$c=perhaps"
		is disposition assess || { echo "unscreened $c"; return 1; }
		nothing
		route 0 -- unscreened="$c" "$c= "
		is disposition self_care
	done
}

@test "bproutine: pattern radicular gives physio" {
	route 0 -- pattern=radicular
	is disposition physio routine radicular
	clean
}

@test "bproutine: startback medium on back pain gives physio" {
	route 0 -- startback=medium
	is disposition physio routine back_strength
	clean
}

@test "bproutine: startback high on back pain gives psych_physio, with coping support" {
	route 0 -- startback=high pattern=mechanical
	is disposition psych_physio routine back_strength \
	    advice "$ADV_BACK_STRENGTH,$SEEK_PSYCH_PHYSIO"
	clean
}

@test "bproutine: startback high is not acted on for hip pain (self_care)" {
	route 0 -- startback=high pattern=hip phase=subacute
	is disposition self_care routine hip_strength \
	    advice "$ADV_HIP_STRENGTH,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: startback medium is not acted on for hip pain (self_care)" {
	route 0 -- startback=medium pattern=hip phase=acute
	is disposition self_care routine hip_mobility
	clean
}

@test "bproutine: startback high on radicular pain gives psych_physio" {
	route 0 -- startback=high pattern=radicular
	is disposition psych_physio routine radicular
	clean
}

@test "bproutine: phase chronic gives physio" {
	route 0 -- phase=chronic
	is disposition physio routine back_strength
	clean
}

@test "bproutine: phase chronic gives physio for hip pain too" {
	route 0 -- phase=chronic pattern=hip
	is disposition physio routine hip_strength
	clean
}

@test "bproutine: disability minimal and moderate stay self_care" {
	route 0 -- disability=minimal
	is disposition self_care
	route 0 -- disability=moderate
	is disposition self_care
	clean
}

@test "bproutine: disability severe gives physio" {
	route 0 -- disability=severe
	is disposition physio routine back_strength \
	    advice "$ADV_BACK_STRENGTH,$SEEK_PHYSIO"
	clean
}

@test "bproutine: disability crippled gives review" {
	route 0 -- disability=crippled
	is disposition review routine back_strength \
	    advice "$ADV_BACK_STRENGTH,$SEEK_REVIEW"
	clean
}

@test "bproutine: disability bedbound gives review" {
	route 0 -- disability=bedbound
	is disposition review routine back_strength
	clean
}

# ------------------------------------------------ precedence between rows

@test "bproutine: emergency comes before assess" {
	route 0 -- flag_level=emergency phase=invalid unscreened=trauma
	is disposition emergency advice go_to_emergency
	nothing
	clean
}

@test "bproutine: emergency comes before review" {
	route 0 -- flag_level=emergency disability=bedbound
	is disposition emergency
	nothing
	clean
}

@test "bproutine: emergency comes before physio" {
	route 0 -- flag_level=emergency pattern=radicular
	is disposition emergency
	nothing
	clean
}

@test "bproutine: urgent comes before assess" {
	route 0 -- flag_level=urgent pattern=other unscreened=age
	is disposition urgent advice "see_doctor_today,$NET"
	nothing
	clean
}

@test "bproutine: urgent comes before review" {
	route 0 -- flag_level=urgent disability=crippled
	is disposition urgent
	nothing
	clean
}

@test "bproutine: urgent comes before physio" {
	route 0 -- flag_level=urgent phase=chronic
	is disposition urgent
	nothing
	clean
}

@test "bproutine: assess comes before review" {
	route 0 -- flag_level=review pattern=unknown
	is disposition assess advice "complete_intake,$NET"
	nothing
	clean
}

@test "bproutine: assess (core unscreened) comes before review" {
	route 0 -- flag_level=review disability=bedbound unscreened=fever
	is disposition assess
	nothing
	clean
}

@test "bproutine: assess comes before physio" {
	route 0 -- phase=chronic startback=invalid
	is disposition assess
	nothing
	clean
}

@test "bproutine: review comes before physio" {
	route 0 -- flag_level=review pattern=radicular phase=chronic \
	    disability=severe
	is disposition review routine radicular \
	    advice "$ADV_RADICULAR,$SEEK_REVIEW"
	clean
}

@test "bproutine: review (disability crippled) comes before physio" {
	route 0 -- disability=crippled startback=high
	is disposition review
	clean
}

@test "bproutine: physio comes before self_care" {
	route 0 -- pattern=hip phase=chronic
	is disposition physio advice "$ADV_HIP_STRENGTH,$SEEK_PHYSIO"
	clean
}

@test "bproutine: pipeline: emergency comes before urgent" {
	intake saddle_numbness=yes fever=yes
	pipeline 0
	is flag_level emergency flags cauda_equina,fever \
	    disposition emergency advice go_to_emergency
	nothing
	clean
}

# ---------------------------------------------------------------- routines

@test "bproutine: radicular pattern gets the radicular routine (acute)" {
	route 0 -- pattern=radicular phase=acute
	is routine radicular exercises "$RADICULAR_ACUTE" sessions daily
	clean
}

@test "bproutine: radicular pattern gets the radicular routine (chronic)" {
	route 0 -- pattern=radicular phase=chronic
	is routine radicular exercises "$RADICULAR" sessions 3-5/week
	clean
}

@test "bproutine: acute hip pain gets hip_mobility" {
	route 0 -- pattern=hip phase=acute
	is disposition self_care routine hip_mobility \
	    exercises "$HIP_MOBILITY" sessions daily advice "$ADV_HIP_MOBILITY,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: subacute hip pain gets hip_strength" {
	route 0 -- pattern=hip phase=subacute
	is routine hip_strength exercises "$HIP_STRENGTH" sessions 3-5/week
	clean
}

@test "bproutine: chronic hip pain gets hip_strength" {
	route 0 -- pattern=hip phase=chronic
	is routine hip_strength exercises "$HIP_STRENGTH" sessions 3-5/week
	clean
}

@test "bproutine: acute mechanical back pain gets acute_back" {
	route 0 -- pattern=mechanical phase=acute
	is disposition self_care routine acute_back exercises "$ACUTE_BACK" \
	    sessions daily advice "$ADV_ACUTE_BACK,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: acute nonspecific back pain gets acute_back" {
	route 0 -- pattern=nonspecific phase=acute
	is routine acute_back exercises "$ACUTE_BACK"
	clean
}

@test "bproutine: subacute mechanical back pain gets back_strength" {
	route 0 -- pattern=mechanical phase=subacute
	is routine back_strength exercises "$BACK_STRENGTH"
	clean
}

@test "bproutine: chronic nonspecific back pain gets back_strength" {
	route 0 -- pattern=nonspecific phase=chronic
	is routine back_strength exercises "$BACK_STRENGTH"
	clean
}

@test "bproutine: a review record keeps its routine" {
	route 0 -- flag_level=review pattern=hip phase=acute
	is disposition review routine hip_mobility exercises "$HIP_MOBILITY" \
	    sessions daily advice "$ADV_HIP_MOBILITY,$SEEK_REVIEW"
	clean
}

# -------------------------------------------------------- contraindications

@test "bproutine: frog_pose is in hip_strength at age 64" {
	route 0 -- pattern=hip age=64
	is exercises "$HIP_STRENGTH"
	[[ ,$(field exercises 1), == *,frog_pose:30s,* ]]
	clean
}

@test "bproutine: age 65 removes the age65 exercises from hip_strength" {
	route 0 -- pattern=hip age=65
	is exercises "$HIP_STRENGTH_SAFE"
	[[ ,$(field exercises 1), != *,frog_pose:* ]]
	clean
}

@test "bproutine: age 65 removes dynamic_warmup from back_strength" {
	route 0 -- age=65
	is exercises "$BACK_STRENGTH_SAFE"
	clean
}

@test "bproutine: osteoporosis yes removes the osteoporosis exercises" {
	route 0 -- pattern=hip osteoporosis=yes
	is exercises "$HIP_STRENGTH_SAFE"
	route 0 -- osteoporosis=Y
	is exercises "$BACK_STRENGTH_SAFE"
	clean
}

@test "bproutine: osteoporosis no keeps them" {
	route 0 -- pattern=hip osteoporosis=false
	is exercises "$HIP_STRENGTH"
	clean
}

@test "bproutine: osteoporosis empty counts as present" {
	route 0 -- pattern=hip osteoporosis=
	is exercises "$HIP_STRENGTH_SAFE"
	clean
}

@test "bproutine: no osteoporosis column counts as present" {
	route 0 -- pattern=hip -osteoporosis
	is exercises "$HIP_STRENGTH_SAFE"
	clean
}

@test "bproutine: osteoporosis invalid counts as present, with a warning" {
	route 1 -- pattern=hip osteoporosis=maybe
	is disposition self_care exercises "$HIP_STRENGTH_SAFE"
	warned osteoporosis maybe
}

@test "bproutine: age empty removes the age65 exercises" {
	route 0 -- pattern=hip age=
	is exercises "$HIP_STRENGTH_SAFE"
	clean
}

@test "bproutine: no age column removes the age65 exercises" {
	route 0 -- pattern=hip -age
	is exercises "$HIP_STRENGTH_SAFE"
	clean
}

@test "bproutine: age invalid removes the age65 exercises, with a warning" {
	route 1 -- pattern=hip age=abc
	is exercises "$HIP_STRENGTH_SAFE"
	warned age abc
}

@test "bproutine: age out of range (121) removes the age65 exercises" {
	route 1 -- pattern=hip age=121
	is exercises "$HIP_STRENGTH_SAFE"
	warned age 121
}

@test "bproutine: the acute phase removes bridge_march from radicular" {
	route 0 -- pattern=radicular phase=acute
	is exercises "$RADICULAR_ACUTE"
	route 0 -- pattern=radicular phase=subacute
	is exercises "$RADICULAR"
	clean
}

@test "bproutine: hip_hinge (contraindicated when radicular) is not in the radicular routine" {
	route 0 -- pattern=radicular phase=chronic
	[[ ,$(field exercises 1), != *,hip_hinge:* ]]
	route 0 -- pattern=nonspecific phase=chronic
	[[ ,$(field exercises 1), == *,hip_hinge:10_reps,* ]]
	clean
}

# A catalog with one exercise per contraindication code, all in every
# routine, shows that each code removes exactly its own exercises.
contracat() {
	local all=acute_back,back_strength,radicular,hip_mobility,hip_strength

	{ tsv id kind name routines contraindications dose source instructions
	  tsv free strength Free "$all" none 1 seeds/x.txt Do.
	  tsv old strength Old "$all" age65 2 seeds/x.txt Do.
	  tsv bones strength Bones "$all" fragile_bone 3 seeds/x.txt Do.
	  tsv nerve strength Nerve "$all" radicular 4 seeds/x.txt Do.
	  tsv early strength Early "$all" acute 5 seeds/x.txt Do.
	  tsv both strength Both "$all" acute,radicular 6 seeds/x.txt Do.
	} >cat.tsv
}

@test "bproutine: with no contraindication present every exercise stays" {
	contracat
	route 0 -c cat.tsv -- phase=subacute pattern=mechanical
	is exercises free:1,old:2,bones:3,nerve:4,early:5,both:6 advice none
	clean
}

@test "bproutine: age65 removes exactly the age65 exercises" {
	contracat
	route 0 -c cat.tsv -- age=65
	is exercises free:1,bones:3,nerve:4,early:5,both:6
	clean
}

@test "bproutine: osteoporosis removes exactly the fragile_bone exercises" {
	contracat
	route 0 -c cat.tsv -- osteoporosis=yes
	is exercises free:1,old:2,nerve:4,early:5,both:6
	clean
}

@test "bproutine: steroid use removes exactly the fragile_bone exercises" {
	contracat
	route 0 -c cat.tsv -- steroid_use=yes
	is exercises free:1,old:2,nerve:4,early:5,both:6
	clean
}

@test "bproutine: steroid use empty or invalid counts as present: fragile_bone" {
	contracat
	route 0 -c cat.tsv -- steroid_use=
	is exercises free:1,old:2,nerve:4,early:5,both:6
	route 1 -c cat.tsv -- steroid_use=maybe
	is exercises free:1,old:2,nerve:4,early:5,both:6
}

@test "bproutine: radicular removes exactly the radicular exercises" {
	contracat
	route 0 -c cat.tsv -- pattern=radicular
	is routine radicular exercises free:1,old:2,bones:3,early:5
	clean
}

@test "bproutine: acute removes exactly the acute exercises" {
	contracat
	route 0 -c cat.tsv -- phase=acute pattern=hip
	is routine hip_mobility exercises free:1,old:2,bones:3,nerve:4
	clean
}

@test "bproutine: every contraindication at once leaves the free exercise" {
	contracat
	route 0 -c cat.tsv -- phase=acute pattern=radicular age=80 \
	    osteoporosis=yes
	is exercises free:1
	clean
}

# ---------------------------------------------------------------- sessions

@test "bproutine: sessions are daily in the acute phase" {
	route 0 -- phase=acute pattern=mechanical
	is sessions daily
	route 0 -- phase=acute pattern=radicular
	is sessions daily
	clean
}

@test "bproutine: sessions are 3-5/week in the subacute and chronic phases" {
	route 0 -- phase=subacute
	is sessions 3-5/week
	route 0 -- phase=chronic pattern=hip
	is sessions 3-5/week
	clean
}

@test "bproutine: sessions are none without a routine" {
	route 0 -- phase=acute flag_level=emergency
	is sessions none
	route 0 -- phase=acute flag_level=urgent
	is sessions none
	route 0 -- phase=acute unscreened=weight_loss
	is sessions none
	clean
}

# ------------------------------------------------------------------ advice

@test "bproutine: advice for a self_care acute back record" {
	route 0 -- phase=acute pattern=mechanical
	is advice "stay_active,avoid_bed_rest,walking,heat,posture_breaks,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: advice for a physio radicular record ends with see_physio and the safety net" {
	route 0 -- phase=acute pattern=radicular
	is disposition physio \
	    advice "stay_active,avoid_bed_rest,posture_breaks,$SEEK_PHYSIO"
	clean
}

@test "bproutine: advice for a review hip_strength record ends with book_review and the safety net" {
	route 0 -- pattern=hip flag_level=review
	is disposition review advice "stay_active,avoid_bed_rest,exercise_therapy,posture_breaks,warm_up,rest_days,cycling_caution,$SEEK_REVIEW"
	clean
}

@test "bproutine: advice for a physio back_strength record" {
	route 0 -- phase=chronic
	is advice "stay_active,avoid_bed_rest,exercise_therapy,yoga,posture_breaks,warm_up,rest_days,$SEEK_PHYSIO"
	clean
}

@test "bproutine: advice for a self_care hip_mobility record" {
	route 0 -- pattern=hip phase=acute
	is advice "stay_active,avoid_bed_rest,walking,heat,posture_breaks,cycling_caution,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: without a routine the advice is the seek-care code and, but for emergency, the safety net" {
	route 0 -- flag_level=emergency
	is advice go_to_emergency
	route 0 -- flag_level=urgent
	is advice "see_doctor_today,$NET"
	route 0 -- pattern=other
	is advice "complete_intake,$NET"
	clean
}

# ----------------------------------------------------------- bad values

@test "bproutine: a word bpclassify does not write is warned about and gives assess" {
	route 1 -- phase=Acute
	is disposition assess
	nothing
	warned phase Acute
}

@test "bproutine: an unknown pattern word gives assess" {
	route 1 -- pattern=sciatica
	is disposition assess
	warned pattern sciatica
}

@test "bproutine: an unknown startback word gives assess" {
	route 1 -- startback=low_risk
	is disposition assess
	warned startback low_risk
}

@test "bproutine: an unknown disability word gives assess" {
	route 1 -- disability=42
	is disposition assess
	warned disability 42
}

@test "bproutine: an unknown flag_level word gives assess" {
	route 1 -- flag_level=high
	is disposition assess
	warned flag_level high
}

@test "bproutine: an empty phase is warned about and gives assess" {
	route 1 -- phase=
	is disposition assess
	[[ $stderr == "bproutine: in.tsv:2: id r1: phase: "* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
}

@test "bproutine: an unscreened value that is not a screening list gives assess" {
	route 1 -- unscreened=nightpain
	is disposition assess
	nothing
	warned unscreened nightpain
}

@test "bproutine: an empty unscreened is warned about and gives assess" {
	route 1 -- unscreened=
	is disposition assess
	[[ $stderr == "bproutine: in.tsv:2: id r1: unscreened: "* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
}

@test "bproutine: an empty id is warned about" {
	route 1 -- id=
	is disposition self_care
	[ "$stderr" = "bproutine: in.tsv:2: id: empty" ]
}

@test "bproutine: -q silences warnings but keeps exit status 1" {
	route 1 -q -- phase=Acute
	is disposition assess
	clean
}

# --------------------------------------------------------- required columns

@test "bproutine: each of phase pattern startback disability is required (run bpclassify first)" {
	local c

	for c in phase pattern startback disability; do
		route 2 -- "-$c"
		[ -z "$output" ]
		[ "$stderr" = "bproutine: in.tsv:1: no column $c: run bpclassify first" ]
		COLS='id phase pattern startback disability flag_level unscreened age osteoporosis'
	done
}

@test "bproutine: flag_level and unscreened are required (run bpflags first)" {
	local c

	for c in flag_level unscreened; do
		route 2 -- "-$c"
		[ -z "$output" ]
		[ "$stderr" = "bproutine: in.tsv:1: no column $c: run bpflags first" ]
		COLS='id phase pattern startback disability flag_level unscreened age osteoporosis'
	done
}

@test "bproutine: intake after bpflags only: run bpclassify first" {
	intake
	run -2 --separate-stderr bash -c 'bpflags in.tsv | bproutine'
	[ -z "$output" ]
	[ "$stderr" = "bproutine: -:1: no column phase: run bpclassify first" ]
}

@test "bproutine: intake after bpclassify only: run bpflags first" {
	intake
	run -2 --separate-stderr bash -c 'bpclassify in.tsv | bproutine'
	[ -z "$output" ]
	[ "$stderr" = "bproutine: -:1: no column flag_level: run bpflags first" ]
}

@test "bproutine: an intake file alone: run bpclassify first" {
	intake
	run -2 --separate-stderr bproutine in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bproutine: in.tsv:1: no column phase: run bpclassify first" ]
}

# ------------------------------------------------------ the real pipeline

@test "bproutine: pipeline: a clean subacute back record is self_care" {
	intake
	pipeline 0
	is phase subacute pattern nonspecific startback low disability minimal \
	    flag_level none unscreened none disposition self_care \
	    routine back_strength exercises "$BACK_STRENGTH" \
	    sessions 3-5/week advice "$ADV_BACK_STRENGTH,$SEEK_SELF_CARE"
	clean
}

@test "bproutine: pipeline: fever is urgent" {
	intake fever=yes
	pipeline 0
	is flag_level urgent disposition urgent advice "see_doctor_today,$NET"
	nothing
	clean
}

@test "bproutine: pipeline: trauma not asked gives assess" {
	intake trauma=
	pipeline 0
	is unscreened trauma flag_level unknown disposition assess \
	    advice "complete_intake,$NET"
	nothing
	clean
}

@test "bproutine: pipeline: age not recorded gives assess" {
	intake age=
	pipeline 0
	is unscreened age disposition assess
	nothing
	clean
}

@test "bproutine: pipeline: night_pain not asked does not give assess" {
	intake night_pain=
	pipeline 0
	is unscreened night_pain flag_level none disposition self_care \
	    routine back_strength
	clean
}

@test "bproutine: pipeline: night pain is a review" {
	intake night_pain=yes
	pipeline 0
	is flags night_pain disposition review routine back_strength \
	    advice "$ADV_BACK_STRENGTH,$SEEK_REVIEW"
	clean
}

@test "bproutine: pipeline: pain below the knee is physio with the radicular routine" {
	intake radiation=below_knee duration=10
	pipeline 0
	is pattern radicular phase acute disposition physio routine radicular \
	    exercises "$RADICULAR_ACUTE" sessions daily \
	    advice "$ADV_RADICULAR,$SEEK_PHYSIO"
	clean
}

@test "bproutine: pipeline: STarT Back high with subacute hip pain is self_care" {
	intake site=hip sb5=yes sb6=yes sb7=yes sb8=yes
	pipeline 0
	is pattern hip startback high disposition self_care \
	    routine hip_strength exercises "$HIP_STRENGTH"
	clean
}

@test "bproutine: pipeline: STarT Back high with mechanical back pain is psych_physio" {
	intake mechanical=yes sb5=yes sb6=yes sb7=yes sb8=yes
	pipeline 0
	is pattern mechanical startback high disposition psych_physio \
	    routine back_strength
	clean
}

@test "bproutine: pipeline: age 70 with hip pain is a review without the age65 exercises" {
	intake site=groin age=70
	pipeline 0
	is flags age_over_50 disposition review routine hip_strength \
	    exercises "$HIP_STRENGTH_SAFE"
	clean
}

@test "bproutine: pipeline: osteoporosis is a review without the osteoporosis exercises" {
	intake site=hip osteoporosis=yes
	pipeline 0
	is flags fracture_risk disposition review routine hip_strength \
	    exercises "$HIP_STRENGTH_SAFE"
	clean
}

@test "bproutine: pipeline: an ODI of 70 (crippled) is a review" {
	local i a=()

	for i in 1 2 3 4 5 6 7; do
		a+=("odi$i=5")
	done
	intake "${a[@]}"
	pipeline 0
	is odi 70 disability crippled disposition review
	clean
}

@test "bproutine: pipeline: an invalid duration gives assess" {
	intake duration=2.5w
	pipeline 1
	is phase invalid disposition assess
	nothing
}

# ------------------------------------------------------------ determinism

@test "bproutine: the same record gives the same bytes alone and in a batch" {
	local r

	{ header
	  row id=a pattern=hip phase=acute
	  row id=b flag_level=emergency
	  row id=c pattern=radicular phase=chronic age=70 osteoporosis=
	  row id=d pattern=hip phase=chronic age=64
	  row id=e disability=crippled unscreened=night_pain
	  row id=f unscreened=trauma
	  row id=g pattern=mechanical phase=acute startback=high
	} >batch.tsv
	run -0 --separate-stderr bproutine batch.tsv
	clean
	printf '%s\n' "$output" >batch.out
	[ "$(wc -l <batch.out)" -eq 8 ]
	for r in 2 3 4 5 6 7 8; do
		{ header; sed -n "${r}p" batch.tsv; } >one.tsv
		run -0 --separate-stderr bproutine one.tsv
		[ "${lines[1]}" = "$(sed -n "${r}p" batch.out)" ] ||
		    { echo "record $((r - 1)) differs: ${lines[1]}"; return 1; }
	done
	run -0 --separate-stderr bproutine batch.tsv
	[ "$output" = "$(cat batch.out)" ]
}

@test "bproutine: a batch split in two and joined gives the same output" {
	{ header
	  row id=a pattern=hip phase=acute
	  row id=b flag_level=urgent
	  row id=c pattern=radicular
	  row id=d age=66
	} >batch.tsv
	{ sed -n 1,3p batch.tsv; } >part1.tsv
	{ header; sed -n '4,$p' batch.tsv; } >part2.tsv
	run -0 --separate-stderr bproutine batch.tsv
	printf '%s\n' "$output" >batch.out
	run -0 --separate-stderr bash -c \
	    '{ bproutine part1.tsv; bproutine part2.tsv | tail -n +2; }'
	[ "$output" = "$(cat batch.out)" ]
	clean
}

@test "bproutine: the sample intake gives one record per record, twice the same" {
	run -1 --separate-stderr bash -c \
	    "bpclassify -q '$DATA/sample.tsv' | bpflags -q | bproutine -q"
	printf '%s\n' "$output" >one.out
	[ "$(wc -l <one.out)" -eq "$(grep -c . "$DATA/sample.tsv")" ]
	run -1 --separate-stderr bash -c \
	    "bpclassify -q '$DATA/sample.tsv' | bpflags -q | bproutine -q"
	[ "$output" = "$(cat one.out)" ]
	clean
}

# ---------------------------------------------------------- options, files

@test "bproutine: -r sends a line with the wrong number of fields to the rejects file" {
	{ header; row id=a; printf 'b\tacute\n'; row id=c; } >in.tsv
	run -1 --separate-stderr bproutine -r rej.tsv in.tsv
	[ "$(printf '%s\n' "$output" | col id)" = "a
c" ]
	[ "$(cat rej.tsv)" = "$(printf 'b\tacute')" ]
	[ "$stderr" = "bproutine: in.tsv:3: 2 fields, the header has 10" ]
}

@test "bproutine: without -r a line with the wrong number of fields is fatal" {
	{ header; row id=a; printf 'b\tacute\n'; } >in.tsv
	run -2 --separate-stderr bproutine in.tsv
	[ "$stderr" = "bproutine: in.tsv:3: 2 fields, the header has 10" ]
}

@test "bproutine: --version and --help" {
	run -0 --separate-stderr bproutine --version
	[ "$output" = "bproutine (bp) 0.1" ]
	clean
	run -0 --separate-stderr bproutine --help
	[[ ${lines[0]} == usage:\ bproutine* ]]
	[[ $output == *--dump-catalog* ]]
	[[ $output == *--catalog* ]]
	clean
}

@test "bproutine: an unknown option is a usage error" {
	route 2 -x
	[ -z "$output" ]
	[[ $stderr == bproutine:* ]]
	[[ $stderr == *usage:* ]]
}

@test "bproutine: -c without a file is a usage error" {
	run -2 --separate-stderr bproutine -c
	[ -z "$output" ]
	[[ $stderr == *usage:* ]]
}
