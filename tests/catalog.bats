#!/usr/bin/env bats
# The exercise and advice catalog (SPEC §6, bp-catalog(5)): the built-in
# content against SPEC's table, --dump-catalog, replacing it with -c, and
# every way a catalog file is rejected.

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

ALL=acute_back,back_strength,radicular,hip_mobility,hip_strength

# routed_in: write in.tsv, records that reach every routine and disposition.
routed_in() {
	{ tsv id phase pattern startback disability flag_level unscreened age \
	    osteoporosis steroid_use
	  tsv a acute mechanical low minimal none none 40 no no
	  tsv b subacute nonspecific low minimal none none 40 no no
	  tsv c acute radicular low minimal none none 40 no no
	  tsv d chronic radicular low minimal none none 70 yes no
	  tsv e acute hip low minimal none none 40 no no
	  tsv f chronic hip low minimal review none 64 no no
	  tsv g chronic hip low minimal none none 65 no no
	  tsv h subacute mechanical low minimal emergency none 40 no no
	  tsv i subacute mechanical low minimal urgent none 40 no no
	  tsv j subacute other low minimal none none 40 no no
	  tsv k subacute mechanical low crippled none none 40 no no
	} >in.tsv
}

# mincat [LINE...]: write c.tsv, a small valid catalog: the header, one
# exercise in every routine, one advice row for any record; then each LINE
# (fields separated by |) is appended.  The LINEs start at line 4.
mincat() {
	{ tsv id kind name routines contraindications dose source instructions
	  tsv e1 strength 'Exercise one' "$ALL" none 5_reps seeds/x.txt 'Do it.'
	  tsv a1 advice 'Advice one' any none - seeds/x.txt 'Say it.'
	  local l
	  for l; do
		printf '%s\n' "$l" | tr '|' '\t'
	  done
	} >c.tsv
}

# dumpset ID COLUMN VALUE [advice]: write c.tsv, the built-in catalog with
# COLUMN of the exercise row ID (the advice row with "advice") set to VALUE.
dumpset() {
	bproutine --dump-catalog | awk -F '\t' -v OFS='\t' -v id="$1" \
	    -v name="$2" -v val="$3" -v adv="${4:+1}" '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; k = c["kind"] }
	    NR > 1 && $1 == id && (($k == "advice") == (adv == 1)) {
		$c[name] = val }
	    { print }' >c.tsv
}

# line ID [advice]: the line number in the built-in catalog of the row ID.
line() {
	bproutine --dump-catalog | awk -F '\t' -v id="$1" -v adv="${2:+1}" '
	    $1 == id && (($2 == "advice") == (adv == 1)) { print NR }'
}

# rejected LINE [WHAT]: the last run exited 2 (checked by run) with no
# output and one diagnostic for c.tsv line LINE, whose text starts with
# WHAT when given.
rejected() {
	[ -z "$output" ] || { echo "unexpected stdout: $output"; return 1; }
	[ "${#stderr_lines[@]}" -eq 1 ] ||
		{ echo "expected one diagnostic, got: $stderr"; return 1; }
	case $stderr in
	"bproutine: c.tsv:$1: $2"*) ;;
	*) echo "expected bproutine: c.tsv:$1: $2..., got: $stderr"; return 1 ;;
	esac
}

# advice_rows: the advice rows of the built-in catalog as "id<TAB>name<TAB>
# instructions".
advice_rows() {
	bproutine --dump-catalog | awk -F '\t' -v OFS='\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["kind"] == "advice" { print $c["id"], $c["name"],
		$c["instructions"] }'
}

# ------------------------------------------------------------ built-in

@test "catalog: --dump-catalog prints lib/catalog.tsv byte for byte" {
	run -0 --separate-stderr bash -c 'bproutine --dump-catalog >dump.tsv'
	cmp dump.tsv "$TOP/lib/catalog.tsv"
	[ -z "$stderr" ]
}

