#!/usr/bin/env bats
# The rejects file (-r FILE, SPEC §7): a mistyped option must never
# empty an intake file, and rejected lines must never be lost or mixed
# with anything else.

bats_require_minimum_version 1.5.0
load test_helper

# Every tool that takes -r, with what it needs to read intake.tsv.
TOOLS="bpclassify bpflags bproutine bpreport"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	cp "$DATA/sample.tsv" intake.tsv
	bpclassify -q intake.tsv | bpflags -q | bproutine -q >routed.tsv || true
	cp intake.tsv keep.tsv
	cp routed.tsv keep-routed.tsv
}

# input TOOL: the file TOOL reads here.
input() {
	case $1 in
	bproutine) echo flagged.tsv ;;
	bpreport) echo routed.tsv ;;
	*) echo intake.tsv ;;
	esac
}

# untouched: intake.tsv and routed.tsv are as they were.
untouched() {
	cmp -s intake.tsv keep.tsv || { echo "intake.tsv was changed"; return 1; }
	cmp -s routed.tsv keep-routed.tsv ||
	    { echo "routed.tsv was changed"; return 1; }
}

@test "rejects: -r naming the input file is refused with exit 2, the file intact" {
	local t
	bpclassify -q intake.tsv | bpflags -q >flagged.tsv || true
	for t in $TOOLS; do
		in=$(input "$t")
		cp "$in" before
		run -2 --separate-stderr "$t" -r "$in" "$in"
		[ -z "$output" ]
		[[ $stderr == "$t: $in: refused as the rejects file: it is also an input" ]]
		cmp "$in" before
	done
}

@test "rejects: -r naming the file standard input comes from is refused" {
	run -2 --separate-stderr bash -c 'bpclassify -r intake.tsv <intake.tsv'
	[[ $stderr == *"intake.tsv: refused as the rejects file: it is also an input" ]]
	untouched
	run -2 --separate-stderr bash -c 'bpreport -r routed.tsv - <routed.tsv'
	untouched
}

@test "rejects: -r naming an intake file while reading a pipe is refused: it holds records" {
	run -2 --separate-stderr bash -c 'cat intake.tsv | bpclassify -r intake.tsv'
	[[ $stderr == "bpclassify: intake.tsv: refused as the rejects file: it holds records"* ]]
	untouched
}

@test "rejects: -r naming an intake file with an empty input is refused, the file intact" {
	local t
	for t in $TOOLS; do
		run -2 --separate-stderr bash -c '"$0" -r intake.tsv </dev/null' "$t"
		[[ $stderr == *"refused as the rejects file: it holds records"* ]]
		untouched
	done
}

@test "rejects: -r naming another batch's file (a header with id) is refused" {
	printf 'id\tage\nX1\t40\n' >other.tsv
	cp other.tsv other.keep
	run -2 --separate-stderr bpflags -r other.tsv intake.tsv
	cmp other.tsv other.keep
}

@test "rejects: -r naming standard output is refused: the rejected lines would be lost" {
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	run -2 --separate-stderr bash -c 'bpclassify -q -r same.tsv m.tsv >same.tsv'
	[[ $stderr == "bpclassify: same.tsv: refused as the rejects file: it is also standard output" ]]
}

@test "rejects: an old rejects file is emptied, then holds this run's rejected lines" {
	printf 'old broken line\n' >rej.tsv
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	run -1 --separate-stderr bpclassify -q -r rej.tsv m.tsv
	[ "$(cat rej.tsv)" = BAD ]
}

@test "rejects: a run that rejects nothing leaves an old rejects file empty" {
	printf 'old broken line\n' >rej.tsv
	printf 'id\tage\nA\t40\n' >clean.tsv
	run -0 --separate-stderr bpflags -q -r rej.tsv clean.tsv
	[ ! -s rej.tsv ]
}

