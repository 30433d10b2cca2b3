#!/usr/bin/env bats
# Past one machine (bp(7), SCALING): the commands of that section, run on
# a batch cut into parts, give the records and the report of one run.
# The commands are taken from the manual itself.

bats_require_minimum_version 1.5.0

load test_helper

setup_file() {
	local d=$BATS_FILE_TMPDIR s

	# the benchmark's generator: every intake column, a few bad values
	"${CC:-cc}" -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -o "$d/gen" \
	    "$TOP/tests/bench/gen.c"
	"$d/gen" -s 7 20000 >"$d/intake.tsv"
	# one run of the whole batch: the records, the report, the summary
	{ bpclassify -q "$d/intake.tsv" | bpflags -q | bproutine -q \
	    >"$d/one.tsv"; } || true
	s=0
	bpreport "$d/one.tsv" >"$d/whole.txt" 2>"$d/whole.err" || s=$?
	echo "$s" >"$d/whole.status"
	bpreport -q -f tsv "$d/one.tsv" >"$d/whole.tsv" || true
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	cp "$BATS_FILE_TMPDIR/intake.tsv" .
}

# fail LINE...: print the lines and fail the test.
fail() {
	printf '%s\n' "$@" >&2
	return 1
}

need_parallel() {
	parallel --version 2>/dev/null | grep -q '^GNU parallel' ||
	    skip "GNU parallel is not installed"
}

# scaling TEXT: the first literal display of bp(7)'s SCALING section that
# holds TEXT, with the mdoc escapes undone; fails if there is none.
scaling() {
	mandisplay bp.7 SCALING "$1"
}

# logged: the command on stdin with a job log in the file joblog.
logged() {
	sed -e 's/^parallel /parallel --joblog joblog /'
}

# oneheader FILE: FILE without the lines that repeat its header.
oneheader() {
	awk 'NR == 1 { h = $0 } NR == 1 || $0 != h' "$1"
}

# jobs_run: the number of jobs in the job log (its first line is a header).
jobs_run() {
	echo $(($(wc -l <joblog) - 1))
}

# status: the exit status of bpreport over the whole batch: 1, since some
# records have problems (an empty id among them).
status() {
	cat "$BATS_FILE_TMPDIR/whole.status"
}

# warnings: check that stderr holds only bpreport's warnings of empty ids,
# as many as one run of the batch gives.
warnings() {
	local n

	n=$(wc -l <"$BATS_FILE_TMPDIR/whole.err")
	[ "$n" -gt 0 ] || fail "the test batch has no empty id"
	[ -z "$(printf '%s\n' "$stderr" |
	    grep -Ev '^bpreport: [^:]+:[0-9]+: id: empty$')" ] ||
	    fail "unexpected stderr:" "$stderr"
	[ "$(printf '%s\n' "$stderr" | grep -c .)" -eq "$n" ] ||
	    fail "not $n warnings:" "$stderr"
}

@test "scale: the batch cut in place into parts run by GNU parallel gives the records and the report of one run" {
	local cmd

	need_parallel
	cmd=$(scaling '>routed.{}.tsv') || return 1
	cmd=$(printf '%s\n' "$cmd" | logged)
	# bpreport over the parts: the report of the whole batch, exit 1
	run -1 --separate-stderr bash -c "$cmd"
	[ "$output" = "$(cat "$BATS_FILE_TMPDIR/whole.txt")" ] ||
	    fail "the report differs:" "$output"
	warnings
	[ "$(jobs_run)" -eq 4 ] || fail "$(jobs_run) parts"
	# each part's header, and between them the records of one run
	cat routed.1.tsv routed.2.tsv routed.3.tsv routed.4.tsv >routed.tsv
	[ "$(grep -c "^$(head -n 1 intake.tsv)	" routed.tsv)" -eq 4 ]
	oneheader routed.tsv | cmp "$BATS_FILE_TMPDIR/one.tsv" -
	# every part has records: the cut is in the middle of the batch
	for k in 1 2 3 4; do
		[ "$(wc -l <routed.$k.tsv)" -gt 1000 ] || fail "part $k is small"
	done
}

@test "scale: a batch whose header has a byte order mark and CR LF is cut into parts that give the records of one run" {
	local cmd

	need_parallel
	cmd=$(scaling '>routed.{}.tsv') || return 1
	{ printf '\357\273\277'; sed 's/$/\r/' intake.tsv; } >bom.tsv
	mv bom.tsv intake.tsv
	run -1 --separate-stderr bash -c "$cmd"
	[ "$output" = "$(cat "$BATS_FILE_TMPDIR/whole.txt")" ] ||
	    fail "the report differs:" "$output"
}

