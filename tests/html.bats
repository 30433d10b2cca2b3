#!/usr/bin/env bats
# bpreport -f html (SPEC §8): one self-contained page that says what the
# text report says, with every value of a record escaped; well-formed for
# tidy; and, printed by a real browser, each plan on a page of its own
# with nothing cut off at the margins.  The tidy and browser tests skip
# where tidy, chromium or poppler-utils are not installed.

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# The columns of a record for plans, and a clean self_care record.
COLS='id flag_level flags unscreened worst_level phase pattern startback disposition odi disability seen routine exercises sessions advice'
ROW_DEFAULTS='id=r1 flag_level=none flags=none unscreened=none worst_level=none phase=acute
    pattern=mechanical startback=low disposition=self_care odi=10
    disability=minimal seen=2024-05-06 routine=acute_back
    exercises=walking:10-30_min sessions=daily advice=stay_active'

# need_tidy: skip unless tidy is installed.
need_tidy() {
	command -v tidy >/dev/null 2>&1 || skip "tidy is not installed"
}

# need_browser: skip unless chromium, pdfinfo and pdftotext are.
need_browser() {
	command -v chromium >/dev/null 2>&1 || skip "chromium is not installed"
	command -v pdfinfo >/dev/null 2>&1 &&
	    command -v pdftotext >/dev/null 2>&1 ||
	    skip "poppler-utils is not installed"
}

# tidied FILE: tidy finds no error and no warning in the page FILE.
tidied() {
	local s=0

	tidy -q -e "$1" >tidy.out 2>&1 || s=$?
	[ "$s" -eq 0 ] || { echo "tidy -e $1: exit $s"; cat tidy.out; return 1; }
}

# pdf HTML PDF: print the page HTML to PDF with headless Chromium, its
# profile and scratch files in the test's directory.
pdf() {
	mkdir -p chrome
	HOME=$BATS_TEST_TMPDIR/chrome TMPDIR=$BATS_TEST_TMPDIR/chrome \
	    XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/chrome \
	    XDG_CACHE_HOME=$BATS_TEST_TMPDIR/chrome \
	    timeout $((120 * SLOW)) chromium --headless --no-sandbox \
	    --disable-gpu --no-first-run --disable-extensions \
	    --user-data-dir="$BATS_TEST_TMPDIR/chrome/profile" \
	    --no-pdf-header-footer --print-to-pdf-no-header \
	    --print-to-pdf="$BATS_TEST_TMPDIR/$2" "file://$BATS_TEST_TMPDIR/$1" \
	    >chrome.out 2>&1 || true
	[ -s "$2" ] || { echo "chromium wrote no $2:"; tail -n 20 chrome.out; return 1; }
}

# a4 IN OUT: the page IN set to print on A4 paper.
a4() {
	sed 's|</head>|<style>@page{size:A4}</style>\n</head>|' "$1" >"$2"
}

# text: the text between the tags of the page on stdin, references undone.
text() {
	sed -e 's/<[^>]*>/ /g' -e "s/&#39;/'/g" -e 's/&quot;/"/g' \
	    -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}

# words: the words on stdin, one a line.
words() {
	tr -s ' \n\f' '\n\n\n' | grep -v '^$' || true
}

# planwords: the words of text plans on stdin, without the marks that
# start an item ("- ") or a step ("1. "), one a line.
planwords() {
	tr -d '\f' | sed -E 's/^  - //; s/^  [0-9]+\. //' | words
}

# pagewords: the words of a plans page on stdin, its head and the
# clinician's lines left out, one a line.
pagewords() {
	sed -e '1,/<main>/d' -e '/<table class="sign">/,/<\/table>/d' |
	    text | words
}

# counts: the count rows of a summary, "section" lines and "key n pct",
# from the text summary (-t) or the HTML page (-h) on stdin.
counts() {
	if [ "$1" = -t ]; then
		awk '/^Work list/ { exit }
		    /^[a-z_]+$/ { print "section " $0 }
		    /^  / { print $1, $2, $3 }'
	else
		sed -n -e '/^<h2>Work list/q' \
		    -e 's|^<h2>\(.*\)</h2>$|section \1|p' \
		    -e 's|^<tr><th scope="row">\([^<]*\)</th><td class="n">\([0-9]*\)</td><td class="n pc">\([^<]*\)</td>.*|\1 \2 \3|p'
	fi
}

