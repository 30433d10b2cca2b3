#!/usr/bin/env bats
# bpflags: every flag of SPEC §5 alone and at its edges, the order of
# flags and unscreened, flag_level none versus unknown, bad values (§7),
# and the flag table of man/bpflags.1 against lib/flags.c.

bats_require_minimum_version 1.5.0

load test_helper

PROG=bpflags

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# The columns of the records that rec writes, in header order.
COLS='id age site duration onset seen radiation side numbness saddle_numbness
bladder_bowel leg_weakness fever cancer_history weight_loss trauma
iv_drug_use immunosuppressed osteoporosis steroid_use night_pain
morning_stiffness worsening'

# The screening inputs in the order of unscreened (side only with leg
# symptoms, which rec's records have not), and the core ones.
SCREEN='saddle_numbness bladder_bowel leg_weakness fever cancer_history
weight_loss trauma iv_drug_use immunosuppressed osteoporosis steroid_use
night_pain morning_stiffness worsening age'
CORE='saddle_numbness bladder_bowel leg_weakness fever cancer_history
weight_loss trauma iv_drug_use immunosuppressed age'

# header: the header line of COLS.

# rec [NAME=VALUE...]: a record of COLS that raises nothing and leaves
# nothing unscreened (every screening boolean n, age 40, low back pain
# for 10 days that does not radiate), with each NAME set to VALUE instead.
rec() {
	local -A v=([id]=r1 [age]=40 [site]=low_back [duration]=10 [onset]=
	    [seen]= [radiation]=none [side]=)
	local -a out=()
	local a c

	for a; do
		case " ${COLS//$'\n'/ } " in
		*" ${a%%=*} "*) v[${a%%=*}]=${a#*=} ;;
		*) echo "rec: no column ${a%%=*}" >&2; return 1 ;;
		esac
	done
	for c in $COLS; do
		out+=("${v[$c]-n}")
	done
	tsv "${out[@]}"
}

# outs [N]: flags, flag_level and unscreened of record N of $output,
# separated by spaces (one awk instead of three calls of field).
outs() {
	printf '%s\n' "$output" | awk -F '\t' -v n="${1:-1}" '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    NR == n + 1 { print $c["flags"], $c["flag_level"], $c["unscreened"] }'
}

# expect 'FLAGS LEVEL UNSCREENED' [N]: record N (default 1) of $output
# has these three outputs.
expect() {
	local got

	got=$(outs "${2:-1}")
	[ "$got" = "$1" ] && return 0
	printf 'record %s\nexpected: %s\ngot:      %s\n' "${2:-1}" "$1" "$got"
	return 1
}

# nrecords N: $output holds a header and N records.
nrecords() {
	[ "${#lines[@]}" -eq $(($1 + 1)) ] && return 0
	echo "expected $1 records, got: $output"
	return 1
}



# raises 'FLAGS LEVEL UNSCREENED' [NAME=VALUE...]: bpflags on one rec with
# these values exits 0, warns of nothing and gives these outputs.
raises() {
	local want=$1

	shift
	{ header; rec "$@"; } >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 1
	expect "$want"
}

# bad COLUMN VALUE 'FLAGS LEVEL UNSCREENED' [NAME=VALUE...]: bpflags on one
# rec with these values (COLUMN=VALUE among them) exits 1, warns once
# about COLUMN, still writes the record and gives these outputs.
bad() {
	local c=$1 v=$2 want=$3

	shift 3
	{ header; rec "$@" "$c=$v"; } >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	warned "$c" "$v"
	nrecords 1
	expect "$want"
}

# alone COLUMN 'FLAGS LEVEL' EMPTY [NAME=VALUE...]: COLUMN=y raises FLAGS at
# LEVEL and nothing else; n raises nothing; empty or invalid raise nothing,
# list COLUMN in unscreened and give flag_level EMPTY; the invalid value is
# warned about (exit 1) and its record still written.
alone() {
	local c=$1 yes=$2 empty=$3

	shift 3
	{
		header
		rec id=yes "$@" "$c=y"
		rec id=no "$@" "$c=n"
		rec id=empty "$@" "$c="
		rec id=bad "$@" "$c=maybe"
	} >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	warned -l 5 "$c" maybe
	nrecords 4
	expect "$yes none" 1
	expect "none none none" 2
	expect "none $empty $c" 3
	expect "none $empty $c" 4
}

# ------------------------------------------------------------ the columns

@test "bpflags: CRLF input is read right, the CR not kept (worsening last)" {
	{ header; rec worsening=y; } | sed 's/$/\r/' >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 1
	expect 'not_improving review none'
	[[ $output != *$'\r'* ]]
}

