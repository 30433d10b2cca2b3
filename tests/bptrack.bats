#!/usr/bin/env bats
# bptrack: every rule of SPEC §10 (visit, days, odi_change, pain_change,
# progress and its order), ids as §3 reads them, bad input, memory per
# person and running out of it, the sample follow-up batch, and the
# properties that let a batch be split: two batches of different persons
# give, together, what each gives alone, and the splitting recipes of
# bp(7) give the records of one run.

bats_require_minimum_version 1.5.0

load test_helper

PROG=bptrack

# setup_file: the benchmark's generator, for the property tests.
setup_file() {
	"${CC:-cc}" -std=c99 -D_POSIX_C_SOURCE=200809L -O2 \
	    -o "$BATS_FILE_TMPDIR/gen" "$TOP/tests/bench/gen.c"
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# visits ROW...: in.tsv with the header id seen severity odi and one
# record for each ROW, its fields separated by | (id|seen|severity|odi).
visits() {
	local r

	tsv id seen severity odi >in.tsv
	for r; do
		printf '%s\n' "$r" | tr '|' '\t' >>in.tsv
	done
}

# track STATUS [ARG...]: run bptrack ARG... in.tsv, expecting STATUS.
track() {
	local s=$1

	shift
	run -"$s" --separate-stderr bptrack "$@" in.tsv
}

# outs COLUMN: the values of output column COLUMN, one record after the
# other, separated by spaces.
outs() {
	printf '%s\n' "$output" | col "$1" | paste -sd ' ' -
}

# expect COLUMN 'VALUE...': output column COLUMN holds these values, in
# record order; several COLUMN 'VALUE...' pairs may follow.
expect() {
	local got

	while [ $# -gt 0 ]; do
		got=$(outs "$1")
		[ "$got" = "$2" ] ||
		    { printf '%s\nexpected: %s\ngot:      %s\n' "$1" "$2" "$got"
		    return 1; }
		shift 2
	done
}

# becomes PROGRESS 'SEEN|SEVERITY|ODI' 'SEEN|SEVERITY|ODI': a person's
# second visit, after the first, has this progress, with exit status 0.
becomes() {
	local got

	visits "P1|$2" "P1|$3"
	track 0
	clean
	got=$(printf '%s\n' "$output" | col progress | sed -n 2p)
	[ "$got" = "$1" ] ||
	    { echo "visits $2, then $3: expected $1, got $got"; return 1; }
}

# --- the columns -------------------------------------------------------------

@test "bptrack: appends visit days odi_change pain_change progress, in that order" {
	visits 'P1|2024-01-01|5|40'
	track 0
	clean
	[ "${lines[0]}" = "$(tsv id seen severity odi visit days odi_change \
	    pain_change progress)" ]
	[ "${lines[1]}" = "$(tsv P1 2024-01-01 5 40 1 0 none none baseline)" ]
}

@test "bptrack: a header without seen exits 2 naming seen, before any output" {
	printf 'id\tseverity\nP1\t3\n' >in.tsv
	track 2
	[ -z "$output" ]
	[ "$stderr" = "bptrack: in.tsv:1: no column seen" ]
}

@test "bptrack: a header without id exits 2 naming id" {
	printf 'seen\tseverity\n2024-01-01\t3\n' >in.tsv
	track 2
	[ -z "$output" ]
	[ "$stderr" = "bptrack: in.tsv:1: no column id" ]
}

@test "bptrack: odi and severity are read only when present: without them, later visits are unknown" {
	printf 'id\tseen\nP1\t2024-01-01\nP1\t2024-03-01\n' >in.tsv
	track 0
	clean
	expect visit '1 2' days '0 60' odi_change 'none unknown' \
	    pain_change 'none unknown' progress 'baseline unknown'
}

@test "bptrack: Oswestry answers without the odi column are warned about once (run bpclassify first), exit 1" {
	printf 'id\tseen\tseverity\todi1\nP1\t2024-01-01\t5\t3\nP1\t2024-01-08\t8\t5\n' >in.tsv
	track 1
	expect progress 'baseline worse'
	[ "$stderr" = "bptrack: in.tsv:1: no column odi: run bpclassify first, or the Oswestry index is not compared" ]
	# after bpclassify, nothing to say
	run -0 --separate-stderr bash -c 'bpclassify -q in.tsv | bptrack'
	clean
}

@test "bptrack: output columns already present are overwritten in place, so a second run changes nothing" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-01-08|7|40'
	track 0
	printf '%s\n' "$output" >once.tsv
	run -0 --separate-stderr bptrack once.tsv
	clean
	[ "$output" = "$(cat once.tsv)" ]
	# and a column of that name in the middle is overwritten where it is
	printf 'id\tprogress\tseen\nP1\told\t2024-01-01\n' >in.tsv
	track 0
	[ "${lines[0]}" = "$(tsv id progress seen visit days odi_change pain_change)" ]
	[ "${lines[1]}" = "$(tsv P1 baseline 2024-01-01 1 0 none none)" ]
}

# --- visit ---------------------------------------------------------------------

@test "bptrack: visit numbers each person's records 1, 2, 3 in input order, persons mixed" {
	visits 'A|2024-01-01|5|' 'B|2024-01-02|5|' 'A|2024-01-03|5|' \
	    'C|2024-01-03|5|' 'B|2024-01-04|5|' 'A|2024-01-05|5|'
	track 0
	clean
	expect id 'A B A C B A' visit '1 1 2 1 2 3'
}

@test "bptrack: 50000 persons seen once each, then again in another order: every second record is visit 2 of its person" {
	{ tsv id seen
	  awk 'BEGIN { for (i = 0; i < 50000; i++) printf "P%d\t2024-01-01\n", i
	      for (i = 0; i < 50000; i++) printf "P%d\t2024-01-02\n", (i * 7919) % 50000 }'
	} >in.tsv
	track 0
	[ "$(printf '%s\n' "$output" | awk -F '\t' 'NR > 1 { n[$3 == (NR <= 50001 ? 1 : 2) ? "ok" : "bad"]++ } END { print n["ok"] + 0, n["bad"] + 0 }')" = "100000 0" ]
}

