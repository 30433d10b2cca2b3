#!/usr/bin/env bats
# The red-flag table of lib/flags.c is the one place a flag is made: a
# new row over any yes/no intake column is all it takes, and it fires.
# Scratch builds of bpflags, each with rows added to a copy of the table.

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# Every yes/no column of bp(7), the STarT Back items with agree/disagree.
BOOLS="mechanical numbness worsening trauma fever cancer_history
    weight_loss saddle_numbness bladder_bowel leg_weakness osteoporosis
    steroid_use iv_drug_use immunosuppressed night_pain morning_stiffness
    sb1 sb2 sb3 sb4 sb5 sb6 sb7 sb8"

# scratch NAME COL...: build NAME, a bpflags whose table has a row
# "extra_COL" at review level over each yes/no COL, and nothing else new.
scratch() {
	local name=$1 c rows=
	shift
	for c; do
		rows="$rows	{ \"extra_$c\", LEVEL_REVIEW, WHEN1(YES($(
		    printf '%s' "$c" | tr a-z A-Z))), \"a test\", \"A test.\" },\\n"
	done
	awk -v rows="$rows" '/^\t\{ NULL, LEVEL_NONE,/ { printf "%s", rows }
	    { print }' "$TOP/lib/flags.c" >"flags_$name.c"
	grep -q extra_ "flags_$name.c"
	# shellcheck disable=SC2086 # BP_CFLAGS: the flags lib/libbp.a was built with
	"${CC:-cc}" -std=c99 -D_POSIX_C_SOURCE=200809L ${BP_CFLAGS:-} -I"$TOP/lib" \
	    -I"$TOP/lib/tool" -o "$name" "$TOP/cmd/bpflags.c" "flags_$name.c" \
	    "$TOP/lib/libbp.a"
}

@test "flag table: a row over any yes/no column is a new flag that fires on that yes alone" {
	command -v "${CC:-cc}" >/dev/null || skip "no C compiler"
	[ -f "$TOP/lib/libbp.a" ] || skip "make builds lib/libbp.a"
	local -a all
	read -r -a all <<<"$(echo $BOOLS)"
	# at most 32 flags: the table's 20 and 12 more a build
	scratch one "${all[@]:0:12}"
	scratch two "${all[@]:12}"
	local c i bin got
	{ tsv id phase pattern startback odi disability "${all[@]}"
	  for c in "${all[@]}"; do
		printf '%s\tacute\tmechanical\tlow\t10\tminimal' "$c"
		for i in "${all[@]}"; do
			[ "$i" = "$c" ] && printf '\tyes' || printf '\tno'
		done
		printf '\n'
	  done; } >in.tsv
	for bin in one two; do
		run -0 --separate-stderr "./$bin" -q in.tsv
		printf '%s\n' "$output" >"out.$bin"
	done
	for i in "${!all[@]}"; do
		c=${all[$i]}
		bin=one
		[ "$i" -lt 12 ] || bin=two
		got=$(awk -F '\t' -v id="$c" 'NR == 1 { for (k = 1; k <= NF; k++)
		    if ($k == "flags") f = k } $1 == id { print $f }' "out.$bin")
		# this column's row fires, and no other new one
		[[ ,$got, == *",extra_$c,"* ]] ||
		    { echo "$c: flags $got"; return 1; }
		[ "$(printf '%s' "$got" | tr ',' '\n' | grep -c '^extra_')" -eq 1 ] ||
		    { echo "$c: flags $got"; return 1; }
	done
}
