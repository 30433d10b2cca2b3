#!/usr/bin/env bats
# Conventions every tool follows (SPEC.md §9): --help, -h, --version, usage
# errors.  Add each new tool to TOOLS; one whose binary is not built yet is
# skipped.

bats_require_minimum_version 1.5.0
load test_helper

TOOLS="bpclassify bpflags bproutine bpreport bptrack bpimport"

# The filters (records in, records out; -q and -r) among them.
FILTERS="bpclassify bpflags bproutine bptrack bpimport"

# setup: BUILT lists the tools of TOOLS that are built, BUILT_FILTERS the
# filters among them; a test is skipped when no tool is built.
setup() {
	local t
	cd "$BATS_TEST_TMPDIR" || return
	BUILT= BUILT_FILTERS=
	for t in $TOOLS; do
		[ -x "$TOP/cmd/$t" ] || continue
		BUILT="$BUILT $t"
		case " $FILTERS " in *" $t "*) BUILT_FILTERS="$BUILT_FILTERS $t" ;; esac
	done
	[ -n "$BUILT" ] || skip "no tool of '$TOOLS' is built"
}

# need_filters: skip the test when no filter is built.
need_filters() {
	[ -n "$BUILT_FILTERS" ] || skip "no filter of '$TOOLS' is built"
}

# valopts TOOL: options of TOOL that need a value.
valopts() {
	case $1 in
	bpreport) echo "-c -r --rejects -f --format" ;;
	bproutine) echo "-r --rejects -c --part" ;;
	bpclassify) echo "-r --rejects --acute-weeks --part" ;;
	bptrack) echo "-r --rejects --review-weeks" ;;
	bpimport) echo "-r --rejects -m --map --dates" ;;
	bpflags) echo "-r --rejects --part" ;;
	*) echo "-r --rejects" ;;
	esac
}

# tool STATUS TOOL ARG...: run TOOL ARG... with standard input from
# /dev/null; expect exit STATUS.
tool() {
	local s=$1
	shift
	run "-$s" --separate-stderr "$@" </dev/null
}

# quiet TOOL: nothing on standard error.
quiet() {
	[ -z "$stderr" ] && return 0
	echo "$1: unexpected stderr: $stderr"
	return 1
}

# nostdout TOOL: nothing on standard output.
nostdout() {
	[ -z "$output" ] && return 0
	echo "$1: unexpected stdout: $output"
	return 1
}

# usage TOOL: standard error is not empty and holds a usage: line.
usage() {
	[ -n "$stderr" ] && [[ $stderr == *usage:* ]] && return 0
	echo "$1: stderr has no usage: line: $stderr"
	return 1
}

# helps TOOL: standard output is a usage text naming TOOL.
helps() {
	[[ $output == *usage:* ]] && [[ $output == *"$1"* ]] && return 0
	echo "$1: stdout is not a usage text: $output"
	return 1
}

@test "conventions: --help prints usage on stdout and exits 0" {
	local t
	for t in $BUILT; do
		tool 0 "$t" --help
		quiet "$t"
		helps "$t"
	done
}

@test "conventions: -h prints the same usage as --help" {
	local t help
	for t in $BUILT; do
		tool 0 "$t" --help
		help=$output
		tool 0 "$t" -h
		quiet "$t"
		helps "$t"
		[ "$output" = "$help" ] || { echo "$t: -h differs from --help"; return 1; }
	done
}

@test "conventions: --help does not read operands" {
	local t
	for t in $BUILT; do
		tool 0 "$t" --help nosuch.tsv
		quiet "$t"
		helps "$t"
	done
}

@test "conventions: --version prints one line naming the tool" {
	local t
	for t in $BUILT; do
		tool 0 "$t" --version
		quiet "$t"
		[ "${#lines[@]}" -eq 1 ] && [[ ${lines[0]} == *"$t"* ]] ||
		    { echo "$t: --version printed: $output"; return 1; }
	done
}

@test "conventions: --help and --version to a full disk are an error" {
	local t o
	for t in $BUILT; do
		for o in --help --version; do
			run -2 --separate-stderr bash -c '"$0" "$1" >/dev/full' "$t" "$o"
			[ "${#stderr_lines[@]}" -eq 1 ] && [[ $stderr == "$t: "* ]] ||
			    { echo "$t $o: stderr: $stderr"; return 1; }
		done
	done
}

@test "conventions: an unknown short option is a usage error" {
	local t
	for t in $BUILT; do
		tool 2 "$t" -x
		nostdout "$t"
		usage "$t"
	done
}

@test "conventions: an unknown long option is a usage error" {
	local t
	for t in $BUILT; do
		tool 2 "$t" --bogus
		nostdout "$t"
		usage "$t"
	done
}

