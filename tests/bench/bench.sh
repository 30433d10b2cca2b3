#!/bin/sh
# bench.sh: time the bp tools against a bare C filter (make bench).
#
# Generates N synthetic intake records (tests/bench/gen) and runs every
# filter on the input it gets in the pipeline, bpreport (on the file and
# through a pipe, and its HTML page against its text summary), the whole
# pipeline, cat, and the baseline (tests/bench/baseline) on each of those
# inputs and as a four-stage pipeline, in RUNS rounds; bpimport on the
# intake written as CSV (tests/bench/tocsv), against bpclassify on the
# TSV; and the scale-out recipe of bp(7), two parts of a file cut in
# place and run by GNU parallel, against one bpclassify on the same file.  A tool and what it
# is compared with run one after the other in each round, so that a
# ratio is taken of two runs through the same spell of a noisy machine;
# the table gives the median ratio of the rounds, with the smallest and
# the largest.  Prints a PASS/FAIL line per target of the benchmark
# issue.
#
# bptrack runs on follow-up visits (gen -v 4: persons of 4 visits each)
# after bpclassify and bpflags.  Its memory is measured per person on
# lines of an id and a date: PERSONS distinct ids against as many lines
# of one id; what bptrack(1) says a person costs is the target.
#
# Environment: BENCH_N (1000000), BENCH_SMALL (10000), BENCH_RUNS (5),
# BENCH_SEED (1), BENCH_PERSONS (10000 100000 1000000: those up to
# BENCH_N, and 10000 always), BENCH_SCALE (4000000: the records of the
# scale-out row, at least BENCH_N), BENCH_DIR (where the data goes:
# /dev/shm when it is a writable directory, else TMPDIR or /tmp).  Exits
# 1 when a target is missed (the FAIL lines say which), 2 when it could
# not measure.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
bench=$top/tests/bench
N=${BENCH_N:-1000000}
SMALL=${BENCH_SMALL:-10000}
RUNS=${BENCH_RUNS:-5}
SEED=${BENCH_SEED:-1}
SCALE=${BENCH_SCALE:-4000000}
[ "$SCALE" -ge "$N" ] || SCALE=$N
VISITS=4
if [ -z "${BENCH_PERSONS:-}" ]; then
	BENCH_PERSONS=10000
	for p in 100000 1000000; do
		[ "$p" -gt "$N" ] || BENCH_PERSONS="$BENCH_PERSONS $p"
	done
fi
PERSONS=$BENCH_PERSONS
PATH=$top/cmd:$bench:$PATH
LC_ALL=C
export PATH LC_ALL

for p in gen baseline peakrss tocsv; do
	[ -x "$bench/$p" ] || { echo "bench: no $bench/$p (run make bench)" >&2; exit 2; }
done
for t in bpclassify bpflags bproutine bpreport bptrack bpimport; do
	[ -x "$top/cmd/$t" ] || { echo "bench: no cmd/$t (run make)" >&2; exit 2; }
done

if [ -n "${BENCH_DIR:-}" ]; then
	base=$BENCH_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
	base=/dev/shm
else
	base=${TMPDIR:-/tmp}
