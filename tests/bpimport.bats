#!/usr/bin/env bats
# bpimport (SPEC §11; bpimport(1), bp-map(5)): a clinic's CSV export in,
# intake records out.  The exports in tests/data are built like the real
# ones and stand for the hand-made intake import.tsv:
#   import.sheet.csv   a spreadsheet's: question-style column names, a BOM,
#                      CR LF, quoted notes with commas and line breaks, Yes/No,
#                      Agree/Disagree, "Very much", "Below knee", dd/mm/yyyy,
#                      65.0, an empty row; read with lib/questions.map.tsv
#   import.redcap.csv  REDCap's raw export of lib/bp-intake.redcap.csv, dates
#                      exported as DMY
#   import.coded.csv   REDCap's raw export of a clinic's own project: numbered
#                      choices, where_pain___1..6; read with import.coded.map.tsv

bats_require_minimum_version 1.5.0
load test_helper

PROG=bpimport
SHEET="-m $TOP/lib/questions.map.tsv --dates dmy $DATA/import.sheet.csv"
REDCAP="--dates dmy $DATA/import.redcap.csv"
CODED="-m $DATA/import.coded.map.tsv $DATA/import.coded.csv"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# imports NAME: run bpimport on the export NAME (SHEET, REDCAP or CODED)
# into NAME.tsv; it must exit 0 with nothing on standard error.
imports() {
	# shellcheck disable=SC2086
	run -0 --separate-stderr bpimport ${!1}
	clean
	printf '%s\n' "$output" >"$1.tsv"
}

# columns FILE: the intake columns of bp(7) that FILE's header names.
columns() {
	head -n 1 "$1" | tr '\t' '\n' | grep -vx notes
}

# samecolumns GOT: every intake column of the hand-made intake has, in
# GOT, the same values, record by record; a difference names the column.
samecolumns() {
	local c n=0
	for c in $(columns "$DATA/import.tsv"); do
		n=$((n + 1))
		cmp -s <(col "$c" <"$DATA/import.tsv") <(col "$c" <"$1") || {
			echo "column $c differs:"
			diff <(col "$c" <"$DATA/import.tsv") <(col "$c" <"$1")
			return 1
		}
	done
	# every column of SPEC §3: id age site ... odi10
	[ "$n" -eq 45 ] || { echo "$n intake columns checked, not 45"; return 1; }
}

# pipeline FILE OUT: bpclassify | bpflags | bproutine on FILE into OUT, and
# bpreport on that, none of them warning.
pipeline() {
	bpclassify "$1" 2>err1 | bpflags 2>err2 | bproutine 2>err3 >"$2"
	bpreport "$2" >/dev/null 2>err4
	cat err1 err2 err3 err4 >err
	[ ! -s err ] || { echo "warnings: $(cat err)"; return 1; }
}