# worklist: the work list of a summary, a line a title ("= TITLE") or a
# person ("ID<TAB>WORDS"), from the text (-t) or the page (-h) on stdin.
worklist() {
	if [ "$1" = -t ]; then
		awk '/^Work list/ { on = 1; next }
		    !on || /^$/ { next }
		    /^[^ ]/ { out(); print "= " $0; next }
		    /^  [^ ]/ { out(); id = $1; sub(/^  [^ ]+  /, ""); w = $0; next }
		    { sub(/^ +/, ""); w = w " " $0 }
		    END { out() }
		    function out() { if (id != "") print id "\t" w; id = "" }'
	else
		sed -n -e 's|^<h3>\(.*\)</h3>$|= \1|p' \
		    -e 's|^<tr><th scope="row">\([^<]*\)</th><td>\(.*\)</td></tr>$|\1\t\2|p' |
		    text | sed 's/ *$//'
	fi
}

# parts N...: the sample pipeline cut after each record number N into
# part1.tsv, part2.tsv ..., each with the header (a part may be empty).
parts() {
	awk -v cuts="$*" 'BEGIN { n = split(cuts, at, " ") }
	    NR == 1 { h = $0; p = 1; print h >"part1.tsv"; next }
	    { while (p <= n && NR - 1 > at[p]) { p++; print h >("part" p ".tsv") }
	      print >("part" p ".tsv") }' "$DATA/sample.pipeline.tsv"
}

# hostile: records whose values are built to break out of the markup.
hostile() {
	header
	row 'id=<script>alert(1)</script>' flag_level=emergency \
	    'flags=<b>bold</b>' disposition=emergency worst_level=emergency
	row 'id="><img src=x onerror=alert(1)>' flag_level=urgent \
	    flags=fever,'<svg/onload=alert(1)>' disposition=urgent
	row 'id=&amp;' flag_level=unknown worst_level=emergency \
	    'unscreened=<i>x</i>,bladder_bowel' disposition=assess
	row "id=it's \"quoted\"" 'phase=<iframe src=//x>' \
	    'seen=2024-01-01"><script>alert(2)</script>' \
	    'disposition=</main><script>alert(3)</script>' \
	    'exercises=<x>:10_<reps>,walking:<b>_min' 'sessions=<s>' \
	    "advice=<a href='x'>,stay_active"
}

# tags: every tag of the page on stdin that is not one bpreport writes.
tags() {
	grep -o '<[^>]*>' | grep -vxE '<!DOCTYPE html>|<html lang="en">|<meta charset="utf-8">|<meta name="viewport" content="width=device-width, initial-scale=1">|</?(head|title|style|body|main|h1|h2|h3|ul|ol|li|p|tr|th|td|table|section|div|span|html)>|<(section|table|div|p|span|td) class="[a-z ]+">|<th scope="row">|<td class="n( pc)?">|<td colspan="3">|<div style="width:[0-9.]+%">' || true
}

@test "html: the summary is one page with no script, nothing from elsewhere, a charset and a viewport" {
	run -1 --separate-stderr bpreport -f html "$DATA/sample.pipeline.tsv"
	clean
	[ "${lines[0]}" = '<!DOCTYPE html>' ]
	[ "${lines[-1]}" = '</html>' ]
	printf '%s\n' "$output" >page.html
	grep -qxF '<meta charset="utf-8">' page.html
	grep -qxF '<meta name="viewport" content="width=device-width, initial-scale=1">' page.html
	[ "$(grep -c '<style>' page.html)" -eq 1 ]
	! grep -iqE '<script|<link|<img|<iframe|<object|src=|href=|url\(|@import' page.html
	[ -z "$(tags <page.html)" ]
}

@test "html: the summary page equals the golden page" {
	run -1 --separate-stderr bpreport -f html "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" >got
	same "$DATA/sample.report.html" got
}

@test "html: the summary holds the counts and the work list of the text report" {
	bpreport -q "$DATA/sample.pipeline.tsv" >text.txt || [ $? -eq 1 ]
	bpreport -q -f html "$DATA/sample.pipeline.tsv" >page.html || [ $? -eq 1 ]
	counts -t <text.txt >want
	counts -h <page.html >got
	[ "$(grep -c '^section ' want)" -eq 5 ]
	[ "$(wc -l <want)" -eq 34 ]
	same want got
	worklist -t <text.txt >want
	worklist -h <page.html >got
	[ "$(grep -c '^= ' want)" -eq 3 ]
	[ "$(grep -vc '^= ' want)" -eq 24 ]
	same want got
}