fi
dir=$(mktemp -d "$base/bpbench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
trap 'exit 2' HUP INT TERM

# What bptrack(1) says a person costs: "at most B bytes plus the length
# of its id".
perperson=$(sed -n 's/.*at most \([0-9][0-9]*\) bytes plus the length of its id.*/\1/p' \
    "$top/man/bptrack.1" | head -n 1)
[ -n "$perperson" ] ||
    { echo "bench: man/bptrack.1 states no bytes a person" >&2; exit 2; }

# prepare SIZE: the intake and what each stage of the pipeline reads,
# checking that every stage writes one record for each record read.
prepare() {
	gen -s "$SEED" "$1" >"$dir/intake.$1"
	bpclassify -q <"$dir/intake.$1" >"$dir/classified.$1" || [ $? -eq 1 ]
	bpflags -q <"$dir/classified.$1" >"$dir/flagged.$1" || [ $? -eq 1 ]
	bproutine -q <"$dir/flagged.$1" >"$dir/routed.$1" || [ $? -eq 1 ]
	gen -s "$SEED" -v "$VISITS" "$1" >"$dir/visits.$1"
	{ bpclassify -q <"$dir/visits.$1" || [ $? -eq 1 ]; } |
	    bpflags -q >"$dir/vflagged.$1" || [ $? -eq 1 ]
	tocsv <"$dir/intake.$1" >"$dir/csv.$1"
	bpimport -q <"$dir/csv.$1" >"$dir/imported.$1" || [ $? -eq 1 ]
	for f in intake classified flagged routed visits vflagged imported; do
		n=$(wc -l <"$dir/$f.$1")
		if [ "$n" -ne $(($1 + 1)) ]; then
			echo "bench: $f.$1 has $n lines, not $(($1 + 1))" >&2
			exit 2
		fi
	done
}

# measure KEY SIZE INPUT COMMAND...: run COMMAND once on INPUT (one of
# the prepared files); appends "KEY SIZE elapsed user sys rss" to
# $dir/results.
measure() {
	key=$1 size=$2 input=$3
	shift 3
	: >"$dir/m"
	peakrss -o "$dir/m" "$@" <"$dir/$input.$size" >/dev/null \
	    2>"$dir/stderr"
	read -r el us sy rss st <"$dir/m"
	if [ "$st" -gt 1 ]; then
		echo "bench: $key on $input.$size: exit status $st" >&2
		head -n 5 "$dir/stderr" >&2
		exit 2
	fi
	echo "$key $size $el $us $sy $rss $r" >>"$dir/results"
}

# people P: P lines of P distinct ids, and P lines of one id, for
# bptrack's memory per person.
people() {
	awk -v n="$1" 'BEGIN { print "id\tseen"
	    for (i = 1; i <= n; i++) printf "P%07d\t2024-01-01\n", i }' \
	    >"$dir/ids.$1"
	awk -v n="$1" 'BEGIN { print "id\tseen"
	    for (i = 1; i <= n; i++) print "P0000001\t2024-01-01" }' \
	    >"$dir/oneid.$1"
}

pipeline='bpclassify -q | bpflags -q | bproutine -q | bpreport'
basepipe='baseline | baseline | baseline | baseline'

# run SIZE: every command of the table on inputs of SIZE records, RUNS
# rounds of all of them, so that a tool and its baseline are timed side
# by side, through the same spells of a noisy machine.
run() {
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		round "$1"
		r=$((r + 1))
	done
}

# round SIZE: each command once.
round() {
	measure cat "$1" intake cat
	measure base_intake "$1" intake baseline
	measure bpclassify "$1" intake bpclassify -q
	measure bpimport "$1" csv bpimport -q
	measure base_classified "$1" classified baseline
	measure bpflags "$1" classified bpflags -q
	measure base_flagged "$1" flagged baseline
	measure bproutine "$1" flagged bproutine -q
	measure base_routed "$1" routed baseline
	measure bpreport "$1" routed bpreport
	measure bpreport_html "$1" routed bpreport -f html
	measure base_routed_pipe "$1" routed sh -c 'cat | baseline'
	measure bpreport_pipe "$1" routed sh -c 'cat | bpreport'
	measure base_pipe "$1" intake sh -c "$basepipe"
	measure pipe "$1" intake sh -c "$pipeline"
	measure bpclassify_visits "$1" visits bpclassify -q
	measure base_vflagged "$1" vflagged baseline
	measure bptrack "$1" vflagged bptrack -q
}

# scale: the scale-out recipe of bp(7) for a batch in a file, two parts
# read in place (--part) and run by GNU parallel, each writing its own
# file, against one bpclassify writing one, RUNS times.
scale() {
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		measure scale_one "$SCALE" scale sh -c 'bpclassify -q "$0" >"$1"' \
		    "$dir/scale.$SCALE" "$dir/scaled"
		# parallel exits with the number of jobs that failed: the
		# jobs exit 1 for the batch's problem records
		measure scale_two "$SCALE" scale sh -c 'parallel -j 2 \
		    "bpclassify -q --part {}/2 $0 >$1.{}" ::: 1 2; s=$?;
		    exit $((s > 2 ? s : s > 0))' "$dir/scale.$SCALE" \
		    "$dir/scaled"
		rm -f "$dir/scaled" "$dir/scaled.1" "$dir/scaled.2"
		r=$((r + 1))
	done
}