# conv [OPTION...] COLUMN VALUE: the value bpimport writes for VALUE in a
# column named COLUMN of a CSV export.
conv() {
	local opts=()
	while [ $# -gt 2 ]; do opts+=("$1"); shift; done
	printf 'id,%s\nr1,"%s"\n' "$1" "$2" >conv.csv
	bpimport "${opts[@]}" conv.csv | col "$1"
}

# spelled COLUMN VALUE WANT [OPTION...]: bpimport writes VALUE as WANT.
spelled() {
	local got
	got=$(conv "${@:4}" "$1" "$2")
	[ "$got" = "$3" ] || { echo "$1 \"$2\": got \"$got\", want \"$3\""; return 1; }
}

# ---- the exports: the hand-made intake, column by column ----

@test "bpimport: a spreadsheet export read with the example map gives the hand-made intake, column by column" {
	imports SHEET
	samecolumns SHEET.tsv
}

@test "bpimport: a REDCap export of the shipped dictionary needs no map and gives the hand-made intake" {
	imports REDCAP
	samecolumns REDCAP.tsv
}

@test "bpimport: a REDCap export with numbered choices, read with a map, gives the hand-made intake" {
	imports CODED
	samecolumns CODED.tsv
}

@test "bpimport: each export goes through the pipeline with no warning and the hand-made intake's outputs" {
	local e c
	pipeline "$DATA/import.tsv" want.tsv
	for e in SHEET REDCAP CODED; do
		imports "$e"
		pipeline "$e.tsv" got.tsv
		for c in id phase pattern startback odi disability flags \
		    flag_level unscreened disposition routine exercises; do
			cmp -s <(col "$c" <want.tsv) <(col "$c" <got.tsv) ||
			    { echo "$e: $c differs"; diff <(col "$c" <want.tsv) \
			    <(col "$c" <got.tsv); return 1; }
		done
	done
	# the batch has every disposition the tools give it
	[ "$(col disposition <want.tsv | sort -u | wc -l)" -ge 6 ]
}

@test "bpimport: notes keep their commas, quotes, line breaks, TABs and backslashes, escaped" {
	imports SHEET
	[ "$(col 'Anything else you want us to know?' <SHEET.tsv)" = "$(col notes <"$DATA/import.tsv")" ]
	imports REDCAP
	[ "$(col notes <REDCAP.tsv)" = "$(col notes <"$DATA/import.tsv")" ]
	[ "$(col notes <REDCAP.tsv | sed -n 2p)" = 'Pain down both legs\nworse on stairs' ]
}

@test "bpimport: the spreadsheet's empty row is skipped, and nothing else" {
	imports SHEET
	[ "$(wc -l <SHEET.tsv)" -eq "$(wc -l <"$DATA/import.tsv")" ]
}

# An export built from the dictionary itself, one record per choice: every
# field is an intake column (or record_id, notes), every code a word.
@test "bpimport: an export of every choice of the REDCap dictionary reads without a map or a warning" {
	printf 'kind\tcolumn\tfrom\tto\nrename\t\tVariable / Field Name\tid\n' >dict.map
	# none of its columns is an intake column but the renamed one
	run -1 --separate-stderr bpimport -m dict.map "$TOP/lib/bp-intake.redcap.csv"
	printf '%s\n' "$output" >dict.tsv
	awk -F'\t' '
	NR == 1 { next }
	{ name[++n] = $1; type[n] = $4; val[n] = $8; nc[n] = split($6, ch, " \\| ")
	  for (k = 1; k <= nc[n]; k++) { sub(/,.*/, "", ch[k]); code[n, k] = ch[k] } }
	END {
		for (i = 1; i <= n; i++)
			if (type[i] == "checkbox")
				for (k = 1; k <= nc[i]; k++) h = h "," name[i] "___" code[i, k]
			else
				h = h "," name[i]
		print substr(h, 2)
		for (r = 1; r <= 6; r++) {
			line = ""
			for (i = 1; i <= n; i++) {
				if (type[i] == "checkbox") {
					for (k = 1; k <= nc[i]; k++) line = line "," (k == r)
					continue
				}
				v = type[i] == "radio" ? code[i, (r - 1) % nc[i] + 1] : \
				    type[i] == "yesno" ? r % 2 : \
				    val[i] == "integer" ? r : val[i] == "date_dmy" ? \
				    "0" r "/03/2024" : name[i] == "duration" ? r "w" : \
				    name[i] == "record_id" ? "R" r : "note " r
				line = line "," v
			}
			print substr(line, 2)
		}
	}' dict.tsv >every.csv
	run -0 --separate-stderr bpimport -v --dates dmy every.csv
	[[ $stderr == *'"notes" passed through'* ]]
	[ "$(grep -c 'passed through' <<<"$stderr")" -eq 1 ]
	[[ $stderr != *[1-9]' not mapped'* ]] || { echo "$stderr"; return 1; }
	printf '%s\n' "$output" >every.tsv
	[ "$(columns every.tsv | wc -l)" -eq 45 ]
	run -0 --separate-stderr bash -c 'bpclassify every.tsv | bpflags >/dev/null'
	clean
}

# ---- columns ----

@test "bpimport: column names match when case, spaces, hyphens and underscores are set aside" {
	printf 'ID,Saddle numbness,BLADDER-BOWEL,Leg_Weakness,S B 9,ODI 10\nr1,y,n,n,Slightly,2\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "${lines[0]}" = "$(tsv id saddle_numbness bladder_bowel leg_weakness sb9 odi10)" ]
	[ "${lines[1]}" = "$(tsv r1 yes no no slightly 2)" ]
}

@test "bpimport: REDCap's record_id becomes id" {
	printf 'record_id,age\n7,40\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "$output" = "$(tsv id age; tsv 7 40)" ]
}

@test "bpimport: checkbox columns are gathered into the list, in bp(7)'s order, where the first box was" {
	printf 'record_id,site___thigh,age,site___low_back,site___hip,note\n1,1,40,1,0,x\n2,0,50,0,0,y\n3,Checked,60,Unchecked,Checked,z\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "${lines[0]}" = "$(tsv id site age note)" ]
	[ "${lines[1]}" = "$(tsv 1 low_back,thigh 40 x)" ]
	[ "${lines[2]}" = "$(tsv 2 '' 50 y)" ]
	[ "${lines[3]}" = "$(tsv 3 hip,thigh 60 z)" ]
}

@test "bpimport: a checkbox holding neither 1 nor 0 is warned about, and the list is left for the tools to refuse" {
	printf 'record_id,site___hip,site___groin\nA1,1,2\n' >in.csv
	run -1 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:2: id A1: site___groin: not a checkbox value (1 or 0): "2"' ]
	[ "${lines[1]}" = "$(tsv A1 2)" ]
	run -1 --separate-stderr bpimport -q in.csv
	[ -z "$stderr" ]
}

@test "bpimport: columns it does not know pass through, in place" {
	printf 'Clinic,record_id,Favourite colour,age\nNorth,1,"blue, mostly",40\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "$output" = "$(tsv Clinic id 'Favourite colour' age; tsv North 1 'blue, mostly' 40)" ]
}

@test "bpimport: NAME___CODE is a checkbox only for a list column NAME: others pass through as they are" {
	printf 'record_id,___x,foo___bar,age\nA1,1,2,40\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	clean
	[ "$output" = "$(tsv id ___x foo___bar age; tsv A1 1 2 40)" ]
}

@test "bpimport: two checkbox columns that tick one word are refused, naming both" {
	printf 'record_id,site___hip,Site___Hip\n1,1,0\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: in.csv:1: columns "site___hip" and "Site___Hip" both tick hip of site' ]
}

@test "bpimport: -v says per column what was renamed, by what, and how many values changed" {
	run -0 --separate-stderr bpimport -v $SHEET
	[[ $stderr == *'bpimport: 12 records written, 0 rejected'* ]]
	[[ $stderr == *'bpimport: age <- "Age (years)" ('*'questions.map.tsv:3): 1 changed, 0 escaped, 0 not mapped'* ]]
	[[ $stderr == *'bpimport: sb9 <- "Overall, how bothersome'*': 12 changed'* ]]
	[[ $stderr == *'bpimport: "Timestamp" passed through: 0 changed, 0 escaped, 0 not mapped'* ]]
	[[ $stderr == *'bpimport: "Anything else you want us to know?" passed through: 0 changed, 3 escaped'* ]]
	run -0 --separate-stderr bpimport -v $REDCAP
	[[ $stderr == *'bpimport: id <- "record_id": 0 changed'* ]]
	[[ $stderr == *'bpimport: site <- 6 checkbox columns from "site___low_back": 12 changed'* ]]
	[[ $stderr == *'bpimport: radiation: 0 changed, 0 escaped, 0 not mapped'* ]]
}

@test "bpimport: -v counts a value it cannot map, which passes through for the tools to warn about" {
	printf 'id,fever,age\nr1,maybe,65.5\n' >in.csv
	run -0 --separate-stderr bpimport -v in.csv
	[ "${lines[1]}" = "$(tsv r1 maybe 65.5)" ]
	[[ $stderr == *'bpimport: fever: 0 changed, 0 escaped, 1 not mapped'* ]]
	run -1 --separate-stderr bash -c 'bpimport in.csv | bpflags >/dev/null'
	[[ $stderr == *'age: not a whole number (0-120): "65.5"'* ]]
	[[ $stderr == *'fever: not yes or no: "maybe"'* ]]
}

