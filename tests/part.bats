#!/usr/bin/env bats
# --part K/N (bpclassify(1), bpflags(1), bproutine(1); bp(7), SCALING):
# the parts of a file, run one after another, write the records, the
# warnings and the rejects of a single run, every line in one part.

bats_require_minimum_version 1.5.0
load test_helper

# The filters that take --part, each with the file it reads here.
TOOLS="bpclassify:intake.tsv bpflags:classified.tsv bproutine:flagged.tsv"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	cp "$DATA/sample.tsv" intake.tsv
	bpclassify -q intake.tsv >classified.tsv || true
	bpflags -q classified.tsv >flagged.tsv || true
}

# fail LINE...: print the lines and fail the test.
fail() {
	printf '%s\n' "$@" >&2
	return 1
}

# oneheader: standard input without the lines that repeat its header.
oneheader() {
	awk 'NR == 1 { h = $0 } NR == 1 || $0 != h'
}

# parts TOOL FILE N [OPTION...]: TOOL over parts 1 to N of FILE, one after
# another, into parts.out (the records, the headers repeated) and
# parts.err; fails when a part exits with a status above 1.
parts() {
	local tool=$1 file=$2 n=$3 k s
	shift 3
	: >parts.out
	: >parts.err
	for k in $(seq 1 "$n"); do
		s=0
		"$tool" "$@" --part "$k/$n" "$file" >>parts.out 2>>parts.err ||
		    s=$?
		[ "$s" -le 1 ] || fail "$tool --part $k/$n: exit status $s" ||
		    return 1
	done
}

# same TOOL FILE N: the parts write what one run writes, warnings too.
same() {
	local one oneerr

	one=$("$1" "$2" 2>one.err) || true
	parts "$@" || return 1
	[ "$(oneheader <parts.out)" = "$one" ] ||
	    fail "$1 in $3 parts: the records differ" || return 1
	cmp -s parts.err one.err ||
	    fail "$1 in $3 parts: the warnings differ" "$(diff one.err parts.err)"
}

@test "part: every filter's parts, for 1 to 9 and 70 parts, write the records and the warnings of one run" {
	local t n

	for t in $TOOLS; do
		for n in 1 2 3 4 5 6 7 8 9 70; do
			same "${t%%:*}" "${t#*:}" "$n" || return 1
		done
	done
}

@test "part: each part writes the header, and each record is in one part" {
	local k n=4

	parts bpclassify intake.tsv "$n"
	[ "$(grep -c '^id	' parts.out)" -eq "$n" ]
	for k in 1 2 3 4; do
		run -0 bash -c "bpclassify -q --part $k/$n intake.tsv | wc -l"
		# a part holds about a quarter of the 62 records
		[ "$output" -gt 10 ] || fail "part $k: $output lines"
	done
	[ "$(oneheader <parts.out | wc -l)" -eq "$(wc -l <intake.tsv)" ]
}

@test "part: the parts of a larger batch write what one run writes" {
	local k

	"${CC:-cc}" -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -o gen \
	    "$TOP/tests/bench/gen.c"
	./gen -s 3 20000 >big.tsv
	same bpclassify big.tsv 7
	# a warning well into the last part names its line of the file
	grep -q '^bpclassify: big.tsv:1[89][0-9][0-9][0-9]: ' parts.err
}

@test "part: a line longer than a part is in one part; parts past the last line write the header alone" {
	{
		head -n 1 intake.tsv
		sed -n 2p intake.tsv | tr -d '\n'
		printf '\t%s' $(seq 1 10000) | tr -d '\t'
		printf '\n'
		sed -n '3,4p' intake.tsv
	} >long.tsv
	bpclassify -q long.tsv >one.out || true
	[ "$(wc -c <one.out)" -gt 20000 ]
	parts bpclassify long.tsv 50 -q
	oneheader <parts.out | cmp one.out -
	[ "$(grep -c '^id	' parts.out)" -eq 50 ]
}

@test "part: a header alone, an empty file, a last line with no LF, CR LF and a byte order mark" {
	head -n 1 intake.tsv >header.tsv
	parts bpclassify header.tsv 3
	[ "$(wc -l <parts.out)" -eq 3 ]
	[ "$(sort -u parts.out | wc -l)" -eq 1 ]
	: >empty.tsv
	parts bpclassify empty.tsv 2
	head -c -1 intake.tsv >nolf.tsv
	same bpclassify nolf.tsv 3
	{ printf '\357\273\277'; sed 's/$/\r/' intake.tsv; } >crlf.tsv
	same bpclassify crlf.tsv 5
}

