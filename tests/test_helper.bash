# Shared setup for every bats file: the built tools come first on PATH,
# the C locale, and scratch files under $BATS_TEST_TMPDIR.

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
DATA=$TOP/tests/data
PATH=$TOP/cmd:$PATH
LC_ALL=C
export PATH LC_ALL
unset COLUMNS

# tsv ROW...: print the arguments as one TSV line (fields joined by TAB).
tsv() {
	local IFS=$'\t'
	printf '%s\n' "$*"
}

# col NAME: print the values of column NAME of the TSV on stdin, one a line.
col() {
	awk -F'\t' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; if (!c) exit 3; next } { print $c }'
}

# field NAME LINE: the value of column NAME in $output's data line LINE (1 = first record).
field() {
	printf '%s\n' "$output" | col "$1" | sed -n "${2:-1}p"
}

# Waits are longer under make memcheck, where every tool runs in valgrind.
SLOW=1
[ -z "${BP_MEMCHECK:-}" ] || SLOW=10

# header: the header line of $COLS.
header() {
	# shellcheck disable=SC2086
	tsv $COLS
}

# row NAME=VALUE...: one TSV line of the columns of $COLS, each taken from
# the NAME=VALUE words of $ROW_DEFAULTS unless an argument sets it.
row() {
	local -A v=()
	local -a f=()
	local a c

	# shellcheck disable=SC2086
	for a in $ROW_DEFAULTS "$@"; do
		v[${a%%=*}]=${a#*=}
	done
	for c in $COLS; do
		f+=("${v[$c]}")
	done
	tsv "${f[@]}"
}

# blocked PID: wait up to 5 s (times SLOW) until process PID sleeps in a
# read of a pipe; fails at once when PID has ended.
blocked() {
	local n nr=0
	[ "$(uname -m)" = aarch64 ] && nr=63
	for n in $(seq $((100 * SLOW))); do
		[ -d "/proc/$1" ] || return 1
		case $(cat "/proc/$1/wchan" 2>/dev/null) in
		*pipe_read*) return 0 ;;
		esac
		[ "$(cut -d ' ' -f 1 "/proc/$1/syscall" 2>/dev/null)" = "$nr" ] &&
		    return 0
		sleep 0.05
	done
	return 1
}

# clean: nothing on standard error (after run --separate-stderr).
clean() {
	[ -z "$stderr" ] || { echo "unexpected stderr: $stderr"; return 1; }
}

# is NAME VALUE...: output column NAME of the one record is VALUE (several
# NAME VALUE pairs may follow); the output holds exactly one record.
is() {
	local got

	[ "$(printf '%s\n' "$output" | wc -l)" -eq 2 ] ||
		{ echo "expected one record, got: $output"; return 1; }
	while [ $# -gt 0 ]; do
		got=$(field "$1" 1)
		[ "$got" = "$2" ] ||
			{ echo "$1: expected '$2', got '$got'"; return 1; }
		shift 2
	done
}

# warned [-l LINE] COLUMN VALUE [[-l LINE] COLUMN VALUE...]: standard
# error (after run --separate-stderr) is exactly one value warning per
# pair, in order: by $PROG about $IN (default in.tsv) at LINE (2, or
# what the last -l before the pair set), naming COLUMN, after the
# record's id if it has one, and ending with the trimmed VALUE in quotes
# (no quotes when VALUE is empty).
warned() {
	local -a got
	local line=2 want i=0 g

	mapfile -t got <<<"$stderr"
	[ -n "$stderr" ] || got=()
	while [ $# -gt 0 ]; do
		[ "$1" = -l ] && { line=$2; shift 2; continue; }
		g=${got[$i]-}
		want="$PROG: ${IN:-in.tsv}:$line: "
		[[ $g == "$want"id\ * ]] && g="$want${g#"$want"id *: }"
		if [ -n "$2" ]; then
			[[ $g == "$want$1: "*": \"$2\"" ]]
		else
			[[ $g == "$want$1: "* && $g != *\" ]]
		fi || { echo "warning $((i + 1)): expected $1 \"$2\" at" \
		    "line $line, got: ${got[$i]-nothing}"; return 1; }
		i=$((i + 1))
		shift 2
	done
	[ "${#got[@]}" -eq "$i" ] ||
		{ echo "expected $i warning(s), got: $stderr"; return 1; }
}

# records FILE: how many records FILE holds for a bp reader (bp(7)): its
# lines after the header that are neither empty once every CR before
# the LF is removed nor the header again (a UTF-8 BOM on the header is
# part of no record).
records() {
	LC_ALL=C awk '
		{ sub(/\r+$/, "") }
		NR == 1 { sub(/^\357\273\277/, ""); h = $0; next }
		length($0) > 0 && $0 != h { n++ }
		END { print n + 0 }' "$1"
}

# mandisplay PAGE SECTION TEXT: the first literal display (.Bd -literal)
# of section SECTION of man/PAGE that holds TEXT, with the mdoc escapes
# \e, \& and \- undone: the commands a manual gives, to run; fails with
# a message when there is none.
mandisplay() {
	awk -v sec="$2" -v text="$3" '
	/^\.Sh / { s = $0 == ".Sh " sec; next }
	s && /^\.Bd -literal/ { d = 1; b = ""; next }
	s && d && /^\.Ed/ {
		d = 0
		if (index(b, text)) { printf "%s", b; found = 1; exit }
		next
	}
	s && d { b = b $0 "\n" }
	END { exit !found }' "$TOP/man/$1" |
	    sed -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\-/-/g'
	[ "${PIPESTATUS[0]}" -eq 0 ] ||
	    { echo "$1 $2: no display holding: $3" >&2; return 1; }
}

# same WANT GOT: the files are equal, with a readable diff when not.
same() {
	diff -u "$1" "$2" || { echo "differs from ${1##*/} (diff -u above)"; return 1; }
}

# make memcheck: every tool run by name goes through valgrind, whose
# exit status 99 marks an error it found.
if [ -n "${BP_MEMCHECK:-}" ]; then
	_mc=$BATS_RUN_TMPDIR/memcheck
	if [ ! -d "$_mc" ]; then
		mkdir -p "$_mc"
		for _t in "$TOP"/cmd/bp*; do
			case $_t in *.c|*.o) continue ;; esac
			printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' \
			    "$_t" >"$_mc/${_t##*/}"
			chmod +x "$_mc/${_t##*/}"
		done
	fi
	PATH=$_mc:$PATH
	BP_SANDBOX=0
	export BP_SANDBOX
fi

# needstrace: skip unless strace is there and may trace here.  (Under
# make sanitize, LeakSanitizer cannot run under ptrace: it is turned off.)
needstrace() {
	command -v strace >/dev/null || skip "no strace"
	strace -qq -o /dev/null true 2>/dev/null || skip "strace cannot trace here"
	if [ -n "${BP_SANITIZE:-}" ]; then
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
		export ASAN_OPTIONS
	fi
}
