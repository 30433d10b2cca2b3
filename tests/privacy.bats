#!/usr/bin/env bats
# Diagnostics never echo more than 40 bytes of a value (SPEC.md §7):
# records are health data, and standard error ends up in logs.  A long
# (300-byte) distinctive value goes into every column each tool reads, into
# the lines of structural errors, into headers, catalogs, summaries and
# options; no line of standard error may hold 41 consecutive bytes of it.

bats_require_minimum_version 1.5.0
load test_helper

# V: 300 bytes, no 41 of them in a row found anywhere else.
V=$(for i in $(seq 50); do printf 'Zq%03dx' "$i"; done)

# setup_file: windows, every 41-byte piece of V, one a line.
setup_file() {
	local i
	for ((i = 0; i + 41 <= ${#V}; i++)); do
		printf '%s\n' "${V:i:41}"
	done >"$BATS_FILE_TMPDIR/windows"
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return
	[ "${#V}" -eq 300 ]
}

# noleak WHAT: $stderr holds no 41 consecutive bytes of V.
noleak() {
	if printf '%s\n' "$stderr" | grep -a -F -q -f "$BATS_FILE_TMPDIR/windows"; then
		echo "$1: standard error echoes more than 40 bytes of the value:"
		printf '%s\n' "$stderr" | grep -a -F -f "$BATS_FILE_TMPDIR/windows" | head -5
		return 1
	fi
}

# warns_at TOOL FILE LINE COLUMN: $stderr has a warning about COLUMN at
# FILE:LINE (so the value was read, and its echo cut).
warns_at() {
	local l
	for l in "${stderr_lines[@]}"; do
		[[ $l == "$1: $2:$3: $4: "* || $l == "$1: $2:$3: id "*": $4: "* ]] &&
		    return 0
	done
	echo "$1: no warning about $4 at $2:$3"
	return 1
}

# spread HEADER BASE: the header line and, for each of its columns in
# turn, the record BASE with that column replaced by V (column i's
# record is on line i + 1).
spread() {
	awk -F '\t' -v OFS='\t' -v v="$V" -v base="$2" '
	    NR == 1 { print; n = split(base, b, "\t")
		for (i = 1; i <= NF; i++) {
			line = ""
			for (k = 1; k <= NF; k++)
				line = line (k > 1 ? "\t" : "") (k == i ? v : b[k])
			print line
		} }' <<<"$1"
}

# lineof HEADER COLUMN: the line of COLUMN's record in spread's output.
lineof() {
	awk -F '\t' -v c="$2" '{ for (i = 1; i <= NF; i++) if ($i == c) print i + 1 }' <<<"$1"
}

# An empty intake record but for its id.
intake_base() {
	local h=$1
	awk -F '\t' -v OFS='\t' '{ for (i = 1; i <= NF; i++) $i = ($i == "id" ? "r1" : ""); print }' <<<"$h"
}

INTAKE_HEADER=$(head -n 1 "$DATA/sample.tsv")
PIPE_HEADER=$(head -n 1 "$DATA/sample.pipeline.tsv")
PIPE_BASE=$(sed -n 2p "$DATA/sample.pipeline.tsv")

# --- value warnings -----------------------------------------------------------

@test "privacy: bpclassify echoes at most 40 bytes of a long value in any intake column" {
	local c
	spread "$INTAKE_HEADER" "$(intake_base "$INTAKE_HEADER")" >in.tsv
	run -1 --separate-stderr bpclassify in.tsv
	noleak bpclassify
	# the columns of SPEC §4, and severity and episodes, are warned about
	for c in duration onset seen site radiation numbness mechanical \
	    severity episodes sb1 sb2 sb3 sb4 sb5 sb6 sb7 sb8 sb9 \
	    odi1 odi2 odi3 odi4 odi5 odi6 odi7 odi8 odi9 odi10; do
		warns_at bpclassify in.tsv "$(lineof "$INTAKE_HEADER" "$c")" "$c"
	done
}

@test "privacy: bpflags echoes at most 40 bytes of a long value in any intake column" {
	local c
	spread "$INTAKE_HEADER" "$(intake_base "$INTAKE_HEADER")" >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	noleak bpflags
	# the columns of SPEC §5 are warned about
	for c in trauma fever cancer_history weight_loss saddle_numbness \
	    bladder_bowel leg_weakness osteoporosis steroid_use iv_drug_use \
	    immunosuppressed night_pain morning_stiffness worsening age site \
	    radiation side duration onset seen; do
		warns_at bpflags in.tsv "$(lineof "$INTAKE_HEADER" "$c")" "$c"
	done
}

@test "privacy: bproutine echoes at most 40 bytes of a long value in any column it reads" {
	local c
	spread "$PIPE_HEADER" "$PIPE_BASE" >in.tsv
	run -1 --separate-stderr bproutine in.tsv
	noleak bproutine
	for c in age osteoporosis phase pattern startback disability \
	    flag_level unscreened; do
		warns_at bproutine in.tsv "$(lineof "$PIPE_HEADER" "$c")" "$c"
	done
}

@test "privacy: bpreport (summary, -f tsv, --plans) echoes at most 40 bytes of a long value in any column" {
	spread "$PIPE_HEADER" "$PIPE_BASE" >in.tsv
	run --separate-stderr bpreport in.tsv
	[ "$status" -le 1 ]
	noleak "bpreport"
	run --separate-stderr bpreport -f tsv in.tsv
	[ "$status" -le 1 ]
	noleak "bpreport -f tsv"
	run --separate-stderr bpreport --plans in.tsv
	[ "$status" -le 1 ]
	noleak "bpreport --plans"
}

@test "privacy: a long value with leading spaces and UTF-8 is echoed in at most 40 bytes" {
	local w t
	# a value that starts with spaces and holds a 2-byte character, in
	# a record whose id is empty
	w="   ${V:0:3}é${V:3}"
	{
		printf '%s\n' "$(tsv id age site duration sb9 odi1)"
		printf '%s\n' "$(tsv '' "$w" "$w" "$w" "$w" "$w")"
	} >in.tsv
	for t in bpclassify bpflags; do
		run -1 --separate-stderr "$t" in.tsv
		noleak "$t"
		warns_at "$t" in.tsv 2 id
	done
}

# --- bpreport --merge ---------------------------------------------------------

@test "privacy: bpreport --merge echoes at most 40 bytes of a long unknown section" {
	{ tsv section key value; tsv "$V" total 3; } >sum.tsv
	run -2 --separate-stderr bpreport --merge sum.tsv
	noleak "bpreport --merge"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == "bpreport: sum.tsv:2: section: "* ]]
}

@test "privacy: bpreport --merge echoes at most 40 bytes of a long count" {
	{ tsv section key value; tsv records total "$V"; } >sum.tsv
	run -2 --separate-stderr bpreport --merge sum.tsv
	noleak "bpreport --merge"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == "bpreport: sum.tsv:2: value: "* ]]
	# digits too: a count of 300 digits
	{ tsv section key value; tsv records total "$(printf '7%.0s' $(seq 300))"; } >sum.tsv
	run -2 --separate-stderr bpreport --merge sum.tsv
	[[ $stderr != *77777777777777777777777777777777777777777* ]]
}