@test "catalog: --dump-catalog ignores the records and needs no input" {
	run -0 --separate-stderr bproutine --dump-catalog </dev/null
	[ "$output" = "$(cat "$TOP/lib/catalog.tsv")" ]
	[ -z "$stderr" ]
}

@test "catalog: --dump-catalog to a full disk is a write error" {
	[ -w /dev/full ] || skip "no /dev/full"
	run -2 --separate-stderr bash -c 'bproutine --dump-catalog >/dev/full'
	[ -z "$output" ]
	[ "$stderr" = "bproutine: write error: No space left on device" ]
}

@test "catalog: the built-in exercises are SPEC §6's table, in order" {
	bproutine --dump-catalog | awk -F '\t' -v OFS='\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["kind"] != "advice" {
		r = $c["routines"]; gsub(/,/, " ", r)
		x = $c["contraindications"]; gsub(/,/, " ", x)
		print $c["id"], r, x, $c["dose"] }' >got.txt
	cat >want.txt <<-'EOF'
	walking	acute_back back_strength radicular hip_mobility	none	10-30_min
	dynamic_warmup	back_strength hip_strength	age65 fragile_bone acute	5_min
	pelvic_bridge	acute_back back_strength radicular hip_mobility hip_strength	none	10s_x3
	bridge_march	back_strength radicular	acute	30_steps
	hip_hinge	back_strength	acute radicular	10_reps
	hamstring_squeeze	back_strength	acute	10_reps
	band_walk	back_strength hip_strength	acute	10_steps_each_way
	four_way_band	hip_strength	acute	10_each_direction
	hip_swing	hip_mobility hip_strength	none	10_each_side
	side_hip_stretch	hip_mobility hip_strength	none	30s_x2
	figure_four	acute_back back_strength radicular hip_mobility hip_strength	none	6-8_breaths_each_side
	standing_quad_stretch	back_strength hip_mobility hip_strength	none	30s_each_side
	frog_pose	hip_strength	age65 fragile_bone acute	30s
	wall_backbend	hip_strength	age65 fragile_bone acute radicular	3_breaths
	lateral_lunge	hip_strength	age65 fragile_bone acute	10_each_side
	rotational_step_up	hip_strength	age65 fragile_bone acute	10_each_side
	EOF
	diff want.txt got.txt
}

@test "catalog: every advice code of SPEC §6 is built in, with SPEC's routines" {
	local id want got

	bproutine --dump-catalog | awk -F '\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["kind"] == "advice" { print $c["id"] "\t" $c["routines"] }' \
	    >advice.txt
	while IFS=' ' read -r id want; do
		got=$(awk -F '\t' -v id="$id" '$1 == id { print $2 }' advice.txt |
		    tr ',' '\n' | sort | paste -sd ' ' -)
		want=$(printf '%s\n' $want | sort | paste -sd ' ' -)
		[ "$got" = "$want" ] ||
		    { echo "$id: want routines '$want', got '$got'"; return 1; }
	done <<-'EOF'
	stay_active any
	avoid_bed_rest any
	walking acute_back hip_mobility
	heat acute_back hip_mobility
	exercise_therapy back_strength hip_strength
	yoga back_strength
	posture_breaks any
	warm_up back_strength hip_strength
	rest_days back_strength hip_strength
	cycling_caution hip_mobility hip_strength
	go_to_emergency emergency
	see_doctor_today urgent
	book_review review
	complete_intake assess
	see_physio physio psych_physio
	coping_support psych_physio
	check_in_4_weeks self_care
	cauda_equina_warning urgent assess review psych_physio physio self_care
	EOF
}

