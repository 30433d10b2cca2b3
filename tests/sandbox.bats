#!/usr/bin/env bats
# The sandbox (lib/sandbox.c; bp(7), SECURITY CONSIDERATIONS): once its
# files are open, every tool runs under a seccomp filter that allows little
# more than read and write (BP_SANDBOX=0 turns it off), and no tool can dump
# core: records are health data.  The tool is caught while it waits for
# more input on a FIFO, and its /proc files are read.  The sandbox must not
# change any output.
#
# make sanitize and make memcheck set BP_SANDBOX=0 (their runtimes make
# calls the sandbox refuses); the seccomp tests are skipped then.

bats_require_minimum_version 1.5.0
load test_helper

# Waits are 10 times longer under valgrind (make memcheck).

# The runs under test, as NAME: the tool and options (see use).
CASES="classify flags track routine report plans merge import"

setup() {
	cd "$BATS_TEST_TMPDIR" || return
	PID= W=
}

teardown() {
	if [ -n "$PID" ]; then
		kill "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	fi
	if [ -n "$W" ]; then
		exec {W}>&-
	fi
}

# use CASE: ARGS, the tool and options of CASE (an array); TOOL; HEADER,
# a header line it accepts.
use() {
	CASE=$1
	case $1 in
	classify) ARGS=(bpclassify) HEADER=$(head -n 1 "$DATA/sample.tsv") ;;
	flags) ARGS=(bpflags) HEADER=$(head -n 1 "$DATA/sample.tsv") ;;
	routine) ARGS=(bproutine) HEADER=$(head -n 1 "$DATA/sample.pipeline.tsv") ;;
	report) ARGS=(bpreport) HEADER=$(head -n 1 "$DATA/sample.pipeline.tsv") ;;
	plans) ARGS=(bpreport --plans) HEADER=$(head -n 1 "$DATA/sample.pipeline.tsv") ;;
	merge) ARGS=(bpreport --merge) HEADER=$(tsv section key value) ;;
	track) ARGS=(bptrack) HEADER=$(head -n 1 "$DATA/sample.pipeline.tsv") ;;
	import) ARGS=(bpimport) HEADER=$(head -n 1 "$DATA/import.redcap.csv") ;;
	esac
	TOOL=${ARGS[0]}
}

# input CASE: in, a sample input of CASE with records: every run writes.
input() {
	case $1 in
	classify|flags) cp "$DATA/sample.tsv" in ;;
	merge) cp "$DATA/sample.summary.tsv" in ;;
	import) cp "$DATA/import.redcap.csv" in ;;
	*) cp "$DATA/sample.pipeline.tsv" in ;;
	esac
}

# needsandbox: skip when the environment turns the sandbox off.
needsandbox() {
	[ "${BP_SANDBOX:-}" != 0 ] || skip "BP_SANDBOX=0 is set"
}


# start ARG...: run ARG... fifo in the background (PID), where fifo is a
# FIFO that the test holds open (W) and into which HEADER was written;
# wait until the tool has read it and waits for more.  Its standard
# output goes to out, its standard error to err.
start() {
	rm -f fifo
	mkfifo -m 666 fifo
	# held open for reading and writing: the tool's open does not wait
	exec {W}<>fifo
	printf '%s\n' "$HEADER" >&"$W"
	"$@" fifo >out 2>err {W}>&- 3>&- &
	PID=$!
	blocked "$PID" || {
		echo "$CASE: $* did not wait for input; stderr: $(cat err)"
		return 1
	}
}

# finish: close the FIFO (the end of the input); the tool must end
# within 10 s with exit 0 and nothing on standard error.
finish() {
	local n st=0
	exec {W}>&-
	W=
	for n in $(seq $((200 * SLOW))); do
		kill -0 "$PID" 2>/dev/null || break
		sleep 0.05
	done
	wait "$PID" || st=$?
	PID=
	[ "$st" -eq 0 ] && [ ! -s err ] || {
		echo "$CASE: exit $st at the end of input; stderr: $(cat err)"
		return 1
	}
}

# status_of PID NAME: the value of NAME: in /proc/PID/status.
status_of() {
	awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"
}