@test "privacy: bpreport --merge with a long key or work-list entry writes nothing to standard error" {
	{
		tsv section key value
		tsv records total 1
		tsv phase "$V" 1
		tsv emergency "$V" "$V"
		tsv unscreened "$V" "saddle_numbness,$V"
	} >sum.tsv
	run -0 --separate-stderr bpreport --merge sum.tsv
	noleak "bpreport --merge"
	[ -z "$stderr" ]
	run -0 --separate-stderr bpreport --merge -f tsv sum.tsv
	noleak "bpreport --merge -f tsv"
	[ -z "$stderr" ]
}

# --- the catalog --------------------------------------------------------------

@test "privacy: bproutine -c and bpreport --plans -c echo at most 40 bytes of a long value in any catalog column" {
	local k n
	bproutine --dump-catalog >cat.tsv
	n=$(head -n 1 cat.tsv | awk -F '\t' '{ print NF }')
	for ((k = 1; k <= n; k++)); do
		# the first exercise row with column k made long (not i:
		# bats' run sets a variable i)
		awk -F '\t' -v OFS='\t' -v k="$k" -v v="$V" 'NR == 2 { $k = v } { print }' \
		    cat.tsv >long.tsv
		run --separate-stderr bproutine -c long.tsv </dev/null
		[ "$status" -eq 0 ] || [ "$status" -eq 2 ] ||
		    { echo "bproutine -c, column $k: exit $status"; false; }
		noleak "bproutine -c, column $k"
		run --separate-stderr bpreport --plans -c long.tsv </dev/null
		[ "$status" -eq 0 ] || [ "$status" -eq 2 ] ||
		    { echo "bpreport --plans -c, column $k: exit $status"; false; }
		noleak "bpreport --plans -c, column $k"
	done
}