# Without address space randomization a process's resident set is the
# same from run to run (how many pages of the libraries a fault maps
# varies with where they are), so the figures at 10000 persons hold to
# the byte.
norand=
if setarch "$(uname -m)" -R true 2>/dev/null; then
	norand="setarch $(uname -m) -R"
fi

# persons: bptrack's memory for each number of persons, RUNS times.
persons() {
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		for p in $PERSONS; do
			# shellcheck disable=SC2086
			measure track_ids "$p" ids $norand bptrack
			# shellcheck disable=SC2086
			measure track_oneid "$p" oneid $norand bptrack
		done
		r=$((r + 1))
	done
}

echo "bench: generating $N and $SMALL records in $dir" >&2
prepare "$SMALL"
prepare "$N"
for p in $PERSONS; do
	people "$p"
done
parallel=0
if command -v parallel >/dev/null 2>&1; then
	parallel=1
	gen -s "$SEED" "$SCALE" >"$dir/scale.$SCALE"
fi
: >"$dir/results"
echo "bench: $RUNS runs of each command" >&2
run "$SMALL"
run "$N"
persons
[ "$parallel" -eq 0 ] || scale

bytes=$(wc -c <"$dir/intake.$N")
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo \
    2>/dev/null || true)
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
loadavg=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

for f in intake classified flagged routed visits vflagged csv; do
	printf '%s %s\n' "$f" "$(wc -c <"$dir/$f.$N")"
done >"$dir/sizes"
# bpreport keeps its work list in memory (bp(7)): how long it is
# at each size
for s in "$SMALL" "$N"; do
	bpreport -q -f tsv <"$dir/routed.$s" |
	    awk -v s="$s" '$1 ~ /^(emergency|urgent|unscreened)$/ { w++
	    b += length($2) + length($3) + 2 }
	    END { print "worklist", s, w + 0, b + 0 }'
done >>"$dir/sizes"
[ "$parallel" -eq 0 ] || printf 'scale %s\n' "$(wc -c <"$dir/scale.$SCALE")" \
    >>"$dir/sizes"

# The table and the targets, from $dir/results.
status=0
awk -v n="$N" -v small="$SMALL" -v runs="$RUNS" -v bytes="$bytes" \
    -v visits="$VISITS" -v persons="$PERSONS" -v perperson="$perperson" \
    -v scale="$SCALE" -v haveparallel="$parallel" \
    -v cpu="${cpu:-unknown}" -v ncpu="$ncpu" -v loadavg="$loadavg" \
    -v dir="$dir" -v sizes="$dir/sizes" '