@test "catalog: advice rows take no contraindications and no dose" {
	run -0 --separate-stderr bash -c "bproutine --dump-catalog | awk -F '\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next }
	    \$c[\"kind\"] == \"advice\" { print \$c[\"contraindications\"], \$c[\"dose\"] }' |
	    sort -u"
	[ "$output" = "none -" ]
}

@test "catalog: no advice presents bed rest as helpful" {
	advice_rows >advice.txt
	[ "$(grep -ic 'bed rest' advice.txt)" -eq 1 ]
	run -0 grep -i 'bed rest' advice.txt
	[[ $output == avoid_bed_rest$'\t'Avoid\ bed\ rest$'\t'* ]]
	[[ $output == *"Do not stay in bed"* ]]
	run -1 grep -iE 'bed ?rest' <(grep -v '^avoid_bed_rest' advice.txt)
}

@test "catalog: no advice names traction, TENS, ultrasound or steroids" {
	advice_rows >advice.txt
	run -1 grep -iE 'traction|transcutaneous|ultrasound|steroid|cortisone' \
	    advice.txt
	run -1 grep -wE 'TENS' advice.txt
}

@test "catalog: every exercise row names a seed file in source" {
	run -0 --separate-stderr bash -c "bproutine --dump-catalog | awk -F '\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next }
	    \$c[\"kind\"] != \"advice\" { n++; if (\$c[\"source\"] !~ /(^|,)seeds\\/[^,]+\\.txt(,|\$)/) print \$1 }
	    END { print n }'"
	[ "$output" = 16 ]
}

@test "catalog: every exercise and advice row has a name and instructions" {
	run -0 --separate-stderr bash -c "bproutine --dump-catalog | awk -F '\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next }
	    \$c[\"name\"] == \"\" || length(\$c[\"instructions\"]) < 40 { print \$1 }
	    END { print NR }'"
	[ "$output" = 35 ]
}

# ------------------------------------------------------------ replacing it

@test "catalog: a dumped catalog given with -c gives the built-in output" {
	routed_in
	bproutine --dump-catalog >custom.tsv
	run -0 --separate-stderr bproutine in.tsv
	printf '%s\n' "$output" >builtin.out
	run -0 --separate-stderr bproutine -c custom.tsv in.tsv
	[ "$output" = "$(cat builtin.out)" ]
	[ -z "$stderr" ]
	run -0 --separate-stderr bproutine --catalog custom.tsv in.tsv
	[ "$output" = "$(cat builtin.out)" ]
}

@test "catalog: columns in another order, and extra columns, give the same output" {
	routed_in
	bproutine --dump-catalog | awk -F '\t' -v OFS='\t' '
	    { print "x" NR, $8, $7, $6, $5, $4, $3, $2, $1 }' >c.tsv
	run -0 --separate-stderr bproutine in.tsv
	printf '%s\n' "$output" >builtin.out
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$output" = "$(cat builtin.out)" ]
	[ -z "$stderr" ]
}

@test "catalog: a changed dose shows in the exercises" {
	routed_in
	dumpset walking dose 20_min
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field exercises 1)" = walking:20_min,pelvic_bridge:10s_x3,figure_four:6-8_breaths_each_side ]
	[ -z "$stderr" ]
}

@test "catalog: a dropped exercise is left out" {
	routed_in
	bproutine --dump-catalog | grep -v '^frog_pose	' >c.tsv
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	# record f: chronic hip, age 64
	[ "$(field exercises 6)" = dynamic_warmup:5_min,pelvic_bridge:10s_x3,band_walk:10_steps_each_way,four_way_band:10_each_direction,hip_swing:10_each_side,side_hip_stretch:30s_x2,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side,wall_backbend:3_breaths,lateral_lunge:10_each_side,rotational_step_up:10_each_side ]
	run -0 --separate-stderr bproutine in.tsv
	[ "$(field exercises 6)" = dynamic_warmup:5_min,pelvic_bridge:10s_x3,band_walk:10_steps_each_way,four_way_band:10_each_direction,hip_swing:10_each_side,side_hip_stretch:30s_x2,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side,frog_pose:30s,wall_backbend:3_breaths,lateral_lunge:10_each_side,rotational_step_up:10_each_side ]
}

@test "catalog: a new contraindication removes the exercise" {
	routed_in
	dumpset figure_four contraindications acute
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field exercises 1)" = walking:10-30_min,pelvic_bridge:10s_x3 ]
	[ "$(field exercises 2)" = walking:10-30_min,dynamic_warmup:5_min,pelvic_bridge:10s_x3,bridge_march:30_steps,hip_hinge:10_reps,hamstring_squeeze:10_reps,band_walk:10_steps_each_way,figure_four:6-8_breaths_each_side,standing_quad_stretch:30s_each_side ]
}

@test "catalog: a dropped advice row is left out of the advice" {
	routed_in
	bproutine --dump-catalog | grep -v '^yoga	advice	' >c.tsv
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field advice 2)" = stay_active,avoid_bed_rest,exercise_therapy,posture_breaks,warm_up,rest_days,check_in_4_weeks,cauda_equina_warning ]
}