@test "privacy: a duplicate long catalog id is named in at most 40 bytes" {
	bproutine --dump-catalog >cat.tsv
	# the longest id a catalog takes (bp-catalog(5)), then one too long
	awk -F '\t' -v OFS='\t' -v v="${V:0:64}" 'NR == 2 || NR == 3 { $1 = v } { print }' \
	    cat.tsv >dup.tsv
	run -2 --separate-stderr bproutine -c dup.tsv </dev/null
	noleak "bproutine -c"
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == "bproutine: dup.tsv:3: duplicate id "* ]]
	awk -F '\t' -v OFS='\t' -v v="$V" 'NR == 2 { $1 = v } { print }' \
	    cat.tsv >long.tsv
	run -2 --separate-stderr bproutine -c long.tsv </dev/null
	noleak "bproutine -c"
	[ "$stderr" = "bproutine: long.tsv:2: id: longer than 64 bytes" ]
}

# --- structural errors --------------------------------------------------------

# Each tool and an input it can read, as "TOOL|HEADER|RECORD".
inputs() {
	local ih rh rb
	ih=$INTAKE_HEADER
	rb=$(intake_base "$ih")
	printf '%s\n' "bpclassify|$ih|$rb" "bpflags|$ih|$rb" \
	    "bproutine|$PIPE_HEADER|$PIPE_BASE" "bpreport|$PIPE_HEADER|$PIPE_BASE"
}

@test "privacy: structural errors (too many fields, NUL, an overlong line) echo no value, with or without -r" {
	local tool h b
	while IFS='|' read -r tool h b; do
		{
			printf '%s\n' "$h" "$b"
			printf '%s\t%s\n' "$V" "$b"		# one field too many
			printf '%s\0%s\n' "$V" "${b#*	}"	# a NUL
			printf '%s' "$V"			# too few fields
			printf '\n'
			# a line over 1 MiB
			yes "$V" | head -n 3600 | tr -d '\n'
			printf '\t%s\n' "$b"
		} >bad.tsv
		run -1 --separate-stderr "$tool" -q -r rej.tsv bad.tsv
		noleak "$tool -r"
		[ "${#stderr_lines[@]}" -eq 4 ] || { echo "$tool -r: $stderr"; false; }
		run -2 --separate-stderr "$tool" -q bad.tsv
		noleak "$tool"
		[ "${#stderr_lines[@]}" -eq 1 ] || { echo "$tool: $stderr"; false; }
	done < <(inputs)
}

@test "privacy: header errors (a duplicate long column, a differing header, a missing column) echo at most 40 bytes" {
	local tool h b
	while IFS='|' read -r tool h b; do
		# a long column name, twice
		printf '%s\t%s\t%s\n' "$h" "$V" "$V" >dup.tsv
		run -2 --separate-stderr "$tool" dup.tsv
		noleak "$tool, duplicate column"
		[ "${#stderr_lines[@]}" -eq 1 ]
		# a second file whose header differs by a long column
		printf '%s\n' "$h" "$b" >one.tsv
		printf '%s\t%s\n%s\tx\n' "$h" "$V" "$b" >two.tsv
		run -2 --separate-stderr "$tool" one.tsv two.tsv
		noleak "$tool, header differs"
		[ "${#stderr_lines[@]}" -eq 1 ]
		# no id column, long column names instead
		printf '%s\t%s\n%s\t%s\n' "$V" "${V}x" "a" "b" >noid.tsv
		run -2 --separate-stderr "$tool" noid.tsv
		noleak "$tool, missing column"
		[ "${#stderr_lines[@]}" -eq 1 ]
	done < <(inputs)
}

# --- options ------------------------------------------------------------------

@test "privacy: usage errors echo at most 40 bytes of a long option or option value" {
	local t
	for t in bpclassify bpflags bproutine bpreport; do
		run -2 --separate-stderr "$t" "--$V" </dev/null
		noleak "$t --LONG"
		run -2 --separate-stderr "$t" "-$V" </dev/null
		noleak "$t -LONG"
	done
	run -2 --separate-stderr bpclassify --acute-weeks "$V" </dev/null
	noleak "bpclassify --acute-weeks LONG"
	run -2 --separate-stderr bpclassify "--acute-weeks=$V" </dev/null
	noleak "bpclassify --acute-weeks=LONG"
	run -2 --separate-stderr bpreport -f "$V" </dev/null
	noleak "bpreport -f LONG"
}
