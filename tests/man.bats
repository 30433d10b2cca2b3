#!/usr/bin/env bats
# The manual pages: mandoc finds nothing to warn about, every command in an
# EXAMPLES section runs, and every built tool has a page naming its options.

bats_require_minimum_version 1.5.0

load test_helper

# fail LINE...: print the lines and fail the test.
fail() {
	printf '%s\n' "$@" >&2
	return 1
}

need_mandoc() {
	command -v mandoc >/dev/null 2>&1 || skip "mandoc is not installed"
}

# pages: the man pages, one a line; fails when there are none.
pages() {
	local p n=0

	for p in "$TOP"/man/*.[1-9]; do
		[ -f "$p" ] || continue
		printf '%s\n' "$p"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}

# examples PAGE: the commands on the ".Dl $ " lines of PAGE's EXAMPLES
# section, one a line, with the mdoc escapes \&, \- and \e undone.
examples() {
	awk '/^\.Sh / { ex = $0 == ".Sh EXAMPLES"; next }
	    ex && /^\.Dl \$ / { sub(/^\.Dl \$ /, ""); print }' "$1" |
	    sed -e 's/\\&//g' -e 's/\\-/-/g' -e 's/\\e/\\/g'
}

# tools: the built tools in cmd/ (executable files without a dot).
tools() {
	local t

	for t in "$TOP"/cmd/*; do
		case ${t##*/} in
		*.*) continue ;;
		esac
		[ -f "$t" ] && [ -x "$t" ] && printf '%s\n' "$t"
	done
	return 0
}