@test "bptrack: ids are the same person with spaces around them, otherwise only byte for byte (P01 and p01 are two people)" {
	visits 'P01|2024-01-01|5|' ' P01 |2024-01-02|5|' 'p01|2024-01-03|5|' \
	    'P01 |2024-01-04|5|' 'P 01|2024-01-05|5|' 'P01|2024-01-06|5|'
	track 0
	clean
	expect visit '1 2 1 3 1 4'
}

@test "bptrack: an empty id is nobody: all five columns unknown, a warning, exit 1" {
	visits 'P1|2024-01-01|5|40' '|2024-02-01|5|40' '  |2024-02-02|2|10' \
	    'P1|2024-02-03|5|40'
	track 1
	expect visit '1 unknown unknown 2' days '0 unknown unknown 33' \
	    odi_change 'none unknown unknown 0' \
	    pain_change 'none unknown unknown 0' \
	    progress 'baseline unknown unknown not_improving'
	warned -l 3 id '' -l 4 id ''
}

@test "bptrack: an empty id is no one's first visit: the next records of empty ids are not compared with it" {
	visits '|2024-01-01|2|10' '|2024-03-01|9|60'
	track 1
	expect visit 'unknown unknown' progress 'unknown unknown'
}

# --- days ----------------------------------------------------------------------

@test "bptrack: days count from the first visit's seen, 0 on the first visit" {
	visits 'P1|2024-02-27|5|' 'P1|2024-03-01|5|' 'P1|2025-03-01|5|'
	track 0
	clean
	expect days '0 3 368'
}

@test "bptrack: days are unknown when either seen is empty" {
	visits 'P1|2024-01-01|5|' 'P1||5|' 'P2||5|' 'P2|2024-02-01|5|'
	track 0
	clean
	expect days '0 unknown unknown unknown'
}