@test "conventions: an unknown option after an operand is a usage error" {
	local t
	: >empty.tsv
	for t in $BUILT; do
		tool 2 "$t" empty.tsv --bogus
		nostdout "$t"
		usage "$t"
	done
}

@test "conventions: every line of --help fits in 80 columns" {
	local t
	for t in $BUILT; do
		tool 0 "$t" --help
		printf '%s\n' "$output" | awk -v t="$t" 'length($0) > 79 {
		    print t ": " $0; bad = 1 } END { exit bad }'
	done
}

@test "conventions: a usage error names the bad option" {
	local t
	for t in $BUILT; do
		tool 2 "$t" --bogus
		[[ $stderr == *bogus* ]] || { echo "$t: stderr: $stderr"; return 1; }
	done
}

@test "conventions: a usage error prints the synopsis of --help whole, its lines that go on too" {
	local t synopsis
	for t in $BUILT; do
		tool 0 "$t" --help
		synopsis=$(printf '%s\n' "$output" | awk -v t="$t" '
		    NR == 1 || (!done && ($0 ~ /^ +\[/ || $1 == t)) { print; next }
		    { done = 1 }')
		tool 2 "$t" --bogus
		[ "$(printf '%s\n' "$stderr" | sed 1d)" = "$synopsis" ] ||
		    { echo "$t: stderr: $stderr"; return 1; }
	done
	# the longer synopses go on to a second line
	tool 2 bpclassify --bogus
	[[ $stderr == *"[FILE ...]" ]]
}

@test "conventions: an option that needs a value, given none, is a usage error" {
	local t o
	for t in $BUILT; do
		for o in $(valopts "$t"); do
			tool 2 "$t" "$o"
			nostdout "$t $o"
			[ -n "$stderr" ] || { echo "$t $o: stderr is empty"; return 1; }
		done
	done
}

@test "conventions: -r at the end after an operand is a usage error" {
	local t
	: >empty.tsv
	need_filters
	for t in $BUILT_FILTERS; do
		tool 2 "$t" empty.tsv -r
		nostdout "$t"
		[ -n "$stderr" ] || { echo "$t: stderr is empty"; return 1; }
		[ ! -e -r ] || { echo "$t: created a file named -r"; return 1; }
	done
}

@test "conventions: -q is accepted by every filter" {
	local t
	need_filters
	for t in $BUILT_FILTERS; do
		tool 0 "$t" -q
		quiet "$t"
		nostdout "$t"
	done
}

@test "conventions: -- ends the options of every filter" {
	local t
	need_filters
	for t in $BUILT_FILTERS; do
		tool 2 "$t" -- -nosuch.tsv
		nostdout "$t"
		[[ $stderr == *"-nosuch.tsv"* ]] && [[ $stderr != *usage:* ]] ||
		    { echo "$t: stderr: $stderr"; return 1; }
	done
}

@test "conventions: --help ends with the man page to read" {
	local t
	for t in $BUILT; do
		tool 0 "$t" --help
		[[ ${lines[-1]} == *"man $t" ]] ||
		    { echo "$t: last line of --help: ${lines[-1]}"; return 1; }
		[ -f "$TOP/man/$t.1" ] || { echo "no man/$t.1"; return 1; }
	done
}

@test "conventions: with SIGPIPE ignored, a closed pipe ends every output quietly with exit 0" {
	local t args
	need_filters
	printf 'id\nr1\n' >in.tsv
	for args in "bproutine --dump-catalog" "bpclassify --help" \
	    "bpreport --version"; do
		# the reader has gone when the tool writes
		# shellcheck disable=SC2086
		run --separate-stderr bash -c '(trap "" PIPE; sleep 0.2; "$@") | :
		    exit ${PIPESTATUS[0]}' _ $args
		[ "$status" -eq 0 ] && [ -z "$stderr" ] ||
		    { echo "$args: exit $status, stderr: $stderr"; return 1; }
	done
}

@test "conventions: a long option that takes no value, given one (--quiet=1), is a usage error naming it" {
	local t
	for t in $BUILT; do
		tool 2 "$t" --quiet=1
		nostdout "$t"
		usage "$t"
		[ "${stderr_lines[0]}" = "$t: --quiet takes no value" ] ||
		    { echo "$t: stderr: $stderr"; return 1; }
	done
}

@test "conventions: --rejects=FILE and --rejects FILE name the same rejects file" {
	local t
	need_filters
	for t in $BUILT_FILTERS; do
		printf 'old\n' >rej1
		printf 'old\n' >rej2
		tool 0 "$t" --rejects=rej1 -q
		tool 0 "$t" --rejects rej2 -q
		# each was opened as the rejects file: a run that rejects
		# nothing leaves it empty
		[ ! -s rej1 ] && [ ! -s rej2 ] || { echo "$t: a rejects file was not emptied"; return 1; }
	done
}