@test "bpimport: with no id column it stops, saying how to name one" {
	printf 'Patient,age\n1,40\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ -z "$output" ]
	[[ $stderr == 'bpimport: in.csv:1: no id column'* ]]
}

@test "bpimport: an export with no intake column but id is warned about: it would go through unanswered" {
	printf 'id,Q1,Q2\n1,Yes,No\n' >in.csv
	run -1 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:1: no intake columns found' ]
}

# ---- values ----

@test "bpimport: yes/no spellings of exports become yes and no" {
	local v
	for v in Yes Y y TRUE true 1 1.0 Checked Agree AGREE ' yes '; do
		spelled fever "$v" yes
	done
	for v in No N FALSE 0 0.0 Unchecked Disagree; do
		spelled sb3 "$v" no
	done
	spelled fever maybe maybe
}

@test "bpimport: answer labels with spaces or hyphens become bp(7)'s words" {
	spelled radiation 'Below knee' below_knee
	spelled radiation 'below-knee' below_knee
	spelled radiation 'None' none
	spelled side 'Both' both
	spelled sb9 'Very much' very
	spelled sb9 'Not at all' not_at_all
	spelled sb9 'EXTREMELY' extremely
	spelled radiation 'Below the knee' 'Below the knee'
}

@test "bpimport: a list's labels become its words in bp(7)'s order, split by commas or semicolons" {
	spelled site 'Hip, Low back' low_back,hip
	spelled site 'Low back;Buttock;' low_back,buttock
	spelled site 'Upper back' upper_back
	spelled site 'Low back, Knee' 'Low back, Knee'
}

@test "bpimport: whole numbers written 65.0 lose their zeros; others pass through" {
	spelled age 65.0 65
	spelled age 65 65
	spelled odi3 '2.00' 2
	spelled age 65.5 65.5
	spelled age 130 130
	spelled severity -1 -1
}

@test "bpimport: durations written in words become a number and a unit letter" {
	spelled duration '6 weeks' 6w
	spelled duration '3 Days' 3d
	spelled duration '2 months' 2m
	spelled duration '1 year' 1y
	spelled duration 10 10
	spelled duration '2.5 weeks' '2.5 weeks'
}

@test "bpimport: --dates reads day and month of one or two digits into YYYY-MM-DD" {
	spelled onset 4/3/2024 2024-03-04 --dates dmy
	spelled onset 04.03.2024 2024-03-04 --dates dmy
	spelled onset 3/4/2024 2024-03-04 --dates mdy
	spelled onset '04/03/2024 10:15' 2024-03-04 --dates dmy
	spelled seen 2024/3/4 2024-03-04
	spelled seen 2024-3-4 2024-03-04 --dates mdy
}

@test "bpimport: a date it cannot read passes through: no order given, no such day, a two-digit year" {
	spelled onset 04/03/2024 04/03/2024
	spelled onset 31/02/2024 31/02/2024 --dates dmy
	spelled onset 4/3/24 4/3/24 --dates dmy
	spelled onset 4/3-2024 4/3-2024 --dates dmy
}

@test "bpimport: --dates takes ymd, dmy or mdy only" {
	run -2 --separate-stderr bpimport --dates dd/mm/yyyy </dev/null
	[[ $stderr == *'--dates takes ymd, dmy or mdy'* ]]
}

@test "bpimport: spaces around a value are removed; a value of spaces only is empty" {
	spelled age '45 ' 45
	spelled age '   ' ''
	spelled fever ' ' ''
	spelled site ' ' ''
	spelled seen ' 2024-03-04' 2024-03-04
}

@test "bpimport: a number followed by other text, or a word too long to be one, passes through" {
	spelled age '65 kg' '65 kg'
	spelled odi3 '2,0' '2,0'
	spelled radiation "$(printf 'x%.0s' {1..70})" "$(printf 'x%.0s' {1..70})"
}

@test "bpimport: an empty item of a list is left out" {
	spelled site 'Hip,,Low back' low_back,hip
	spelled site 'Hip, ;Low back;' low_back,hip
}

@test "bpimport: a duration's unit is read in any case; a number too long or an unknown unit passes through" {
	spelled duration '6W' 6w
	spelled duration '6 WK' 6w
	spelled duration ' 12' 12
	spelled duration '1234567890 days' '1234567890 days'
	spelled duration '6 fortnights' '6 fortnights'
}

@test "bpimport: a date is three numbers with one separator, a time after a space; anything else passes through" {
	spelled seen 2024.01.02 2024-01-02
	spelled seen '2024-1-2 10:15:00' 2024-01-02
	local v
	for v in 2024 20245/01/02 2024-01-02T10:00 '2024-01-02 10:00am' \
	    2024-123-01 2024-01-123 2024x01x02 2024/01-02 2024-01-; do
		spelled seen "$v" "$v"
	done
}

@test "bpimport: a checkbox left empty or holding spaces is not ticked, and not warned about" {
	printf 'record_id,site___hip,site___groin,site___thigh\nA1,1, ,\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	clean
	[ "$output" = "$(tsv id site; tsv A1 hip)" ]
}

@test "bpimport: a TAB, LF, CR or backslash inside a value is written \\t, \\n, \\r, \\\\" {
	printf 'id,age,note\nr1,1,"a\tb\nc\r\nd\\e"\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = 'r1	1	a\tb\nc\r\nd\\e' ]
}

@test "bpimport: -t reads TSV, quotes and all" {
	printf 'record_id\tAge\tnote\nr1\t65.0\t"a\tb"\n' >in.tsv
	run -0 --separate-stderr bpimport -t in.tsv
	[ "$output" = "$(tsv id age note; printf 'r1\t65\ta\\tb\n')" ]
}

# ---- the map ----

@test "bpimport: a map's value rows map an Oswestry coded 1-6 to 0-5, which otherwise scores wrong" {
	printf 'id,odi1,odi2,odi3,odi4,odi5,odi6,odi7,odi8,odi9,odi10\nr1,1,2,1,1,1,1,1,1,1,5\n' >in.csv
	bpimport -m "$TOP/lib/questions.map.tsv" in.csv | bpclassify >mapped.tsv
	[ "$(col odi <mapped.tsv)" = 10 ]
	# without the map: no word said, and a score 20 points too high
	run -0 --separate-stderr bash -c 'bpimport in.csv | bpclassify >unmapped.tsv'
	clean
	[ "$(col odi <unmapped.tsv)" = 30 ]
}