@test "bptrack: days are invalid when either seen is invalid, and so is progress" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-02-30|9|70' \
	    'P2|1 March|5|40' 'P2|2024-03-08|9|70'
	track 1
	expect days '0 invalid invalid invalid' \
	    progress 'baseline invalid baseline invalid'
	warned -l 3 seen 2024-02-30 -l 4 seen '1 March'
}

@test "bptrack: days are invalid, not unknown, when one seen is invalid and the other empty" {
	visits 'P1||5|' 'P1|2024-02-30|5|' 'P2|2024-13-01|5|' 'P2||5|'
	track 1
	expect days 'unknown invalid invalid invalid' \
	    progress 'baseline invalid baseline invalid'
}

@test "bptrack: days over 36500 are invalid, with a warning" {
	visits 'P1|2000-01-01|5|' 'P1|2099-12-07|5|' 'P1|2099-12-08|5|'
	track 1
	expect days '0 36500 invalid' progress 'baseline not_improving invalid'
	warned -l 4 seen 2099-12-08
	[[ $stderr == *"over 100 years after the first visit"* ]]
}

# --- odi_change and pain_change ------------------------------------------------

@test "bptrack: odi_change is signed, -12, 0 or +8, and none on the first visit" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-01-02|5|28' 'P1|2024-01-03|5|40' \
	    'P1|2024-01-04|5|48' 'P1|2024-01-05|5|0'
	track 0
	clean
	expect odi_change 'none -12 0 +8 -40'
}

@test "bptrack: pain_change is signed, and none on the first visit" {
	visits 'P1|2024-01-01|5|' 'P1|2024-01-02|10|' 'P1|2024-01-03|0|' \
	    'P1|2024-01-04|5|'
	track 0
	clean
	expect pain_change 'none +5 -5 0'
}

@test "bptrack: odi_change is unknown when either odi is not a number: empty, unknown or invalid" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-01-02|5|' 'P1|2024-01-03|5|unknown' \
	    'P1|2024-01-04|5|invalid' 'P2|2024-01-01|5|unknown' \
	    'P2|2024-01-02|5|40' 'P3|2024-01-01|5|invalid' 'P3|2024-01-02|5|40'
	track 0
	clean
	expect odi_change 'none unknown unknown unknown none unknown none unknown'
}

@test "bptrack: odi other than a number 0-100, unknown or invalid is warned about and read as invalid" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-01-02|5|101' 'P1|2024-01-03|5|n/a' \
	    'P1|2024-01-04|5| 28 ' 'P1|2024-01-05|5|Unknown'
	track 1
	expect odi_change 'none unknown unknown -12 unknown'
	warned -l 3 odi 101 -l 4 odi n/a -l 6 odi Unknown
}

@test "bptrack: a bad severity is warned about, and the change is unknown" {
	visits 'P1|2024-01-01|5|' 'P1|2024-01-02|11|' 'P1|2024-01-03|x|' \
	    'P2|2024-01-01|-1|' 'P2|2024-01-02|5|'
	track 1
	expect pain_change 'none unknown unknown none unknown'
	warned -l 3 severity 11 -l 4 severity x -l 5 severity -1
}

# --- progress, rule by rule, in order -------------------------------------------

@test "bptrack: progress is baseline on the first visit, whatever its values" {
	visits 'P1|2024-01-01|5|40' 'P2|||' 'P3|2024-13-01|99|x'
	track 1
	expect progress 'baseline baseline baseline'
}

@test "bptrack: a visit seen before the person's previous one is invalid, with a warning, exit 1" {
	visits 'P1|2024-01-01|8|60' 'P1|2024-02-01|8|60' 'P1|2024-01-15|2|10'
	track 1
	expect days '0 31 14' progress 'baseline not_improving invalid'
	warned -l 4 seen 2024-01-15
	[[ $stderr == *"seen: before the person's previous visit"* ]]
}