@test "bpflags: appends flags flag_level unscreened worst_level after the input columns" {
	printf 'id\tnote\tfever\tage\nr1\ta b\tno\t40\n' >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	[ "$output" = "$(tsv id note fever age flags flag_level unscreened \
	    worst_level)
$(tsv r1 'a b' no 40 none unknown \
	    saddle_numbness,bladder_bowel,leg_weakness,cancer_history,weight_loss,trauma,iv_drug_use,immunosuppressed,osteoporosis,steroid_use,night_pain,morning_stiffness,worsening \
	    emergency)" ]
}

@test "bpflags: a record with every screening input n raises nothing (none none none)" {
	raises 'none none none'
}

@test "bpflags: existing flags, flag_level, unscreened columns are overwritten in place" {
	printf '%s\n' "$(tsv id flag_level fever unscreened flags age)" \
	    "$(tsv r1 junk y junk junk 40)" >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	[ "${lines[0]}" = "$(tsv id flag_level fever unscreened flags age \
	    worst_level)" ]
	[ "${lines[1]}" = "$(tsv r1 urgent y \
	    saddle_numbness,bladder_bowel,leg_weakness,cancer_history,weight_loss,trauma,iv_drug_use,immunosuppressed,osteoporosis,steroid_use,night_pain,morning_stiffness,worsening \
	    fever 40 emergency)" ]
	nrecords 1
}

# ------------------------------------------------------ each flag alone

@test "bpflags: saddle_numbness alone raises cauda_equina, an emergency" {
	alone saddle_numbness 'cauda_equina emergency' unknown
}

@test "bpflags: bladder_bowel alone raises cauda_equina, an emergency" {
	alone bladder_bowel 'cauda_equina emergency' unknown
}

@test "bpflags: leg_weakness alone raises leg_weakness, urgent" {
	alone leg_weakness 'leg_weakness urgent' unknown side=left
}

@test "bpflags: fever alone raises fever, urgent" {
	alone fever 'fever urgent' unknown
}

@test "bpflags: cancer_history alone raises cancer_history, urgent" {
	alone cancer_history 'cancer_history urgent' unknown
}

@test "bpflags: weight_loss alone raises weight_loss, urgent" {
	alone weight_loss 'weight_loss urgent' unknown
}

@test "bpflags: trauma alone raises trauma, urgent" {
	alone trauma 'trauma urgent' unknown
}

@test "bpflags: iv_drug_use alone raises infection_risk, urgent, even without fever" {
	alone iv_drug_use 'infection_risk urgent' unknown
}

@test "bpflags: immunosuppressed alone raises infection_risk, urgent, even without fever" {
	alone immunosuppressed 'infection_risk urgent' unknown
}

@test "bpflags: osteoporosis alone raises fracture_risk, review" {
	alone osteoporosis 'fracture_risk review' none
}

@test "bpflags: steroid_use alone (low back) raises fracture_risk, review" {
	alone steroid_use 'fracture_risk review' none
}

@test "bpflags: night_pain alone raises night_pain, review" {
	alone night_pain 'night_pain review' none
}

@test "bpflags: worsening alone raises not_improving, review" {
	alone worsening 'not_improving review' none
}

@test "bpflags: morning_stiffness at 40 for 85 days raises inflammatory, review" {
	alone morning_stiffness 'inflammatory review' none duration=85
}

@test "bpflags: morning_stiffness alone for 10 days raises nothing" {
	raises 'none none none' morning_stiffness=y
}

@test "bpflags: every spelling of yes raises a flag, every spelling of no does not" {
	{
		header
		for v in y Y yes YES Yes true TRUE 1 ' yes ' '  Y'; do
			rec "id=$v" "fever=$v"
		done
		for v in n N no NO false False 0 ' no '; do
			rec "id=$v" "fever=$v"
		done
	} >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 18
	for i in $(seq 1 10); do
		expect 'fever urgent none' "$i"
	done
	for i in $(seq 11 18); do
		expect 'none none none' "$i"
	done
}

@test "bpflags: a bool that is not yes or no (yess, 2, -) is warned about and unscreened" {
	{
		header
		rec id=a fever=yess
		rec id=b fever=2
		rec id=c fever=-
	} >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	warned fever yess -l 3 fever 2 -l 4 fever -
	nrecords 3
	for i in 1 2 3; do
		expect 'none unknown fever' "$i"
	done
}

# ------------------------------------------------------- bilateral flags

@test "bpflags: leg_weakness, below_knee and both raise bilateral_deficit, an emergency" {
	raises 'bilateral_deficit,bilateral_sciatica,leg_weakness emergency none' \
	    leg_weakness=y radiation=below_knee side=both
}

@test "bpflags: leg_weakness, below_knee and left is no bilateral_deficit" {
	raises 'leg_weakness urgent none' \
	    leg_weakness=y radiation=below_knee side=left
}

@test "bpflags: leg_weakness and both raise bilateral_deficit whatever the radiation" {
	raises 'bilateral_deficit,bilateral_sciatica,leg_weakness emergency none' \
	    leg_weakness=y radiation=thigh side=both
	raises 'bilateral_deficit,leg_weakness emergency none' \
	    leg_weakness=y radiation=none side=both
}

@test "bpflags: below_knee and both without leg_weakness raise bilateral_sciatica, an emergency" {
	raises 'bilateral_sciatica emergency none' radiation=below_knee side=both
}

@test "bpflags: below_knee and right or central side is no bilateral_sciatica" {
	raises 'none none none' radiation=below_knee side=right
	raises 'none none none' radiation=below_knee side=central
}

@test "bpflags: both with buttock, none or empty radiation is no bilateral_sciatica" {
	raises 'none none none' radiation=buttock side=both
	raises 'none none none' radiation=none side=both
	raises 'none none none' radiation= side=both
}

@test "bpflags: radiation and side are read in any case with spaces around" {
	raises 'bilateral_deficit,bilateral_sciatica,leg_weakness emergency none' \
	    leg_weakness=y 'radiation= Below_Knee ' 'side=BOTH '
}

@test "bpflags: an invalid side is warned about, raises no bilateral flag, and is unscreened" {
	bad side both_legs 'leg_weakness urgent side' \
	    leg_weakness=y radiation=below_knee
}

@test "bpflags: an invalid radiation is warned about and raises no bilateral_sciatica" {
	bad radiation 'below the knee' 'none none none' side=both
}

@test "bpflags: leg_weakness empty with below_knee and both is bilateral_sciatica only" {
	raises 'bilateral_sciatica emergency leg_weakness' \
	    leg_weakness= radiation=below_knee side=both
}

# ------------------------------------------------------- spinal infection

@test "bpflags: fever with iv_drug_use raises spinal_infection, an emergency" {
	raises 'spinal_infection,fever,infection_risk emergency none' \
	    fever=y iv_drug_use=y
}

@test "bpflags: fever with immunosuppressed raises spinal_infection, an emergency" {
	raises 'spinal_infection,fever,infection_risk emergency none' \
	    fever=y immunosuppressed=yes
}

@test "bpflags: fever alone is fever, not spinal_infection" {
	raises 'fever urgent none' fever=y
}

@test "bpflags: fever with iv_drug_use empty or invalid is no spinal_infection" {
	raises 'fever urgent iv_drug_use' fever=y iv_drug_use=
	bad iv_drug_use sometimes 'fever urgent iv_drug_use' fever=y
}

@test "bpflags: iv_drug_use and immunosuppressed with fever n is infection_risk only" {
	raises 'infection_risk urgent none' iv_drug_use=y immunosuppressed=y
}

# ------------------------------------------------------------ hip fracture

@test "bpflags: trauma to the hip at 65 raises hip_fracture, an emergency" {
	raises 'hip_fracture,trauma,age_over_50 emergency none' \
	    trauma=y site=hip age=65
}

@test "bpflags: trauma to the hip at 64 is no hip_fracture" {
	raises 'trauma,age_over_50 urgent none' trauma=y site=hip age=64
}

@test "bpflags: trauma to the groin at 65 raises hip_fracture" {
	raises 'hip_fracture,trauma,age_over_50 emergency none' \
	    trauma=y site=groin age=65
}

@test "bpflags: trauma to the groin at 64 is no hip_fracture" {
	raises 'trauma,age_over_50 urgent none' trauma=y site=groin age=64
}

@test "bpflags: trauma to the low back only at 65 is no hip_fracture" {
	raises 'trauma,age_over_50 urgent none' trauma=y site=low_back age=65
}

@test "bpflags: trauma with a site list holding hip at 90 raises hip_fracture" {
	raises 'hip_fracture,trauma,age_over_50 emergency none' \
	    trauma=y 'site=low_back, HIP ,thigh' age=90
}

@test "bpflags: a hip at 65 without trauma is no hip_fracture" {
	raises 'age_over_50 review none' trauma=n site=hip age=65
}

@test "bpflags: trauma to the hip with age empty is no hip_fracture (age unscreened)" {
	raises 'trauma urgent age' trauma=y site=hip age=
}

@test "bpflags: trauma to the hip with age invalid is no hip_fracture (age unscreened)" {
	bad age 121 'trauma urgent age' trauma=y site=hip
}

@test "bpflags: trauma with an invalid site is warned about and is no hip_fracture" {
	bad site hip,knee 'trauma,age_over_50 urgent none' trauma=y age=70
}

# -------------------------------------------------------- inflammatory

@test "bpflags: morning_stiffness at 44 for 85 days raises inflammatory" {
	raises 'inflammatory review none' morning_stiffness=y age=44 duration=85
}

@test "bpflags: morning_stiffness at 45 for 85 days is not inflammatory" {
	raises 'none none none' morning_stiffness=y age=45 duration=85
}

@test "bpflags: morning_stiffness at 44 for 84 days is not inflammatory" {
	raises 'none none none' morning_stiffness=y age=44 duration=84
}

@test "bpflags: inflammatory reads duration units (13w 3m 1y yes, 12w no)" {
	raises 'inflammatory review none' morning_stiffness=y age=30 duration=13w
	raises 'inflammatory review none' morning_stiffness=y age=30 duration=3M
	raises 'inflammatory review none' morning_stiffness=y age=30 duration=1y
	raises 'inflammatory review none' morning_stiffness=y age=30 duration=85d
	raises 'none none none' morning_stiffness=y age=30 duration=12w
	raises 'none none none' morning_stiffness=y age=30 duration=84d
}

@test "bpflags: a duration of 100y is inflammatory, 36501 days is invalid" {
	raises 'inflammatory review none' morning_stiffness=y age=30 duration=100y
	bad duration 36501 'none none none' morning_stiffness=y age=30
}

@test "bpflags: inflammatory from onset and seen 85 days apart, not 84" {
	raises 'inflammatory review none' morning_stiffness=y age=44 duration= \
	    onset=2024-01-01 seen=2024-03-26
	raises 'none none none' morning_stiffness=y age=44 duration= \
	    onset=2024-01-01 seen=2024-03-25
}

@test "bpflags: a recorded duration wins over onset and seen for inflammatory" {
	raises 'none none none' morning_stiffness=y age=44 duration=10 \
	    onset=2024-01-01 seen=2024-12-31
	raises 'inflammatory review none' morning_stiffness=y age=44 \
	    duration=100 onset=2024-01-01 seen=2024-01-02
}

@test "bpflags: inflammatory with no duration and one date empty is not raised" {
	raises 'none none none' morning_stiffness=y age=20 duration= \
	    onset=2020-01-01 seen=
}

@test "bpflags: an invalid duration is warned about and raises no inflammatory" {
	bad duration 2.5w 'none none none' morning_stiffness=y age=30 \
	    onset=2020-01-01 seen=2021-01-01
}

@test "bpflags: seen before onset is warned about on seen and raises no inflammatory" {
	bad seen 2019-01-01 'none none none' morning_stiffness=y age=30 \
	    duration= onset=2020-01-01
}

@test "bpflags: an invalid onset is warned about even when duration gives inflammatory" {
	bad onset 2021-02-30 'inflammatory review none' morning_stiffness=y \
	    age=30 duration=100
}

@test "bpflags: inflammatory with age empty is not raised (age unscreened)" {
	raises 'none unknown age' morning_stiffness=y age= duration=100
}

@test "bpflags: has no --acute-weeks option (usage error, exit 2)" {
	{ header; rec morning_stiffness=y duration=50; } >in.tsv
	run -2 --separate-stderr bpflags --acute-weeks 4 in.tsv
	[ -z "$output" ]
	[[ $stderr == bpflags:* ]]
	[[ $stderr == *usage:* ]]
}

@test "bpflags: inflammatory ignores bpclassify's --acute-weeks (85 days still, 84 not)" {
	{
		header
		rec id=a morning_stiffness=y age=44 duration=85
		rec id=b morning_stiffness=y age=44 duration=84
	} >in.tsv
	run -0 --separate-stderr bash -c \
	    'bpclassify --acute-weeks 12 in.tsv | bpflags'
	clean
	nrecords 2
	expect 'inflammatory review none' 1
	expect 'none none none' 2
	[ "$(field phase 1)" = chronic ]
	[ "$(field phase 2)" = subacute ]
}

# ---------------------------------------------------- avascular necrosis

@test "bpflags: steroid_use with hip raises avascular_necrosis and fracture_risk" {
	raises 'avascular_necrosis,fracture_risk review none' \
	    steroid_use=y site=hip
}

@test "bpflags: steroid_use with groin raises avascular_necrosis" {
	raises 'avascular_necrosis,fracture_risk review none' \
	    steroid_use=y site=groin
}

@test "bpflags: steroid_use with buttock and thigh is no avascular_necrosis" {
	raises 'fracture_risk review none' steroid_use=y site=buttock,thigh
}

@test "bpflags: a hip without steroid_use (osteoporosis only) is no avascular_necrosis" {
	raises 'fracture_risk review none' osteoporosis=y site=hip
}

@test "bpflags: steroid_use with an empty site is no avascular_necrosis" {
	raises 'fracture_risk review none' steroid_use=y site=
}

# ------------------------------------------------------------------ ages

@test "bpflags: age 50 is not age_over_50" {
	raises 'none none none' age=50
}

@test "bpflags: age 51 raises age_over_50, review" {
	raises 'age_over_50 review none' age=51
}

@test "bpflags: age 19 raises age_under_20, review" {
	raises 'age_under_20 review none' age=19
}

@test "bpflags: age 20 is not age_under_20" {
	raises 'none none none' age=20
}

@test "bpflags: ages 0 and 120 are valid, 020 is 20" {
	raises 'age_under_20 review none' age=0
	raises 'age_over_50 review none' age=120
	raises 'none none none' 'age= 020 '
}

@test "bpflags: an age of 9 digits is valid, of 10 digits invalid" {
	raises 'none none none' age=000000040
	bad age 0000000040 'none unknown age'
}

@test "bpflags: an age over 120 is warned about, unscreened and unknown" {
	bad age 121 'none unknown age'
}

@test "bpflags: an age that is not a whole number is warned about and unscreened" {
	bad age 4O 'none unknown age'
}

@test "bpflags: a signed or decimal age is invalid" {
	bad age -1 'none unknown age'
	bad age 40.5 'none unknown age'
}

# --------------------------------------------------------- thoracic pain

@test "bpflags: upper_back in a site list raises thoracic_pain, review" {
	raises 'thoracic_pain review none' site=low_back,upper_back,buttock
}

@test "bpflags: upper_back alone, any case, raises thoracic_pain" {
	raises 'thoracic_pain review none' 'site= Upper_Back '
}

@test "bpflags: a site list without upper_back is no thoracic_pain" {
	raises 'none none none' site=low_back,buttock,hip,groin,thigh
}

@test "bpflags: an invalid item in a site list raises no thoracic_pain" {
	bad site upper_back,neck 'none none none'
}

# ---------------------------------------------------------------- order

@test "bpflags: flags are ordered by level, then by name (cauda_equina,fever,trauma,night_pain)" {
	raises 'cauda_equina,fever,trauma,night_pain emergency none' \
	    fever=y trauma=y saddle_numbness=y night_pain=y
}

@test "bpflags: every flag at once comes out in level then byte order" {
	local all=(saddle_numbness=y bladder_bowel=y leg_weakness=y fever=y
	    cancer_history=y weight_loss=y trauma=y iv_drug_use=y
	    immunosuppressed=y osteoporosis=y steroid_use=y night_pain=y
	    morning_stiffness=y worsening=y radiation=below_knee side=both
	    site=upper_back,hip duration=100)
	{
		header
		rec id=old "${all[@]}" age=70
		rec id=young "${all[@]}" age=19
	} >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 2
	expect "$(printf '%s,' bilateral_deficit bilateral_sciatica \
	    cauda_equina cord_compression hip_fracture spinal_infection \
	    cancer_history fever infection_risk leg_weakness trauma \
	    weight_loss age_over_50 avascular_necrosis fracture_risk \
	    night_pain not_improving thoracic_pain | sed 's/,$//') emergency none" 1
	expect "$(printf '%s,' bilateral_deficit bilateral_sciatica \
	    cauda_equina cord_compression hip_fracture spinal_infection \
	    cancer_history fever infection_risk leg_weakness trauma \
	    weight_loss age_under_20 avascular_necrosis fracture_risk \
	    inflammatory night_pain not_improving thoracic_pain |
	    sed 's/,$//') emergency none" 2
}