@test "html: a bar is as wide as its share, capped in merged summaries, absent at zero" {
	{ tsv section key value
	  tsv records total 4
	  tsv problems total 0
	  tsv phase acute 3
	  tsv phase chronic 9
	} >s.tsv
	run -0 --separate-stderr bpreport --merge -f html s.tsv
	clean
	printf '%s\n' "$output" | grep -F '<th scope="row">acute</th>' |
	    grep -qF '<td class="n">3</td><td class="n pc">75.0%</td><td class="bar"><div style="width:75.0%"></div></td>'
	printf '%s\n' "$output" | grep -F '<th scope="row">chronic</th>' |
	    grep -qF '<div style="width:100.0%"></div>'
	printf '%s\n' "$output" | grep -F '<th scope="row">subacute</th>' |
	    grep -qF '<td class="bar"></td>'
}

@test "html: with no one to call, the page says so" {
	{ header; row id=a; row id=b; } >in.tsv
	run -0 --separate-stderr bpreport -f html in.tsv
	clean
	printf '%s\n' "$output" | grep -qxF '<p>No one on the work list today.</p>'
	printf '%s\n' "$output" | grep -qxF '<h3>Emergency: send to an emergency department now (0)</h3>'
	! printf '%s\n' "$output" | grep -q '<table class="people">'
}

@test "html: --merge -f html of four parts is the single run's page, byte for byte" {
	local i
	parts 3 20 20
	[ "$(cat part*.tsv | wc -l)" -eq 66 ]
	for i in 1 2 3 4; do
		bpreport -q -f tsv part$i.tsv >sum$i.tsv || [ $? -eq 1 ]
	done
	bpreport -q -f html "$DATA/sample.pipeline.tsv" >want || [ $? -eq 1 ]
	run -1 --separate-stderr bpreport --merge -f html sum1.tsv sum2.tsv \
	    sum3.tsv sum4.tsv
	clean
	printf '%s\n' "$output" >got
	same want got
}

@test "html: --plans -f html says every word of the text plans, a section a person" {
	bpreport --plans "$DATA/sample.pipeline.tsv" >plans.txt || [ $? -eq 1 ]
	run -1 --separate-stderr bpreport --plans -f html "$DATA/sample.pipeline.tsv"
	clean
	printf '%s\n' "$output" >page.html
	planwords <plans.txt >want
	pagewords <page.html >got
	[ "$(wc -l <want)" -gt 30000 ]
	same want got
	[ "$(grep -c '^<section class="plan">$' page.html)" -eq 62 ]
	[ "$(grep -c '^<table class="sign">$' page.html)" -eq 62 ]
	[ "$(grep -c '^<tr><th scope="row">Reviewed by (clinician)</th>' page.html)" -eq 62 ]
	grep -qxF '<h2>Plan for P001, seen <span class="keep">2024-03-04</span></h2>' page.html
	grep -qxF '<h2>Plan for P022</h2>' page.html
	[ -z "$(tags <page.html)" ]
}

@test "html: a plan's steps are a numbered list and its warning signs a list" {
	{ header
	  row id=s1 flags=night_pain,fever exercises=walking:10-30_min,pelvic_bridge:10s_x3
	} >in.tsv
	run -0 --separate-stderr bpreport --plans -f html in.tsv
	clean
	printf '%s\n' "$output" | sed -n '/<h3>Warning signs/,/<h3>What happens/p' >got
	cat >want <<'EOF'
<h3>Warning signs</h3>
<ul>
<li>Pain at night or at rest was reported. Now and then it is a sign of an infection or a tumour.</li>
<li>A fever was reported. It can be a sign of an infection.</li>
</ul>
<h3>What happens next</h3>
EOF
	same want got
	printf '%s\n' "$output" | grep -E '^<(ol|/ol|li><p)>' >got
	cat >want <<'EOF'
<ol>
<li><p>Walking (10-30 minutes)</p>
<li><p>Pelvic bridge (10 seconds, 3 times)</p>
</ol>
EOF
	same want got
}

@test "html: plans of a batch without records are a page that says so; no input gives nothing" {
	header >in.tsv
	run -0 --separate-stderr bpreport --plans -f html in.tsv
	clean
	[ "${lines[0]}" = '<!DOCTYPE html>' ]
	printf '%s\n' "$output" | grep -qxF '<p>No records, so no plans.</p>'
	[ "${lines[-1]}" = '</html>' ]
	: >empty.tsv
	run -0 --separate-stderr bpreport --plans -f html empty.tsv
	clean
	[ -z "$output" ]
	run -0 --separate-stderr bpreport -f html empty.tsv
	[ -z "$output" ]
}

