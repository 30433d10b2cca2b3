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
