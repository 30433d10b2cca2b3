#!/bin/sh
# shellcheck disable=SC2046,SC2086,SC2089,SC2090
# (flags are kept in variables and split on purpose, so no space may be
# in the checkout's path; BP_VERSION's quotes are meant for the compiler)
#
# make fuzz: build the libFuzzer harnesses of tests/fuzz/ with clang and
# run each for FUZZTIME seconds.
#
#   FUZZTIME=600        seconds per harness (make fuzz passes it)
#   FUZZJOBS=1          harnesses run at the same time
#   FUZZ_HARNESSES=...  which to run (default: all, in the order below)
#   FUZZ_BUILD_ONLY=1   build, do not run
#   FUZZCC=clang-14     the compiler (default clang-14, else clang)
#
# Everything goes to tests/fuzz/build/ (not in git): objects, harnesses,
# corpora (seeded at each run from tests/fuzz/seeds/NAME, tests/data and
# lib/catalog.tsv, and kept from run to run), logs/NAME.log, and any
# crash, leak or timeout input in artifacts/NAME/.  Exit status: 0 when
# every harness ran clean, 1 when one found something or could not run.
#
# Reproduce a finding: tests/fuzz/build/fuzz_NAME ARTIFACT (tools'
# diagnostics show; -close_fd_mask=2 hides them).

set -u

FUZZTIME=${FUZZTIME:-600}
FUZZJOBS=${FUZZJOBS:-1}
ALL="tsv value catalog bpclassify bpflags bproutine bpreport bpmerge bpplans csv"
HARNESSES=${FUZZ_HARNESSES:-$ALL}

TOP=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
case $TOP in
*[[:space:]]*) echo "run.sh: the checkout's path holds a space: $TOP" >&2; exit 1 ;;
esac
F=$TOP/tests/fuzz
B=$F/build

die() {
	echo "run.sh: $*" >&2
	exit 1
}

case $FUZZTIME in
''|*[!0-9]*) die "FUZZTIME must be a number of seconds, not '$FUZZTIME'" ;;
esac
case $FUZZJOBS in
''|*[!0-9]*|0) die "FUZZJOBS must be a number from 1, not '$FUZZJOBS'" ;;
esac
for h in $HARNESSES; do
	case " $ALL " in
	*" $h "*) ;;
	*) die "no harness '$h' (harnesses: $ALL)" ;;
	esac
done

# ---- the compiler, and whether it can link a fuzzer at all ----

CC=${FUZZCC:-}
if [ -z "$CC" ]; then
	for c in clang-14 clang; do
		if command -v "$c" >/dev/null 2>&1; then
			CC=$c
			break
		fi
	done
fi
if [ -z "$CC" ] || ! command -v "$CC" >/dev/null 2>&1; then
	die "clang not found; install it with: apt-get install -y clang-14 libclang-rt-14-dev"
fi

mkdir -p "$B/obj" "$B/logs" || exit 1
cat >"$B/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
EOF
if ! "$CC" -fsanitize=fuzzer,address,undefined -o "$B/probe" "$B/probe.c" \
    >"$B/probe.log" 2>&1; then
	cat "$B/probe.log" >&2
	die "$CC cannot link a libFuzzer program (-fsanitize=fuzzer,address,undefined): the libFuzzer runtime is missing; install it with: apt-get install -y libclang-rt-14-dev"
fi

# ---- build ----

VERSION=$(sed -n 's/^VERSION[ 	]*=[ 	]*//p' "$TOP/Makefile")
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
CFLAGS="-g -O1 -fno-omit-frame-pointer $SAN"
WARN="-Wall -Wextra -Wno-unused-parameter"
BP="-std=c99 -D_POSIX_C_SOURCE=200809L -DBP_VERSION=\"${VERSION:-0}\" -I$TOP/lib -I$TOP/lib/tool -I$F"
GNU="-std=gnu99 -D_GNU_SOURCE -I$TOP/lib -I$TOP/lib/tool -I$F"