@test "bpflags: unscreened lists every screening input in the fixed order" {
	local a=() c

	for c in $SCREEN; do
		a+=("$c=")
	done
	raises "none unknown $(echo $SCREEN | tr ' ' ,)" "${a[@]}"
}

@test "bpflags: unscreened keeps its order whatever the header order" {
	printf '%s\n' "$(tsv worsening age night_pain fever id saddle_numbness)" \
	    "$(tsv '' '' '' '' r1 '')" >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 1
	expect "none unknown $(echo $SCREEN | tr ' ' ,)"
}

@test "bpflags: a header with only id leaves every input unscreened, with a warning" {
	printf 'id\nr1\n' >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	[ "$stderr" = "bpflags: in.tsv:1: no intake columns found" ]
	[ "$output" = "$(tsv id flags flag_level unscreened worst_level)
$(tsv r1 none unknown "$(echo $SCREEN | tr ' ' ,)" emergency)" ]
}

# ------------------------------------------------------------ flag_level

@test "bpflags: each core input left empty alone gives unknown, each other one none" {
	local c want=()

	{
		header
		for c in $SCREEN; do
			rec "id=$c" "$c="
		done
	} >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 15
	local i=1
	for c in $SCREEN; do
		case " ${CORE//$'\n'/ } " in
		*" $c "*) expect "none unknown $c" "$i" ;;
		*) expect "none none $c" "$i" ;;
		esac
		i=$((i + 1))
	done
}

