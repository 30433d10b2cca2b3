#!/usr/bin/env bats
# Regression tests from fuzzing (tests/fuzz/, `make fuzz`): each input a
# harness (or reading the harnesses' code) showed a problem with, run
# through the built tools.  No clang needed; every test is quick.
#
# For every input: no crash, exit status 0, 1 or 2 only, and for the
# filters records in = records out + records rejected (SPEC §7).

bats_require_minimum_version 1.5.0

load test_helper

MIB=1048576

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}


# lines FILE: the number of lines in FILE (a last one without LF counts).
lines() {
	LC_ALL=C awk 'END { print NR }' "$1"
}

# filter TOOL FILE: run TOOL -q -r rej FILE >out, which must end with 0,
# 1 or 2; unless 2, check records in = records out + records rejected.
# Sets $status.
filter() {
	local tool=$1 in=$2 nin nout nrej

	run --separate-stderr bash -c '"$0" -q -r rej "$1" >out' "$tool" "$in"
	case $status in
	0|1) ;;
	2) return 0 ;;
	*) echo "$tool exited $status: $stderr"; return 1 ;;
	esac
	nin=$(records "$in")
	nout=$(lines out)
	nrej=$(lines rej)
	if [ "$nin" -gt 0 ] && [ "$((nout - 1 + nrej))" -ne "$nin" ]; then
		echo "$tool: $nin records in, $((nout - 1)) out, $nrej rejected"
		return 1
	fi
}

# summary NAME ROW...: a -f tsv summary in file NAME: header, then rows.
summary() {
	local f=$1
	shift
	{ tsv section key value; printf '%s\n' "$@"; } >"$f"
}

# ---- every tool over the hand-made fuzzing seeds ----

@test "fuzz seeds: the filters neither crash nor drop a record" {
	local tool f
	for tool in bpclassify bpflags bproutine; do
		for f in "$TOP"/tests/fuzz/seeds/bp*/*; do
			filter "$tool" "$f"
		done
	done
}

@test "fuzz seeds: bpreport ends with 0, 1 or 2 in every mode" {
	local f args
	for f in "$TOP"/tests/fuzz/seeds/bp*/*; do
		for args in "" "-f tsv" "--plans" "--merge" "--merge -f tsv"; do
			# shellcheck disable=SC2086
			run bash -c 'bpreport -q '"$args"' "$0" >/dev/null 2>&1' "$f"
			[ "$status" -le 2 ] || { echo "bpreport $args $f: $status"; false; }
		done
	done
}

# ---- the record reader ----

@test "reader: CR LF, BOM, empty lines and bad lines: records in = out + rejected" {
	printf '\357\273\277id\ta\tb\r\n\n1\t2\t3\r\n\r\nx\ty\n4\t5\t6\nno\000\tnul\tz\nlast\t\t' >in
	run -1 --separate-stderr bash -c 'bpflags -q -r rej in >out'
	[ "$(lines out)" -eq 4 ]
	[ "$(lines rej)" -eq 2 ]
	[ "$(sed -n 1p rej)" = "$(printf 'x\ty')" ]
	cmp -s <(sed -n 2p rej) <(printf 'no\000\tnul\tz\n')
	[ "$(cut -f1 out | tr '\n' ' ')" = "id 1 4 last " ]
	[[ $stderr == *"in:5: 2 fields, the header has 3"* ]]
	[[ $stderr == *"in:7: NUL byte in line"* ]]
}

@test "reader: a line of 1 MiB and 3 bytes is rejected whole, then reading goes on" {
	{ printf 'id\ta\n1\t'; head -c $((MIB + 1)) /dev/zero | tr '\0' x
	  printf '\n2\t3\n'; } >in
	run -1 --separate-stderr bash -c 'bpclassify -q -r rej in >out'
	[ "$(lines out)" -eq 2 ]
	[ "$(wc -c <rej)" -eq $((MIB + 4)) ]
	[ "$(sed -n 2p out | cut -f1,2)" = "$(printf '2\t3')" ]
	[[ $stderr == *"in:2: line longer than 1 MiB"* ]]
}

@test "reader: a last line of 1 MiB without LF is rejected with an LF added" {
	{ printf 'id\ta\n1\t2\n3\t'; head -c $((MIB + 200000)) /dev/zero | tr '\0' y; } >in
	run -1 --separate-stderr bash -c 'bpclassify -q -r rej <in >out'
	[ "$(lines out)" -eq 2 ]
	[ "$(wc -c <rej)" -eq $((MIB + 200000 + 3)) ]
	[ "$(tail -c 1 rej | od -An -c | tr -d ' ')" = '\n' ]
}

# A header of 1 MiB after a BOM: the reader allows the BOM's 3 bytes
# before it calls the line partial, so the same bytes are taken whether
# a pipe delivers the line at once or in pieces.
@test "reader: a header of 1 MiB after a BOM is read alike from a pipe that pauses" {
	{ printf '\357\273\277id\t'; head -c $((MIB - 3)) /dev/zero | tr '\0' a
	  printf '\nr1\tx\n'; } >in
	run -0 --separate-stderr bash -c 'bpflags -q in | wc -l'
	[ "$output" -eq 2 ]
	run -0 --separate-stderr bash -c '{ head -c $(($0 + 3)) in; sleep 0.5
	    tail -c +$(($0 + 4)) in; } | bpflags -q | wc -l' "$MIB"
	[ "$output" -eq 2 ]
	[ "$stderr" = "bpflags: -:1: no intake columns found" ]
}

