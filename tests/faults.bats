#!/usr/bin/env bats
# Faults of the system around the tools (SPEC.md §7): a full disk, a closed
# standard output, a reader that went away, unreadable and unwritable files,
# directories where files are wanted, input cut off in the middle of a
# record, read errors and running out of memory.  Every one of them must end
# in exit 2 with one diagnostic (or, for a closed pipe, exit 0 and
# silence), never in a truncated output behind an exit 0 or 1.
#
# Every test runs each of these cases (see use):
#   classify  bpclassify on the sample intake
#   flags     bpflags on the sample intake
#   routine   bproutine on the output of bpclassify | bpflags
#   report    bpreport (summary) on the output of bproutine
#   plans     bpreport --plans on the output of bproutine
#   merge     bpreport --merge on a summary written by bpreport -f tsv

bats_require_minimum_version 1.5.0
load test_helper

# Waits are 10 times longer under valgrind (make memcheck).

CASES="classify flags routine report plans merge"
SHIM=$TOP/tests/fault/failmalloc.so

# setup_file: the input of every case, from the sample batch (small) and
# from the sample repeated 400 times (big, 20800 records), and the output,
# standard error and exit status of the normal run of every case.
setup_file() {
	local c
	cd "$BATS_FILE_TMPDIR" || return
	cp "$DATA/sample.tsv" intake.tsv
	bpclassify -q intake.tsv | bpflags -q >flagged.tsv || [ $? -eq 1 ]
	bproutine -q flagged.tsv >routed.tsv || [ $? -eq 1 ]
	bpreport -q -f tsv routed.tsv >summary.tsv || [ $? -eq 1 ]
	{
		head -n 1 intake.tsv
		for c in $(seq 400); do tail -n +2 intake.tsv; done
	} >big.tsv
	bpclassify -q big.tsv | bpflags -q >bigflagged.tsv || [ $? -eq 1 ]
	bproutine -q bigflagged.tsv >bigrouted.tsv || [ $? -eq 1 ]
	bpreport -q -f tsv bigrouted.tsv >bigsummary.tsv || [ $? -eq 1 ]
	bproutine --dump-catalog >catalog.tsv
	for c in $CASES routine-c plans-c; do
		use "$c"
		"${ARGS[@]}" "$IN" >"$c.out" 2>"$c.err" && echo 0 >"$c.st" ||
		    echo $? >"$c.st"
		"${ARGS[@]}" "$BIG" >"$c.big.out" 2>/dev/null || true
	done
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return
	F=$BATS_FILE_TMPDIR
}

# use CASE: ARGS, the tool and its options for CASE (an array); TOOL, the
# tool; IN and BIG, its small and big input (names in $BATS_FILE_TMPDIR,
# relative to it, so use them from there or through $F).
use() {
	CASE=$1
	case $1 in
	classify) ARGS=(bpclassify -q) IN=intake.tsv BIG=big.tsv ;;
	flags) ARGS=(bpflags -q) IN=intake.tsv BIG=big.tsv ;;
	routine) ARGS=(bproutine -q) IN=flagged.tsv BIG=bigflagged.tsv ;;
	routine-c)
		ARGS=(bproutine -q -c "$BATS_FILE_TMPDIR/catalog.tsv")
		IN=flagged.tsv BIG=bigflagged.tsv ;;
	report) ARGS=(bpreport -q) IN=routed.tsv BIG=bigrouted.tsv ;;
	plans) ARGS=(bpreport -q --plans) IN=routed.tsv BIG=bigrouted.tsv ;;
	plans-c)
		ARGS=(bpreport -q --plans -c "$BATS_FILE_TMPDIR/catalog.tsv")
		IN=routed.tsv BIG=bigrouted.tsv ;;
	merge) ARGS=(bpreport -q --merge) IN=summary.tsv BIG=bigsummary.tsv ;;
	*) echo "no case $1"; return 1 ;;
	esac
	TOOL=${ARGS[0]}
}