function size(x) {
	return x % 1000000 == 0 ? x / 1000000 "M" : x % 1000 == 0 ? \
	    x / 1000 "k" : x
}
function median(k,    m, i, j, t, a) {
	m = cnt[k]
	for (i = 1; i <= m; i++)
		a[i] = el[k, i]
	for (i = 2; i <= m; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
# paired(K, REF, SIZE): the ratios of the time of K to that of REF in each
# round at SIZE; sets ratio[K] to their median, and lo[K] and hi[K].
function paired(k, ref, sz,    i, m, a, t, j) {
	m = 0
	for (i = 0; i < runs; i++)
		if ((k, sz, i) in elr && (ref, sz, i) in elr && \
		    elr[ref, sz, i] > 0)
			a[++m] = elr[k, sz, i] / elr[ref, sz, i]
	for (i = 2; i <= m; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	ratio[k] = m == 0 ? 0 : m % 2 ? a[(m + 1) / 2] : \
	    (a[m / 2] + a[m / 2 + 1]) / 2
	lo[k] = a[1]
	hi[k] = a[m]
	return m
}
function row(k, label, input, ref,    s, r) {
	s = best[k, n]
	r = "     -      -      -"
	if (ref != "" && paired(k, ref, n) > 0)
		r = sprintf("%6.2f %6.2f %6.2f", ratio[k], lo[k], hi[k])
	printf "%-42s %-10s %7.3f %7.3f %7.3f %10.0f %7.1f %s %8d %8d\n",
	    label, input, s, median(k), cpuof[k], n / s,
	    insize[input] / s / 1e6, r, rss[k, small], rss[k, n]
}
# the memory bptrack takes a person against the figure of bptrack(1), for
# 8-byte ids
function tracktargets(    pn, ps, d, np, p, i, b, want) {
	want = perperson + 8
	pn = int((n + visits - 1) / visits)
	ps = int((small + visits - 1) / visits)
	d = (rss["bptrack", n] - rss["bptrack", small]) * 1024 / (pn - ps)
	target(d <= want, sprintf("bptrack peak RSS %d KiB at %d and %d KiB" \
	    " at %d persons: %.1f bytes a person (within %d)",
	    rss["bptrack", small], ps, rss["bptrack", n], pn, d, want))
	np = split(persons, p, " ")
	for (i = 1; i <= np; i++) {
		b = (low["track_ids", p[i]] - low["track_oneid", p[i]]) * \
		    1024 / p[i]
		target(b <= want, sprintf("bptrack %.1f bytes a person at %d" \
		    " persons, %d KiB against %d KiB for one (within %d)",
		    b, p[i], low["track_ids", p[i]],
		    low["track_oneid", p[i]], want))
	}
}
# the scale-out recipe of bp(7), two parts, against one process
function scaletarget(    m) {
	if (!haveparallel) {
		target(0, "scale-out: GNU parallel is not installed")
		return
	}
	m = paired("scale_one", "scale_two", scale)
	printf "scale-out, %d records (%.1f MB): one bpclassify %.3f s;" \
	    " two parts (--part K/2, parallel -j 2) %.3f s (best)\n",
	    scale, insize["scale"] / 1e6, best["scale_one", scale],
	    best["scale_two", scale]
	target(ratio["scale_one"] >= 1.6, sprintf("scale-out recipe of bp(7)" \
	    " with 2 jobs at least 1.6x one process: %.2fx (%.2f to %.2f)",
	    ratio["scale_one"], lo["scale_one"], hi["scale_one"]))
}
# bpreport grows with its work list only, by what an entry holds
function worktarget(    d, b, want) {
	d = work[n] - work[small]
	b = d > 0 ? (rss["bpreport", n] - rss["bpreport", small]) * 1024 / d : 0
	# the text of an entry, twice over: the buffer doubles
	want = 2 * workbytes[n] / (work[n] > 0 ? work[n] : 1) + 16
	target(b <= want, sprintf("bpreport peak RSS %d KiB at %d and %d KiB" \
	    " at %d records, %d and %d work-list entries: %.0f bytes an" \
	    " entry (within %.0f)", rss["bpreport", small], small,
	    rss["bpreport", n], n, work[small], work[n], b, want))
}
function target(ok, what) {
	targets++
	printf "%s  %s\n", ok ? "PASS" : "FAIL", what
	if (!ok)
		failed++
}
function rsstarget(k, label,    d) {
	d = rss[k, n] - rss[k, small]
	target(d <= 1024 && d >= -1024, sprintf("%s peak RSS %d KiB at %d" \
	    " and %d KiB at %d records (within 1024 KiB)", label,
	    rss[k, small], small, rss[k, n], n))
}
BEGIN {
	while ((getline line < sizes) > 0) {
		split(line, f, " ")
		if (f[1] == "worklist") {
			work[f[2]] = f[3]
			workbytes[f[2]] = f[4]
		} else
			insize[f[1]] = f[2]
	}
}
{
	k = $1; sz = $2
	if (!((k, sz) in best) || $3 < best[k, sz]) {
		best[k, sz] = $3
		if (sz == n)
			cpuof[k] = $4 + $5
	}
	if (!((k, sz) in rss) || $6 > rss[k, sz])
		rss[k, sz] = $6
	if (!((k, sz) in low) || $6 < low[k, sz])
		low[k, sz] = $6
	if (sz == n)
		el[k, ++cnt[k]] = $3
	elr[k, sz, $7] = $3
}
END {
	printf "bp benchmark: %d records, %.1f MB (%.0f bytes a record); " \
	    "best and median of %d runs\n", n, bytes / 1e6, bytes / (n + 1),
	    runs
	printf "machine: %s, %s CPUs, load average %s\n", cpu, ncpu, loadavg
	printf "input of each command is the file named, on standard input;" \
	    " output to /dev/null\n\n"
	printf "%-42s %-10s %7s %7s %7s %10s %7s %6s %6s %6s %8s %8s\n",
	    "command", "input", "best s", "med s", "cpu s", "records/s",
	    "MB/s", "ratio", "min", "max", "RSS " size(small), "RSS " size(n)
	row("cat", "cat", "intake", "base_intake")
	row("base_intake", "baseline", "intake", "")
	row("bpclassify", "bpclassify", "intake", "base_intake")
	row("base_classified", "baseline", "classified", "")
	row("bpflags", "bpflags", "classified", "base_classified")
	row("base_flagged", "baseline", "flagged", "")
	row("bproutine", "bproutine", "flagged", "base_flagged")
	row("base_routed", "baseline", "routed", "")
	row("bpreport", "bpreport", "routed", "base_routed")
	row("base_routed_pipe", "cat | baseline", "routed", "")
	row("bpreport_pipe", "cat | bpreport", "routed", "base_routed_pipe")
	row("bpreport_html", "bpreport -f html (ratio: over bpreport)",
	    "routed", "bpreport")
	row("base_pipe", "baseline x4 (pipeline)", "intake", "")
	row("pipe", "bpclassify|bpflags|bproutine|bpreport", "intake",
	    "base_pipe")
	row("bpclassify_visits", "bpclassify (follow-up visits)", "visits", "")
	row("base_vflagged", "baseline", "vflagged", "")
	row("bptrack", "bptrack", "vflagged", "base_vflagged")
	row("bpimport", "bpimport (intake as CSV)", "csv", "bpclassify")
	printf "\nratio: the median, over the rounds, of the time against the" \
	    " baseline on the same input in the same round (the pipeline:" \
	    " the four-stage baseline pipeline; cat | bpreport: cat |" \
	    " baseline; bpimport: bpclassify on the TSV); min and max of" \
	    " those ratios\n"
	printf "RSS: peak resident set in KiB, at %d and at %d records (a" \
	    " pipeline: its largest process)\n\n", small, n
	for (t = 1; t <= 4; t++) {
		k = t == 1 ? "bpclassify" : t == 2 ? "bpflags" : t == 3 ? \
		    "bproutine" : "bptrack"
		target(ratio[k] <= 1.5, sprintf("%s at most 1.5x the" \
		    " baseline: %.2fx (%.2f to %.2f)", k, ratio[k], lo[k],
		    hi[k]))
	}
	target(ratio["bpreport"] <= 1.5, sprintf("bpreport on a file at most" \
	    " 1.5x the baseline: %.2fx (%.2f to %.2f)", ratio["bpreport"],
	    lo["bpreport"], hi["bpreport"]))
	target(ratio["bpreport_pipe"] <= 1.5, sprintf("bpreport on a pipe at" \
	    " most 1.5x the baseline: %.2fx (%.2f to %.2f)",
	    ratio["bpreport_pipe"], lo["bpreport_pipe"], hi["bpreport_pipe"]))
	target(ratio["pipe"] <= 1.5, sprintf("four-stage pipeline at most" \
	    " 1.5x the four-stage baseline pipeline: %.2fx (%.2f to %.2f)",
	    ratio["pipe"], lo["pipe"], hi["pipe"]))
	target(ratio["bpimport"] <= 2, sprintf("bpimport on the intake as" \
	    " CSV at most 2x bpclassify on the TSV: %.2fx (%.2f to %.2f)",
	    ratio["bpimport"], lo["bpimport"], hi["bpimport"]))
	target(ratio["bpreport_html"] <= 1.05, sprintf("bpreport -f html" \
	    " costs no more than the text summary (1.05x for noise): %.2fx",
	    ratio["bpreport_html"]))
	scaletarget()
	rsstarget("bpclassify", "bpclassify")
	rsstarget("bpflags", "bpflags")
	rsstarget("bproutine", "bproutine")
	rsstarget("bpimport", "bpimport")
	worktarget()
	tracktargets()
	printf "%d of %d targets missed\n", failed, targets
	exit failed > 0
}' "$dir/results" || status=$?
# the table's program ends with 0 or 1 only once it has printed it all
if [ "$status" -gt 1 ] || ! [ -s "$dir/results" ]; then
	echo "bench: could not measure (exit status $status)" >&2
	exit 2
fi
exit "$status"