@test "bpimport: a map renames a checkbox group and names its numbered codes" {
	printf 'kind\tcolumn\tfrom\tto\nrename\t\tpain_at\tsite\nvalue\tsite\t1\tLow back\nvalue\tsite\t2\thip\n' >m.tsv
	printf 'record_id,pain_at___1,pain_at___2\nA,1,1\n' >in.csv
	run -0 --separate-stderr bpimport -m m.tsv in.csv
	[ "$output" = "$(tsv id site; tsv A low_back,hip)" ]
}

@test "bpimport: a map's codes of a list column map each item of a list, record after record" {
	printf 'kind\tcolumn\tfrom\tto\nvalue\tsite\t1\tLow back\nvalue\tsite\t2\thip\n' >m.tsv
	printf 'id,site\nA,2\nB,"1,2"\nC,2\nD,1\n' >in.csv
	run -0 --separate-stderr bpimport -m m.tsv in.csv
	[ "$output" = "$(tsv id site; tsv A hip; tsv B low_back,hip; tsv C hip; tsv D low_back)" ]
}

# bad MAP ROW WANT: a map holding ROW is refused, naming its line 2.
badmap() {
	printf 'kind\tcolumn\tfrom\tto\n%s\n' "$1" >bad.map
	printf 'id,age\n1,2\n' >in.csv
	run -2 --separate-stderr bpimport -m bad.map in.csv
	[ -z "$output" ] && [ "$stderr" = "bpimport: bad.map:2: $2" ] ||
	    { echo "row '$1': $stderr"; return 1; }
}

@test "bpimport: a map with an unknown target column or word is refused with FILE:LINE" {
	badmap "$(tsv rename '' 'Age (years)' years)" 'unknown column "years"'
	badmap "$(tsv value agee 1 2)" 'unknown column "agee"'
	badmap "$(tsv value radiation 1 knee)" '"knee" is not an answer of radiation'
	badmap "$(tsv value site 1 knee)" '"knee" is not a word of site'
	badmap "$(tsv value odi1 1 6)" '"6" is not an answer of odi1'
	badmap "$(tsv rename '' x radiation___1)" 'unknown column "radiation___1"'
	badmap "$(tsv value id 1 2)" 'id: answers are not mapped'
	badmap "$(tsv renamed '' x age)" 'unknown kind "renamed" (rename or value)'
	badmap "$(tsv rename '' x)" '3 fields, the header has 4'
}

@test "bpimport: a map that renames one column twice is refused at the second row" {
	printf 'kind\tcolumn\tfrom\tto\nrename\t\tx\tage\nrename\t\tX \tsite\n' >bad.map
	run -2 --separate-stderr bpimport -m bad.map </dev/null
	[ "$stderr" = 'bpimport: bad.map:3: "X" mapped twice (first on line 2)' ]
}

@test "bpimport: a map without its columns, or missing, is refused" {
	printf 'from\tto\nx\tage\n' >bad.map
	run -2 --separate-stderr bpimport -m bad.map </dev/null
	[ "$stderr" = 'bpimport: bad.map:1: no column kind' ]
	run -2 --separate-stderr bpimport -m nosuch.map </dev/null
	[[ $stderr == 'bpimport: nosuch.map: '* ]]
}

@test "bpimport: a map row of another kind, an empty from or an empty answer is refused with FILE:LINE" {
	badmap "$(tsv Rename '' x age)" 'unknown kind "Rename" (rename or value)'
	badmap "$(tsv change '' x age)" 'unknown kind "change" (rename or value)'
	badmap "$(tsv Value age x 1)" 'unknown kind "Value" (rename or value)'
	badmap "$(tsv rename '' '' age)" 'empty from'
	badmap "$(tsv value age x '')" '"" is not an answer of age'
	badmap "$(tsv value age x '  ')" '"" is not an answer of age'
}

@test "bpimport: a map renaming to a box of a column that is no list column is refused" {
	badmap "$(tsv rename '' x foo___x)" 'unknown column "foo___x"'
	badmap "$(tsv rename '' x age___x)" 'unknown column "age___x"'
}

@test "bpimport: an empty map is refused" {
	printf 'id,age\n1,2\n' >in.csv
	: >empty.map
	run -2 --separate-stderr bpimport -m empty.map in.csv
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: empty.map: empty map' ]
}

# ---- bad input: each has a diagnostic with FILE:LINE and a test ----

# broken DESC CSV WHY: CSV's record at line 2 is refused (exit 2, WHY),
# and with -r written to the rejects file as read while the next record
# goes through.
broken() {
	printf 'id,age\n%s\nr2,40\n' "$1" >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = "bpimport: in.csv:2: $2" ] || { echo "$1: $stderr"; return 1; }
	run -1 --separate-stderr bpimport -r rej in.csv
	[ "$stderr" = "bpimport: in.csv:2: $2" ]
	[ "$output" = "$(tsv id age; tsv r2 40)" ]
	cmp rej <(printf '%s\n' "$1")
}

@test "bpimport: a stray quote inside an unquoted field is a structural problem" {
	broken 'r1,4"0' 'quote inside an unquoted field'
}

@test "bpimport: text after a closing quote is a structural problem" {
	broken 'r1,"40"x' 'text after a closing quote'
}

@test "bpimport: a record with more or fewer fields than the header is a structural problem" {
	broken 'r1,40,3' '3 fields, the header has 2'
	broken 'r1' '1 field, the header has 2'
}

@test "bpimport: a NUL byte is a structural problem" {
	printf 'id,age\nr1,4\0000\nr2,40\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:2: NUL byte in record' ]
	run -1 --separate-stderr bpimport -r rej in.csv
	cmp rej <(printf 'r1,4\0000\n')
}

@test "bpimport: an unclosed quote is reported on the line its record starts, and rejected whole" {
	printf 'id,age\r\nr1,"one\r\ntwo\r\nr2,x\r\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:2: unclosed quote' ]
	run -1 --separate-stderr bpimport -r rej in.csv
	[ "$output" = "$(tsv id age)" ]
	cmp rej <(tail -n +2 in.csv)
}