cc() {
	# cc OUT FLAGS... SRC: compile unless OUT is newer than every
	# source it may include (harnesses include cmd/*.c and lib/tsv.c)
	out=$1
	shift
	eval "src=\${$#}"
	if [ -f "$out" ] && [ -z "$(find "$src" "$TOP"/lib/*.[ch] \
	    "$TOP"/lib/tool/*.[ch] "$TOP"/cmd/*.[ch] "$F"/*.h "$F/run.sh" -newer "$out" 2>/dev/null)" ]
	then
		return 0
	fi
	echo "  CC $out"
	$CC $CFLAGS $WARN "$@" -c -o "$out" || die "cannot compile $src"
}

echo "run.sh: building the harnesses in $B with $CC"

# the built-in catalog as C, as the Makefile makes lib/catalog_lines.c
{ echo '/* made from lib/catalog.tsv by tests/fuzz/run.sh; do not edit */'
  echo 'extern const char *const catalog_lines[];'
  echo 'const char *const catalog_lines[] = {'
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' \
      -e 's/^/	"/' -e 's/$/",/' "$TOP/lib/catalog.tsv"
  echo '	0'
  echo '};'; } >"$B/catalog_lines.c.new" || exit 1
if ! cmp -s "$B/catalog_lines.c.new" "$B/catalog_lines.c"; then
	mv "$B/catalog_lines.c.new" "$B/catalog_lines.c"
else
	rm -f "$B/catalog_lines.c.new"
fi

LIBOBJ=
for src in "$TOP"/lib/*.c "$TOP"/lib/tool/*.c "$B/catalog_lines.c"; do
	base=${src##*/}
	[ "$src" = "$TOP/lib/catalog_lines.c" ] && continue
	o=$B/obj/lib_${base%.c}.o
	cc "$o" $BP "$src"
	LIBOBJ="$LIBOBJ $o"
done
rm -f "$B/libbpfuzz.a"
ar rcs "$B/libbpfuzz.a" $LIBOBJ || die "ar failed"

cc "$B/obj/fuzzutil.o" $GNU "$F/fuzzutil.c"
cc "$B/obj/fuzztool.o" $BP "$F/fuzztool.c"