@test "bptrack: a visit out of order is checked against the latest date so far, and does not move it back" {
	visits 'P1|2024-01-01|5|' 'P1|2024-03-01|5|' 'P1|2024-02-01|5|' \
	    'P1|2024-02-15|5|' 'P1||5|' 'P1|2024-03-01|5|'
	track 1
	expect progress 'baseline not_improving invalid invalid unknown not_improving'
	warned -l 4 seen 2024-02-01 -l 5 seen 2024-02-15
}

@test "bptrack: a visit seen before the first visit has days invalid" {
	visits 'P1|2024-03-01|5|' 'P1|2024-02-01|5|'
	track 1
	expect days '0 invalid' progress 'baseline invalid'
}

@test "bptrack: invalid comes before worse" {
	visits 'P1|2024-01-01|2|10' 'P1|2024-02-30|9|90'
	track 1
	expect progress 'baseline invalid'
}

@test "bptrack: worse when odi rose by 10 points or more; 9 is not" {
	becomes worse '2024-01-01|5|40' '2024-01-08|5|50'
	becomes same '2024-01-01|5|40' '2024-01-08|5|49'
	becomes worse '2024-01-01||0' '2024-01-08||10'
}

@test "bptrack: worse when severity rose by 2 or more; 1 is not" {
	becomes worse '2024-01-01|5|40' '2024-01-08|7|40'
	becomes same '2024-01-01|5|40' '2024-01-08|6|40'
	becomes worse '2024-01-01|5|' '2024-01-08|7|'
}

@test "bptrack: worse comes before improved: odi fell by 20 but severity rose by 2" {
	becomes worse '2024-01-01|5|60' '2024-01-08|7|40'
}

@test "bptrack: improved when odi fell by 10 points or more; 9 is not" {
	becomes improved '2024-01-01|5|80' '2024-01-08|5|70'
	becomes same '2024-01-01|5|80' '2024-01-08|5|71'
}

@test "bptrack: improved when odi fell by 30% of the first visit's: 3 of 10 is, 2 is not" {
	becomes improved '2024-01-01|5|10' '2024-01-08|5|7'
	becomes same '2024-01-01|5|10' '2024-01-08|5|8'
	becomes improved '2024-01-01|5|20' '2024-01-08|5|14'
	becomes same '2024-01-01|5|20' '2024-01-08|5|15'
}

@test "bptrack: with odi known at both visits, severity alone does not make improved" {
	becomes same '2024-01-01|8|40' '2024-01-08|2|40'
	becomes not_improving '2024-01-01|8|40' '2024-02-08|2|38'
}

@test "bptrack: with odi not known at both visits, improved when severity fell by 2 or more; 1 is not" {
	becomes improved '2024-01-01|8|40' '2024-01-08|6|'
	becomes improved '2024-01-01|8|' '2024-01-08|6|40'
	becomes improved '2024-01-01|8|unknown' '2024-01-08|6|unknown'
	becomes same '2024-01-01|8|' '2024-01-08|7|'
}

@test "bptrack: with odi not known at both visits, improved when severity fell by 30% of the first visit's: 1 of 3 is, 1 of 4 is not" {
	becomes improved '2024-01-01|3|' '2024-01-08|2|'
	becomes same '2024-01-01|4|' '2024-01-08|3|'
}

@test "bptrack: a fall of 0 is never improvement, from a first visit of 0" {
	becomes same '2024-01-01|5|0' '2024-01-08|5|0'
	becomes same '2024-01-01|0|' '2024-01-08|0|'
}

@test "bptrack: unknown when neither odi nor severity is known at both visits" {
	becomes unknown '2024-01-01|5|' '2024-03-08||40'
	becomes unknown '2024-01-01||' '2024-03-08|5|40'
}

@test "bptrack: unknown when days are unknown and nothing is worse or better" {
	becomes unknown '|5|40' '2024-03-08|5|40'
	becomes unknown '2024-01-01|5|40' '|5|40'
}

@test "bptrack: worse and improved hold even when days are unknown" {
	becomes worse '|5|40' '2024-03-08|5|50'
	becomes improved '2024-01-01|5|40' '|5|30'
}