@test "bpimport: a record spanning lines is reported on its first line, and later records on theirs" {
	printf 'id,age\nr1,"a\nb\nc"\nr2,"x\ny",z\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:5: 3 fields, the header has 2' ]
	run -1 --separate-stderr bpimport -r rej in.csv
	cmp rej <(printf 'r2,"x\ny",z\n')
}

@test "bpimport: a last record without a line end is read; rejected, it gets one" {
	printf 'id,age\nr1,40' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "$output" = "$(tsv id age; tsv r1 40)" ]
	printf 'id,age\nr1,"40"' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "$output" = "$(tsv id age; tsv r1 40)" ]
	printf 'id,age\nr1,40\nr2,4"0' >in.csv
	run -1 --separate-stderr bpimport -r rej in.csv
	[ "$stderr" = 'bpimport: in.csv:3: quote inside an unquoted field' ]
	[ "$output" = "$(tsv id age; tsv r1 40)" ]
	cmp rej <(printf 'r2,4"0\n')
}

@test "bpimport: empty lines, CR LF ones too, and lines of commas before the header are skipped" {
	printf '\r\n,,\nid,age\r\n\r\nr1,4\r\n,\r\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	clean
	[ "$output" = "$(tsv id age; tsv r1 4)" ]
}

@test "bpimport: an export shorter than its byte order mark is read" {
	printf 'id' >in.csv
	run -1 --separate-stderr bpimport in.csv
	[ "$output" = id ]
	[ "$stderr" = 'bpimport: in.csv:1: no intake columns found' ]
}

@test "bpimport: a record with far more fields than the header is rejected whole" {
	broken 'r1,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19' \
	    '20 fields, the header has 2'
}

@test "bpimport: a NUL byte inside quotes is a structural problem" {
	printf 'id,age\nr1,"4\0000"\nr2,40\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:2: NUL byte in record' ]
	run -1 --separate-stderr bpimport -r rej in.csv
	[ "$output" = "$(tsv id age; tsv r2 40)" ]
	cmp rej <(printf 'r1,"4\0000"\n')
}

@test "bpimport: a record with several structural problems is reported once, for the first" {
	broken 'r1,"40"x"' 'text after a closing quote'
	broken 'r1,4"0"' 'quote inside an unquoted field'
}

@test "bpimport: a structural problem in the header is fatal, even with -r" {
	printf 'id,a"ge\nr1,4\n' >in.csv
	run -2 --separate-stderr bpimport -r rej in.csv
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: in.csv:1: quote inside an unquoted field' ]
}

# Most records are read at once from the read buffer, as bit masks; one
# that holds a TAB, NUL or backslash, or that a read ends in, byte by
# byte.  The first read of 128 KiB ends 7 bytes into a record r1.
@test "bpimport: a record reads the same wherever a read ends in it, quoted quotes, line breaks and all" {
	a='r1,"65.0","say ""hi""",""""," a, b ","x'$'\n''y",,""'
	b='r2,65,"c'$'\r''d","",,"","",""'
	c='r4,65,"tab'$'\t''",,,,,'
	{ printf 'id,age,q1,q2,q3,note,e1,e2\r\n'
	  for i in $(seq 2000); do printf '%s\r\n%s\r\n%s\r\n' "$a" "$b" "$c"; done
	  printf 'r3,65,"a"b,,,,,\r\n'; } >in.csv
	run -1 --separate-stderr bash -c 'bpimport -r rej in.csv >out'
	[ "$stderr" = "bpimport: in.csv:8002: text after a closing quote" ]
	[ "$(wc -l <out)" -eq 6001 ]
	[ "$(sed 1d out | sort | uniq -c | sed 's/^ *//')" = "$(
	    printf '2000 r1\t65\tsay "hi"\t"\t a, b \tx\\ny\t\t\n'
	    printf '2000 r2\t65\tc\\rd\t\t\t\t\t\n'
	    printf '2000 r4\t65\ttab\\t\t\t\t\t\t')" ]
	cmp rej <(printf 'r3,65,"a"b,,,,,\r\n')
}

# Answers seen before are looked up, not read again: a column's first 48
# spellings of up to 16 bytes.
@test "bpimport: an answer becomes the same each time, however many answers a column has" {
	{ echo id,age,radiation,seen,duration
	  for i in $(seq 0 119); do
		printf 'r%d,%d.0,Below knee,1/2/2024,%d weeks\n' "$i" "$i" "$i"
	  done
	  for i in $(seq 0 119); do
		printf 'r%d,%d,below_knee,2024-02-01,%dw\n' "$i" "$i" "$i"
	  done; } >in.csv
	run -0 --separate-stderr bpimport -v --dates dmy in.csv
	[ "$(printf '%s\n' "$output" | sed 1d | sort | uniq -c | awk '$1 != 2')" = "" ]
	[ "$(printf '%s\n' "$output" | sed -n 2p)" = "$(tsv r0 0 below_knee 2024-02-01 0w)" ]
	[ "$(printf '%s\n' "$output" | sed -n 121p)" = "$(tsv r119 119 below_knee 2024-02-01 119w)" ]
	[[ $stderr == *'bpimport: age: 120 changed, 0 escaped, 0 not mapped'* ]]
	[[ $stderr == *'bpimport: radiation: 120 changed, 0 escaped, 0 not mapped'* ]]
	[[ $stderr == *'bpimport: seen: 120 changed, 0 escaped, 0 not mapped'* ]]
	[[ $stderr == *'bpimport: duration: 120 changed, 0 escaped, 0 not mapped'* ]]
}

# long HEADER START N BYTE END NEXT WHY LAST: an export of HEADER, a
# record "r1,START" then N times BYTE then END, and the record NEXT: the
# long record (line 2) is rejected with WHY, as read (lines 2 to LAST of
# the file), and NEXT goes through.
long() {
	{ printf '%s\nr1,%s' "$1" "$2"; head -c "$3" /dev/zero | tr '\0' "$4"
	  printf '%s\n%s\n' "$5" "$6"; } >in.csv
	run -1 --separate-stderr bash -c 'bpimport -r rej in.csv >out'
	[ "$stderr" = "bpimport: in.csv:2: $7" ]
	[ "$(cat out)" = "$(printf '%s\n' "$1" | tr , '\t'; printf '%s\n' "$6" | tr , '\t')" ]
	cmp rej <(sed -n "2,$8p" in.csv)
}