@test "rejects: a run its header stops, whatever the problem, leaves an old rejects file as it was" {
	local t h
	for t in bpclassify bpflags bptrack bproutine bpreport; do
		for h in 'age' 'id\tid' 'id\t\t'; do
			printf 'old broken line\n' >rej.tsv
			printf "$h\\nA\\n" >bad.tsv
			run -2 --separate-stderr "$t" -r rej.tsv bad.tsv
			[ "$(cat rej.tsv)" = 'old broken line' ] ||
			    { echo "$t, header $h: rejects file changed"; return 1; }
		done
	done
	printf 'old broken line\n' >rej.tsv
	printf 'id,id\nA,B\n' >bad.csv
	run -2 --separate-stderr bpimport -r rej.tsv bad.csv
	[ "$(cat rej.tsv)" = 'old broken line' ]
	printf 'age\n1\n' >noid.csv
	run -2 --separate-stderr bpimport -r rej.tsv noid.csv
	[ "$(cat rej.tsv)" = 'old broken line' ]
	# an input of no line at all is a whole run that rejected nothing
	: >empty.tsv
	run -0 --separate-stderr bpflags -r rej.tsv empty.tsv
	[ ! -s rej.tsv ]
}

@test "rejects: a new rejects file is readable by its owner only (mode 0600)" {
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	run -1 --separate-stderr bash -c 'umask 022; bpclassify -q -r new.tsv m.tsv >/dev/null'
	[ "$(stat -c %a new.tsv)" = 600 ]
}

@test "rejects: with standard error closed, diagnostics never land in the rejects file" {
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	# from a pipe, so that no operand takes descriptor 2
	run -1 bash -c 'bpclassify -r rej.tsv <m.tsv >/dev/null 2>&-'
	[ "$(cat rej.tsv)" = BAD ]
	run -1 bash -c 'cat m.tsv | bpclassify -r rej.tsv >/dev/null 2>&-'
	[ "$(cat rej.tsv)" = BAD ]
}

@test "rejects: -r naming a file whose header has a byte order mark and CRLF is refused: it holds records" {
	printf '\357\273\277id\tage\r\nX1\t40\r\n' >other.tsv
	cp other.tsv other.keep
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	run -2 --separate-stderr bpclassify -q -r other.tsv m.tsv
	[ "$stderr" = "bpclassify: other.tsv: refused as the rejects file: it holds records (its first line is a header)" ]
	[ -z "$output" ]
	cmp other.tsv other.keep
}