@test "bptrack: not_improving from 28 days on; 27 days is same" {
	becomes not_improving '2024-01-01|5|40' '2024-01-29|5|40'
	becomes same '2024-01-01|5|40' '2024-01-28|5|40'
}

@test "bptrack: --review-weeks 6 moves not_improving to 42 days" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-02-11|5|40' 'P1|2024-02-12|5|40'
	track 0 --review-weeks 6
	expect days '0 41 42' progress 'baseline same not_improving'
	track 0 --review-weeks=1
	expect progress 'baseline not_improving not_improving'
	track 0 --review-weeks 52
	expect progress 'baseline same same'
}

@test "bptrack: --review-weeks outside 1 to 52, or not a number, is a usage error" {
	local w
	visits 'P1|2024-01-01|5|40'
	for w in 0 53 -1 x 4w '' 3.5; do
		track 2 --review-weeks "$w"
		[ -z "$output" ] && [[ $stderr == *"--review-weeks takes a number from 1 to 52"* ]] &&
		    [[ $stderr == *usage:* ]] || { echo "$w: $stderr"; return 1; }
	done
}

@test "bptrack: same when under 28 days and nothing changed enough" {
	becomes same '2024-01-01|5|40' '2024-01-15|6|45'
}

# --- first visits with nothing in them; records of nobody ----------------------

@test "bptrack: a first visit with no usable value stays the baseline, and later visits are unknown or invalid, never same" {
	visits 'P1|||' 'P1|2024-02-01|5|40' 'P1|2024-05-01|5|40' \
	    'P2|2024-02-30|x|y' 'P2|2024-03-01|5|40'
	track 1
	expect visit '1 2 3 1 2' days 'unknown unknown unknown invalid invalid' \
	    progress 'baseline unknown unknown baseline invalid'
}

@test "bptrack: with -r, a line of too few fields is rejected as read and is nobody's visit" {
	visits 'P1|2024-01-01|5|40' 'P1|2024-01-15' 'P1|2024-02-01|5|40'
	track 1 -r rej.tsv
	expect visit '1 2' days '0 31' progress 'baseline not_improving'
	[ "$(cat rej.tsv)" = "$(printf 'P1\t2024-01-15')" ]
	[[ $stderr == "bptrack: in.tsv:3: "* ]]
}

# --- the sample ------------------------------------------------------------------

@test "bptrack: the sample follow-up batch gives the golden columns, and warns about its two bad visits" {
	IN=- run -1 --separate-stderr bash -c \
	    'bpclassify -q "$1" | bpflags -q | bptrack' _ "$DATA/visits.tsv"
	printf '%s\n' "$output" | awk -F '\t' '
	    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	    { print $c["id"] "\t" $c["seen"] "\t" $c["visit"] "\t" $c["days"] "\t" \
	        $c["odi_change"] "\t" $c["pain_change"] "\t" $c["progress"] }' >got.tsv
	same "$DATA/visits.track.tsv" got.tsv
	IN=- warned -l 19 seen 2026-02-30 -l 20 seen 2026-02-03
}

@test "bptrack: the sample follow-up batch holds every progress value" {
	local p
	for p in baseline improved same worse not_improving unknown invalid; do
		cut -f 7 "$DATA/visits.track.tsv" | grep -qx "$p" ||
		    { echo "no $p in the sample"; return 1; }
	done
}

# --- memory and faults -------------------------------------------------------------

# ids N [ONE]: a header id seen and N records, of N distinct ids, or of
# one id when ONE is set.
ids() {
	awk -v n="$1" -v one="${2:-}" 'BEGIN { print "id\tseen"
	    for (i = 1; i <= n; i++) printf "P%07d\t2024-01-01\n", one ? 1 : i }'
}