# fail WHAT...: say which case failed and how, and fail.
fail() {
	echo "$CASE: $*"
	echo "  stdout: ${output:0:300}"
	echo "  stderr: ${stderr:0:300}"
	return 1
}

# onediag PATTERN: standard error is exactly one line, matching PATTERN.
onediag() {
	[ "${#stderr_lines[@]}" -eq 1 ] && [[ $stderr == $1 ]] ||
	    fail "stderr is not one line like '$1'"
}

# nostdout: nothing on standard output.
nostdout() {
	[ -z "$output" ] || fail "unexpected stdout"
}


# fifo DATA ARG...: run ARG... in the background on the operand fifo,
# a FIFO into which DATA (a file) is written and that is then closed (as
# by a writer that dies), and give the tool 10 s to end.  Its exit status
# goes into status, its standard output into out, its standard error into
# err (and $output, $stderr, stderr_lines as with run).
fifo() {
	local data=$1 w pid i
	shift
	rm -f fifo
	mkfifo fifo
	# held open for reading and writing: the tool's open does not wait
	exec {w}<>fifo
	cat "$data" >&"$w"
	"$@" fifo >out 2>err {w}>&- 3>&- &
	pid=$!
	blocked "$pid" || true
	exec {w}>&-
	for i in $(seq $((200 * SLOW))); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		wait "$pid" || true
		echo "$CASE: still running 10 s after its input ended"
		return 1
	fi
	status=0
	wait "$pid" || status=$?
	output=$(cat out)
	stderr=$(cat err)
	mapfile -t stderr_lines <err
}