@test "catalog: the advice walking and the exercise walking are separate rows" {
	routed_in
	bproutine --dump-catalog | grep -v '^walking	advice	' >c.tsv
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field advice 1)" = stay_active,avoid_bed_rest,heat,posture_breaks,check_in_4_weeks,cauda_equina_warning ]
	[ "$(field exercises 1)" = walking:10-30_min,pelvic_bridge:10s_x3,figure_four:6-8_breaths_each_side ]
}

@test "catalog: a small catalog replaces the built-in one entirely" {
	routed_in
	mincat
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(printf '%s\n' "$output" | col exercises | sort -u | paste -sd ' ' -)" = "e1:5_reps none" ]
	[ "$(field advice 1)" = a1 ]
	[ "$(field advice 8)" = none ]
	[ "$(field disposition 8)" = emergency ]
}

@test "catalog: advice may be chosen by disposition" {
	routed_in
	mincat 'a2|advice|Two|self_care,urgent|none|-|s|Say.'
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field advice 1)" = a1,a2 ]
	[ "$(field advice 3)" = a1 ]
	[ "$(field advice 9)" = a2 ]
	[ "$(field advice 10)" = none ]
}

@test "catalog: any gives advice only to records with a routine" {
	routed_in
	mincat
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(printf '%s\n' "$output" | col advice | paste -sd ' ' -)" = \
	    "a1 a1 a1 a1 a1 a1 a1 none none none a1" ]
}

@test "catalog: a catalog that cannot be read is fatal before any output" {
	routed_in
	run -2 --separate-stderr bproutine -c nosuch.tsv in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bproutine: nosuch.tsv: No such file or directory" ]
	mkdir dir.tsv
	run -2 --separate-stderr bproutine -c dir.tsv in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bproutine: dir.tsv: Is a directory" ]
}

@test "catalog: a catalog with CRLF line ends and a BOM is read" {
	routed_in
	printf '\357\273\277' >c.tsv
	bproutine --dump-catalog | sed 's/$/\r/' >>c.tsv
	run -0 --separate-stderr bproutine in.tsv
	printf '%s\n' "$output" >builtin.out
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$output" = "$(cat builtin.out)" ]
}

@test "catalog: a read of the catalog cut short by a signal is taken up again" {
	needstrace
	routed_in
	bproutine --dump-catalog >c.tsv
	run -0 --separate-stderr bproutine in.tsv
	printf '%s\n' "$output" >builtin.out
	# the first read of c.tsv fails with EINTR, as when a signal comes
	run -0 --separate-stderr strace -f -qq -o /dev/null -P "$PWD/c.tsv" \
	    -e trace=read -e inject=read:error=EINTR:when=1 \
	    bproutine -c c.tsv in.tsv
	[ -z "$stderr" ]
	[ "$output" = "$(cat builtin.out)" ]
}

# ------------------------------------------------------------ rejected

@test "catalog: a missing column is rejected at line 1" {
	local c

	routed_in
	for c in id kind name routines contraindications dose source \
	    instructions; do
		bproutine --dump-catalog | awk -F '\t' -v OFS='\t' -v name="$c" '
		    NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) $i = "x" }
		    { print }' >c.tsv
		run -2 --separate-stderr bproutine -c c.tsv in.tsv
		rejected 1 || { echo "column $c"; return 1; }
		[[ $stderr == *"$c"* ]]
	done
}