@test "bpflags: night_pain empty is still none, and listed in unscreened" {
	raises 'none none night_pain' night_pain=
}

@test "bpflags: a core column absent from the header counts as not screened" {
	local h=() c

	for c in $COLS; do
		[ "$c" = trauma ] && continue
		h+=("$c")
	done
	printf '%s\n' "$(tsv "${h[@]}")" > in.tsv
	rec | cut -f 1-14,16- >>in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 1
	expect 'none unknown trauma'
}

@test "bpflags: a non-core column absent from the header is unscreened, level none" {
	printf '%s\n' "$(header | cut -f 1-22)" "$(rec | cut -f 1-22)" >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 1
	expect 'none none worsening'
}

@test "bpflags: a raised flag sets flag_level even when core inputs are missing" {
	raises 'night_pain review saddle_numbness,bladder_bowel,age' \
	    night_pain=y saddle_numbness= bladder_bowel= age=
	raises 'fever urgent saddle_numbness' fever=y saddle_numbness=
	raises 'cauda_equina emergency fever,trauma' bladder_bowel=y fever= \
	    trauma=
}

@test "bpflags: a mix of levels gives the highest (review < urgent < emergency)" {
	raises 'age_over_50 review none' age=60
	raises 'weight_loss,age_over_50 urgent none' age=60 weight_loss=y
	raises 'cauda_equina,weight_loss,age_over_50 emergency none' age=60 \
	    weight_loss=y bladder_bowel=y
	raises 'cancer_history,fracture_risk,not_improving urgent none' \
	    cancer_history=y osteoporosis=y worsening=y
}

