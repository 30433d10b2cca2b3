#!/usr/bin/env bats
# The rules of SPEC version 2 (§3 spellings, §5 flags and worst_level,
# §6 dispositions, §8 plans), each through the whole pipeline on a full
# intake record, among them every case the clinical review of version 1
# found.

bats_require_minimum_version 1.5.0
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# The intake columns of SPEC §3, in order.
INTAKE='id age site duration onset seen severity radiation side mechanical
numbness episodes worsening trauma fever cancer_history weight_loss
saddle_numbness bladder_bowel leg_weakness osteoporosis steroid_use
iv_drug_use immunosuppressed night_pain morning_stiffness sb1 sb2 sb3 sb4
sb5 sb6 sb7 sb8 sb9 odi1 odi2 odi3 odi4 odi5 odi6 odi7 odi8 odi9 odi10'

# person NAME=VALUE...: write in.tsv holding one full intake record that
# is clean (age 40, low-back pain for 50 days that does not spread or
# change with movement, side left, every screening question answered no,
# STarT Back all no, Oswestry all 1), with each NAME set to VALUE; then
# run the pipeline on it into out.tsv (exit 0 or 1).
person() {
	local -A v=([id]=c1 [age]=40 [site]=low_back [duration]=50d [onset]=
	    [seen]= [severity]=4 [radiation]=none [side]=left [mechanical]=no
	    [episodes]=0 [sb9]=not_at_all)
	local -a f=()
	local a c

	for a; do
		v[${a%%=*}]=${a#*=}
	done
	for c in $INTAKE; do
		case $c in
		odi*) f+=("${v[$c]-1}") ;;
		*) f+=("${v[$c]-no}") ;;
		esac
	done
	# shellcheck disable=SC2086
	{ tsv $INTAKE; tsv "${f[@]}"; } >in.tsv
	run --separate-stderr bash -c \
	    'bpclassify in.tsv | bpflags | bproutine >out.tsv'
	[ "$status" -le 1 ] || { echo "pipeline: $status: $stderr"; return 1; }
	output=$(cat out.tsv)
}

# plans: the plans of out.tsv, in plans.txt.
plans() {
	bpreport --plans out.tsv >plans.txt
}

# ---- the cases of the clinical review of version 1 ----------------------

@test "bpflags: numbness in both legs without radiation is an emergency" {
	person numbness=yes side=both radiation=none
	is flags bilateral_sciatica flag_level emergency disposition emergency
}

@test "bpflags: thigh pain in both legs with numbness is an emergency, not physio" {
	person numbness=yes side=both radiation=thigh site=low_back,thigh
	is pattern radicular flags bilateral_sciatica flag_level emergency \
	    disposition emergency routine none
}

@test "bpflags: below-knee pain with side empty asks for side: assess, and ask today" {
	person radiation=below_knee side=
	is pattern radicular unscreened side flag_level unknown \
	    worst_level emergency disposition assess
	run -0 --separate-stderr bpreport -f tsv out.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv unscreened c1 side)"
}

@test "bpflags: cancer history with leg weakness is an emergency (cord compression)" {
	person cancer_history=yes leg_weakness=yes
	is flags cord_compression,cancer_history,leg_weakness \
	    flag_level emergency disposition emergency
}

@test "bpflags: cancer history with numbness is an emergency too" {
	person cancer_history=yes numbness=yes
	is flags cord_compression,cancer_history flag_level emergency
}

@test "bpflags: IV drug use without fever is urgent, not review" {
	person iv_drug_use=yes
	is flags infection_risk flag_level urgent disposition urgent
}

@test "bpflags: immunosuppression without fever is urgent, not review" {
	person immunosuppressed=yes
	is flags infection_risk flag_level urgent disposition urgent
}

@test "bpflags: IV drug use with fever unanswered is urgent and on the ask-today list" {
	person iv_drug_use=yes fever=
	is flags infection_risk flag_level urgent unscreened fever \
	    worst_level emergency disposition urgent
	run -0 --separate-stderr bpreport -f tsv out.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv urgent c1 infection_risk)"
	printf '%s\n' "$output" | grep -qxF "$(tsv unscreened c1 fever)"
}

@test "bpflags: a fall onto the hip at 64 with osteoporosis is an emergency" {
	person trauma=yes site=hip age=64 osteoporosis=yes
	is flags hip_fracture,trauma,age_over_50,fracture_risk \
	    flag_level emergency disposition emergency
}

@test "bpflags: a fall onto the hip at 64 without osteoporosis stays urgent" {
	person trauma=yes site=hip age=64
	is flags trauma,age_over_50 flag_level urgent
}

@test "bproutine: a steroid user with groin pain gets no frog pose, lunges or step-ups" {
	person steroid_use=yes site=groin duration=4m
	is pattern hip disposition review routine hip_strength
	local ex
	ex=$(field exercises)
	for e in frog_pose lateral_lunge rotational_step_up wall_backbend \
	    dynamic_warmup; do
		[[ ,$ex, != *,$e:* ]] || { echo "$e in $ex"; return 1; }
	done
	[[ ,$ex, == *,four_way_band:* ]]
}