# "...x\r\r\n": the reader removes every CR before the LF, so a last
# field cannot end in CR and running twice gives the same output as once
# (SPEC §2), also when the tool's columns are already in place.
@test "reader: a last field ending in CR: running bpclassify twice gives the same output as once" {
	{ tsv id phase pattern startback odi disability note
	  printf 'a\t\t\t\t\t\tx\r\r\n'; } >in
	run -1 bash -c 'bpclassify -q in >out1; bpclassify -q out1 >out2'
	[ "$(lines out1)" -eq 2 ]
	cmp out1 out2
}

# A BOM is removed from the header line whatever its line number, so an
# empty first line does not keep it in the output.
@test "reader: a BOM after an empty first line: running bpflags twice gives the same output as once" {
	printf '\n\357\273\277note\tid\nx\ta\n' >in
	run -1 bash -c 'bpflags -q in >out1; bpflags -q out1 >out2'
	[ "$(lines out1)" -eq 2 ]
	cmp out1 out2
}

# A record is cut only at the fields a tool has asked for (lib/tsv.c,
# split()).  Once those fields make runs of cuts apart from each other
# (id, then age three columns on), a line with more TABs than the header
# had its cuts written past the array that holds them: heap corruption,
# and bpflags aborted in free().  Found by fuzz_bpclassify; fuzz_tsv
# finds it when it asks for a few fields of each record.
@test "reader: a line of many more fields than the header, after fields read apart, is rejected" {
	local tool n
	for n in 40 5000; do
		{ printf 'id\tx\ty\tage\na\t\t\t\nb'
		  head -c "$n" /dev/zero | tr '\0' '\t'
		  printf '\nc\t\t\t\n'; } >in
		for tool in bpclassify bpflags; do
			run -1 --separate-stderr bash -c '"$0" -q -r rej in >out' "$tool"
			[ "$(lines out)" -eq 3 ]
			[ "$(lines rej)" -eq 1 ]
			[ "$(cut -f1 out | tr '\n' ' ')" = "id a c " ]
			[[ $stderr == *"in:3: $((n + 1)) fields, the header has 4"* ]]
		done
	done
}

# ---- the catalog ----

# bp-catalog(5): "Spaces around a field are ignored."  A contraindications
# field " none " was refused as an unknown code, as lib/catalog.c looks
# "none" up before it trimmed the field.  Found by fuzz_catalog.
@test "catalog: spaces around a contraindications none are ignored" {
	bproutine --dump-catalog | awk -F '\t' -v OFS='\t' \
	    'NR > 1 && $5 == "none" { $5 = " none " } 1' >spaced.tsv
	[ "$(grep -c '	 none 	' spaced.tsv)" -gt 0 ]
	run --separate-stderr bproutine -q "$DATA/sample.pipeline.tsv"
	local want=$output wstatus=$status
	[ "$wstatus" -le 1 ]
	run --separate-stderr bproutine -q -c spaced.tsv "$DATA/sample.pipeline.tsv"
	[ "$status" -eq "$wstatus" ]
	[ "$output" = "$want" ]
}

# ---- bpreport --merge ----

# --merge finds section, key and value by name, in any order (SPEC §2).
@test "bpreport: --merge finds section, key and value by name" {
	summary a.tsv "$(tsv records total 3)" "$(tsv phase acute 2)"
	{ tsv key value section; tsv total 3 records; tsv acute 2 phase; } >b.tsv
	run -0 --separate-stderr bpreport --merge -f tsv a.tsv
	local want=$output
	run -0 --separate-stderr bpreport --merge -f tsv b.tsv
	[ "$output" = "$want" ]
}

# A merged count over the records (summaries of other batches, or edited)
# draws a full bar, not 10^18 marks.
@test "bpreport: --merge: a count over the records does not draw an endless bar" {
	summary s.tsv "$(tsv records total 1)" "$(tsv phase acute 100000000000000000)"
	run -0 --separate-stderr bash -c 'bpreport --merge s.tsv | head -c 20000 | wc -c; exit "${PIPESTATUS[0]}"'
	[ "$output" -lt 20000 ]
}

# -f tsv writes sums whole and --merge reads them back (up to 2^64 - 1);
# a sum that would overflow is refused.
@test "bpreport: --merge reads back a summary it wrote with a 19-digit count" {
	summary s.tsv "$(tsv records total 999999999999999999)" \
	    "$(tsv records total 999999999999999999)"
	run -0 --separate-stderr bpreport --merge -f tsv s.tsv
	[ "$(printf '%s\n' "$output" | grep -c '1999999999999999998')" -eq 1 ]
	printf '%s\n' "$output" >merged.tsv
	run -0 --separate-stderr bpreport --merge -f tsv merged.tsv
	cmp merged.tsv <(printf '%s\n' "$output")
}