@test "bpflags: severity never raises a flag, and is not checked (nor episodes)" {
	{
		header | sed 's/$/\tseverity\tepisodes/'
		rec id=a | sed 's/$/\t10\t0/'
		rec id=b | sed 's/$/\t14\tmany/'
	} >in.tsv
	run -0 --separate-stderr bpflags in.tsv
	clean
	nrecords 2
	expect 'none none none' 1
	expect 'none none none' 2
}

# ----------------------------------------------------------- bad values

@test "bpflags: an empty id is warned about and the record still written" {
	{ header; rec id= fever=y; } >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	[ "$stderr" = 'bpflags: in.tsv:2: id: empty' ]
	nrecords 1
	expect 'fever urgent none'
}

@test "bpflags: warnings name each bad column, line by line; all records written" {
	{
		header
		rec id=a fever=maybe
		rec id=b
		rec id=c age=200 worsening=often fever=y
	} >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	[ "${#stderr_lines[@]}" -eq 3 ]
	[[ ${stderr_lines[0]} == 'bpflags: in.tsv:2: id a: fever: '*'"maybe"' ]]
	[[ ${stderr_lines[1]} == 'bpflags: in.tsv:4: id c: '*': "'* ]]
	[[ $stderr == *'bpflags: in.tsv:4: id c: age: '*'"200"'* ]]
	[[ $stderr == *'bpflags: in.tsv:4: id c: worsening: '*'"often"'* ]]
	nrecords 3
	expect 'none unknown fever' 1
	expect 'none none none' 2
	expect 'fever urgent worsening,age' 3
}

