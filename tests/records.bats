#!/usr/bin/env bats
# The record layer (SPEC.md §2 record format, §7 bad input and exit status),
# exercised through bpclassify.  Every filter shares this layer.

bats_require_minimum_version 1.5.0
load test_helper

# The intake used throughout: columns bpclassify reads, in a fixed order.
H=$(tsv id site radiation duration)
A=$(tsv a low_back none 10)
B=$(tsv b hip none 60)
C=$(tsv c low_back below_knee 100)
# The same with bpclassify's columns: no sb* or odi* items, so startback,
# odi and disability are unknown.
ADDED=$(tsv '' phase pattern startback odi disability)
U=$(tsv '' unknown unknown unknown)
HOUT=$H$ADDED
AOUT=$A$(tsv '' acute nonspecific)$U
BOUT=$B$(tsv '' subacute hip)$U
COUT=$C$(tsv '' chronic radicular)$U
MIB=1048576

setup() {
	cd "$BATS_TEST_TMPDIR" || return
}

# put FILE LINE...: write FILE with each LINE ended by LF.
put() {
	local f=$1
	shift
	printf '%s\n' "$@" >"$f"
}

# bp STATUS ARG...: run bpclassify ARG... with standard input from
# /dev/null and standard output into the file out; expect exit STATUS.
bp() {
	local s=$1
	shift
	run "-$s" --separate-stderr bash -c 'bpclassify "$@" <"$0" >out' \
	    /dev/null "$@"
}

# bpin STATUS INPUT ARG...: as bp, with standard input from the file INPUT.
bpin() {
	local s=$1 in=$2
	shift 2
	run "-$s" --separate-stderr bash -c 'bpclassify "$@" <"$0" >out' \
	    "$in" "$@"
}

# same_lines FILE LINE...: FILE holds exactly these lines, each ended by LF.
same_lines() {
	local f=$1
	shift
	printf '%s\n' "$@" >"$f.want"
	samefile "$f.want" "$f"
}

# samefile WANT GOT: the two files are byte for byte the same.
samefile() {
	cmp -s "$1" "$2" && return 0
	echo "$2 differs from what was expected:"
	diff -a -u "$1" "$2" | cut -c1-200 | head -40 | cat -A
	return 1
}

# empty FILE: FILE exists and has no bytes.
empty() {
	[ -f "$1" ] && [ ! -s "$1" ] && return 0
	echo "$1 is not empty:"
	head -c 400 "$1" | cat -A
	return 1
}

# quiet: nothing on standard error.
quiet() {
	[ -z "$stderr" ] && return 0
	echo "unexpected stderr: $stderr"
	return 1
}

# said TEXT...: standard error is exactly these lines.
said() {
	local want
	want=$(printf '%s\n' "$@")
	[ "$stderr" = "$want" ] && return 0
	printf 'stderr was:\n%s\nexpected:\n%s\n' "$stderr" "$want"
	return 1
}

# oneline PATTERN: standard error is one line matching the glob PATTERN.
oneline() {
	[ "${#stderr_lines[@]}" -eq 1 ] && [[ $stderr == $1 ]] && return 0
	printf 'stderr was:\n%s\nexpected one line like: %s\n' "$stderr" "$1"
	return 1
}

# lacks FILE TEXT: no line of FILE contains TEXT.
lacks() {
	! grep -aF -- "$2" "$1" >/dev/null && return 0
	echo "$1 holds '$2':"
	cat -A "$1" | cut -c1-200 | head -20
	return 1
}

# pad N: N bytes of x.
pad() {
	head -c "$1" /dev/zero | tr '\0' x
}

# --- §2 record format -------------------------------------------------------

@test "records: CRLF input gives LF output with the values read right" {
	printf '%s\r\n' "$H" "$A" "$B" "$C" >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT"
	lacks out $'\r'
}

@test "records: a CR is not kept in an unknown last column" {
	printf '%s\r\n' "$(tsv id duration note)" "$(tsv a 10 hello)" >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$(tsv id duration note phase pattern startback odi disability)" \
	    "$(tsv a 10 hello acute unknown unknown unknown unknown)"
}

@test "records: a UTF-8 BOM before the header is removed" {
	{ printf '\357\273\277'; printf '%s\n' "$H" "$A"; } >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT"
}

@test "records: a UTF-8 BOM with a CRLF header is removed too" {
	{ printf '\357\273\277'; printf '%s\r\n' "$H" "$A"; } >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT"
}

@test "records: the last line without LF is a record" {
	{ printf '%s\n' "$H" "$A"; printf '%s' "$B"; } >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: the last line without LF but with CR is a record" {
	{ printf '%s\r\n' "$H" "$A"; printf '%s\r' "$B"; } >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: empty lines and lone CR lines are skipped anywhere" {
	printf '\n\r\n%s\n\n%s\n\r\n\n%s\n\n' "$H" "$A" "$B" >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: skipped empty lines still count in line numbers" {
	printf '%s\n\n\r\n%s\n' "$H" "$(tsv '' low_back none 10)" >in.tsv
	bp 1 in.tsv
	said 'bpclassify: in.tsv:4: id: empty'
	same_lines out "$HOUT" "$(tsv '' low_back none 10 acute nonspecific)$U"
}

@test "records: header only gives the header and the five added names" {
	put in.tsv "$H"
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT"
}

@test "records: header only without LF gives the header and the names" {
	printf '%s' "$H" >in.tsv
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT"
}

