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