@test "bpimport: a record over 1 MiB is rejected whole, all its lines, and the run goes on" {
	long id,age '"' 1300000 x $'\nmore"' r2,y 'record longer than 1 MiB' 3
	# read whole in the buffer, past the limit
	long id,age '"' 1100000 x $'\nmore"' r2,y 'record longer than 1 MiB' 3
}

# The reader follows the fields of the part of an overlong record it
# does not keep, so that a quote opening a later field holds its LF.
@test "bpimport: a quoted line break after the first 1 MiB of a record stays in that record" {
	long id,age,note '' 1300000 x $',"a\nb"' r2,1,y 'record longer than 1 MiB' 3
}

# The LF that ends such a record is its own last byte: none is added.
@test "bpimport: a quote left open for over 1 MiB to the end of the file is rejected as read" {
	{ printf 'id,age\nr1,"'; head -c 1300000 /dev/zero | tr '\0' '"'
	  printf '\n'; } >in.csv
	run -1 --separate-stderr bash -c 'bpimport -r rej in.csv >out'
	[ "$stderr" = 'bpimport: in.csv:2: record longer than 1 MiB' ]
	[ "$(cat out)" = "$(tsv id age)" ]
	cmp rej <(tail -n +2 in.csv)
}

@test "bpimport: a record under 1 MiB but over it once escaped as TSV is rejected as read" {
	long id,age '"' 600000 '\\' '"' r2,y 'record longer than 1 MiB written as TSV' 2
}

@test "bpimport: a header with an empty column name is refused" {
	printf 'id,,age\n1,2,3\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: in.csv:1: column 2 has no name' ]
}

@test "bpimport: two columns that become one intake column are refused, naming both" {
	printf 'Age,id,age\n1,2,3\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: in.csv:1: columns "Age" and "age" both become age' ]
	printf 'id,site,site___hip\n1,2,3\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:1: columns "site" and "site___hip" both become site' ]
}

@test "bpimport: a checkbox group whose column is not a list is refused" {
	printf 'record_id,radiation___1,radiation___2\n1,1,0\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:1: column "radiation___1" is a checkbox, but radiation is not a list column' ]
}

@test "bpimport: a checkbox code that is no word of its list, and not in the map, is refused" {
	printf 'record_id,site___1\n1,1\n' >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ "$stderr" = 'bpimport: in.csv:1: column "site___1": checkbox code "1" is not a word of site; name it in a map (bp-map(5))' ]
}

@test "bpimport: a header of several lines, a quote unclosed or a NUL in it, is always fatal" {
	printf 'id,"age\n1,2\n' >in.csv
	run -2 --separate-stderr bpimport -r rej in.csv
	[ "$stderr" = 'bpimport: in.csv:1: unclosed quote' ]
	printf 'id,"Age\n(years)",age\n1,2,3\n' >in.csv
	run -0 --separate-stderr bpimport in.csv
	[ "${lines[0]}" = "$(tsv id 'Age\n(years)' age)" ]
}

@test "bpimport: records in = records out + records rejected over a damaged export" {
	{ cat "$DATA/import.redcap.csv"; printf 'x,1\r\n'
	  sed -n 2p "$DATA/import.redcap.csv"; } >mixed.csv
	run -1 --separate-stderr bash -c 'bpimport -q -r rej --dates dmy mixed.csv >out'
	[ "$(($(wc -l <out) - 1))" -eq 13 ]
	[ "$(cat rej)" = "$(printf 'x,1\r')" ]
}

@test "bpimport: several exports are read in turn under one header; a differing header is fatal" {
	printf 'id,age\n1,2\n' >a.csv
	printf '\357\273\277id,age\r\n3,4\r\nid,age\r\n5,6\r\n' >b.csv
	run -0 --separate-stderr bpimport a.csv b.csv
	[ "$output" = "$(tsv id age; tsv 1 2; tsv 3 4; tsv 5 6)" ]
	printf 'id,Age\n3,4\n' >c.csv
	run -2 --separate-stderr bpimport a.csv c.csv
	[ "$stderr" = 'bpimport: c.csv:1: header differs from the first file'"'"'s' ]
	printf 'id,age,x\n3,4,5\n' >c.csv
	run -2 --separate-stderr bpimport a.csv c.csv
	[ "$stderr" = 'bpimport: c.csv:1: header differs from the first file'"'"'s' ]
}

@test "bpimport: an empty input gives no output and exit 0" {
	run -0 --separate-stderr bpimport </dev/null
	[ -z "$output" ] && clean
}

# ---- faults: a full disk, read errors, out of memory (SPEC §7) ----

# callno CALL K FILE ARG...: the number, among all the CALL (read or
# write) calls ARG... makes, of its Kth CALL on FILE, as strace -e
# inject counts them.
callno() {
	local call=$1 k=$2 file=$3
	shift 3
	strace -f -qq -o trace.txt -e trace=open,openat,"$call" "$@" \
	    >/dev/null 2>&1 </dev/null || true
	awk -v k="$k" -v f="\"$file\"" -v c="$call(" '
	    index($0, f) && /open/ { fd = $NF; next }
	    index($0, c) { n++; if (fd != "" && index($0, c fd ",") &&
		++seen == k) { print n; exit } }' trace.txt
}

# inject CALL ERROR N ARG...: run ARG... with its Nth CALL failing with
# ERROR.
inject() {
	local call=$1 err=$2 n=$3
	shift 3
	[ -n "$n" ] || { echo "strace shows no such $call"; return 1; }
	run --separate-stderr strace -f -qq -o /dev/null -e trace="$call" \
	    -e inject="$call":error="$err":when="$n" "$@"
}

# bigcsv: big.csv, an export of 3000 records (over one read of 128 KiB).
bigcsv() {
	{ echo id,age,note
	  for i in $(seq 3000); do printf 'r%d,40,%060d\n' "$i" "$i"; done
	} >big.csv
}