@test "catalog: an unknown kind is rejected" {
	routed_in
	dumpset band_walk kind cardio
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line band_walk)" kind
}

@test "catalog: an unknown routine is rejected" {
	routed_in
	dumpset hip_swing routines hip_mobility,knee
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line hip_swing)" routines
}

@test "catalog: an unknown disposition in an advice row is rejected" {
	routed_in
	dumpset book_review routines reveiw advice
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line book_review advice)" routines
}

@test "catalog: an empty routines field is rejected" {
	routed_in
	mincat 'e2|strength|Two||none|1|s|Do.'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 routines
}

@test "catalog: an exercise with a disposition in routines is rejected" {
	routed_in
	mincat 'e2|strength|Two|acute_back,physio|none|1|s|Do.'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 routines
}

@test "catalog: an exercise for any record is rejected" {
	routed_in
	mincat 'e2|stretch|Two|any|none|1|s|Do.'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 routines
}

@test "catalog: an unknown contraindication code is rejected" {
	routed_in
	dumpset frog_pose contraindications age65,knees
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line frog_pose)" contraindications
}

@test "catalog: an empty contraindications field is rejected" {
	routed_in
	mincat 'e2|strength|Two|acute_back||1|s|Do.'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 contraindications
}

@test "catalog: advice with a contraindication is rejected" {
	routed_in
	dumpset heat contraindications acute advice
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line heat advice)" contraindications
}

@test "catalog: an empty dose is rejected" {
	routed_in
	dumpset hip_hinge dose ''
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line hip_hinge)" dose
}

@test "catalog: a dose with a comma is rejected" {
	routed_in
	dumpset hip_hinge dose 10,12_reps
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line hip_hinge)" dose
}

@test "catalog: a dose with a colon is rejected" {
	routed_in
	dumpset hip_hinge dose 1:30
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line hip_hinge)" dose
}

@test "catalog: a dose with a space is rejected" {
	routed_in
	dumpset hip_hinge dose '10 reps'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line hip_hinge)" dose
}

@test "catalog: an empty advice dose is rejected" {
	routed_in
	dumpset yoga dose '' advice
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line yoga advice)" dose
}

@test "catalog: an empty id is rejected" {
	routed_in
	mincat '|strength|Two|acute_back|none|1|s|Do.'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 id
}

@test "catalog: an empty name is rejected" {
	routed_in
	dumpset walking name ''
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line walking)" name
}

@test "catalog: an empty source is rejected" {
	routed_in
	dumpset stay_active source '' advice
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line stay_active advice)" source
}

@test "catalog: empty instructions are rejected" {
	routed_in
	dumpset pelvic_bridge instructions ''
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line pelvic_bridge)" instructions
}

@test "catalog: a duplicate exercise id is rejected at the second row" {
	routed_in
	{ bproutine --dump-catalog; bproutine --dump-catalog | grep '^hip_swing	'; } >c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(($(bproutine --dump-catalog | wc -l) + 1))" 'duplicate id'
	[[ $stderr == *hip_swing ]]
}

@test "catalog: a duplicate advice id is rejected at the second row" {
	routed_in
	mincat 'a1|advice|Again|acute_back|none|-|s|Say.'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 'duplicate id'
}

@test "catalog: a duplicate id is named in at most 40 bytes" {
	local id
	id=$(rep 41 i)x$(rep 22 i)
	mincat "$id|strength|N|acute_back|none|1|s|T" \
	    "$id|stretch|M|radicular|none|2|s|T"
	run -2 --separate-stderr bproutine -c c.tsv /dev/null
	rejected 5
	[ "$stderr" = "bproutine: c.tsv:5: duplicate id $(rep 40 i)" ]
}