@test "sandbox: every tool waiting for input runs under a seccomp filter (Seccomp: 2)" {
	local c base
	needsandbox
	base=$(status_of $$ Seccomp_filters)
	for c in $CASES; do
		use "$c"
		start "${ARGS[@]}"
		[ "$(status_of "$PID" Seccomp)" = 2 ] ||
		    { echo "$c: $(grep Seccomp "/proc/$PID/status")"; false; }
		[ "$(status_of "$PID" NoNewPrivs)" = 1 ] ||
		    { echo "$c: $(grep NoNewPrivs "/proc/$PID/status")"; false; }
		# one filter more than the shell that started it
		[ -z "$base" ] || [ "$(status_of "$PID" Seccomp_filters)" -eq $((base + 1)) ] ||
		    { echo "$c: $(grep Seccomp "/proc/$PID/status")"; false; }
		finish
	done
}

@test "sandbox: with BP_SANDBOX=0 no tool adds a seccomp filter" {
	local c base
	base=$(status_of $$ Seccomp)
	for c in $CASES; do
		use "$c"
		start env BP_SANDBOX=0 "${ARGS[@]}"
		[ "$(status_of "$PID" Seccomp)" = "$base" ] ||
		    { echo "$c: $(grep Seccomp "/proc/$PID/status") (the shell's: $base)"; false; }
		finish
	done
}

@test "sandbox: a filter caught waiting after the header writes the output header and exits 0 when its input ends" {
	local c
	for c in classify flags routine; do
		use "$c"
		start "${ARGS[@]}"
		finish
		[ "$(cat out)" = "$(printf '%s\n' "$HEADER" | "${ARGS[@]}")" ]
		[ "$(head -c ${#HEADER} out)" = "$HEADER" ]
	done
}

@test "sandbox: every tool has core dumps off (core file size limit 0)" {
	local c lim
	for c in $CASES; do
		use "$c"
		start "${ARGS[@]}"
		lim=$(awk '/^Max core file size/ { print $5, $6 }' "/proc/$PID/limits")
		[ "$lim" = "0 0" ] || { echo "$c: core file size limit: $lim"; false; }
		finish
	done
}

@test "sandbox: every tool with BP_SANDBOX=0 still has core dumps off" {
	local c lim
	for c in $CASES; do
		use "$c"
		start env BP_SANDBOX=0 "${ARGS[@]}"
		lim=$(awk '/^Max core file size/ { print $5, $6 }' "/proc/$PID/limits")
		[ "$lim" = "0 0" ] || { echo "$c: core file size limit: $lim"; false; }
		finish
	done
}

@test "sandbox: every tool run by another user is not dumpable (its /proc files belong to root)" {
	local c owner
	command -v setpriv >/dev/null || skip "no setpriv"
	[ -z "${BP_COVERAGE:-}" ] || skip "another user cannot write the counters of make coverage"
	chmod 755 .
	# the check itself: a program that does not care is owned by its user
	setpriv --reuid=65534 --regid=65534 --clear-groups sleep 10 3>&- &
	PID=$!
	sleep 0.2
	owner=$(stat -c %u "/proc/$PID/environ")
	kill "$PID"
	wait "$PID" || true
	PID=
	[ "$owner" -eq 65534 ] || skip "/proc files of a user's process are not the user's here"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    test -x "$TOP/cmd/bpclassify" || skip "the tools are out of nobody's reach here"
	for c in $CASES; do
		use "$c"
		# from $TOP/cmd: make memcheck's wrappers are out of nobody's reach
		start setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$TOP/cmd/$TOOL" "${ARGS[@]:1}"
		owner=$(stat -c %u "/proc/$PID/environ")
		[ "$owner" -eq 0 ] || { echo "$c: /proc/PID/environ belongs to $owner"; false; }
		[ "$(stat -c %u "/proc/$PID/status")" -eq 0 ]
		finish
	done
}

# --- the same output without the sandbox --------------------------------------