@test "bpimport: with standard output closed it exits 2 with one diagnostic" {
	printf 'id,age\nr1,40\n' >in.csv
	run -2 --separate-stderr bash -c 'bpimport in.csv >&-'
	[ "$stderr" = 'bpimport: standard output: Bad file descriptor' ]
}

@test "bpimport: writing a big output to /dev/full exits 2 with one diagnostic" {
	[ -w /dev/full ] || skip "no /dev/full"
	bigcsv
	run -2 --separate-stderr bash -c 'bpimport big.csv >/dev/full'
	[ "$stderr" = 'bpimport: write error: No space left on device' ]
	# a header over the output buffer fails as it is written
	{ printf 'id,%s,%s\n' "$(head -c 40000 /dev/zero | tr '\0' a)" \
	    "$(head -c 40000 /dev/zero | tr '\0' b)"; echo r1,1,2; } >wide.csv
	run -2 --separate-stderr bash -c 'bpimport wide.csv >/dev/full'
	[ "${#stderr_lines[@]}" -eq 2 ]
	[ "${stderr_lines[0]}" = 'bpimport: wide.csv:1: no intake columns found' ]
	[ "${stderr_lines[1]}" = 'bpimport: write error: No space left on device' ]
}

@test "bpimport: a rejects file on a full disk exits 2, naming it" {
	[ -w /dev/full ] || skip "no /dev/full"
	printf 'id,age\nr1,4"0\nr2,40\n' >in.csv
	run -2 --separate-stderr bpimport -r /dev/full in.csv
	[ "${#stderr_lines[@]}" -eq 2 ]
	[ "${stderr_lines[0]}" = 'bpimport: in.csv:2: quote inside an unquoted field' ]
	[ "${stderr_lines[1]}" = 'bpimport: /dev/full: No space left on device' ]
}

@test "bpimport: the LF added to a rejected last record failing to be written exits 2, naming the rejects file" {
	local n
	needstrace
	printf 'id,age\nr1,40\nr2,4"0' >in.csv
	# the second write to rej: the LF after the record
	n=$(callno write 2 rej bpimport -r rej in.csv)
	rm rej
	inject write ENOSPC "$n" bpimport -r rej in.csv
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[ "${stderr_lines[0]}" = 'bpimport: in.csv:3: quote inside an unquoted field' ]
	[ "${stderr_lines[1]}" = 'bpimport: rej: No space left on device' ]
	cmp rej <(printf 'r2,4"0')
}

@test "bpimport: a read error on the first read of the export exits 2 with one diagnostic naming it" {
	needstrace
	printf 'id,age\nr1,40\n' >in.csv
	inject read EIO "$(callno read 1 in.csv bpimport in.csv)" bpimport in.csv
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: in.csv: Input/output error' ]
}