# want NAME: NAME is one of the harnesses to build and run
want() {
	case " $HARNESSES " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

link() {
	name=$1
	shift
	echo "  LD fuzz_$name"
	$CC $CFLAGS -o "$B/fuzz_$name" "$B/obj/fuzz_$name.o" "$@" \
	    "$B/obj/fuzzutil.o" "$B/libbpfuzz.a" || die "cannot link fuzz_$name"
}

for h in tsv value catalog; do
	want $h || continue
	cc "$B/obj/fuzz_$h.o" $BP "$F/fuzz_$h.c"
	link $h
done
for t in bpclassify bpflags; do
	want $t || continue
	cc "$B/obj/cmd_$t.o" $BP -Dmain=${t}_main "$TOP/cmd/$t.c"
	cc "$B/obj/fuzz_$t.o" $BP "$F/fuzz_$t.c"
	link $t "$B/obj/cmd_$t.o" "$B/obj/fuzztool.o"
done
# these include their cmd/*.c, to reach its static state
if want bproutine; then
	cc "$B/obj/fuzz_bproutine.o" $BP -Dmain=bproutine_main \
	    "$F/fuzz_bproutine.c"
	link bproutine "$B/obj/fuzztool.o"
fi
# bpreport.c included, its parts linked
REPORT=
for p in report_sum report_text report_plan report_html; do
	want bpreport || want bpmerge || want bpplans || break
	cc "$B/obj/cmd_$p.o" $BP "$TOP/cmd/$p.c"
	REPORT="$REPORT $B/obj/cmd_$p.o"
done
m=0
for h in bpreport bpmerge bpplans; do
	if want $h; then
		cc "$B/obj/fuzz_$h.o" $BP -Dmain=bpreport_main -DFZ_MODE=$m \
		    "$F/fuzz_bpreport.c"
		link $h $REPORT "$B/obj/fuzztool.o"
	fi
	m=$((m + 1))
done
# bpimport's main and its parts, over the reader fuzz_csv.c includes
if want csv; then
	cc "$B/obj/cmd_bpimport.o" $BP -Dmain=bpimport_main \
	    "$TOP/cmd/bpimport.c"
	for p in import_map import_value; do
		cc "$B/obj/cmd_$p.o" $BP "$TOP/cmd/$p.c"
	done
	cc "$B/obj/fuzz_csv.o" $BP "$F/fuzz_csv.c"
	link csv "$B/obj/cmd_bpimport.o" "$B/obj/cmd_import_map.o" \
	    "$B/obj/cmd_import_value.o" "$B/obj/fuzztool.o"
fi

[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

# ---- seeds: the hand-made ones, the sample data, the catalog ----

seed() {
	# seed NAME FILE...: copy into the corpus of NAME
	d=$B/corpus/$1
	shift
	mkdir -p "$d" || exit 1
	for s in "$@"; do
		[ -f "$s" ] && cp "$s" "$d/seed_${s##*/}"
	done
}

for h in $ALL; do
	seed "$h" "$F/seeds/$h"/*
done
seed tsv "$TOP"/tests/data/*.tsv "$TOP/lib/catalog.tsv"
seed value "$TOP/tests/data/sample.tsv"
seed catalog "$TOP/lib/catalog.tsv"
seed bpclassify "$TOP/tests/data/sample.tsv" "$TOP/tests/data/sample.pipeline.tsv"
seed bpflags "$TOP/tests/data/sample.tsv" "$TOP/tests/data/sample.pipeline.tsv"
seed bproutine "$TOP/tests/data/sample.pipeline.tsv"
seed bpreport "$TOP/tests/data/sample.pipeline.tsv"
seed bpplans "$TOP/tests/data/sample.pipeline.tsv"
seed bpmerge "$TOP/tests/data/sample.summary.tsv"
seed csv "$TOP"/tests/data/import.*.csv "$TOP/lib/bp-intake.redcap.csv"

# ---- run ----

options() {
	# the libFuzzer options of harness $1
	case $1 in
	tsv)	echo "-max_len=4096 -dict=$F/tsv.dict" ;;
	csv)	echo "-max_len=8192 -dict=$F/csv.dict -close_fd_mask=2" ;;
	value)	echo "-max_len=1024 -dict=$F/bp.dict" ;;
	catalog) echo "-max_len=16384 -dict=$F/bp.dict" ;;
	bpmerge) echo "-max_len=8192 -dict=$F/bp.dict -close_fd_mask=2" ;;
	*)	echo "-max_len=32768 -dict=$F/bp.dict -close_fd_mask=2" ;;
	esac
}

fuzz() {
	h=$1
	mkdir -p "$B/artifacts/$h"
	"$B/fuzz_$h" $(options "$h") -max_total_time="$FUZZTIME" \
	    -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 \
	    -artifact_prefix="$B/artifacts/$h/" "$B/corpus/$h" \
	    >"$B/logs/$h.log" 2>&1
	echo $? >"$B/logs/$h.status"
}

echo "run.sh: $FUZZTIME s per harness, $FUZZJOBS at a time: $HARNESSES"
n=0
for h in $HARNESSES; do
	echo "  FUZZ $h (log: $B/logs/$h.log)"
	fuzz "$h" &
	n=$((n + 1))
	if [ "$n" -ge "$FUZZJOBS" ]; then
		wait
		n=0
	fi
done
wait

# ---- report ----

fail=0
printf '\n%-11s %6s %12s %8s %6s %7s %6s  %s\n' harness status runs exec/s cov ft rss_mb \
    result
for h in $HARNESSES; do
	log=$B/logs/$h.log
	st=$(cat "$B/logs/$h.status" 2>/dev/null || echo '?')
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
	cov=$(printf '%s\n' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s\n' "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	found=$(find "$B/artifacts/$h" -type f 2>/dev/null | wc -l)
	if [ "$st" = 0 ]; then
		res=clean
	else
		res="FOUND: see $log and $B/artifacts/$h/"
		fail=1
	fi
	[ "$st" = 0 ] && [ "$found" -gt 0 ] &&
		res="clean now; $found old artifact(s) in $B/artifacts/$h/"
	printf '%-11s %6s %12s %8s %6s %7s %6s  %s\n' "$h" "$st" \
	    "${runs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${rss:-?}" "$res"
done
exit $fail
