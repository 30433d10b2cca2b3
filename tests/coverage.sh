#!/bin/sh
# The coverage of the last run of a --coverage build (make coverage): for
# each source file of cmd/ and lib/, the share of its lines run and of its
# branches taken at least once, as gcov(1) counts them, then the whole.
# A file short of 95% of its lines or 90% of its branches is marked "<".
# Run from the top of the tree.
LC_ALL=C
export LC_ALL
for f in lib/*.c lib/tool/*.c cmd/*.c; do
	[ -f "${f%.c}.gcno" ] || continue
	gcov -b -n -o "${f%/*}" "$f" 2>/dev/null | awk -v f="$f" '
	# "Lines executed:95.12% of 820": the share, then the count
	function share(s) { sub(/^[^:]*:/, "", s); return s + 0 }
	function count(s) { sub(/.* of /, "", s); return s + 0 }
	/^File / { this = $2 == sprintf("%c%s%c", 39, f, 39) }
	this && /^Lines executed:/ { l = share($0); ln = count($0) }
	this && /^Taken at least once:/ { b = share($0); bn = count($0) }
	END { print f, l + 0, ln + 0, bn ? b : 100, bn + 0 }'
done | awk '
BEGIN { printf "%-24s %8s %6s %9s %6s\n", "file", "lines", "of", "branches", "of" }
$3 > 0 {
	mark = $2 < 95 || $4 < 90 ? "<" : ""
	printf "%-24s %7.2f%% %6d %8.2f%% %6d %s\n", $1, $2, $3, $4, $5, mark
	lr += $2 * $3 / 100; lt += $3; br += $4 * $5 / 100; bt += $5
	short += mark != ""
}
END {
	printf "%-24s %7.2f%% %6d %8.2f%% %6d\n", "total", lt ? 100 * lr / lt : 0,
	    lt, bt ? 100 * br / bt : 0, bt
	if (short)
		printf "%d files under 95%% of lines or 90%% of branches\n", short
}'