@test "bpimport: a read error in the middle of an export exits 2 with one diagnostic, never a truncated output with exit 0" {
	needstrace
	bigcsv
	inject read EIO "$(callno read 2 big.csv bpimport big.csv)" bpimport big.csv
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ $stderr == 'bpimport: big.csv:'[1-9]*': Input/output error' ]]
	# what was written is whole records, the first ones
	[ "$(printf '%s\n' "$output" | cut -f 1 | sed 1d)" = "$(seq 3000 |
	    sed 's/^/r/' | head -n $((${#lines[@]} - 1)))" ]
}

@test "bpimport: a read interrupted by a signal is tried again" {
	needstrace
	printf 'id,age\nr1,40\n' >in.csv
	inject read EINTR "$(callno read 1 in.csv bpimport in.csv)" bpimport in.csv
	[ "$status" -eq 0 ]
	clean
	[ "$output" = "$(tsv id age; tsv r1 40)" ]
}

@test "bpimport: a read error while an overlong record goes to the rejects file names the export, not the rejects file" {
	local n
	needstrace
	{ printf 'id,age\nr1,"'; head -c 1300000 /dev/zero | tr '\0' x
	  printf '"\nr2,4\n'; } >long.csv
	# the read after the first 1 MiB of the record, once it is found too long
	n=$(callno read 10 long.csv bpimport -r rej long.csv)
	rm rej
	inject read EIO "$n" bpimport -r rej long.csv
	[ "$status" -eq 2 ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[ "${stderr_lines[0]}" = 'bpimport: long.csv:2: record longer than 1 MiB' ]
	[ "${stderr_lines[1]}" = 'bpimport: long.csv:2: Input/output error' ]
}

@test "bpimport: a read error in the map exits 2 with one diagnostic naming it" {
	needstrace
	printf 'id,age\nr1,40\n' >in.csv
	{ printf 'kind\tcolumn\tfrom\tto\tnote\n'
	  printf 'rename\t\tx\tage\t%s\n' "$(head -c 200000 /dev/zero | tr '\0' n)"
	  printf 'rename\t\ty\tfever\t\n'; } >big.map
	inject read EIO "$(callno read 1 big.map bpimport -m big.map in.csv)" \
	    bpimport -m big.map in.csv
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: big.map: Input/output error' ]
	# in a row after the first read
	inject read EIO "$(callno read 2 big.map bpimport -m big.map in.csv)" \
	    bpimport -m big.map in.csv
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ $stderr == 'bpimport: big.map:'[1-9]*': Input/output error' ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
}

# oom N ARG...: bpimport ARG... with N allocations allowed and every
# later one failing; 0 when the run was the normal one (normal.out, exit
# 0, nothing on standard error), 2 when it failed with exit 2, nothing
# on standard output and one diagnostic about memory; otherwise says what
# went wrong and returns 1.
oom() {
	local n=$1 st=0
	shift
	LD_PRELOAD=$TOP/tests/fault/failmalloc.so BP_FAILMALLOC=$n \
	    bpimport "$@" >oom.out 2>oom.err </dev/null || st=$?
	if [ "$st" -eq 2 ]; then
		[ "$(wc -l <oom.err)" -eq 1 ] && [ ! -s oom.out ] &&
		    grep -Eq '^bpimport: (.*: )?(out of memory|Cannot allocate memory)$' oom.err &&
		    return 2
	elif [ "$st" -eq 0 ] && cmp -s oom.out normal.out && [ ! -s oom.err ]; then
		return 0
	fi
	echo "$n allocations: exit $st: $(head -n 3 oom.err)"
	return 1
}
export -f oom

@test "bpimport: out of memory at any allocation: the whole output, or exit 2 with one diagnostic" {
	[ -z "${BP_SANITIZE:-}${BP_MEMCHECK:-}" ] || skip "the malloc shim needs the plain build"
	[ -f "$TOP/tests/fault/failmalloc.so" ] || skip "make check builds the malloc shim"
	# a map, a checkbox group and more columns than the reader starts with
	printf 'kind\tcolumn\tfrom\tto\nrename\t\tpain_at\tsite\nvalue\tsite\t1\tLow back\nvalue\tsite\t2\thip\nvalue\todi1\t1\t0\nrename\t\tPatient\tid\n' >m.tsv
	printf 'Patient,pain_at___1,pain_at___2,age,odi1,fever,sb1,sb2,sb3,sb4,sb5,sb6,sb7,sb8,sb9,note,other,extra\nA,1,1,65.0,1,Yes,y,n,y,n,y,n,y,n,Very much,"a\tb",x,y\n' >in.csv
	bpimport -m m.tsv in.csv >normal.out
	[ "$(sed -n 2p normal.out)" = "$(tsv A low_back,hip 65 0 yes yes no yes no yes no yes no very 'a\tb' x y)" ]
	# the map's own allocation: named once
	run -2 --separate-stderr env LD_PRELOAD="$TOP/tests/fault/failmalloc.so" \
	    BP_FAILMALLOC=0 bpimport -m m.tsv in.csv
	[ "$stderr" = 'bpimport: m.tsv: Cannot allocate memory' ]
	# in a bash of its own: bats' DEBUG trap makes loops slow
	export TOP
	run bash -c '
	    for n in $(seq 0 150); do
		r=0
		oom "$n" -m m.tsv in.csv || r=$?
		[ "$r" -ne 1 ] || exit 1
		[ "$r" -ne 0 ] || exit 0
	    done
	    echo "no whole run with 150 allocations"
	    exit 1'
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

# A record whose values, escaped, outgrow the output buffer is measured
# first and written in parts.
@test "bpimport: a record over 32 KiB is written whole, escaped, between the others" {
	local note
	note=$(head -c 40000 /dev/zero | tr '\0' 'a')
	printf 'id,age,note\nr1,40,x\nr2,41,"%s\t%s\\"\nr3,42,y\n' "$note" "$note" >in.csv
	run -0 --separate-stderr bpimport -v in.csv
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[1]}" = "$(tsv r1 40 x)" ]
	[ "${lines[2]}" = "r2	41	$note\\t$note\\\\" ]
	[ "${lines[3]}" = "$(tsv r3 42 y)" ]
	[[ $stderr == *'bpimport: "note" passed through: 0 changed, 1 escaped, 0 not mapped'* ]]
}

@test "bpimport: a header under 1 MiB but over it once escaped as TSV is refused" {
	{ printf 'id,age,'; head -c 600000 /dev/zero | tr '\0' '\\'
	  printf '\nr1,40,x\n'; } >in.csv
	run -2 --separate-stderr bpimport in.csv
	[ -z "$output" ]
	[ "$stderr" = 'bpimport: in.csv:1: header longer than 1 MiB written as TSV' ]
}

# ---- the rejects file ----

@test "bpimport: -r naming the export, or an intake file, is refused and the file left intact" {
	printf 'id,age\n1,2\n' >in.csv
	cp in.csv keep.csv
	run -2 --separate-stderr bpimport -r in.csv in.csv
	[ "$stderr" = 'bpimport: in.csv: refused as the rejects file: it is also an input' ]
	cmp in.csv keep.csv
	cp "$DATA/import.tsv" intake.tsv
	run -2 --separate-stderr bash -c 'cat in.csv | bpimport -r intake.tsv'
	[[ $stderr == *'intake.tsv: refused as the rejects file: it holds records'* ]]
	cmp intake.tsv "$DATA/import.tsv"
	run -2 --separate-stderr bash -c 'cat in.csv | bpimport -r keep.csv'
	cmp keep.csv in.csv
}

@test "bpimport: a new rejects file is readable by its owner only" {
	printf 'id,age\n1,"2\n' >in.csv
	run -1 --separate-stderr bash -c 'umask 022; bpimport -r rej in.csv >/dev/null'
	[ "$(stat -c %a rej)" = 600 ]
}

# ---- the shipped files ----

@test "bpimport: make install puts the REDCap dictionary and the example map under share/bp" {
	run -0 make -s -C "$TOP" DESTDIR="$BATS_TEST_TMPDIR/stage" PREFIX=/usr install
	cmp "$TOP/lib/bp-intake.redcap.csv" stage/usr/share/bp/bp-intake.redcap.csv
	cmp "$TOP/lib/questions.map.tsv" stage/usr/share/bp/questions.map.tsv
	[ -x stage/usr/bin/bpimport ]
	[ -f stage/usr/share/man/man5/bp-map.5 ]
	run -0 make -s -C "$TOP" DESTDIR="$BATS_TEST_TMPDIR/stage" PREFIX=/usr uninstall
	[ ! -e stage/usr/share/bp/questions.map.tsv ] && [ ! -e stage/usr/bin/bpimport ]
}

# ---- the sandbox ----

@test "bpimport: waiting for records, it runs under the seccomp filter, core dumps off" {
	[ "${BP_SANDBOX:-}" != 0 ] || skip "BP_SANDBOX=0 is set"
	mkfifo fifo
	exec {w}<>fifo
	printf 'record_id,age\r\n' >&"$w"
	bpimport fifo >out 2>err {w}>&- &
	pid=$!
	blocked "$pid" || { kill "$pid"; echo "did not wait: $(cat err)"; return 1; }
	[ "$(awk '$1 == "Seccomp:" { print $2 }' "/proc/$pid/status")" = 2 ]
	[ "$(awk '/^Max core file size/ { print $5 }' "/proc/$pid/limits")" = 0 ]
	printf '1,40\r\n' >&"$w"
	exec {w}>&-
	wait "$pid"
	[ "$(cat out)" = "$(tsv id age; tsv 1 40)" ]
}