@test "records: empty input gives no output and exit 0" {
	: >in.tsv
	bp 0 in.tsv
	quiet
	empty out
}

@test "records: empty standard input gives no output and exit 0" {
	bp 0
	quiet
	empty out
}

@test "records: input of only empty lines gives no output and exit 0" {
	printf '\n\r\n\n' >in.tsv
	bp 0 in.tsv
	quiet
	empty out
}

# --- wrong number of fields ---------------------------------------------------

@test "records: too few fields is fatal with FILE:LINE" {
	put in.tsv "$H" "$A" "$(tsv bad low_back none)" "$B"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:3: 3 fields, the header has 4'
	lacks out bad
	lacks out "$(tsv b hip)"
}

@test "records: too many fields is fatal with FILE:LINE" {
	put in.tsv "$H" "$A" "$(tsv bad low_back none 10 extra)" "$B"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:3: 5 fields, the header has 4'
	lacks out bad
	lacks out "$(tsv b hip)"
}

@test "records: a wrong field count in the first record writes no record" {
	put in.tsv "$H" "$(tsv bad low_back none 10 x y)" "$A"
	bp 2 in.tsv
	oneline 'bpclassify: in.tsv:2: *'
	lacks out bad
	lacks out "$(tsv a low_back)"
}

@test "records: a wrong field count in a later file names that file" {
	put a.tsv "$H" "$A"
	put b.tsv "$H" "$B" "$(tsv bad x)"
	bp 2 a.tsv b.tsv
	oneline 'bpclassify: b.tsv:3: *'
	lacks out bad
}

# check_rejects OPTION...: bad lines go to the file rej as read, the run
# goes on, and records in = records out + records rejected.
check_rejects() {
	{
		printf '%s\n' "$H" "$A"
		printf '%s\r\n' "$(tsv bad1 x)"		# too few, CR kept
		printf '%s\n' "$B"
		printf '%s\n' "$(tsv bad2 a b c d)"	# too many
		printf '%s\n' "$C"
		printf '%s' "$(tsv bad3 low_back)"	# last, no LF
	} >in.tsv
	bp 1 "$@" in.tsv
	said 'bpclassify: in.tsv:3: 2 fields, the header has 4' \
	    'bpclassify: in.tsv:5: 5 fields, the header has 4' \
	    'bpclassify: in.tsv:7: 2 fields, the header has 4'
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT"
	printf '%s\r\n%s\n%s\n' "$(tsv bad1 x)" "$(tsv bad2 a b c d)" \
	    "$(tsv bad3 low_back)" >rej.want
	samefile rej.want rej
	# records in = records out + records rejected
	[ "$(($(wc -l <out) - 1 + $(wc -l <rej)))" -eq 6 ]
}

@test "records: -r FILE keeps bad lines as read and goes on (exit 1)" {
	check_rejects -r rej
}

@test "records: --rejects FILE keeps bad lines as read and goes on" {
	check_rejects --rejects rej
}

@test "records: --rejects=FILE keeps bad lines as read and goes on" {
	check_rejects --rejects=rej
}

@test "records: -r may follow the operands" {
	put in.tsv "$H" "$A" "$(tsv bad x)"
	bp 1 in.tsv -r rej
	oneline 'bpclassify: in.tsv:3: *'
	same_lines out "$HOUT" "$AOUT"
	same_lines rej "$(tsv bad x)"
}

@test "records: with -r and only good records the rejects file is empty" {
	put in.tsv "$H" "$A"
	bp 0 -r rej in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT"
	empty rej
}

# --- NUL bytes ----------------------------------------------------------------

@test "records: a NUL byte in a record is fatal" {
	{ printf '%s\n' "$H" "$A"; printf 'b\0ad\tlow_back\tnone\t10\n'
	    printf '%s\n' "$B"; } >in.tsv
	bp 2 in.tsv
	said 'bpclassify: in.tsv:3: NUL byte in line'
	lacks out ad
	lacks out "$(tsv b hip)"
}

@test "records: with -r a NUL line goes to the rejects file byte for byte" {
	{ printf '%s\n' "$H" "$A"; printf 'b\0ad\tlow_back\tnone\t10\r\n'
	    printf '%s\n' "$B"; } >in.tsv
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:3: NUL byte in line'
	same_lines out "$HOUT" "$AOUT" "$BOUT"
	printf 'b\0ad\tlow_back\tnone\t10\r\n' >rej.want
	samefile rej.want rej
}

@test "records: with -r a NUL line with a wrong field count is kept whole" {
	{ printf '%s\n' "$H"; printf 'x\0y\n'; printf '%s\n' "$A"; } >in.tsv
	bp 1 -r rej in.tsv
	oneline 'bpclassify: in.tsv:2: *'
	same_lines out "$HOUT" "$AOUT"
	printf 'x\0y\n' >rej.want
	samefile rej.want rej
}

@test "records: NUL lines far apart in a long input are each found, and only they" {
	# the reader looks for NUL once per read: lines on either side of
	# a NUL line, in the same read and in later ones, are good records
	{ printf '%s\n' "$H"; yes "$A" | head -n 20000
	    printf 'n\0ul\tlow_back\tnone\t10\n'; yes "$B" | head -n 20000
	    printf 'x\0\n'; printf '%s\n' "$A"; } >in.tsv
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:20002: NUL byte in line' \
	    'bpclassify: in.tsv:40003: NUL byte in line'
	[ "$(wc -l <out)" -eq 40002 ]
	[ "$(grep -c -F "$BOUT" out)" -eq 20000 ]
	printf 'n\0ul\tlow_back\tnone\t10\nx\0\n' >rej.want
	samefile rej.want rej
}