# readno K FILE ARG...: the number, among all the read calls that ARG...
# FILE makes, of its Kth read of FILE (strace -e inject counts so; under
# valgrind other reads come between).
readno() {
	local k=$1 file=$2
	shift 2
	strace -f -qq -o trace.txt -e trace=open,openat,read "$@" "$file" \
	    >/dev/null 2>&1 </dev/null || true
	awk -v k="$k" -v f="\"$file\"" '
	    index($0, f) && /open/ { fd = $NF; next }
	    /read\(/ { n++; if (fd != "" && index($0, "read(" fd ",") &&
		++seen == k) { print n; exit } }' trace.txt
}

# needshim: skip unless the failing malloc can be used.
needshim() {
	[ -z "${BP_SANITIZE:-}" ] || skip "AddressSanitizer and the malloc shim do not mix"
	[ -z "${BP_MEMCHECK:-}" ] || skip "valgrind and the malloc shim do not mix"
	[ -f "$SHIM" ] || skip "no $SHIM (make check builds it)"
}

# oom N: run the case with N allocations allowed and every later one
# failing.  Returns 0 when the run was complete (the normal run's
# output, standard error and exit status), 2 when it failed with exit 2
# and one diagnostic; otherwise says what went wrong and returns 1.
# (Only the tool is forked, for speed.)
oom() {
	local st=0 normal lines
	LD_PRELOAD=$SHIM BP_FAILMALLOC=$1 "${ARGS[@]}" "$F/$IN" \
	    >oom.out 2>oom.err </dev/null || st=$?
	mapfile -t lines <oom.err
	if [ "$st" -eq 2 ]; then
		if [ "${#lines[@]}" -eq 1 ] && [[ ${lines[0]} == "$TOOL: "* ]]; then
			return 2
		fi
		echo "$CASE, $1 allocations: exit 2, but not one diagnostic:"
		printf '  %s\n' "${lines[@]:0:5}"
		return 1
	fi
	read -r normal <"$F/$CASE.st"
	if [ "$st" -eq "$normal" ] && cmp -s oom.out "$F/$CASE.out" &&
	    cmp -s oom.err "$F/$CASE.err"; then
		return 0
	fi
	echo "$CASE, $1 allocations: exit $st (normal run: $normal), and not the normal run's output:"
	echo "  stdout: $(wc -c <oom.out) bytes (normal run: $(wc -c <"$F/$CASE.out"))"
	printf '  stderr: %s\n' "${lines[@]:0:5}"
	return 1
}

# --- write errors -------------------------------------------------------------

@test "faults: every tool writing to /dev/full exits 2 with one diagnostic" {
	local c
	[ -w /dev/full ] || skip "no /dev/full"
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr bash -c '"$@" >/dev/full' _ "${ARGS[@]}" "$F/$IN"
		nostdout
		onediag "$TOOL: write error: No space left on device"
	done
}

@test "faults: every tool writing a big output to /dev/full exits 2 with one diagnostic" {
	local c
	[ -w /dev/full ] || skip "no /dev/full"
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr bash -c '"$@" >/dev/full' _ "${ARGS[@]}" "$F/$BIG"
		nostdout
		onediag "$TOOL: write error: No space left on device"
	done
}

@test "faults: every tool with standard output closed exits 2 with one diagnostic" {
	local c
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr bash -c '"$@" >&-' _ "${ARGS[@]}" "$F/$IN"
		onediag "$TOOL: *"
	done
}

# --- a reader that went away --------------------------------------------------

@test "faults: with SIGPIPE ignored, every tool whose reader went away (| head -1) stops quietly with exit 0" {
	local c
	for c in $CASES; do
		use "$c"
		run -0 --separate-stderr timeout $((10 * SLOW)) bash -c \
		    'trap "" PIPE; "$@" | head -n 1; exit "${PIPESTATUS[0]}"' \
		    _ "${ARGS[@]}" "$F/$BIG"
		[ -z "$stderr" ] || fail "stderr is not empty"
		[ "$output" = "$(head -n 1 "$F/$c.big.out")" ] ||
		    fail "stdout is not the first line of the output"
	done
}

@test "faults: with SIGPIPE ignored, a streaming tool whose reader went away stops at once on an endless input" {
	local c
	for c in classify flags routine plans; do
		use "$c"
		tail -n +2 "$F/$IN" >body.tsv
		run -0 --separate-stderr timeout $((10 * SLOW)) bash -c \
		    'trap "" PIPE
		     { cat "$1"; while cat "$2"; do :; done; } 2>/dev/null |
		         "${@:3}" | head -n 1
		     exit "${PIPESTATUS[1]}"' \
		    _ "$F/$IN" body.tsv "${ARGS[@]}"
		[ -z "$stderr" ] || fail "stderr is not empty"
		[ "$output" = "$(head -n 1 "$F/$c.out")" ] ||
		    fail "stdout is not the first line of the output"
	done
}

# --- files that cannot be read or written -------------------------------------

# nodac TOOL ARG...: run TOOL ARG... as root without the capabilities
# that pass over file modes, so that a mode-000 file cannot be read; from
# $TOP/cmd, as the valgrind wrappers of make memcheck would be exempt.
nodac() {
	local t=$1
	shift
	setpriv --bounding-set=-dac_override,-dac_read_search "$TOP/cmd/$t" "$@"
}

@test "faults: an unreadable file among good ones is fatal before any output" {
	local c
	command -v setpriv >/dev/null || skip "no setpriv"
	chmod 755 .
	for c in $CASES; do
		use "$c"
		cp "$F/$IN" good.tsv
		rm -f secret.tsv
		cp "$F/$IN" secret.tsv
		chmod 000 secret.tsv
		run -2 --separate-stderr nodac "${ARGS[@]}" good.tsv secret.tsv \
		    good.tsv </dev/null
		nostdout
		onediag "$TOOL: secret.tsv: Permission denied"
	done
}

@test "faults: an unreadable catalog is fatal before any output" {
	command -v setpriv >/dev/null || skip "no setpriv"
	chmod 755 .
	cp "$F/flagged.tsv" flagged.tsv
	cp "$F/routed.tsv" routed.tsv
	cp "$F/catalog.tsv" secret.tsv
	chmod 000 secret.tsv
	CASE=routine
	run -2 --separate-stderr nodac bproutine -q -c secret.tsv flagged.tsv </dev/null
	nostdout
	onediag "bproutine: secret.tsv: Permission denied"
	CASE=plans
	run -2 --separate-stderr nodac bpreport -q --plans -c secret.tsv routed.tsv </dev/null
	nostdout
	onediag "bpreport: secret.tsv: Permission denied"
}

@test "faults: a rejects file in a missing directory is fatal before any output" {
	local c
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr "${ARGS[@]}" -r nodir/rej.tsv "$F/$IN"
		nostdout
		onediag "$TOOL: nodir/rej.tsv: No such file or directory"
		[ ! -e nodir ] || fail "nodir was made"
	done
}

@test "faults: a rejects file that is a directory is fatal before any output" {
	local c
	mkdir adir
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr "${ARGS[@]}" -r adir "$F/$IN"
		nostdout
		onediag "$TOOL: adir: Is a directory"
		[ -z "$(ls adir)" ] || fail "something was written into adir"
	done
}

@test "faults: a catalog that is a directory is fatal: Is a directory" {
	mkdir adir
	CASE=routine
	run -2 --separate-stderr bproutine -q -c adir "$F/flagged.tsv"
	nostdout
	onediag "bproutine: adir: Is a directory"
	CASE=plans
	run -2 --separate-stderr bpreport -q --plans -c adir "$F/routed.tsv"
	nostdout
	onediag "bpreport: adir: Is a directory"
	CASE=report
	run -2 --separate-stderr bpreport -q -c adir "$F/routed.tsv"
	nostdout
	onediag "bpreport: adir: Is a directory"
}

@test "faults: an input operand that is a directory is fatal: Is a directory" {
	local c
	mkdir adir
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr "${ARGS[@]}" adir
		nostdout
		onediag "$TOOL: adir: Is a directory"
		run -2 --separate-stderr "${ARGS[@]}" "$F/$IN" adir
		nostdout
		onediag "$TOOL: adir: Is a directory"
	done
}

@test "faults: standard input that is a directory is fatal: -: Is a directory" {
	local c
	mkdir adir
	for c in $CASES; do
		use "$c"
		run -2 --separate-stderr "${ARGS[@]}" <adir
		nostdout
		onediag "$TOOL: -: Is a directory"
		run -2 --separate-stderr "${ARGS[@]}" - <adir
		nostdout
		onediag "$TOOL: -: Is a directory"
	done
}

# --- input cut off in the middle of a record ----------------------------------

# cutinput: from the case's input, two.tsv (the header and two records) and
# cut.tsv (the same and the first third of the third record, no LF);
# half, that third.
cutinput() {
	local third
	head -n 3 "$F/$IN" >two.tsv
	third=$(sed -n 4p "$F/$IN")
	half=${third:0:$((${#third} / 3))}
	{ cat two.tsv; printf '%s' "$half"; } >cut.tsv
}

@test "faults: input cut off in a record (a writer that dies), with -r: the half record is rejected, every record counted" {
	local c
	for c in $CASES; do
		use "$c"
		cutinput
		"${ARGS[@]}" two.tsv >want.out 2>/dev/null || true
		rm -f rej.tsv
		fifo cut.tsv "${ARGS[@]}" -r rej.tsv
		[ "$status" -eq 1 ] || fail "exit $status, not 1"
		[ "$(cat rej.tsv)" = "$half" ] && [ "$(wc -l <rej.tsv)" -eq 1 ] ||
		    fail "rejects file is not the half record and an LF: $(cat rej.tsv)"
		cmp -s want.out out ||
		    fail "stdout is not that of the two whole records"
		onediag "$TOOL: fifo:4: * field*, the header has *"
		case $c in
		classify|flags|routine)
			# records in (3) = records out + records rejected (1)
			[ "$(wc -l <out)" -eq 3 ] || fail "not 2 records out" ;;
		esac
	done
}

@test "faults: input cut off in a record (a writer that dies), without -r: exit 2 with one diagnostic" {
	local c
	for c in $CASES; do
		use "$c"
		cutinput
		fifo cut.tsv "${ARGS[@]}"
		[ "$status" -eq 2 ] || fail "exit $status, not 2"
		onediag "$TOOL: fifo:4: * field*, the header has *"
	done
}

# --- read errors --------------------------------------------------------------

@test "faults: a read error on the first read of the input exits 2 with one diagnostic naming the file" {
	local c n
	needstrace
	for c in $CASES; do
		use "$c"
		ln -sf "$F/$IN" in.tsv
		n=$(readno 1 in.tsv "${ARGS[@]}")
		[ -n "$n" ] || fail "strace shows no read of in.tsv"
		run -2 --separate-stderr strace -f -qq -o /dev/null -e trace=read \
		    -e inject=read:error=EIO:when="$n" "${ARGS[@]}" in.tsv
		nostdout
		onediag "$TOOL: in.tsv: Input/output error"
	done
}

@test "faults: a read error in the middle of a big input exits 2 with one diagnostic, never a truncated output with exit 0" {
	local c n
	needstrace
	for c in $CASES; do
		use "$c"
		ln -sf "$F/$BIG" big.tsv
		# the second read of the data: some output may be out already
		n=$(readno 2 big.tsv "${ARGS[@]}")
		[ -n "$n" ] || fail "strace shows no second read of big.tsv"
		run -2 --separate-stderr strace -f -qq -o /dev/null -e trace=read \
		    -e inject=read:error=EIO:when="$n" "${ARGS[@]}" big.tsv
		onediag "$TOOL: big.tsv: Input/output error"
	done
}

@test "faults: a read error in a catalog file exits 2 with one diagnostic naming it" {
	local n
	needstrace
	ln -sf "$F/catalog.tsv" cat.tsv
	CASE=routine
	n=$(readno 1 cat.tsv bproutine -q "$F/flagged.tsv" -c)
	[ -n "$n" ] || fail "strace shows no read of cat.tsv"
	run -2 --separate-stderr strace -f -qq -o /dev/null -e trace=read \
	    -e inject=read:error=EIO:when="$n" bproutine -q -c cat.tsv "$F/flagged.tsv"
	nostdout
	onediag "bproutine: cat.tsv: Input/output error"
	CASE=plans
	n=$(readno 1 cat.tsv bpreport -q --plans "$F/routed.tsv" -c)
	[ -n "$n" ] || fail "strace shows no read of cat.tsv"
	run -2 --separate-stderr strace -f -qq -o /dev/null -e trace=read \
	    -e inject=read:error=EIO:when="$n" bpreport -q --plans -c cat.tsv "$F/routed.tsv"
	nostdout
	onediag "bpreport: cat.tsv: Input/output error"
}

# --- out of memory ------------------------------------------------------------

# In a bash of its own (bats' DEBUG trap makes loops slow).
export CASES SHIM
export -f use oom

@test "faults: out of memory after 0 to 40 allocations: the whole normal output, or exit 2 with one diagnostic" {
	needshim
	export F
	run bash -c '
	    bad=0
	    for c in $CASES routine-c plans-c; do
		use "$c"
		for n in $(seq 0 40); do
		    r=0
		    oom "$n" || r=$?
		    [ "$r" -ne 1 ] || bad=1
		done
	    done
	    exit "$bad"'
	[ -z "$output" ] || echo "$output"
	[ "$status" -eq 0 ]
}

@test "faults: out of memory at any later allocation, up to a complete run: the whole normal output, or exit 2 with one diagnostic" {
	needshim
	export F
	run bash -c '
	    bad=0
	    for c in $CASES routine-c plans-c; do
		use "$c"
		for n in $(seq 41 5000); do
		    r=0
		    oom "$n" || r=$?
		    [ "$r" -ne 1 ] || bad=1
		    [ "$r" -ne 0 ] || break
		done
		[ "$r" -eq 0 ] || { echo "$c: no complete run with 5000 allocations"; bad=1; }
	    done
	    exit "$bad"'
	[ -z "$output" ] || echo "$output"
	[ "$status" -eq 0 ]
}