@test "catalog: an exercise may share its id with an advice row" {
	routed_in
	mincat 'e1|advice|Same id|any|none|-|s|Say.' \
	    'a1|aerobic|Same id|acute_back|none|1|s|Do.'
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field exercises 1)" = e1:5_reps,a1:1 ]
	[ "$(field advice 1)" = a1,e1 ]
}

@test "catalog: a line with too few fields is rejected" {
	routed_in
	mincat 'e2|strength|Two|acute_back|none|1|s'
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 '7 fields'
}

@test "catalog: a line with too many fields is rejected" {
	routed_in
	bproutine --dump-catalog | sed '/^heat	/s/$/	extra/' >c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(line heat advice)" '9 fields'
}

@test "catalog: a routine with no exercise free of contraindications is rejected at the last line" {
	routed_in
	mincat 'e2|strength|Two|hip_strength|acute|1|s|Do.' \
	    'a2|advice|Two|any|none|-|s|Say.'
	awk -F '\t' -v OFS='\t' 'NR == 2 { $4 = "acute_back,back_strength,radicular,hip_mobility" } { print }' \
	    c.tsv >c2.tsv
	mv c2.tsv c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 5
	[[ $stderr == *hip_strength* ]]
}

@test "catalog: the built-in catalog without its free acute_back exercises is rejected" {
	routed_in
	bproutine --dump-catalog | awk -F '\t' -v OFS='\t' '
	    $2 != "advice" && ($1 == "walking" || $1 == "pelvic_bridge" ||
	    $1 == "figure_four") { $5 = "age65" } { print }' >c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(wc -l <c.tsv)"
	[[ $stderr == *acute_back* ]]
}

@test "catalog: a header alone is rejected (no routine has an exercise)" {
	routed_in
	mincat
	head -n 1 c.tsv >c2.tsv
	mv c2.tsv c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 1
}

@test "catalog: a duplicate column is rejected at line 1" {
	routed_in
	bproutine --dump-catalog | sed '1s/$/	dose/; 1!s/$/	x/' >c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 1
}