@test "scale: summaries of the parts, merged, give the report of one run" {
	local cmd

	need_parallel
	cmd=$(scaling 'bpreport --merge') || return 1
	cmd=$(printf '%s\n' "$cmd" | logged)
	[ "$(status)" -eq 1 ]
	run -1 --separate-stderr bash -c "$cmd"
	[ "$output" = "$(cat "$BATS_FILE_TMPDIR/whole.txt")" ] ||
	    fail "the merged report differs:" "$output"
	warnings
	[ "$(jobs_run)" -eq 4 ] || fail "$(jobs_run) parts"
	# the summary of the whole, to keep
	run -1 --separate-stderr bash -c "${cmd/%--merge/--merge -f tsv}"
	[ "$output" = "$(cat "$BATS_FILE_TMPDIR/whole.tsv")" ] ||
	    fail "the merged summary differs:" "$output"
}

@test "scale: summaries brought back by parallel --sshlogin merge into the report of one run" {
	local cmd

	need_parallel
	cmd=$(scaling '--sshlogin') || return 1
	# every part on this machine (":"), which needs no copy of the batch
	cmd=$(printf '%s\n' "$cmd" | logged |
	    sed -e 's/--sshlogin [^ ]*/--sshlogin :/' -e 's/--basefile [^ ]*//')
	[ "$(status)" -eq 1 ]
	run -1 --separate-stderr bash -c "$cmd"
	[ "$output" = "$(cat "$BATS_FILE_TMPDIR/whole.txt")" ] ||
	    fail "the merged report differs:" "$output"
	warnings
	[ "$(jobs_run)" -eq 24 ] || fail "$(jobs_run) parts"
}

@test "scale: the Hadoop Streaming files, mapper and reducer, run by hand, give the counts and work lists of one run" {
	local cmd tab=$'\t' worklist='^(emergency|urgent|unscreened)'$'\t'

	split --help 2>/dev/null | grep -q -- --filter ||
	    skip "split has no --filter (not GNU split)"
	cmd=$(scaling 'split -l') || return 1
	# the files with their headers, 4000 records each, not stored in HDFS
	cmd=$(printf '%s\n' "$cmd" | grep -v '^hdfs ' |
	    sed 's/split -l [0-9]*/split -l 4000/')
	run -0 --separate-stderr bash -c "$cmd"
	[ -z "$output" ] && [ -z "$stderr" ] || fail "$output$stderr"
	[ "$(ls part.*.tsv | wc -l)" -eq 5 ] || fail "files:" part.*
	for f in part.*.tsv; do
		[ "$(head -n 1 "$f")" = "$(head -n 1 intake.tsv)" ] ||
		    fail "$f does not start with the header"
	done
	scaling 'PIPESTATUS' >bp-map || return 1
	scaling '--merge -f tsv' >bp-reduce || return 1
	# the job: each file to a mapper, the rows sorted by their key (the
	# first field) as Hadoop's shuffle does, then one reducer; a task
	# fails unless its status is 0
	: >map.out
	for f in part.*.tsv; do
		bash bp-map <"$f" >>map.out 2>>map.err ||
		    fail "bp-map <$f: exit status $?"
	done
	[ "$(grep -c . map.err)" -eq \
	    "$(wc -l <"$BATS_FILE_TMPDIR/whole.err")" ] || fail "$(cat map.err)"
	LC_ALL=C sort -t "$tab" -k1,1 map.out >shuffled
	run -0 --separate-stderr sh bp-reduce <shuffled
	[ -z "$stderr" ] || fail "bp-reduce: $stderr"
	printf '%s\n' "$output" >out.tsv
	# counts in the same order; work lists the same rows, in another
	diff -u <(grep -Ev "$worklist" "$BATS_FILE_TMPDIR/whole.tsv") \
	    <(grep -Ev "$worklist" out.tsv)
	diff -u <(grep -E "$worklist" "$BATS_FILE_TMPDIR/whole.tsv" | sort) \
	    <(grep -E "$worklist" out.tsv | sort)
	[ "$(grep -cE "$worklist" out.tsv)" -gt 100 ]
	# and the report printed from the job's output
	run -1 --separate-stderr bpreport --merge out.tsv
	[ "${lines[0]}" = "$(head -n 1 "$BATS_FILE_TMPDIR/whole.txt")" ]
	[ -z "$stderr" ]
}
