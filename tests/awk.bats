#!/usr/bin/env bats
# The awk programs of the tests and of make bench run under both awks of
# Debian, mawk and gawk: whichever is installed last owns /usr/bin/awk,
# and they read some programs differently (`print n > 0 ? a : b` is a
# redirection to mawk and a syntax error to gawk).

bats_require_minimum_version 1.5.0
load test_helper

# The test files whose awk programs do more than print a column, each
# with the bats filter of its tests that run them (.: all).
AWKY="fuzz.bats:. catalog.bats:. pipeline.bats:. privacy.bats:. scale.bats:.
    man.bats:. bpimport.bats:. bptrack.bats:. hardening.bats:.
    html.bats:printed.by.a.browser"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# under AWK: run the tests of $AWKY with AWK as awk, first on PATH; skips
# when AWK is not installed, or is the awk the whole suite runs with.
under() {
	local a f

	a=$(command -v "$1") || skip "$1 is not installed"
	[ "$(readlink -f "$a")" != "$(readlink -f "$(command -v awk)")" ] ||
		skip "$1 is awk: the suite itself runs these under it"
	mkdir -p "bin.$1"
	ln -sf "$a" "bin.$1/awk"
	for f in $AWKY; do
		run env PATH="$PWD/bin.$1:$PATH" bats -f "${f#*:}" \
		    "$TOP/tests/${f%%:*}"
		[ "$status" -eq 0 ] || { echo "${f%%:*} under $1:"
		    echo "$output" | grep -A5 '^not ok'; return 1; }
	done
}

@test "awk: the tests' awk programs pass under mawk" {
	under mawk
}

@test "awk: the tests' awk programs pass under gawk" {
	under gawk
}

@test "awk: make bench's table is printed under mawk and under gawk" {
	local a p n=0
	for p in gen baseline peakrss; do
		[ -x "$TOP/tests/bench/$p" ] || skip "make check builds tests/bench/$p"
	done
	for a in mawk gawk; do
		command -v "$a" >/dev/null 2>&1 || continue
		n=$((n + 1))
		mkdir -p "bin.$a"
		ln -sf "$(command -v "$a")" "bin.$a/awk"
		run --separate-stderr env PATH="$PWD/bin.$a:$PATH" BENCH_N=2000 \
		    BENCH_SMALL=1000 BENCH_RUNS=1 BENCH_DIR="$PWD" \
		    sh "$TOP/tests/bench/bench.sh"
		# 0 or 1 (a target missed on so small a batch): it measured
		[ "$status" -le 1 ] ||
		    { echo "under $a: exit $status: $stderr"; return 1; }
		[[ $output == *"targets missed"* ]] &&
		    [[ $output == *bpclassify*bpflags*bproutine*bpreport* ]] ||
		    { echo "under $a, no table: $output"; return 1; }
	done
	[ "$n" -gt 0 ] || skip "neither mawk nor gawk is installed"
}