# rss FILE: bptrack's peak resident set on FILE, in KiB (without address
# space randomization, for a figure that holds from run to run).
rss() {
	local m norand=()

	: >m
	setarch "$(uname -m)" -R true 2>/dev/null && norand=(setarch "$(uname -m)" -R)
	"$TOP/tests/bench/peakrss" -o m "${norand[@]}" bptrack "$1" >/dev/null
	read -r _ _ _ m _ <m
	echo "$m"
}

# stated: what bptrack(1) says a person costs, besides its id.
stated() {
	sed -n 's/.*at most \([0-9][0-9]*\) bytes plus the length of its id.*/\1/p' \
	    "$TOP/man/bptrack.1" | head -n 1
}

needrss() {
	[ -x "$TOP/tests/bench/peakrss" ] || skip "make check builds tests/bench/peakrss"
	[ -z "${BP_MEMCHECK:-}${BP_SANITIZE:-}" ] || skip "memory is measured on the plain build"
}

@test "bptrack: memory per person is within what bptrack(1) states" {
	local b many one
	needrss
	b=$(stated)
	[ -n "$b" ] || { echo "bptrack(1) states no bytes a person"; return 1; }
	ids 300000 >many.tsv
	ids 300000 one >one.tsv
	many=$(rss many.tsv)
	one=$(rss one.tsv)
	echo "$(( (many - one) * 1024 / 300000 )) bytes a person, stated $b + 8"
	[ $(( (many - one) * 1024 )) -le $(( 300000 * (b + 8) )) ]
	# and at least the entries themselves: the figure is no accident
	[ $(( (many - one) * 1024 )) -ge $(( 300000 * 36 )) ]
}

@test "bptrack: memory does not grow with the records of one person" {
	local small big
	needrss
	ids 100000 one >small.tsv
	ids 1000000 one >big.tsv
	small=$(rss small.tsv)
	big=$(rss big.tsv)
	[ "$big" -le $((small + 256)) ] || { echo "$small KiB, then $big KiB"; return 1; }
}

@test "bptrack: 10 million distinct ids in too little memory: exit 2 with one diagnostic, never a cut output with exit 0" {
	[ -z "${BP_MEMCHECK:-}${BP_SANITIZE:-}" ] ||
	    skip "a memory limit and valgrind or AddressSanitizer do not mix"
	export -f ids
	run --separate-stderr bash -c '
	    ids 10000000 | { ulimit -v 120000; bptrack; } | tail -c 64 >/dev/null
	    exit "${PIPESTATUS[1]}"'
	[ "$status" -eq 2 ] || { echo "exit $status: $stderr"; return 1; }
	[ "${#stderr_lines[@]}" -eq 1 ] &&
	    [[ $stderr == "bptrack: -:"*": Cannot allocate memory, holding "*" persons" ]] ||
	    { echo "stderr: $stderr"; return 1; }
}

# oom N: bptrack on big.tsv with N allocations allowed; 0 when the run
# was whole (the normal output and status), 2 when it failed with exit 2
# and one diagnostic, 1 otherwise.
oom() {
	local st=0
	LD_PRELOAD=$TOP/tests/fault/failmalloc.so BP_FAILMALLOC=$1 \
	    bptrack -q big.tsv >oom.out 2>oom.err || st=$?
	if [ "$st" -eq 2 ]; then
		[ "$(wc -l <oom.err)" -eq 1 ] && grep -q '^bptrack: ' oom.err && return 2
	elif [ "$st" -eq 1 ] && cmp -s oom.out normal.out && cmp -s oom.err normal.err; then
		return 0
	fi
	echo "$1 allocations: exit $st: $(head -n 3 oom.err)"
	return 1
}