@test "bproutine: a 9-year-old is reviewed by a clinician, with no routine" {
	person age=9
	is flag_level review disposition review routine none exercises none \
	    sessions none
}

@test "bproutine: 15 is a child's review, with no routine; at 16 the review keeps its routine" {
	person age=15
	is flags age_under_20 disposition review routine none
	person age=16
	is flags age_under_20 disposition review routine back_strength
}

@test "bproutine: a screening answer that cannot be read sends the record to assess, core or not" {
	local c

	for c in osteoporosis steroid_use night_pain morning_stiffness worsening; do
		person "$c=perhaps"
		is unscreened "$c" flag_level none disposition assess routine none
		person "$c="
		is unscreened "$c" flag_level none disposition self_care
		person "$c=  "
		is unscreened "$c" disposition self_care
	done
	person fever=perhaps
	is unscreened fever flag_level unknown disposition assess
}

@test "bproutine: high STarT Back risk gets psychologically informed physiotherapy" {
	person sb5=yes sb6=yes sb7=yes sb8=yes sb9=very
	is startback high disposition psych_physio routine back_strength
	[[ ,$(field advice), == *,see_physio,coping_support,cauda_equina_warning, ]]
	person sb2=yes sb3=yes sb4=yes sb5=yes
	is startback medium disposition physio
}

@test "bpreport: self-care, physio and review plans say when to go to an emergency department" {
	local d
	for d in "sb1=no" "radiation=below_knee side=right" "night_pain=yes"; do
		# shellcheck disable=SC2086
		person $d
		plans
		grep -qx 'When to get help at once' plans.txt ||
		    { echo "$d: no safety net"; cat plans.txt; return 1; }
		grep -q 'Go to an emergency department straight away' plans.txt
	done
}

@test "bpreport: the urgent plan names every sign of the safety-net card" {
	person fever=yes
	plans
	tr '\n' ' ' <plans.txt | tr -s ' ' >p
	for s in 'between your legs' 'pass urine' 'hold in urine or stool' \
	    'sexual feeling or function' 'weakness in both legs' \
	    'legs is getting weaker'; do
		grep -qF "$s" p || { echo "no: $s"; return 1; }
	done
}

@test "bpreport: an emergency plan says one thing, go now, and nothing slower for its lower flags" {
	person fever=yes iv_drug_use=yes age=70
	is flags spinal_infection,fever,infection_risk,age_over_50 \
	    disposition emergency
	plans
	grep -c 'emergency department' plans.txt
	! grep -q '24 hours' plans.txt || { cat plans.txt; return 1; }
	! grep -qi 'book a visit' plans.txt || return 1
	! grep -q 'When to get help at once' plans.txt || return 1
	grep -qx '  Go to an emergency department now.' plans.txt
	# every review flag besides: its words describe, they do not instruct
	person saddle_numbness=yes night_pain=yes worsening=yes \
	    site=upper_back,low_back,hip steroid_use=yes age=70
	is flags cauda_equina,age_over_50,avascular_necrosis,fracture_risk,night_pain,not_improving,thoracic_pain \
	    disposition emergency
	plans
	sed -n '/^Warning signs/,/^What happens next/p' plans.txt >signs.txt
	[ "$(grep -c '^  - ' signs.txt)" -eq 7 ] || { cat plans.txt; return 1; }
	! grep -iE 'clinician|doctor|book|should|see a' signs.txt ||
	    return 1
	! grep -q 'exercises for a clinician' plans.txt || return 1
}

@test "bpreport: plans print no code or column name to the person" {
	bpclassify -q "$DATA/sample.tsv" | bpflags -q | bproutine -q >out.tsv || true
	bpreport -q --plans out.tsv >plans.txt || true
	# no word joined by an underscore outside the heading's id
	grep -v 'Plan for' plans.txt | grep -oE '[a-z0-9]+_[a-z0-9_]+' | sort -u >codes
	[ ! -s codes ] || { cat codes; return 1; }
	! grep -q 'it can point to' plans.txt || return 1
}

# ---- SPEC §3: spellings -------------------------------------------------

@test "bpclassify: inside a word a space or hyphen is an underscore: Below knee, low-back, not at all" {
	person 'radiation=Below knee' site=low-back 'sb9=Not at all' side=right
	is pattern radicular startback low
	[ -z "$stderr" ] || { echo "stderr: $stderr"; return 1; }
}

@test "bpclassify: agree and disagree answer STarT Back items 1 to 8; Very much is very" {
	person sb1=agree sb2=Agree sb3=disagree sb4=DISAGREE sb5=agree \
	    sb6=agree sb7=agree sb8=disagree 'sb9=Very much'
	# psychosocial: sb5, sb6, sb7 and sb9 = 4
	is startback high
	[ -z "$stderr" ]
}

@test "bpflags: agree is no answer to a screening question" {
	person fever=agree
	is unscreened fever flag_level unknown
	[[ $stderr == *"id c1: fever: not yes or no"* ]]
}