# --- long lines ---------------------------------------------------------------

@test "records: a 2 MiB line is fatal" {
	{ printf '%s\n' "$H" "$A"; pad $((2 * MIB)); printf '\n%s\n' "$B"; } >in.tsv
	bp 2 in.tsv
	said 'bpclassify: in.tsv:3: line longer than 1 MiB'
	lacks out xxxx
	lacks out "$(tsv b hip)"
}

@test "records: with -r a 2 MiB line is rejected whole and the run goes on" {
	{ pad $((2 * MIB)); printf '\n'; } >long
	{ printf '%s\n' "$H" "$A"; cat long; printf '%s\n' "$B" "$C"; } >in.tsv
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:3: line longer than 1 MiB'
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT"
	samefile long rej
}

@test "records: with -r a 2 MiB line with TABs and CR is rejected byte for byte" {
	{ printf 'id\t'; pad $MIB; printf '\t'; pad $MIB; printf '\r\n'; } >long
	{ printf '%s\n' "$H"; cat long; printf '%s\n' "$A"; } >in.tsv
	bp 1 -r rej in.tsv
	oneline 'bpclassify: in.tsv:2: *1 MiB'
	same_lines out "$HOUT" "$AOUT"
	samefile long rej
}

@test "records: with -r a 2 MiB last line without LF gets an LF" {
	{ printf '%s\n' "$H" "$A"; pad $((2 * MIB)); } >in.tsv
	{ pad $((2 * MIB)); printf '\n'; } >rej.want
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:3: line longer than 1 MiB'
	same_lines out "$HOUT" "$AOUT"
	samefile rej.want rej
}

@test "records: two 2 MiB lines in a row are both rejected" {
	{ pad $((2 * MIB)); printf '\n'; pad $((3 * MIB)); printf '\n'; } >long
	{ printf '%s\n' "$H"; cat long; printf '%s\n' "$A"; } >in.tsv
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:2: line longer than 1 MiB' \
	    'bpclassify: in.tsv:3: line longer than 1 MiB'
	same_lines out "$HOUT" "$AOUT"
	samefile long rej
}