@test "bptrack: out of memory at any allocation: the whole output, or exit 2 with one diagnostic" {
	local n r
	[ -z "${BP_SANITIZE:-}${BP_MEMCHECK:-}" ] || skip "the malloc shim needs the plain build"
	[ -f "$TOP/tests/fault/failmalloc.so" ] || skip "make check builds the malloc shim"
	# the sample's visits (two bad ones: exit 1), then persons enough
	# for the table to grow several times
	{ tsv id seen severity odi
	  bpclassify -q "$DATA/visits.tsv" | awk -F '\t' '
	      NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	      { print $c["id"] "\t" $c["seen"] "\t" $c["severity"] "\t" $c["odi"] }'
	  awk 'BEGIN { for (i = 1; i <= 3000; i++)
	      printf "Z%05d\t2024-01-01\t5\t40\n", i }'; } >big.tsv
	bptrack -q big.tsv >normal.out 2>normal.err && r=0 || r=$?
	[ "$r" -eq 1 ]
	for n in $(seq 0 60); do
		r=0
		oom "$n" || r=$?
		[ "$r" -ne 1 ] || return 1
		[ "$r" -ne 0 ] || return 0
	done
	echo "no whole run with 60 allocations"
	return 1
}

@test "bptrack: writing a big output to /dev/full exits 2 with one diagnostic" {
	[ -w /dev/full ] || skip "no /dev/full"
	ids 100000 >in.tsv
	run -2 --separate-stderr bash -c 'bptrack in.tsv >/dev/full'
	[ "${#stderr_lines[@]}" -eq 1 ] && [[ $stderr == "bptrack: "* ]]
}

# --- properties: a batch split by person ------------------------------------------

# batch SEED PREFIX: a follow-up batch of 1500 records (persons of 3
# visits, ids starting with PREFIX) after bpclassify, on stdout.
batch() {
	"$BATS_FILE_TMPDIR/gen" -s "$1" -v 3 1500 | sed "2,\$s/^F/$2/" |
	    bpclassify -q || [ $? -eq 1 ]
}

@test "property: two batches of different persons, concatenated, give each record what each batch gives alone" {
	local s
	for s in 1 2 3; do
		batch "$s" A >a.tsv
		batch "$((s + 10))" B >b.tsv
		bptrack -q a.tsv >a.out || [ $? -eq 1 ]
		bptrack -q b.tsv >b.out || [ $? -eq 1 ]
		# as two operands, and as one stream with the header repeated
		bptrack -q a.tsv b.tsv >ab.out || [ $? -eq 1 ]
		cat a.tsv b.tsv | bptrack -q >ab2.out || [ $? -eq 1 ]
		{ cat a.out; tail -n +2 b.out; } >want.out
		same want.out ab.out
		same want.out ab2.out
		[ "$(wc -l <ab.out)" -eq 3001 ]
	done
}

@test "property: persons interleaved in any order, each in date order, give each record the same columns" {
	local s
	for s in 4 5; do
		batch "$s" A >a.tsv
		bptrack -q a.tsv >a.out || [ $? -eq 1 ]
		# the records dealt by person in a shuffled order of persons,
		# keeping each person's records in order: a stable sort by a
		# random key per person
		{ head -n 1 a.tsv; tail -n +2 a.tsv | awk -F '\t' -v OFS='\t' -v s="$s" '
		    BEGIN { srand(s) }
		    !($1 in k) { k[$1] = int(rand() * 1000000) }
		    { print k[$1], NR, $0 }' | sort -t "$(printf '\t')" -k1,1n -k2,2n |
		    cut -f 3-; } >shuffled.tsv
		! cmp -s a.tsv shuffled.tsv
		bptrack -q shuffled.tsv >shuffled.out || [ $? -eq 1 ]
		# empty ids are nobody: the same in any order
		same <(sort a.out) <(sort shuffled.out)
	done
}

# clinic SEED N: a follow-up batch of N intake records (persons of 3
# visits) in the order a clinic adds them, by the day of the visit:
# persons interleaved, each in date order, a few empty ids among them.
clinic() {
	"$BATS_FILE_TMPDIR/gen" -s "$1" -v 3 "$2" >gen.tsv
	head -n 1 gen.tsv
	tail -n +2 gen.tsv | LC_ALL=C sort -s -t "$(printf '\t')" -k7,7
}

# onerun: one run over visits.tsv, into one.tsv.
onerun() {
	{ bpclassify -q visits.tsv || [ $? -eq 1 ]; } | bpflags -q |
	    bptrack -q >one.tsv || [ $? -eq 1 ]
	[ "$(records one.tsv)" -eq "$(records visits.tsv)" ]
}