@test "html: values built to break out of the markup come out inert" {
	local out

	hostile >in.tsv
	for mode in "" --plans; do
		run --separate-stderr bpreport $mode -f html in.tsv
		[ "$status" -le 1 ]
		out=$BATS_TEST_TMPDIR/page${mode:+.plans}.html
		printf '%s\n' "$output" >"$out"
		# not one tag but those bpreport writes, not one script
		[ -z "$(tags <"$out")" ] || { tags <"$out"; return 1; }
		! grep -iq '<script' "$out"
		! grep -iqE '<(img|svg|iframe|a|b|i|x|s)[ />]' "$out"
	done
	grep -qF '<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;</th>' page.html
	grep -qF '<th scope="row">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th>' page.html
	grep -qF '<th scope="row">&amp;amp;</th>' page.html
	grep -qF '<td>&lt;b&gt;bold&lt;/b&gt;</td>' page.html
	grep -qF 'fever (infection); &lt;svg/onload=alert(1)&gt;</td>' page.html
	grep -qF '<th scope="row">&lt;iframe src=//x&gt;</th>' page.html
	grep -qF 'unreadable: &lt;i&gt;x&lt;/i&gt;; new trouble' page.html
	grep -qF '<h2>Plan for &lt;script&gt;alert(1)&lt;/script&gt;, seen <span class="keep">2024-05-06</span></h2>' page.plans.html
	grep -qF '<h2>Plan for it&#39;s &quot;quoted&quot;, seen <span class="keep">2024-01-01&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</span></h2>' page.plans.html
	grep -qF '<p class="next">&lt;/main&gt;&lt;script&gt;alert(3)&lt;/script&gt;</p>' page.plans.html
	# codes the catalog lacks: the exercise in plain words, the advice left out
	grep -qF '<li><p>Ask the clinic to show you one more exercise (10 &lt;reps&gt;)</p>' page.plans.html
	grep -qF '<li><p>Walking (&lt;b&gt; minutes)</p>' page.plans.html
	grep -qF '<h3>Exercises, &lt;s&gt;</h3>' page.plans.html
	! grep -qF 'href' page.plans.html || return 1
}

@test "html: the hostile pages are well-formed for tidy" {
	need_tidy
	hostile >in.tsv
	bpreport -q -f html in.tsv >page.html || [ $? -eq 1 ]
	bpreport -q --plans -f html in.tsv >plans.html || [ $? -eq 1 ]
	tidied page.html
	tidied plans.html
}

@test "html: controls are '?' and bytes that are not UTF-8 are U+FFFD; UTF-8 passes" {
	local COLS='id flag_level flags unscreened worst_level phase pattern startback disposition'
	local ROW_DEFAULTS='flag_level=urgent flags=trauma unscreened=none worst_level=urgent phase=acute pattern=mechanical startback=low disposition=urgent'
	{ header
	  row id=$'c\001\033[31m\177x'
	  row id=$'c1\302\233x'
	  row id=$'bad\377\300\257\355\240\200x'
	  row id=$'cut\303'
	  row id=$'Jos\303\251 \360\237\230\200 \342\202\254'
	  row id=$'non\357\267\220\357\277\276x'
	} >in.tsv
	run -0 --separate-stderr bpreport -f html in.tsv
	clean
	printf '%s\n' "$output" | grep -o '<th scope="row">[^<]*</th><td>trauma' |
	    sed 's/<th scope="row">//; s/<\/th>.*//' >got
	printf '%s\n' 'c??[31m?x' 'c1?x' \
	    $'bad\357\277\275\357\277\275\357\277\275\357\277\275\357\277\275\357\277\275x' \
	    $'cut\357\277\275' $'Jos\303\251 \360\237\230\200 \342\202\254' \
	    $'non\357\277\275\357\277\275\357\277\275\357\277\275\357\277\275\357\277\275x' >want
	same want got
	# the page as a whole is UTF-8
	printf '%s\n' "$output" | iconv -f UTF-8 -t UTF-8 >/dev/null
}

@test "html: the summary and plans of the sample are well-formed for tidy" {
	need_tidy
	bpreport -q -f html "$DATA/sample.pipeline.tsv" >page.html || [ $? -eq 1 ]
	bpreport -q --plans -f html "$DATA/sample.pipeline.tsv" >plans.html || [ $? -eq 1 ]
	tidied page.html
	tidied plans.html
}

@test "html: --plans -f html goes, -f html alone goes, --plans -f tsv does not" {
	run -1 --separate-stderr bpreport --plans -f html "$DATA/sample.pipeline.tsv"
	run -2 --separate-stderr bpreport --plans -f tsv "$DATA/sample.pipeline.tsv"
	[ -z "$output" ]
	run -0 --separate-stderr bpreport --help
	[[ $output == *"-f text|tsv|html"* ]]
}