# longline N: in.tsv holds a header with a note column and one record of
# exactly N bytes before its LF; want holds its output line.
longline() {
	local head
	head=$(tsv a low_back none 10 '')
	{ printf '%s\n' "$(tsv id site radiation duration note)"
	    printf '%s' "$head"; pad $(($1 - ${#head})); printf '\n'; } >in.tsv
	{ printf '%s\n' "$(tsv id site radiation duration note phase pattern \
	    startback odi disability)"
	    printf '%s' "$head"; pad $(($1 - ${#head}))
	    printf '\t%s\n' "$(tsv acute nonspecific unknown unknown unknown)"
	} >want
}

@test "records: a line of exactly 1 MiB is a record" {
	longline $MIB
	[ "$(sed -n 2p in.tsv | wc -c)" -eq $((MIB + 1)) ]
	bp 0 in.tsv
	quiet
	samefile want out
}

@test "records: a line of exactly 1 MiB ended by CR LF is a record: the limit leaves out the line's end" {
	longline $MIB
	sed '2s/$/\r/' in.tsv >crlf.tsv
	bp 0 crlf.tsv
	quiet
	samefile want out
}

@test "records: a line of 1 MiB and one byte is too long" {
	longline $((MIB + 1))
	bp 2 in.tsv
	said 'bpclassify: in.tsv:2: line longer than 1 MiB'
	lacks out xxxx
}

@test "records: with -r a line of 1 MiB and one byte is rejected whole" {
	longline $((MIB + 1))
	sed -n 2p in.tsv >rej.want
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:2: line longer than 1 MiB'
	same_lines out "$(tsv id site radiation duration note phase pattern \
	    startback odi disability)"
	samefile rej.want rej
}

@test "records: a record of exactly 1 MiB goes through every tool, twice over" {
	# a date seen for bptrack, 11 bytes with its TAB, makes it 1 MiB
	longline $((MIB - 11))
	sed '1s/$/\tseen/; 2s/$/\t2026-01-05/' in.tsv >in2.tsv
	mv in2.tsv in.tsv
	[ "$(sed -n 2p in.tsv | wc -c)" -eq $((MIB + 1)) ]
	# the pipeline and then its output again: every line a tool writes,
	# every tool reads
	# (exit 1: the record has few intake columns)
	bpclassify -q in.tsv | bpflags -q | bptrack -q | bproutine -q >r1.tsv ||
	    [ $? -eq 1 ]
	bpclassify -q r1.tsv | bpflags -q | bptrack -q | bproutine -q >r2.tsv ||
	    [ $? -eq 1 ]
	[ "$(wc -l <r2.tsv)" -eq 2 ]
	[ "$(sed -n 2p r2.tsv | wc -c)" -gt $((MIB + 1)) ]
	run -0 --separate-stderr bpreport -q r2.tsv
	[[ $output == "Batch summary: 1 records, 0 with problems"* ]]
	run -0 --separate-stderr bpreport -q --plans r2.tsv
}

# roomline N: a record of 1 MiB of the batch's own (id to note), then N
# bytes in the tools' advice column, under a header naming them.
ROOMHEAD=$'id\tsite\tradiation\tduration\tnote\tadvice'
roomline() {
	local head=$'a\tlow_back\tnone\t10\t'
	printf '%s' "$head"; pad $((MIB - ${#head})); printf '\t'
	pad "$1"; printf '\n'
}

@test "records: the columns the tools add get 64 KiB beyond 1 MiB, no more" {
	# 1 MiB of the batch's own, and 64 KiB in the tools' advice column
	{ printf '%s\n' "$ROOMHEAD"; roomline $((64 * 1024 - 50))
	  roomline $((64 * 1024)); } >in.tsv
	bp 1 -r rej in.tsv
	said 'bpclassify: in.tsv:3: line longer than 1 MiB'
	[ "$(wc -l <out)" -eq 2 ]
	[ "$(wc -l <rej)" -eq 1 ]
	sed -n 3p in.tsv | cmp - rej
	# written by bpclassify, 1 MiB + 64 KiB less 7 bytes: over with bpflags'
	# columns, so bpflags rejects it rather than write what no tool reads
	run -1 --separate-stderr bpflags -r rej2 out
	[ "$stderr" = 'bpflags: out:2: line longer than 1 MiB and 64 KiB once the columns are added' ]
	[ "$(wc -l <rej2)" -eq 1 ]
	sed -n 2p out | cmp - rej2
	[ "$output" = "$(head -n 1 out)$(tsv '' flags flag_level unscreened worst_level)" ]
}

# --- the header ---------------------------------------------------------------

@test "records: a NUL byte in the header is fatal" {
	{ printf 'id\tsi\0te\n'; printf '%s\n' "$(tsv a b)"; } >in.tsv
	bp 2 in.tsv
	oneline 'bpclassify: in.tsv:1: *NUL*'
	empty out
}

@test "records: a NUL byte in the header is fatal even with -r" {
	{ printf 'id\tsi\0te\n'; printf '%s\n' "$(tsv a b)"; } >in.tsv
	bp 2 -r rej in.tsv
	oneline 'bpclassify: in.tsv:1: *NUL*'
	empty out
	[ ! -s rej ]
}

@test "records: a header over 1 MiB is fatal even with -r" {
	{ printf 'id\t'; pad $((2 * MIB)); printf '\n%s\n' "$(tsv a b)"; } >in.tsv
	bp 2 -r rej in.tsv
	oneline 'bpclassify: in.tsv:1: *1 MiB*'
	empty out
	[ ! -s rej ]
}

@test "records: lines that end in CR alone are fatal, saying how to convert them" {
	printf '%s\r' "$H" "$A" "$B" >in.tsv
	bp 2 -r rej in.tsv
	said "bpclassify: in.tsv:1: a CR inside the header line: lines that end in CR alone must be converted first (tr '\\r' '\\n')"
	empty out
	[ ! -s rej ]
	tr '\r' '\n' <in.tsv >lf.tsv
	bp 0 lf.tsv
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: a file of CR-ended lines over 1 MiB is named for its CRs, not its length" {
	{ printf '%s\r' "$H"; yes "$A" | head -n 60000 | tr '\n' '\r'; } >in.tsv
	[ "$(wc -c <in.tsv)" -gt $MIB ]
	bp 2 in.tsv
	oneline 'bpclassify: in.tsv:1: a CR inside the header line*'
	empty out
}

@test "records: a later file's header over 1 MiB is fatal even with -r" {
	put a.tsv "$H" "$A"
	{ printf 'id\t'; pad $((2 * MIB)); printf '\n%s\n' "$(tsv b x)"; } >b.tsv
	bp 2 -r rej a.tsv b.tsv
	oneline 'bpclassify: b.tsv:1: *1 MiB*'
	lacks out xxxx
	lacks out "$(tsv b x)"
	[ ! -s rej ]
}

@test "records: duplicate columns are fatal" {
	put in.tsv "$(tsv id site duration site)" "$(tsv a low_back 10 hip)"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:1: duplicate column site'
	empty out
}

@test "records: duplicate unknown columns are fatal too" {
	put in.tsv "$(tsv note id note)" "$(tsv x a y)"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:1: duplicate column note'
	empty out
}

@test "records: two columns without a name are fatal, said in words" {
	put in.tsv "$(tsv id '' '')" "$(tsv a x y)"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:1: more than one column without a name'
	empty out
}

@test "records: a header without id is fatal and names id" {
	put in.tsv "$(tsv ident site duration)" "$(tsv a low_back 10)"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:1: no column id'
	empty out
}

@test "records: column names are matched exactly (ID is not id)" {
	put in.tsv "$(tsv ID duration)" "$(tsv a 10)"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:1: column "ID" is not read; did you mean "id"?' \
	    'bpclassify: in.tsv:1: no column id'
	empty out
}

# --- several operands ---------------------------------------------------------

@test "records: several files with the same header give one header" {
	put a.tsv "$H" "$A" "$B"
	put b.tsv "$H" "$C"
	put c.tsv "$H" "$A"
	bp 0 a.tsv b.tsv c.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT" "$AOUT"
}

@test "records: a later file's header may differ by BOM and CR only" {
	put a.tsv "$H" "$A"
	{ printf '\357\273\277%s\r\n' "$H"; printf '%s\r\n' "$B"; } >b.tsv
	bp 0 a.tsv b.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: a later file with only a header adds nothing" {
	put a.tsv "$H" "$A"
	put b.tsv "$H"
	bp 0 a.tsv b.tsv a.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$AOUT"
}

@test "records: a later file with a different header is fatal" {
	put a.tsv "$H" "$A"
	put b.tsv "$(tsv id site radiation duration age)" "$(tsv b hip none 60 70)"
	bp 2 a.tsv b.tsv
	said 'bpclassify: b.tsv:1: header differs from the first file'"'"'s'
	lacks out "$(tsv b hip)"
}

@test "records: a later file with the same columns in another order is fatal" {
	put a.tsv "$H" "$A"
	put b.tsv "$(tsv id radiation site duration)" "$(tsv b none hip 60)"
	bp 2 a.tsv b.tsv
	oneline 'bpclassify: b.tsv:1: *'
	lacks out "$(tsv b none)"
}

@test "records: a file with no lines among others is skipped" {
	: >empty.tsv
	put a.tsv "$H" "$A"
	put b.tsv "$H" "$B"
	bp 0 empty.tsv a.tsv empty.tsv b.tsv empty.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: a file of only empty lines among others is skipped" {
	printf '\n\r\n' >blank.tsv
	put a.tsv "$H" "$A"
	put b.tsv "$H" "$B"
	bp 0 blank.tsv a.tsv blank.tsv b.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: several empty files give no output and exit 0" {
	: >e1.tsv
	: >e2.tsv
	bp 0 e1.tsv e2.tsv
	quiet
	empty out
}

@test "records: - between files reads standard input in its place" {
	put a.tsv "$H" "$A"
	put s.tsv "$H" "$B"
	put c.tsv "$H" "$C"
	bpin 0 s.tsv a.tsv - c.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT"
}

@test "records: no operand reads standard input" {
	put s.tsv "$H" "$A" "$B"
	bpin 0 s.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: standard input is named - in diagnostics" {
	put s.tsv "$H" "$(tsv '' low_back none 10)"
	bpin 1 s.tsv
	said 'bpclassify: -:2: id: empty'
	same_lines out "$HOUT" "$(tsv '' low_back none 10 acute nonspecific)$U"
}

@test "records: line numbers start again in each file" {
	put a.tsv "$H" "$A" "$B" "$C"
	put b.tsv "$H" "$(tsv '' low_back none 10)"
	bp 1 a.tsv b.tsv
	said 'bpclassify: b.tsv:2: id: empty'
}

@test "records: a directory operand is fatal with no output" {
	mkdir dir
	put a.tsv "$H" "$A"
	bp 2 a.tsv dir
	said 'bpclassify: dir: Is a directory'
	empty out
}

@test "records: a missing file is fatal before any output" {
	put a.tsv "$H" "$A"
	put b.tsv "$H" "$B"
	bp 2 a.tsv b.tsv nosuch.tsv
	said 'bpclassify: nosuch.tsv: No such file or directory'
	empty out
}

@test "records: a missing first file is fatal with no output" {
	put a.tsv "$H" "$A"
	bp 2 nosuch.tsv a.tsv
	said 'bpclassify: nosuch.tsv: No such file or directory'
	empty out
}

@test "records: an unreadable file is fatal before any output" {
	command -v setpriv >/dev/null || skip "no setpriv"
	put a.tsv "$H" "$A"
	put secret.tsv "$H" "$B"
	chmod 000 secret.tsv
	# root, but without the capabilities that pass over file modes
	run -2 --separate-stderr setpriv \
	    --bounding-set=-dac_override,-dac_read_search \
	    bash -c 'bpclassify a.tsv secret.tsv' </dev/null
	said 'bpclassify: secret.tsv: Permission denied'
	[ -z "$output" ]
}

@test "records: a rejects path that cannot be opened is fatal" {
	mkdir dir
	put a.tsv "$H" "$A"
	bp 2 -r dir a.tsv
	oneline 'bpclassify: dir: *'
	empty out
}

@test "records: a rejects file in a missing directory is fatal" {
	put a.tsv "$H" "$A"
	bp 2 --rejects=nodir/rej a.tsv
	oneline 'bpclassify: nodir/rej: *'
	empty out
}

# --- output errors ------------------------------------------------------------

@test "records: writing to /dev/full is an error with one diagnostic" {
	put a.tsv "$H" "$A" "$B"
	run -2 --separate-stderr bash -c 'bpclassify a.tsv >/dev/full'
	said 'bpclassify: write error: No space left on device'
	[ -z "$output" ]
}

# big N: write big.tsv, a header and N records of about 120 bytes.
big() {
	awk -v n="$1" 'BEGIN {
		OFS = "\t"
		print "id", "site", "radiation", "duration", "note"
		for (i = 1; i <= n; i++)
			print "r" i, "low_back", "none", i % 200,
			    sprintf("%090d", i)
	}' >big.tsv
}

@test "records: a big output to /dev/full is an error with one diagnostic" {
	big 5000
	run -2 --separate-stderr bash -c 'bpclassify big.tsv >/dev/full'
	said 'bpclassify: write error: No space left on device'
	[ -z "$output" ]
}

@test "records: a closed pipe ends the tool quietly by SIGPIPE" {
	big 5000
	run -141 --separate-stderr bash -c \
	    'env --default-signal=PIPE bpclassify big.tsv | head -1
	     exit "${PIPESTATUS[0]}"'
	quiet
	[ "$output" = "$(tsv id site radiation duration note)$ADDED" ]
}

@test "records: a closed pipe with SIGPIPE ignored ends quietly with exit 0" {
	big 5000
	run -0 --separate-stderr bash -c \
	    "trap '' PIPE; bpclassify big.tsv | head -1; exit \"\${PIPESTATUS[0]}\""
	quiet
	[ "$output" = "$(tsv id site radiation duration note)$ADDED" ]
}

@test "records: a closed standard output is fatal" {
	put a.tsv "$H" "$A"
	run -2 --separate-stderr bash -c 'bpclassify a.tsv >&-'
	oneline 'bpclassify: *'
	[ -z "$output" ]
}

@test "records: a closed standard output is fatal even with no input" {
	: >e.tsv
	run -2 --separate-stderr bash -c 'bpclassify e.tsv >&-'
	oneline 'bpclassify: *'
	[ -z "$output" ]
}

# --- columns ------------------------------------------------------------------

@test "records: unknown columns pass through untouched and in place" {
	{
		printf 'n\xffote\tid\t x y \tsite\tradiation\t\x01\tduration\tlast\n'
		printf '\xc3\x28 bad utf8\ta\t  spaced  \tlow_back\tnone\t"q"\\\t10\t\xe2\x82\n'
		printf '\tb\t\thip\tnone\t\t60\t \n'
	} >in.tsv
	{
		printf 'n\xffote\tid\t x y \tsite\tradiation\t\x01\tduration\tlast'
		printf '\tphase\tpattern\tstartback\todi\tdisability\n'
		printf '\xc3\x28 bad utf8\ta\t  spaced  \tlow_back\tnone\t"q"\\\t10\t\xe2\x82'
		printf '\tacute\tnonspecific\tunknown\tunknown\tunknown\n'
		printf '\tb\t\thip\tnone\t\t60\t '
		printf '\tsubacute\thip\tunknown\tunknown\tunknown\n'
	} >want
	bp 0 in.tsv
	quiet
	samefile want out
}

@test "records: existing output columns are overwritten in place" {
	put in.tsv "$(tsv pattern id site phase radiation duration odi)" \
	    "$(tsv old1 a low_back old2 none 10 old3)" \
	    "$(tsv '' b hip '' none 60 '')"
	bp 0 in.tsv
	quiet
	same_lines out "$(tsv pattern id site phase radiation duration odi startback disability)" \
	    "$(tsv nonspecific a low_back acute none 10 unknown unknown unknown)" \
	    "$(tsv hip b hip subacute none 60 unknown unknown unknown)"
}

# rich: write rich.tsv, records that give varied outputs in every column.
rich() {
	local sb='sb1 sb2 sb3 sb4 sb5 sb6 sb7 sb8 sb9'
	local odi='odi1 odi2 odi3 odi4 odi5 odi6 odi7 odi8 odi9 odi10'
	# shellcheck disable=SC2086
	put rich.tsv \
	    "$(tsv id note site radiation mechanical numbness duration onset seen $sb $odi)" \
	    "$(tsv r1 x low_back none y n 3w '' '' y n n n n n n n slightly 1 1 1 1 1 1 1 1 1 1)" \
	    "$(tsv r2 'a b' low_back thigh n y '' 2024-01-01 2024-03-01 y y y y y y y y very 5 5 5 5 5 5 5 5 '' '')" \
	    "$(tsv r3 '' hip none '' '' 1y '' '' n n n n n n n n not_at_all 0 0 0 0 0 0 0 0 0 0)" \
	    "$(tsv r4 z thigh none n n 20 '' '' y y n n y y n y extremely 3 3 3 3 3 3 3 3 3 3)" \
	    "$(tsv r5 q low_back,buttock none maybe n 2.5w '' '' y n n n n n n n '' 2 2 2 2 '' '' '' 2 2 2)" \
	    "$(tsv r6 w '' '' '' '' '' 2024-02-30 '' '' '' '' '' '' '' '' '' '' 6 0 0 0 0 0 0 0 0 0)"
}

# warned_cols: the LINE: COLUMN pairs of the warnings on standard error,
# sorted.
warned_cols() {
	printf '%s\n' "$stderr" | sed 's/: id [^:]*: /: /' | cut -d: -f3,4 | sort
}

RICH_WARNINGS='6: duration
6: mechanical
7: odi1
7: onset'

@test "records: running twice gives the same output as running once" {
	rich
	bp 1 rich.tsv
	[ "$(warned_cols)" = "$RICH_WARNINGS" ]
	mv out once
	run -1 --separate-stderr bash -c 'bpclassify -q rich.tsv | bpclassify -q >out'
	quiet
	samefile once out
}

@test "records: columns are found by name, whatever their order" {
	rich
	bp 1 rich.tsv
	[ "$(warned_cols)" = "$RICH_WARNINGS" ]
	mv out once
	# the same records with the columns in reverse order
	awk -F'\t' -v OFS='\t' '{ for (i = NF; i > 1; i--) printf "%s\t", $i
	    print $1 }' rich.tsv >shuffled.tsv
	bp 1 shuffled.tsv
	[ "$(warned_cols)" = "$RICH_WARNINGS" ]
	local c
	for c in id note phase pattern startback odi disability; do
		[ "$(col "$c" <out)" = "$(col "$c" <once)" ] ||
		    { echo "column $c differs"; return 1; }
	done
	# the outputs are varied, so the comparison means something
	[ "$(col phase <once | sort -u | wc -l)" -ge 4 ]
	[ "$(col pattern <once | sort -u | wc -l)" -ge 4 ]
}

# --- value problems and exit status -------------------------------------------

@test "records: a warning echoes at most 40 bytes of a long value" {
	put in.tsv "$(tsv id severity duration)" \
	    "$(tsv a "$(printf 'A%.0s' {1..200})" 10)"
	bp 1 in.tsv
	oneline 'bpclassify: in.tsv:2: id a: severity: *'
	local n
	n=$(printf '%s' "$stderr" | grep -o 'A*' | awk '{ if (length > m) m = length } END { print m + 0 }')
	[ "$n" -ge 1 ] && [ "$n" -le 40 ] ||
	    { echo "echoed $n bytes of the value"; return 1; }
	same_lines out "$(tsv id severity duration phase pattern startback odi disability)" \
	    "$(tsv a "$(printf 'A%.0s' {1..200})" 10 acute unknown unknown unknown unknown)"
}

@test "records: a warning echoes at most 40 bytes of a long UTF-8 value" {
	local v
	v=$(printf '\303\251%.0s' {1..100})	# 200 bytes of é
	put in.tsv "$(tsv id episodes)" "$(tsv a "$v")"
	bp 1 in.tsv
	oneline 'bpclassify: in.tsv:2: id a: episodes: *'
	local n
	n=$(printf '%s' "$stderr" | grep -o $'\(\303\251\)*' | awk '{ if (length > m) m = length } END { print m + 0 }')
	[ "$n" -ge 1 ] && [ "$n" -le 40 ] ||
	    { echo "echoed $n bytes of the value"; return 1; }
}

@test "records: exit 0 when every record is clean" {
	put in.tsv "$H" "$A" "$B" "$C"
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT"
}

@test "records: exit 1 when a record has a value problem, and it is written" {
	put in.tsv "$H" "$A" "$(tsv '' low_back none 10)" "$B"
	bp 1 in.tsv
	said 'bpclassify: in.tsv:3: id: empty'
	same_lines out "$HOUT" "$AOUT" "$(tsv '' low_back none 10 acute nonspecific)$U" "$BOUT"
}

@test "records: -q silences value warnings but keeps exit 1" {
	put in.tsv "$H" "$(tsv '' low_back none 10)"
	bp 1 -q in.tsv
	quiet
	same_lines out "$HOUT" "$(tsv '' low_back none 10 acute nonspecific)$U"
}

@test "records: exit 2 on a fatal error even after value problems" {
	put in.tsv "$H" "$(tsv '' low_back none 10)" "$(tsv bad x)"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:2: id: empty' \
	    'bpclassify: in.tsv:3: 2 fields, the header has 4'
	lacks out bad
}

# --- repeated headers, column names, the id in warnings (SPEC §2, §7) --------

@test "records: a later line equal to the header is skipped, neither record nor problem" {
	put in.tsv "$H" "$A" "$H" "$B" "$H"
	bp 0 in.tsv
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: concatenated outputs of split runs go through the next tool whole" {
	put a.tsv "$H" "$A" "$B"
	put b.tsv "$H" "$C"
	run -0 --separate-stderr bash -c \
	    'cat <(bpclassify a.tsv) <(bpclassify b.tsv) | bpclassify >out'
	quiet
	same_lines out "$HOUT" "$AOUT" "$BOUT" "$COUT"
}

@test "records: a repeated header ending in CR is skipped too" {
	printf '%s\n%s\n%s\r\n%s\n' "$H" "$A" "$H" "$B" >in.tsv
	bp 0 in.tsv
	same_lines out "$HOUT" "$AOUT" "$BOUT"
}

@test "records: a line that differs from the header by one byte is a record" {
	put in.tsv "$H" "$A" "$(tsv ID site radiation duration)"
	bp 1 in.tsv
	[ "$(wc -l <out)" -eq 3 ]
}

@test "records: a near-miss of a column name is warned about once, with a suggestion, exit 1" {
	put in.tsv "$(tsv id Site ' radiation ' Duration)" "$(tsv a low_back none 10)"
	bp 1 in.tsv
	said 'bpclassify: in.tsv:1: column "Site" is not read; did you mean "site"?' \
	    'bpclassify: in.tsv:1: column "Duration" is not read; did you mean "duration"?' \
	    'bpclassify: in.tsv:1: column " radiation " is not read; did you mean "radiation"?' \
	    'bpclassify: in.tsv:1: no intake columns found'
	# read as unanswered, as the columns it does read
	[ "$(sed -n 2p out | cut -f5-)" = "$(tsv unknown unknown unknown unknown unknown)" ]
}

@test "records: spaces and hyphens against underscores make a near-miss" {
	printf '%s\n' "$(tsv id 'Saddle numbness' bladder-bowel 'Leg weakness')" \
	    "$(tsv a y y y)" >in.tsv
	run -1 --separate-stderr bpflags in.tsv
	[ "${#stderr_lines[@]}" -eq 4 ]
	[ "${stderr_lines[3]}" = 'bpflags: in.tsv:1: no intake columns found' ]
	[[ ${stderr_lines[0]} == 'bpflags: in.tsv:1: column "Saddle numbness" is not read; did you mean "saddle_numbness"?' ]]
	[[ ${stderr_lines[1]} == 'bpflags: in.tsv:1: column "bladder-bowel" is not read; did you mean "bladder_bowel"?' ]]
	[[ ${stderr_lines[2]} == 'bpflags: in.tsv:1: column "Leg weakness" is not read; did you mean "leg_weakness"?' ]]
}

@test "records: a near-miss of a column the tool does not read is not warned about" {
	# bpclassify does not read age or fever
	put in.tsv "$(tsv id Age FEVER site radiation duration)" \
	    "$(tsv a 40 y low_back none 10)"
	bp 0 in.tsv
	quiet
}

@test "records: a near-miss is warned about even with -q" {
	put in.tsv "$(tsv id Site radiation duration)" "$(tsv a low_back none 10)"
	bp 1 -q in.tsv
	said 'bpclassify: in.tsv:1: column "Site" is not read; did you mean "site"?'
}

@test "records: no intake column but id is warned about, exit 1" {
	put in.tsv "$(tsv id Q1 Q2)" "$(tsv a 1 2)"
	bp 1 in.tsv
	said 'bpclassify: in.tsv:1: no intake columns found'
	run -1 --separate-stderr bpflags in.tsv
	[ "$stderr" = 'bpflags: in.tsv:1: no intake columns found' ]
}

@test "records: a value warning names the record's id" {
	put in.tsv "$H" "$(tsv P014 low_back none 3q)"
	bp 1 in.tsv
	said 'bpclassify: in.tsv:2: id P014: duration: not a number of days, weeks, months or years: "3q"'
}

@test "records: after a skipped line, a later tool's warning still names the right record" {
	put in.tsv "$H" "$A" "$(tsv P9 low_back none 1q)"
	printf 'short\n' >>in.tsv
	put tail.tsv "$(tsv P10 low_back none 2q)"
	cat tail.tsv >>in.tsv
	run -1 --separate-stderr bash -c \
	    'bpclassify -q -r rej in.tsv 2>/dev/null | bpflags >/dev/null'
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ ${stderr_lines[0]} == 'bpflags: -:3: id P9: duration: '* ]]
	# line 4 of the output is line 5 of the input: the id says which
	[[ ${stderr_lines[1]} == 'bpflags: -:4: id P10: duration: '* ]]
}

@test "records: the id in a warning is trimmed, cut at 40 bytes and shows control bytes as ?" {
	put in.tsv "$H" "$(tsv "  $(pad 50)" low_back none 1q)" \
	    "$(tsv $'a\033[8mb' low_back none 1q)"
	bp 1 in.tsv
	[[ ${stderr_lines[0]} == "bpclassify: in.tsv:2: id $(pad 40)...: duration: "* ]]
	[[ ${stderr_lines[1]} == "bpclassify: in.tsv:3: id a?[8mb: duration: "* ]]
}

@test "records: one field is one field, not one fields" {
	put in.tsv "$H" "solo"
	bp 2 in.tsv
	said 'bpclassify: in.tsv:2: 1 field, the header has 4'
}

@test "records: with standard input closed, - reads nothing and no file takes its place" {
	put y.tsv "$H" "$A"
	run -0 --separate-stderr bash -c 'bpclassify y.tsv - <&- >out'
	same_lines out "$HOUT" "$AOUT"
	run -0 --separate-stderr bash -c 'bpclassify - y.tsv <&- >out'
	same_lines out "$HOUT" "$AOUT"
}

@test "records: a line over 1 MiB and 64 KiB once the columns are added is fatal without -r" {
	{ printf '%s\n' "$ROOMHEAD"; roomline $((64 * 1024 - 50)); } >in.tsv
	bp 0 in.tsv
	run -2 --separate-stderr bpflags out
	[ "$stderr" = 'bpflags: out:2: line longer than 1 MiB and 64 KiB once the columns are added' ]
}

@test "records: a column named by spaces alone passes through without a near-miss warning" {
	put in.tsv "$(tsv id '  ' site radiation duration)" "$(tsv a x low_back none 10)"
	bp 0 in.tsv
	quiet
	same_lines out "$(tsv id '  ' site radiation duration phase pattern startback odi disability)" \
	    "$(tsv a x low_back none 10 acute nonspecific unknown unknown unknown)"
}

@test "records: a warning's echo of a long UTF-8 value ends before a split character" {
	local v
	v=a$(printf '\303\251%.0s' {1..30})	# 61 bytes: byte 41 is inside an é
	put in.tsv "$(tsv id episodes)" "$(tsv a "$v")"
	bp 1 in.tsv
	said "bpclassify: in.tsv:2: id a: episodes: not a whole number (0-999999999): \"a$(printf '\303\251%.0s' {1..19})\"..."
}

@test "records: a warning shows control bytes and DEL of a value as ?, and the id without spaces around" {
	put in.tsv "$(tsv id episodes)" "$(tsv '  a 1  ' $'x\001y\177z')"
	bp 1 in.tsv
	said 'bpclassify: in.tsv:2: id a 1: episodes: not a whole number (0-999999999): "x?y?z"'
}

@test "records: short options cluster: -qr FILE, -qrFILE and -rFILE keep bad lines" {
	local o
	put in.tsv "$H" "$(tsv a nowhere none 10)" "$(tsv bad x)" "$B"
	for o in "-qr rej" -qrrej "-q -rrej"; do
		rm -f rej
		# shellcheck disable=SC2086
		bp 1 $o in.tsv
		said 'bpclassify: in.tsv:3: 2 fields, the header has 4'
		same_lines rej "$(tsv bad x)"
		[ "$(wc -l <out)" -eq 3 ]
	done
}