# options: the options named in a --help text on stdin, one a line;
# a cluster such as [-hq] gives -h and -q.
options() {
	local o i

	grep -oE '(^|[[:space:],[])--?[[:alpha:]][[:alnum:]-]*' |
	    sed 's/^[[:space:],[]//' |
	    while IFS= read -r o; do
		case $o in
		--*) printf '%s\n' "$o" ;;
		*)
			for ((i = 1; i < ${#o}; i++)); do
				printf -- '-%s\n' "${o:i:1}"
			done
			;;
		esac
	    done | sort -u
}

@test "man: mandoc -Tlint -W warning finds nothing in any page" {
	local page

	need_mandoc
	pages >"$BATS_TEST_TMPDIR/pages" || fail "no man/*.[1-9] page"
	while IFS= read -r page; do
		run --separate-stderr mandoc -Tlint -W warning "$page"
		[ "$status" -eq 0 ] ||
		    fail "${page##*/}: mandoc -Tlint exited $status" "$output$stderr"
		[ -z "$output" ] && [ -z "$stderr" ] ||
		    fail "${page##*/}: mandoc -Tlint: $output$stderr"
	done <"$BATS_TEST_TMPDIR/pages"
}

@test "man: mandoc -Tlint -W style finds nothing but the pages not installed" {
	local page

	need_mandoc
	pages >"$BATS_TEST_TMPDIR/pages" || fail "no man/*.[1-9] page"
	while IFS= read -r page; do
		mandoc -Tlint -W style "$page" 2>&1 |
		    grep -v -e 'referenced manual not found' -e 'mandoc\.db' \
		    >"$BATS_TEST_TMPDIR/lint" || true
		[ ! -s "$BATS_TEST_TMPDIR/lint" ] ||
		    fail "${page##*/}: mandoc -Tlint -W style" \
		    "$(cat "$BATS_TEST_TMPDIR/lint")"
	done <"$BATS_TEST_TMPDIR/pages"
}

@test "man: every EXAMPLES command runs and prints something" {
	local page name dir cmd n s out err

	[ -f "$DATA/sample.tsv" ] || fail "no $DATA/sample.tsv"
	pages >"$BATS_TEST_TMPDIR/pages" || fail "no man/*.[1-9] page"
	out=$BATS_TEST_TMPDIR/stdout
	err=$BATS_TEST_TMPDIR/stderr
	while IFS= read -r page; do
		name=${page##*/}
		dir=$BATS_TEST_TMPDIR/run.$name
		mkdir "$dir"
		cp "$DATA/sample.tsv" "$dir/intake.tsv"
		cp "$DATA/sample.tsv" "$dir/more.tsv"
		examples "$page" >"$BATS_TEST_TMPDIR/commands"
		n=0
		while IFS= read -r cmd; do
			n=$((n + 1))
			s=0
			(cd "$dir" && exec timeout 10 bash -c "$cmd") \
			    </dev/null >"$out" 2>"$err" || s=$?
			case $s in
			0 | 1) ;;
			*) fail "$name: exit status $s from: $cmd" \
			    "$(cat "$err")" ;;
			esac
			[ -s "$out" ] || fail "$name: no output from: $cmd"
		done <"$BATS_TEST_TMPDIR/commands"
		[ "$n" -gt 0 ] || fail "$name: no .Dl \$ command in EXAMPLES"
	done <"$BATS_TEST_TMPDIR/pages"
}

@test "man: every built tool has a section 1 page" {
	local tool n=0

	tools >"$BATS_TEST_TMPDIR/tools"
	while IFS= read -r tool; do
		n=$((n + 1))
		[ -f "$TOP/man/${tool##*/}.1" ] ||
		    fail "${tool##*/}: no man/${tool##*/}.1"
	done <"$BATS_TEST_TMPDIR/tools"
	[ "$n" -gt 0 ] || fail "no built tool in cmd/ (run make)"
}

@test "man: every option in a tool's --help is in its page" {
	local tool name opt n

	need_mandoc
	tools >"$BATS_TEST_TMPDIR/tools"
	[ -s "$BATS_TEST_TMPDIR/tools" ] || fail "no built tool in cmd/"
	while IFS= read -r tool; do
		name=${tool##*/}
		# a missing page is the previous test's failure
		[ -f "$TOP/man/$name.1" ] || continue
		mandoc -Tascii -O width=500 "$TOP/man/$name.1" |
		    sed 's/.\x08//g' >"$BATS_TEST_TMPDIR/page.txt"
		run -0 --separate-stderr "$tool" --help
		[ -z "$stderr" ] || fail "$name --help wrote to stderr: $stderr"
		printf '%s\n' "$output" | options >"$BATS_TEST_TMPDIR/opts"
		n=0
		while IFS= read -r opt; do
			n=$((n + 1))
			grep -qE -- "(^|[^[:alnum:]-])$opt([^[:alnum:]-]|\$)" \
			    "$BATS_TEST_TMPDIR/page.txt" ||
			    fail "$name: $opt (from --help) is not in man/$name.1"
		done <"$BATS_TEST_TMPDIR/opts"
		[ "$n" -gt 0 ] || fail "$name: no option found in --help"
	done <"$BATS_TEST_TMPDIR/tools"
}

@test "man: every page renders without a warning at 80 columns, under mandoc and under groff" {
	local page

	pages >"$BATS_TEST_TMPDIR/pages" || fail "no man/*.[1-9] page"
	command -v mandoc >/dev/null 2>&1 || command -v groff >/dev/null 2>&1 ||
	    skip "neither mandoc nor groff is installed"
	while IFS= read -r page; do
		if command -v mandoc >/dev/null 2>&1; then
			run --separate-stderr mandoc -Tutf8 -O width=80 "$page"
			[ "$status" -eq 0 ] && [ -z "$stderr" ] ||
			    fail "${page##*/}: mandoc at 80 columns: $stderr"
		fi
		# what Debian's man(1) runs, MANWIDTH=80
		if command -v groff >/dev/null 2>&1; then
			run --separate-stderr groff -mandoc -Tutf8 -rLL=78n \
			    -rLT=78n "$page"
			[ "$status" -eq 0 ] && [ -z "$stderr" ] ||
			    fail "${page##*/}: groff at 80 columns: $stderr"
		fi
	done <"$BATS_TEST_TMPDIR/pages"
}