@test "html: printed by a browser, each plan starts a page of its own with its id at the top" {
	local n
	need_browser
	bpreport --plans -f html "$DATA/sample.pipeline.tsv" >plans.html || [ $? -eq 1 ]
	pdf plans.html plans.pdf
	n=$(pdfinfo plans.pdf | awk '/^Pages:/ { print $2 }')
	[ "$n" -ge 62 ]
	# the first line of every page, and the pages a plan starts on
	pdftotext -layout plans.pdf - | awk 'BEGIN { RS = "\f" }
	    { sub(/^\n+/, ""); split($0, l, "\n"); print l[1] }' |
	    sed 's/^ *//' >tops
	grep -n '^Plan for ' tops | sed 's/, seen.*//' >starts
	[ "$(wc -l <starts)" -eq 62 ]
	sed 's/^[0-9]*:Plan for //' starts >got
	seq -f 'P%03.0f' 1 62 >want
	same want got
	# no other page holds a plan's title: each starts a page
	[ "$(pdftotext plans.pdf - | tr -d '\f' | grep -c '^Plan for ')" -eq 62 ]
}

@test "html: printed by a browser, the plans lose no word and nothing passes the margins, on Letter and A4" {
	local size w h
	need_browser
	# a step's number may stand apart from its name: numbers left out
	bpreport --plans "$DATA/sample.pipeline.tsv" | planwords |
	    grep -vxE '[0-9]+\.' >want
	bpreport --plans -f html "$DATA/sample.pipeline.tsv" >letter.html ||
	    [ $? -eq 1 ]
	a4 letter.html a4.html
	for size in letter a4; do
		pdf $size.html $size.pdf
		pdftotext -layout $size.pdf - | tr -d '\f' |
		    grep -vxE ' *(Reviewed by \(clinician\)|Signature +Date) *' |
		    sed -E 's/^ *• *//' | words | grep -vxE '[0-9]+\.' >got
		same want got
		read -r w h < <(pdfinfo $size.pdf | awk '/^Page size:/ { print $3, $5 }')
		case $size in
		letter) [ "$(printf '%.0fx%.0f' "$w" "$h")" = 612x792 ] ;;
		a4) [ "$(printf '%.0fx%.0f' "$w" "$h")" = 595x842 ] ;;
		esac
		# every word inside the page's 15 mm (42.5 pt) margins
		pdftotext -bbox $size.pdf - | awk -v w="$w" -v h="$h" -F'"' '
		    /<word / { x0 = $2; y0 = $4; x1 = $6; y1 = $8
			if (x0 < 41 || x1 > w - 41 || y0 < 41 || y1 > h - 41) {
				print "outside the margins: " $0; bad = 1 } }
		    END { exit bad }'
	done
}

@test "html: printed by a browser, a long id and a long value wrap inside the margins" {
	local id=P$(printf 'x%.0s' $(seq 150)) flags w
	need_browser
	flags=$(printf 'unheard_of_flag_%s,' $(seq 40))
	{ header
	  row id="$id" flag_level=emergency "flags=${flags%,}" \
	      disposition=emergency worst_level=emergency
	} >in.tsv
	bpreport -f html in.tsv >page.html
	bpreport --plans -f html in.tsv >plans.html
	for f in page plans; do
		pdf $f.html $f.pdf
		w=$(pdfinfo $f.pdf | awk '/^Page size:/ { print $3 }')
		pdftotext -bbox $f.pdf - | awk -v w="$w" -F'"' '
		    /<word / && ($2 < 41 || $6 > w - 41) {
			print "outside the margins: " $0; bad = 1 }
		    END { exit bad }'
		# the id whole, though broken over lines
		pdftotext $f.pdf - | tr -d ' \n' | grep -qF "$id"
		pdftotext $f.pdf - | tr -d ' \n' | grep -qF 'unheard_of_flag_40'
	done
}

@test "html: a page that cannot be written is an error, exit 2, one diagnostic" {
	local mode
	for mode in "" --plans; do
		run -2 --separate-stderr bash -c \
		    'bpreport -q '"$mode"' -f html "$0" >/dev/full' \
		    "$DATA/sample.pipeline.tsv"
		[ "$stderr" = "bpreport: write error: No space left on device" ]
	done
}

@test "html: a reader that goes away ends the page quietly" {
	run -0 --separate-stderr bash -c 'set -o pipefail
	    env --default-signal=PIPE bpreport --plans -f html "$0" | head -n 1 |
	    grep -qx "<!DOCTYPE html>" || { s=$?; [ "$s" -eq 141 ]; }' \
	    "$DATA/sample.pipeline.tsv"
	clean
}