@test "rejects: -r /dev/full: a rejected line that cannot be written is an error, exit 2" {
	{ cat intake.tsv; printf 'BAD\n'; cat keep.tsv; } >m.tsv
	run -2 --separate-stderr bpclassify -q -r /dev/full m.tsv
	n=$(($(wc -l <intake.tsv) + 1))
	[ "$stderr" = "bpclassify: m.tsv:$n: 1 field, the header has $(head -n 1 intake.tsv | awk -F'\t' '{ print NF }')
bpclassify: /dev/full: No space left on device" ]
}

@test "rejects: -r /dev/null: rejected lines are dropped there and the run goes on (exit 1)" {
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	run -1 --separate-stderr bpclassify -q -r /dev/null m.tsv
	[[ $stderr == "bpclassify: m.tsv:"*": 1 field, the header has "* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
	# every record of intake.tsv is out
	[ "$(printf '%s\n' "$output" | records /dev/stdin)" -eq "$(records intake.tsv)" ]
}

# --- errors on the rejects file (strace fault injection) ----------------------

# callno CALL FILE K AFTER ARG...: run ARG... under strace and print the
# number, among all its CALL calls, of the K-th one on FILE (on the
# descriptor it opened FILE on; for open and openat, the K-th opening of
# FILE), counting only from its first write to AFTER (- for from the
# start).  Nothing when there is none.
callno() {
	local call=$1 file=$2 k=$3 after=$4
	shift 4
	strace -qq -o trace.txt -e trace="open,openat,$call,write" "$@" \
	    >/dev/null 2>&1 </dev/null || true
	awk -v c="$call" -v f="\"$file\"" -v a="\"$after\"" -v k="$k" '
	{ name = $0; sub(/\(.*/, "", name); on = 0 }
	name == c { n++ }
	name == c && name ~ /^open/ { on = index($0, f) }
	name == c && name !~ /^open/ && fd != "" {
		on = index($0, c "(" fd ",") || index($0, c "(" fd ")")
	}
	on && from && ++seen == k { print n; exit }
	name ~ /^open/ && index($0, f) { fd = $NF }
	name ~ /^open/ && index($0, a) { afd = $NF }
	a == "\"-\"" || (name == "write" && afd != "" &&
	    index($0, "write(" afd ",")) { from = 1 }' trace.txt
}

# inject CALL N ERRNO ARG...: run ARG... with its N-th CALL failing with
# ERRNO.
inject() {
	local call=$1 n=$2 err=$3
	shift 3
	run --separate-stderr strace -qq -o /dev/null -e trace="$call" \
	    -e inject="$call":error="$err":when="$n" "$@"
}

# bigbad: m.tsv, intake.tsv with a line of 2 MiB (TABs in it) after its
# first record; LONG, the number of that line.
bigbad() {
	{
		head -n 2 intake.tsv
		head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' '\t'
		printf '\n'
		tail -n +3 intake.tsv
	} >m.tsv
	LONG=3
}

@test "rejects: a write error on the rejects file amid a 2 MiB line is an error, exit 2" {
	local n
	needstrace
	bigbad
	n=$(callno write rej.tsv 2 - bpclassify -q -r rej.tsv m.tsv)
	[ -n "$n" ] || { echo "strace shows no second write of rej.tsv"; false; }
	inject write "$n" ENOSPC bpclassify -q -r rej.tsv m.tsv
	[ "$status" -eq 2 ]
	[ "$stderr" = "bpclassify: m.tsv:$LONG: line longer than 1 MiB
bpclassify: rej.tsv: No space left on device" ]
}

@test "rejects: a read error while the rest of a 2 MiB line is copied to the rejects file names the input, exit 2" {
	local n
	needstrace
	bigbad
	n=$(callno read m.tsv 1 rej.tsv bpclassify -q -r rej.tsv m.tsv)
	[ -n "$n" ] || { echo "strace shows no read of m.tsv after a write of rej.tsv"; false; }
	# as it was for that run: no rejects file to look into
	rm rej.tsv
	inject read "$n" EIO bpclassify -q -r rej.tsv m.tsv
	[ "$status" -eq 2 ]
	[ "$stderr" = "bpclassify: m.tsv:$LONG: line longer than 1 MiB
bpclassify: m.tsv: Input/output error" ]
}

@test "rejects: a rejects file whose close fails (a delayed write error) is an error, exit 2, after the whole output" {
	local n
	needstrace
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	bpclassify -q intake.tsv >want.tsv || true
	n=$(callno close rej.tsv 1 - bpclassify -q -r rej.tsv m.tsv)
	[ -n "$n" ] || { echo "strace shows no close of rej.tsv"; false; }
	inject close "$n" EIO bpclassify -q -r rej.tsv m.tsv
	[ "$status" -eq 2 ]
	[ "$stderr" = "bpclassify: m.tsv:$(($(wc -l <intake.tsv) + 1)): 1 field, the header has $(head -n 1 intake.tsv | awk -F'\t' '{ print NF }')
bpclassify: rej.tsv: Input/output error" ]
	[ "$output" = "$(cat want.tsv)" ]
	[ "$(cat rej.tsv)" = BAD ]
}

@test "rejects: an old rejects file that cannot be emptied is an error, exit 2, before any output" {
	local n
	needstrace
	printf 'old broken line\n' >rej.tsv
	n=$(callno ftruncate rej.tsv 1 - bpclassify -q -r rej.tsv intake.tsv)
	[ -n "$n" ] || { echo "strace shows no ftruncate of rej.tsv"; false; }
	printf 'old broken line\n' >rej.tsv
	inject ftruncate "$n" EIO bpclassify -q -r rej.tsv intake.tsv
	[ "$status" -eq 2 ]
	[ "$stderr" = "bpclassify: rej.tsv: Input/output error" ]
	[ -z "$output" ]
	[ "$(cat rej.tsv)" = 'old broken line' ]
}

@test "rejects: a rejects file that may be opened for writing only still gets the rejected lines" {
	local n
	needstrace
	{ cat intake.tsv; printf 'BAD\n'; } >m.tsv
	printf 'old broken line\n' >rej.tsv
	# as a file of mode 0200 for a user other than root
	n=$(callno openat rej.tsv 1 - bpclassify -q -r rej.tsv m.tsv)
	[ -n "$n" ] || { echo "strace shows no openat of rej.tsv"; false; }
	inject openat "$n" EACCES bpclassify -q -r rej.tsv m.tsv
	[ "$status" -eq 1 ]
	[[ $stderr == "bpclassify: m.tsv:"*": 1 field, the header has "* ]]
	[ "$(cat rej.tsv)" = BAD ]
}