@test "catalog: an empty catalog file is rejected" {
	routed_in
	: >c.tsv
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	[ -z "$output" ]
	[[ $stderr == "bproutine: c.tsv"* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
}

# rep N CHAR: CHAR N times.
rep() {
	printf "%$1s" '' | tr ' ' "$2"
}

@test "catalog: fields up to their longest (bp-catalog(5)) are read" {
	routed_in
	mincat "$(rep 64 i)|strength|$(rep 128 n)|acute_back|none|$(rep 32 d)|$(rep 512 s)|$(rep 2048 t)"
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
	[ "$(field exercises 1)" = "e1:5_reps,$(rep 64 i):$(rep 32 d)" ]
}

@test "catalog: an id longer than 64 bytes is rejected" {
	routed_in
	mincat "$(rep 65 i)|strength|N|acute_back|none|1|s|T"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 'id: longer than 64 bytes'
	[ -z "$output" ]
}

@test "catalog: a name longer than 128 bytes is rejected" {
	routed_in
	mincat "x|strength|$(rep 129 n)|acute_back|none|1|s|T"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 'name: longer than 128 bytes'
}

@test "catalog: a dose longer than 32 bytes is rejected" {
	routed_in
	mincat "x|strength|N|acute_back|none|$(rep 33 d)|s|T"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 'dose: longer than 32 bytes'
}

@test "catalog: a source longer than 512 bytes is rejected" {
	routed_in
	mincat "x|strength|N|acute_back|none|1|$(rep 513 s)|T"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 'source: longer than 512 bytes'
}

@test "catalog: instructions longer than 2048 bytes are rejected" {
	routed_in
	mincat "x|strength|N|acute_back|none|1|s|$(rep 2049 t)"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 4 'instructions: longer than 2048 bytes'
}

@test "catalog: a routine whose exercise list would pass 4096 bytes is rejected at the row" {
	routed_in
	# e1:5_reps, is 10 bytes; each row below 64 + 1 + 32 + 1 = 98
	local rows=() i
	for i in $(seq 1 42); do
		rows+=("$(printf 'x%063d' "$i")|strength|N|acute_back|none|$(rep 32 d)|s|T")
	done
	mincat "${rows[@]}"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected 45 'routines: a list of exercise rows would be longer than 4096 bytes'
	mincat "${rows[@]:0:41}"
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
}

@test "catalog: advice lists count the disposition, the routine and any together" {
	routed_in
	local rows=() i
	# a1, is 3 bytes; each row 65; 21 rows of each part: 3 + 63 * 65 > 4096
	for i in $(seq 1 21); do
		rows+=("$(printf 'd%063d' "$i")|advice|N|physio|none|-|s|T")
		rows+=("$(printf 'r%063d' "$i")|advice|N|acute_back|none|-|s|T")
		rows+=("$(printf 'y%063d' "$i")|advice|N|any|none|-|s|T")
	done
	mincat "${rows[@]}"
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	[[ $stderr == *'a list of advice rows would be longer than 4096 bytes'* ]]
	mincat "${rows[@]:0:60}"
	run -0 --separate-stderr bproutine -c c.tsv in.tsv
}

@test "catalog: a catalog of 20000 rows is rejected where its lists pass their bound" {
	routed_in
	{ bproutine --dump-catalog
	  awk 'BEGIN { for (i = 1; i <= 20000; i++)
		printf "x%05d\tstretch\tN\thip_mobility\tnone\t1\ts\tT\n", i }'
	} >c.tsv
	# hip_mobility's built-in list, then "x00001:1," (9 bytes) a row
	local have
	have=$(bproutine --dump-catalog | awk -F '\t' '$2 != "advice" &&
	    $4 ~ /hip_mobility/ { n += length($1) + length($6) + 2 } END { print n }')
	run -2 --separate-stderr bproutine -c c.tsv in.tsv
	rejected "$(($(bproutine --dump-catalog | wc -l) + (4096 - have) / 9 + 1))" \
	    'routines: a list of exercise rows would be longer than 4096 bytes'
}

# bigcat SIZE: a valid catalog of exactly SIZE bytes (SIZE from 2 to 70
# million) on standard output: the built-in one with a column "note"
# (other columns are ignored), then 40 advice rows n01 to n40 for
# emergency records, the rows' notes filled with x to make up SIZE, no
# line longer than a million bytes.  Fails when SIZE cannot be made.
bigcat() {
	bproutine --dump-catalog | awk -v size="$1" '
	    { line[NR] = $0 "\t" (NR == 1 ? "note" : "") }
	    END {
		n = NR
		for (i = 1; i <= 40; i++)
			line[++n] = sprintf("n%02d\tadvice\tN\temergency\tnone\t-\ts\tT\t", i)
		left = size
		for (i = 1; i <= n; i++)
			left -= length(line[i]) + 1
		x = "x"
		while (length(x) < 1000000)
			x = x x
		print line[1]
		for (i = 2; i <= n; i++) {
			k = 1000000 - length(line[i])
			k = k < left ? k : left
			left -= k
			print line[i] substr(x, 1, k)
		}
		exit left != 0
	    }'
}

@test "catalog: a catalog file of 64 MiB is read to its last row; one byte more is rejected" {
	export -f bigcat
	routed_in
	run -0 --separate-stderr bash -c 'set -o pipefail
	    bigcat 67108864 | bproutine -c /dev/stdin in.tsv'
	[ -z "$stderr" ]
	# h is the emergency record: the advice of the last row is its last
	[ "$(field advice 8)" = "go_to_emergency,$(printf 'n%02d\n' $(seq 40) | paste -sd , -)" ]
	run -2 --separate-stderr bash -c 'set -o pipefail
	    bigcat 67108865 | bproutine -c /dev/stdin in.tsv'
	[ -z "$output" ]
	[ "$stderr" = "bproutine: /dev/stdin: larger than 64 MiB" ]
}