@test "bpflags: -q silences value warnings; output and exit 1 stay" {
	{ header; rec fever=maybe; rec id=r2 age=abc night_pain=y; } >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	local loud=$output
	[ "${#stderr_lines[@]}" -eq 2 ]
	run -1 --separate-stderr bpflags -q in.tsv
	clean
	[ "$output" = "$loud" ]
	run -1 --separate-stderr bpflags --quiet in.tsv
	clean
	[ "$output" = "$loud" ]
	expect 'none unknown fever' 1
	expect 'night_pain review age' 2
}

@test "bpflags: a warning shows at most 40 bytes of the value, then ..." {
	local v=yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
	{ header; rec "fever=$v"; } >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	[[ $stderr == "bpflags: in.tsv:2: id r1: fever: "*": \"${v:0:40}\"..." ]]
	nrecords 1
	expect 'none unknown fever'
}

@test "bpflags: after bpclassify a bad site is warned about by both tools" {
	{ header; rec site=knee; } >in.tsv
	run -1 --separate-stderr bash -c \
	    'bpclassify in.tsv | bpflags; exit $((PIPESTATUS[0] | PIPESTATUS[1]))'
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ $stderr == *'bpclassify: in.tsv:2: id r1: site: '*'"knee"'* ]]
	[[ $stderr == *'bpflags: -:2: id r1: site: '*'"knee"'* ]]
	nrecords 1
	expect 'none none none'
}