@test "bpclassify: two spaces inside a word are not one underscore" {
	person 'radiation=below  knee'
	is pattern invalid
}

# ---- SPEC §5: leg symptoms, side, worst_level ---------------------------

@test "bpflags: side is not asked for without leg symptoms" {
	person side=
	is unscreened none flag_level none worst_level none
}

@test "bpflags: side is a core input with each leg symptom: thigh or below-knee pain, numbness, weakness" {
	local s
	for s in radiation=thigh radiation=below_knee numbness=yes; do
		person side= "$s"
		is unscreened side flag_level unknown worst_level emergency \
		    disposition assess || { echo "$s"; return 1; }
	done
	person side= leg_weakness=yes
	is flags leg_weakness unscreened side flag_level urgent \
	    worst_level emergency
}

@test "bpflags: an invalid side with leg symptoms is unscreened and warned about" {
	person side=both_legs radiation=thigh
	is unscreened side flag_level unknown
	[[ $stderr == *"side: not a known value"* ]]
}

@test "bpflags: worst_level equals flag_level when nothing is unscreened" {
	person fever=yes
	is flag_level urgent worst_level urgent
	person
	is flag_level none worst_level none
}

@test "bpflags: worst_level takes yes for every open question, never unknown" {
	person night_pain=
	is flag_level none unscreened night_pain worst_level review
	person worsening= night_pain=
	is worst_level review
	person saddle_numbness=
	is flag_level unknown worst_level emergency
	person trauma=
	is flag_level unknown worst_level urgent
}

@test "bpflags: worst_level takes 120 for an open age: over 50, and a fall onto the hip is a fracture" {
	person age=
	is flag_level unknown worst_level review unscreened age
	person age= trauma=yes site=hip
	is flag_level urgent worst_level emergency
}

@test "bpflags: worst_level keeps recorded answers as they are" {
	person fever=no iv_drug_use=
	is unscreened iv_drug_use worst_level urgent
	person fever=yes iv_drug_use=
	is flag_level urgent worst_level emergency
}

@test "bpflags: worst_level asks side too once an open leg weakness is yes" {
	person leg_weakness= side=
	is unscreened leg_weakness flag_level unknown worst_level emergency
	person leg_weakness= side=left
	is unscreened leg_weakness worst_level urgent
	person side=
	is unscreened none flag_level none worst_level none
}

@test "bpflags: inflammatory reads the age at onset, not the age now" {
	person morning_stiffness=yes age=46 duration=2y
	is flags inflammatory flag_level review
	person morning_stiffness=yes age=46 duration=100d
	is flags none
	person morning_stiffness=yes age=44 duration=85d
	is flags inflammatory
	person morning_stiffness=yes age=44 duration=84d
	is flags none
}

# ---- SPEC §6: progress ---------------------------------------------------

# routed PROGRESS: a clean self-care record with the column progress
# holding PROGRESS (as bptrack writes it), through bproutine.
routed() {
	person
	bpclassify in.tsv | bpflags | awk -F'\t' -v OFS='\t' -v p="$1" '
	    NR == 1 { print $0, "progress"; next } { print $0, p }' >p.tsv
	run --separate-stderr bproutine p.tsv
}

@test "bproutine: progress worse or not_improving goes to review" {
	local p
	for p in worse not_improving; do
		routed "$p"
		[ "$status" -eq 0 ]
		is disposition review routine back_strength ||
		    { echo "$p"; return 1; }
	done
}

@test "bproutine: progress improved, same, baseline or unknown changes nothing" {
	local p
	for p in improved same baseline unknown; do
		routed "$p"
		[ "$status" -eq 0 ]
		is disposition self_care || { echo "$p"; return 1; }
	done
}

@test "bproutine: progress invalid, or a word it does not know, goes to review" {
	routed invalid
	[ "$status" -eq 0 ]
	is disposition review
	routed wrose
	[ "$status" -eq 1 ]
	is disposition review
	[[ $stderr == *"id c1: progress: not a known value: \"wrose\""* ]]
	# an empty progress is said to be empty, and is no better
	routed ' '
	[ "$status" -eq 1 ]
	is disposition review
	[[ $stderr == *"id c1: progress: empty" ]]
}

@test "bpreport: progress is counted when the input has it, in text, TSV and merge" {
	routed worse
	printf '%s\n' "$output" >r.tsv
	run -0 --separate-stderr bpreport -f tsv r.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv progress worse 1)"
	printf '%s\n' "$output" | grep -qxF "$(tsv progress improved 0)"
	printf '%s\n' "$output" >s.tsv
	run -0 --separate-stderr bpreport --merge s.tsv
	printf '%s\n' "$output" | grep -qx 'progress'
	run -0 --separate-stderr bpreport r.tsv
	printf '%s\n' "$output" | grep -q '^  worse  *1 100.0%'
	# and not without it
	run -0 --separate-stderr bpreport -f tsv out.tsv
	! printf '%s\n' "$output" | grep -q '^progress' || return 1
}