# stages DIR: in DIR, the whole pipeline over the sample batch, into
# pipeline.tsv, report.txt, summary.tsv, plans.txt, merged.txt, and with
# -r and -c; the exit statuses and standard error of every run into
# status and stderr.
stages() {
	local d=$1
	mkdir -p "$d"
	(
		set +e
		cd "$d" || exit
		cp "$DATA/sample.tsv" intake.tsv
		bproutine --dump-catalog >catalog.tsv
		{
			bpclassify intake.tsv 2>>stderr | bpflags 2>>stderr |
			    bproutine 2>>stderr >pipeline.tsv
			echo "${PIPESTATUS[@]}"
			bpclassify -r rej1.tsv --acute-weeks 4 intake.tsv 2>>stderr |
			    bpflags -r rej2.tsv 2>>stderr |
			    bproutine -r rej3.tsv -c catalog.tsv 2>>stderr >pipeline-rc.tsv
			echo "${PIPESTATUS[@]}"
			bpreport pipeline.tsv >report.txt 2>>stderr; echo $?
			bpreport -f tsv pipeline.tsv >summary.tsv 2>>stderr; echo $?
			bpreport --plans pipeline.tsv >plans.txt 2>>stderr; echo $?
			bpreport --plans -c catalog.tsv -r rej4.tsv pipeline.tsv \
			    >plans-c.txt 2>>stderr; echo $?
			bpreport --merge summary.tsv summary.tsv >merged.txt 2>>stderr; echo $?
			bpclassify "$DATA/visits.tsv" 2>>stderr | bpflags 2>>stderr |
			    bptrack 2>>stderr >track.tsv
			echo "${PIPESTATUS[@]}"
			bpimport -m "$TOP/lib/questions.map.tsv" --dates dmy \
			    "$DATA/import.sheet.csv" >import.tsv 2>>stderr; echo $?
		} >status
	)
}

@test "sandbox: the whole pipeline under the sandbox gives the golden outputs" {
	needsandbox
	stages on
	cmp "$DATA/sample.pipeline.tsv" on/pipeline.tsv
	cmp "$DATA/sample.report.txt" on/report.txt
	cmp "$DATA/sample.summary.tsv" on/summary.tsv
	# the sample has value problems on purpose: exit 1, never 2
	[ "$(head -n 2 on/status)" = "$(printf '1 1 1\n1 1 1')" ] ||
	    { cat on/status; false; }
	! tail -n +3 on/status | grep -v '^[01]\( [01]\)*$' ||
	    { cat on/status; false; }
	[ -s on/plans.txt ] && [ -s on/plans-c.txt ] && [ -s on/merged.txt ]
	cmp on/plans.txt on/plans-c.txt
	[ -s on/track.tsv ] && [ -s on/import.tsv ]
	! grep -i 'sandbox' on/stderr
}

@test "sandbox: every tool may signal itself, and no other process" {
	local c other
	needsandbox
	sleep 60 3>&- &
	other=$!
	for c in $CASES; do
		use "$c"
		input "$c"
		# sigprobe tries at the first write, inside the sandbox
		BP_SIGPROBE=$other LD_PRELOAD="$TOP/tests/fault/sigprobe.so" \
		    "${ARGS[@]}" in >/dev/null 2>err || true
		grep -qx 'sigprobe: other 1 self 0 sandbox on' err ||
		    { echo "$c: $(cat err)"; kill "$other"; false; }
		# and the probe can tell: without the sandbox it may
		BP_SANDBOX=0 BP_SIGPROBE=$other \
		    LD_PRELOAD="$TOP/tests/fault/sigprobe.so" \
		    "${ARGS[@]}" in >/dev/null 2>err || true
		grep -qx 'sigprobe: other 0 self 0 sandbox off' err ||
		    { echo "$c: $(cat err)"; kill "$other"; false; }
	done
	kill "$other"
}

@test "sandbox: a catalog given with -c is read before the sandbox and checked inside it" {
	local cmd
	needsandbox
	cp "$DATA/sample.pipeline.tsv" in.tsv
	bproutine --dump-catalog | sed '3s/^[^	]*	[^	]*/x	not_a_kind/' >bad.tsv
	for cmd in "bproutine -c bad.tsv in.tsv" "bpreport --plans -c bad.tsv in.tsv"; do
		# its first write is the catalog's diagnostic
		BP_SIGPROBE=1 LD_PRELOAD="$TOP/tests/fault/sigprobe.so" \
		    $cmd >out 2>err && false || [ $? -eq 2 ]
		[ "$(head -n 1 err)" = 'sigprobe: other 1 self 0 sandbox on' ] ||
		    { echo "$cmd: $(cat err)"; false; }
		grep -q '^bp[a-z]*: bad.tsv:3: kind: ' err
		[ ! -s out ]
	done
}