@test "bpflags: -r FILE sets aside an unreadable line and goes on (exit 1)" {
	{ header; rec id=a fever=y; printf 'short\tline\n'; rec id=c; } >in.tsv
	run -1 --separate-stderr bpflags -r rejects.tsv in.tsv
	[[ $stderr == 'bpflags: in.tsv:3: '* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
	nrecords 2
	expect 'fever urgent none' 1
	expect 'none none none' 2
	[ "$(cat rejects.tsv)" = "$(printf 'short\tline')" ]
}

@test "bpflags: without -r an unreadable line is fatal (exit 2)" {
	{ header; printf 'short\tline\n'; } >in.tsv
	run -2 --separate-stderr bpflags in.tsv
	[[ $stderr == 'bpflags: in.tsv:2: '* ]]
	run -2 --separate-stderr bpflags -q in.tsv
	[[ $stderr == 'bpflags: in.tsv:2: '* ]]
}

@test "bpflags: -h prints usage on stdout and exits 0; --version names bp" {
	run -0 --separate-stderr bpflags -h
	clean
	[[ ${lines[0]} == usage:*bpflags* ]]
	run -0 --separate-stderr bpflags --help
	clean
	[[ ${lines[0]} == usage:*bpflags* ]]
	run -0 --separate-stderr bpflags --version
	clean
	[ "$output" = 'bpflags (bp) 0.1' ]
}

# -------------------------------------------- pipeline and idempotence

# varied: a file of records with every kind of value, some bad.
varied() {
	header
	rec id=v1
	rec id=v2 fever=y iv_drug_use=y age=70 site=hip trauma=y
	rec id=v3 saddle_numbness= bladder_bowel=YES age=
	rec id=v4 leg_weakness=y radiation=below_knee side=both duration=3w
	rec id=v5 morning_stiffness=y age=30 duration= onset=2023-01-01 \
	    seen=2023-06-01
	rec id=v6 morning_stiffness=y age=30 duration=2.5w
	rec id=v7 steroid_use=true site=groin,upper_back age=15
	rec id=v8 fever=maybe age=abc site=knee radiation=far side=up
	rec id=v9 weight_loss=1 cancer_history=1 night_pain= worsening=y
	rec id=v10 osteoporosis=y age=51 onset=2024-02-30 seen=2024-03-01
	rec id= immunosuppressed=y
	rec id=v12 saddle_numbness= bladder_bowel= leg_weakness= fever= \
	    cancer_history= weight_loss= trauma= iv_drug_use= \
	    immunosuppressed= osteoporosis= steroid_use= night_pain= \
	    morning_stiffness= worsening= age= site= duration= radiation= side=
}

@test "bpflags: bpflags x and bpclassify x | bpflags give the same flags" {
	varied >in.tsv
	run -1 --separate-stderr bpflags -q in.tsv
	clean
	nrecords 12
	printf '%s\n' "$output" | col flags >alone.flags
	printf '%s\n' "$output" | col flag_level >alone.level
	printf '%s\n' "$output" | col unscreened >alone.unscreened
	run -1 --separate-stderr bash -c \
	    'bpclassify -q in.tsv | bpflags -q; exit $((PIPESTATUS[0] | PIPESTATUS[1]))'
	clean
	nrecords 12
	[ "$(field phase 4)" = acute ]
	printf '%s\n' "$output" | col flags | diff -u alone.flags -
	printf '%s\n' "$output" | col flag_level | diff -u alone.level -
	printf '%s\n' "$output" | col unscreened | diff -u alone.unscreened -
	# and the outputs are not all the same, so the comparison means something
	[ "$(sort -u alone.level | tr '\n' ' ')" = 'emergency none review unknown urgent ' ]
}

@test "bpflags: the varied records give the outputs of SPEC §5" {
	varied >in.tsv
	run -1 --separate-stderr bpflags -q in.tsv
	nrecords 12
	expect 'none none none' 1
	expect 'hip_fracture,spinal_infection,fever,infection_risk,trauma,age_over_50 emergency none' 2
	expect 'cauda_equina emergency saddle_numbness,age' 3
	expect 'bilateral_deficit,bilateral_sciatica,leg_weakness emergency none' 4
	expect 'inflammatory review none' 5
	expect 'none none none' 6
	expect 'age_under_20,avascular_necrosis,fracture_risk,thoracic_pain review none' 7
	expect 'none unknown fever,age' 8
	expect 'cancer_history,weight_loss,not_improving urgent night_pain' 9
	expect 'age_over_50,fracture_risk review none' 10
	expect 'infection_risk urgent none' 11
	expect "none unknown $(echo $SCREEN | tr ' ' ,)" 12
}

@test "bpflags: running bpflags twice gives the same output as once" {
	varied >in.tsv
	run -1 --separate-stderr bpflags -q in.tsv
	printf '%s\n' "$output" >once.tsv
	run -1 --separate-stderr bpflags -q once.tsv
	clean
	[ "$output" = "$(cat once.tsv)" ]
	[ "$(head -n 1 once.tsv)" = "$(header)$(printf '\tflags\tflag_level\tunscreened\tworst_level')" ]
}

@test "bpflags: split input processed in parts gives the same records as one run" {
	varied >in.tsv
	run -1 --separate-stderr bpflags -q in.tsv
	local whole=$output
	head -n 7 in.tsv >a.tsv
	{ head -n 1 in.tsv; tail -n +8 in.tsv; } >b.tsv
	run -1 --separate-stderr bash -c \
	    'bpflags -q a.tsv; s=$?; bpflags -q b.tsv | tail -n +2
	    exit $((s | PIPESTATUS[0]))'
	[ "$output" = "$whole" ]
}

# --------------------------------------------------- man page and code

# man_table: "name level" of each row of the flag table in man/bpflags.1.
man_table() {
	awk '$1 == ".It" && $2 == "Sy" && $4 == "Ta" { print $3, $5 }' \
	    "$TOP/man/bpflags.1"
}

# code_table: "name level" of each entry of flag_table in lib/flags.c.
code_table() {
	sed -n 's/^[[:space:]]*{ "\([a-z0-9_]*\)", LEVEL_\([A-Z]*\),.*/\1 \2/p' \
	    "$TOP/lib/flags.c" | tr 'A-Z' 'a-z'
}

@test "bpflags: the flag table of bpflags(1) matches lib/flags.c, row by row" {
	[ "$(code_table | wc -l)" -eq 20 ]
	diff -u <(code_table) <(man_table)
}

@test "bpflags: the flag table of bpflags(1) matches SPEC §5 (names, levels, order)" {
	man_table >man.txt
	printf '%s\n' 'cauda_equina emergency' 'bilateral_deficit emergency' \
	    'bilateral_sciatica emergency' 'cord_compression emergency' \
	    'spinal_infection emergency' 'hip_fracture emergency' \
	    'leg_weakness urgent' 'fever urgent' 'cancer_history urgent' \
	    'weight_loss urgent' 'trauma urgent' 'infection_risk urgent' \
	    'fracture_risk review' \
	    'avascular_necrosis review' 'night_pain review' \
	    'inflammatory review' 'thoracic_pain review' 'age_over_50 review' \
	    'age_under_20 review' 'not_improving review' >spec.txt
	diff -u spec.txt man.txt
}

@test "bpflags: the tool orders the man page's flags by the man page's levels" {
	# Sort the man table by level, then name, as SPEC §5 orders flags,
	# and compare with what the tool writes for records raising them all
	# (at 19: not over 50; hip_fracture by osteoporosis).
	local order
	order=$(man_table | awk '{ r = $2 == "emergency" ? 1 : $2 == "urgent" ? 2 : 3; print r, $1 }' |
	    LC_ALL=C sort -k1,1n -k2,2 | awk '{ print $2 }' |
	    grep -v -e '^age_over_50$' | paste -sd, -)
	local all=(saddle_numbness=y bladder_bowel=y leg_weakness=y fever=y
	    cancer_history=y weight_loss=y trauma=y iv_drug_use=y
	    immunosuppressed=y osteoporosis=y steroid_use=y night_pain=y
	    morning_stiffness=y worsening=y radiation=below_knee side=both
	    site=upper_back,hip duration=100 age=19)
	raises "$order emergency none" "${all[@]}"
}

@test "bpflags: the man page is clean under mandoc -Tlint" {
	command -v mandoc >/dev/null || skip 'mandoc not installed'
	run -0 --separate-stderr mandoc -Tlint -W warning "$TOP/man/bpflags.1"
	[ -z "$output" ]
	clean
}