@test "property: the split by id of bp(7) and bptrack(1), sort -s and parallel --group-by, gives the records of one run, sorted by id" {
	local cmd tab=$'\t'
	parallel --version 2>/dev/null | grep -q '^GNU parallel' ||
	    skip "GNU parallel is not installed"
	cmd=$(mandisplay bp.7 "FOLLOW-UP VISITS" '--group-by') || return 1
	[ "$cmd" = "$(mandisplay bptrack.1 DESCRIPTION '--group-by')" ] ||
	    { echo "bp(7) and bptrack(1) give two recipes"; return 1; }
	clinic 21 6000 >visits.tsv
	[ "$(cut -f 1 visits.tsv | sed -n 2,4p | sort -u | wc -l)" -gt 1 ]
	onerun
	# parts of about 100 KB (the batch is about 2 MB), and a job log
	cmd=$(printf '%s\n' "$cmd" | sed -e 's/--block [0-9]*[kKMG]*/--block 100k/' \
	    -e 's/parallel --pipe/parallel --joblog joblog --pipe/')
	run --separate-stderr bash -c "$cmd"
	[ -z "$output" ] && [ -z "$stderr" ] || { echo "$output$stderr"; return 1; }
	[ "$(($(wc -l <joblog) - 1))" -ge 10 ] || { cat joblog; return 1; }
	# the records of one run, each person's together in date order
	{ head -n 1 one.tsv
	  tail -n +2 one.tsv | LC_ALL=C sort -s -t "$tab" -k1,1; } >want.tsv
	awk 'NR == 1 { h = $0 } NR == 1 || $0 != h' tracked.tsv >got.tsv
	same want.tsv got.tsv
	# and some persons were followed: the test is not all baselines
	[ "$(col progress <got.tsv | grep -c -e improved -e worse -e not_improving)" -gt 100 ]
}

@test "property: the Hadoop Streaming job of bp(7), a reducer keyed by id, run by hand, gives the records of one run" {
	local r tab=$'\t' job
	split --help 2>/dev/null | grep -q -- --additional-suffix ||
	    skip "split has no --additional-suffix (not GNU split)"
	clinic 22 6000 >visits.tsv
	onerun
	# the files, 1000 records each, not stored in HDFS; the reducer
	mandisplay bp.7 "FOLLOW-UP VISITS" '--additional-suffix' | grep -v '^hdfs ' |
	    sed 's/split -l [0-9]*/split -l 1000/' >prepare
	mandisplay bp.7 "FOLLOW-UP VISITS" 'PIPESTATUS' >bp-track-reduce
	job=$(mandisplay bp.7 "FOLLOW-UP VISITS" 'mapred streaming') || return 1
	[[ $job == *"key.fields=2"* && $job == *"keypartitioner.options=-k1,1"* &&
	    $job == *"-mapper cat"* && $job == *"-reducer 'bash bp-track-reduce'"* ]]
	run -0 --separate-stderr bash prepare
	[ -z "$output$stderr" ]
	[ "$(ls visit.*.tsv | wc -l)" -eq 6 ]
	# the mapper is cat; the shuffle sorts by the key, the first two
	# fields, and deals the lines to 3 reducers by the first
	cat visit.*.tsv | LC_ALL=C sort -t "$tab" -k1,2 |
	    awk -F '\t' '!($1 in p) { p[$1] = n++ % 3 } { print > ("reduce." p[$1]) }'
	for r in 0 1 2; do
		bash bp-track-reduce <"reduce.$r" >"out.$r" ||
		    { echo "bp-track-reduce: exit $?"; return 1; }
		[ "$(head -n 1 "out.$r")" = "$(head -n 1 one.tsv)" ]
	done
	same <(tail -n +2 one.tsv | sort) <(cat out.0 out.1 out.2 |
	    awk 'NR == 1 { h = $0 } $0 != h' | sort)
}