@test "sandbox: every output, diagnostic and exit status is the same with BP_SANDBOX=0" {
	needsandbox
	stages on
	(export BP_SANDBOX=0; stages off)
	local f
	for f in status stderr pipeline.tsv pipeline-rc.tsv rej1.tsv rej2.tsv \
	    rej3.tsv rej4.tsv report.txt summary.tsv plans.txt plans-c.txt \
	    merged.txt track.tsv import.tsv; do
		cmp "on/$f" "off/$f"
	done
	[ -s on/stderr ]
}

# --- the filter built but not installed (tests/fault/noseccomp.c) ---------------

# needstub: skip unless tests/fault/noseccomp.so can be preloaded.
needstub() {
	[ -f "$TOP/tests/fault/noseccomp.so" ] || skip "make check builds tests/fault/noseccomp.so"
	[ -z "${BP_SANITIZE:-}${BP_MEMCHECK:-}" ] ||
	    skip "the shim needs the plain build"
}

@test "sandbox: a tool whose filter the kernel refuses says so, writes nothing and exits 2" {
	local c
	needstub
	for c in $CASES; do
		use "$c"
		input "$c"
		run -2 --separate-stderr env BP_SANDBOX=1 BP_NOSECCOMP=fail \
		    LD_PRELOAD="$TOP/tests/fault/noseccomp.so" "${ARGS[@]}" in
		[ "$stderr" = "$TOOL: cannot enter the sandbox: Invalid argument (BP_SANDBOX=0 runs without it)" ] ||
		    { echo "$c: $stderr"; false; }
		[ -z "$output" ] || { echo "$c wrote: ${output:0:80}"; false; }
	done
}

@test "sandbox: with the filter built and taken but not installed, the pipeline gives the outputs of the sandbox" {
	needstub
	(export BP_SANDBOX=1 LD_PRELOAD="$TOP/tests/fault/noseccomp.so"; stages stub)
	(export BP_SANDBOX=0; stages off)
	local f
	for f in status stderr pipeline.tsv report.txt summary.tsv plans.txt \
	    plans-c.txt merged.txt track.tsv import.tsv; do
		cmp "stub/$f" "off/$f"
	done
	cmp "$DATA/sample.report.txt" stub/report.txt
}

@test "sandbox: BP_SANDBOX unset, empty or anything but 0 (00, 1) keeps the sandbox on" {
	local v
	needstub
	cp "$DATA/sample.tsv" in
	for v in unset '' 00 1 no; do
		if [ "$v" = unset ]; then
			run -2 --separate-stderr env -u BP_SANDBOX BP_NOSECCOMP=fail \
			    LD_PRELOAD="$TOP/tests/fault/noseccomp.so" bpclassify in
		else
			run -2 --separate-stderr env BP_SANDBOX="$v" BP_NOSECCOMP=fail \
			    LD_PRELOAD="$TOP/tests/fault/noseccomp.so" bpclassify in
		fi
		[ "$stderr" = "bpclassify: cannot enter the sandbox: Invalid argument (BP_SANDBOX=0 runs without it)" ] ||
		    { echo "BP_SANDBOX=$v: $stderr"; false; }
		[ -z "$output" ]
	done
}

@test "sandbox: a tool that may not give up new privileges says so, writes nothing and exits 2" {
	needstrace
	[ -z "${BP_SANITIZE:-}${BP_MEMCHECK:-}" ] ||
	    skip "the sanitizers' own prctl calls would fail too"
	cp "$DATA/sample.tsv" in
	run -2 --separate-stderr env BP_SANDBOX=1 strace -qq -o /dev/null \
	    -e trace=prctl -e inject=prctl:error=EPERM bpclassify in
	[ "$stderr" = "bpclassify: cannot enter the sandbox: Operation not permitted (BP_SANDBOX=0 runs without it)" ]
	[ -z "$output" ]
}