@test "part: empty lines and repeated headers are read as in one run, on the line numbers of the file" {
	{
		head -n 20 intake.tsv
		printf '\n\n'
		head -n 1 intake.tsv
		sed -n '21,$p' intake.tsv
	} >mixed.tsv
	same bpclassify mixed.tsv 4
	# the warnings of line 22 of intake.tsv, 3 lines further down
	grep -q '^bpclassify: mixed.tsv:25: id P021: ' parts.err
	grep -q '^bpclassify: mixed.tsv:46: id P042: ' parts.err
}

@test "part: lines rejected by the parts are those of one run, in order" {
	{
		head -n 30 intake.tsv
		printf 'B9\tshort line\n'
		sed -n '31,$p' intake.tsv
		printf 'B10\tanother\n'
	} >bad.tsv
	run -1 bpclassify -q -r one.rej bad.tsv
	: >parts.rej
	for k in 1 2 3; do
		bpclassify -q -r part.rej --part "$k/3" bad.tsv >/dev/null || true
		cat part.rej >>parts.rej
	done
	cmp one.rej parts.rej
	[ "$(wc -l <one.rej)" -eq 2 ]
}

@test "part: standard input, a pipe, no file or two files are refused with exit 2" {
	local t

	for t in $TOOLS; do
		t=${t%%:*}
		run -2 --separate-stderr "$t" --part 1/2 <intake.tsv
		[ -z "$output" ]
		[[ $stderr == *"--part reads one FILE"*usage:* ]] || fail "$stderr"
		run -2 --separate-stderr "$t" --part 1/2 - <intake.tsv
		[[ $stderr == *"--part reads one FILE, not several"* ]] || fail "$stderr"
		run -2 --separate-stderr "$t" --part 1/2 intake.tsv intake.tsv
		[[ $stderr == *"--part reads one FILE, not several"* ]] || fail "$stderr"
		run -2 --separate-stderr bash -c \
		    "cat intake.tsv | $t --part 1/2 /dev/stdin"
		[ -z "$output" ]
		[[ $stderr == *"/dev/stdin: a part is of a regular file"* ]] ||
		    fail "$stderr"
	done
}

@test "part: K/N out of range or malformed is a usage error" {
	local a

	for a in 0/2 3/2 1/0 x 1 1/ /2 1/2/3 -1/2 1/1000001 1/2x 1/2.0; do
		run -2 --separate-stderr bpclassify --part "$a" intake.tsv
		[ -z "$output" ] || fail "--part '$a': output"
		[[ $stderr == *"--part takes K/N"*usage:* ]] ||
		    fail "--part '$a': $stderr"
	done
	run -0 bash -c 'bpclassify -q --part=1000000/1000000 intake.tsv | wc -l'
	[ "$output" -eq 1 ]
	run -1 bash -c 'bpclassify -q --part=1/1 intake.tsv >/dev/null'
}

@test "part: bptrack, bpreport and bpimport do not take --part" {
	local t

	for t in bptrack bpreport bpimport; do
		run -2 --separate-stderr "$t" --part 1/2 intake.tsv
		[[ $stderr == *"unknown option --part"* ]] || fail "$t: $stderr"
	done
}

@test "part: cut at every byte, and into more parts than bytes, every line is in one part" {
	local n b

	printf 'id\tage\nA\t1\n\nBB\t22\nC\t\nDDDD\t4\n\nE\t5' >tiny.tsv
	b=$(($(wc -c <tiny.tsv) - 7))
	bpclassify -q tiny.tsv >one.out 2>/dev/null || true
	for n in $(seq 1 $((b + 3))); do
		parts bpclassify tiny.tsv "$n" -q
		oneheader <parts.out | cmp one.out - || fail "$n parts" ||
		    return 1
		[ "$(grep -c '^id	' parts.out)" -eq "$n" ] || return 1
	done
}

@test "part: a warning about the header names line 1 in every part" {
	local k

	sed '1s/	age	/	Age 	/' intake.tsv >near.tsv
	for k in 1 2 3; do
		run -1 --separate-stderr bpflags -q --part "$k/3" near.tsv
		[ "$stderr" = 'bpflags: near.tsv:1: column "Age " is not read; did you mean "age"?' ] ||
		    fail "part $k: $stderr"
	done
	run -2 --separate-stderr bproutine --part 2/3 intake.tsv
	[[ $stderr == "bproutine: intake.tsv:1: no column phase"* ]] ||
	    fail "$stderr"
}

@test "part: a FIFO is refused at once, not opened to wait for a writer" {
	mkfifo fifo
	run -2 --separate-stderr timeout 10 bpclassify --part 1/2 fifo
	[ "$stderr" = "bpclassify: fifo: a part is of a regular file, not a stream" ]
}
