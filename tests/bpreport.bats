#!/usr/bin/env bats
# bpreport: the batch summary, the work list and the plans of SPEC §8, the
# columns it requires (§1), -f tsv and --merge, bad input and exit status
# (§7), the bar character and width.  Memory (§8) is not asserted here.

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# The columns of a direct record: the nine bpreport requires, then the two
# it also checks for `invalid`.
COLS='id flag_level flags unscreened worst_level phase pattern startback disposition odi disability'

# What row (test_helper.bash) writes unless told otherwise: a clean record,
# acute mechanical pain, low risk, minimal disability, no flag, everything
# screened, self_care.
ROW_DEFAULTS='id=r1 flag_level=none flags=none unscreened=none worst_level=none phase=acute
    pattern=mechanical startback=low disposition=self_care odi=10
    disability=minimal'

# worklist: the work list part of $output (from its title line on).
worklist() {
	printf '%s\n' "$output" | sed -n '/^Work list: people to call today$/,$p'
}

# plan ID: the plan for ID in $output, from its "Plan for" line to the line
# before the next plan.
plan() {
	printf '%s\n' "$output" | tr -d '\f' | awk -v id="$1" '
	    /^Plan for / { h = substr($0, 10); sub(/, seen .*/, "", h)
		on = h == id }
	    on'
}

# joined: standard input as one line, runs of blanks squeezed (undoes the
# wrapping of plan text).
joined() {
	tr '\n' ' ' | tr -s ' '
}

# has TEXT: the text on stdin holds TEXT; else show both and fail.
has() {
	local in
	in=$(cat)
	case $in in
	*"$1"*) ;;
	*) printf 'expected to find: %s\nin: %s\n' "$1" "$in"; return 1 ;;
	esac
}

# lacks TEXT: the text on stdin does not hold TEXT.
lacks() {
	local in
	in=$(cat)
	case $in in
	*"$1"*) printf 'did not expect: %s\nin: %s\n' "$1" "$in"; return 1 ;;
	esac
}


# utf8locale: the name of a UTF-8 C locale, or skip the test.
utf8locale() {
	local l
	l=$(locale -a 2>/dev/null | grep -ixE 'c\.utf-?8' | head -n 1)
	[ -n "$l" ] || skip "no C.UTF-8 locale"
	printf '%s\n' "$l"
}

NOTDIAG='This plan is not a diagnosis.'

# ---- the work list ------------------------------------------------------

@test "bpreport: the work list holds every emergency, then every urgent record, in input order" {
	{ header
	  row id=u1 flag_level=urgent flags=leg_weakness disposition=urgent
	  row id=n1
	  row id=e1 flag_level=emergency flags=cauda_equina \
	      disposition=emergency
	  row id=v1 flag_level=review flags=night_pain disposition=review
	  row id=u2 flag_level=urgent flags=fever,age_over_50 \
	      disposition=urgent
	  row id=e2 flag_level=emergency flags=hip_fracture,trauma \
	      disposition=emergency
	  row id=u3 flag_level=urgent flags=trauma disposition=urgent
	} >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	worklist >got
	cat >want <<'EOF'
Work list: people to call today

Emergency: send to an emergency department now (2)
  e1  cauda equina (cauda equina or spinal cord compression)
  e2  hip fracture (hip fracture after a fall); trauma (fracture)

Urgent: a doctor within 24 hours (3)
  u1  leg weakness (significant muscle weakness)
  u2  fever (infection); age over 50 (malignancy or fracture)
  u3  trauma (fracture)

Ask today: unanswered questions that could make it an emergency (0)
EOF
	same want got
}

@test "bpreport: -f tsv work rows are emergency, urgent, unscreened, each in input order, values as recorded" {
	{ header
	  row id=u1 flag_level=urgent flags=leg_weakness disposition=urgent \
	      unscreened=bladder_bowel,age worst_level=emergency
	  row id=e1 flag_level=emergency flags=cauda_equina \
	      disposition=emergency unscreened=saddle_numbness \
	      worst_level=emergency
	  row id=n1 unscreened=fever flag_level=unknown disposition=assess \
	      worst_level=urgent
	  row id=u2 flag_level=urgent flags=fever,age_over_50 \
	      disposition=urgent worst_level=urgent
	  row id=a1 unscreened=saddle_numbness,bladder_bowel \
	      flag_level=unknown disposition=assess worst_level=emergency
	} >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	clean
	printf '%s\n' "$output" |
	    awk -F'\t' '$1 ~ /^(emergency|urgent|unscreened)$/' >got
	{ tsv emergency e1 cauda_equina
	  tsv urgent u1 leg_weakness
	  tsv urgent u2 fever,age_over_50
	  tsv unscreened u1 bladder_bowel,age
	  tsv unscreened a1 saddle_numbness,bladder_bowel
	} >want
	same want got
}

@test "bpreport: an emergency record with a question open is on the emergency list only" {
	{ header
	  row id=e1 flag_level=emergency flags=spinal_infection,fever \
	      disposition=emergency unscreened=saddle_numbness \
	      worst_level=emergency
	} >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	worklist >got
	cat >want <<'EOF'
Work list: people to call today

Emergency: send to an emergency department now (1)
  e1  spinal infection (spinal infection or abscess); fever (infection)

Urgent: a doctor within 24 hours (0)

Ask today: unanswered questions that could make it an emergency (0)
EOF
	same want got
}

@test "bpreport: a record is listed once, as emergency, when either flag_level or disposition is emergency" {
	{ header
	  row id=d1 flag_level=urgent flags=fever disposition=emergency
	  row id=d2 flag_level=urgent flags=trauma disposition=urgent
	  row id=d3 flag_level=review flags=night_pain disposition=urgent
	} >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	clean
	printf '%s\n' "$output" | awk -F'\t' '$1 ~ /^(emergency|urgent)$/' >got
	{ tsv emergency d1 fever
	  tsv urgent d2 trauma
	  tsv urgent d3 night_pain
	} >want
	same want got
}

@test "bpreport: nothing is cut: 5000 urgent records are all on the work list" {
	{ header
	  awk -v OFS='\t' 'BEGIN { for (i = 1; i <= 5000; i++)
	      print sprintf("u%04d", i), "urgent", "fever", "none", "urgent",
	      "acute", "mechanical", "low", "urgent", "10", "minimal" }'
	} >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	worklist | grep -E '^  u[0-9]{4}  fever \(infection\)$' |
	    sed 's/^  \(u[0-9]*\) .*/\1/' >got
	seq -f 'u%04.0f' 1 5000 >want
	same want got
	worklist | grep -qx 'Urgent: a doctor within 24 hours (5000)'
	run -0 --separate-stderr bpreport -f tsv in.tsv
	printf '%s\n' "$output" | awk -F'\t' '$1 == "urgent" { print $2 }' >got
	same want got
}

@test "bpreport: from files (read again for the work list) and from pipes (kept) the reports are the same" {
	# files are read a second time for the work list, pipes are not:
	# both give the same text, -f tsv and --merge, and exit status
	head -n 30 "$DATA/sample.pipeline.tsv" >a.tsv
	{ head -n 1 "$DATA/sample.pipeline.tsv"
	  tail -n +31 "$DATA/sample.pipeline.tsv"; } >b.tsv
	run -1 --separate-stderr bpreport a.tsv b.tsv
	printf '%s\n' "$output" >files.txt
	run -1 --separate-stderr bash -c 'cat a.tsv | bpreport - b.tsv'
	printf '%s\n' "$output" >pipe.txt
	same files.txt pipe.txt
	run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" >whole.txt
	same whole.txt files.txt
	bpreport -f tsv a.tsv >a.sum || true
	bpreport -f tsv b.tsv >b.sum || true
	run -1 --separate-stderr bpreport -f tsv a.tsv b.tsv
	printf '%s\n' "$output" >files.tsv
	run -1 --separate-stderr bash -c 'cat a.tsv | bpreport -f tsv - b.tsv'
	printf '%s\n' "$output" >pipe.tsv
	same files.tsv pipe.tsv
	run -1 --separate-stderr bpreport --merge a.sum b.sum
	printf '%s\n' "$output" >merged.txt
	run -1 --separate-stderr bash -c 'cat b.sum | bpreport --merge a.sum -'
	printf '%s\n' "$output" >mergepipe.txt
	same merged.txt whole.txt
	same mergepipe.txt whole.txt
}

@test "bpreport: nothing is cut: a long id and flag list stay whole on a narrow terminal" {
	local id flags
	id=$(printf 'x%.0s' $(seq 300))
	flags=bilateral_deficit,cauda_equina,spinal_infection,hip_fracture,leg_weakness,fever,cancer_history,weight_loss,trauma,bilateral_sciatica,infection_risk,fracture_risk,avascular_necrosis,night_pain,inflammatory,thoracic_pain,age_over_50,not_improving
	{ header
	  row id="$id" flag_level=emergency flags="$flags" \
	      disposition=emergency worst_level=emergency
	} >in.tsv
	COLUMNS=40 run -0 --separate-stderr bpreport in.tsv
	clean
	# wrapped to 40 columns: every word there, none cut
	worklist | grep -q "^  $id  bilateral\$"
	joined <<<"$(worklist)" |
	    grep -F "bilateral deficit (cauda equina: weakness in both legs);" |
	    grep -qF "; not improving (a problem that needs a clinician's look)"
	worklist | awk -v id="$id" 'length($0) > 40 && $1 != id { bad = 1 }
	    END { exit bad }'
	run -0 --separate-stderr bpreport -f tsv in.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv emergency "$id" "$flags")"
}

@test "bpreport: nothing is cut: flags of over 4 KiB are kept whole, in input order" {
	local flags
	flags=fever$(printf ',trauma%.0s' $(seq 700))
	{ header
	  row id=e1 flag_level=emergency flags="$flags" disposition=emergency
	  row id=e2 flag_level=emergency flags=fever disposition=emergency
	} >in.tsv
	[ "${#flags}" -gt 4096 ]
	run -0 --separate-stderr bpreport -f tsv in.tsv
	clean
	printf '%s\n' "$output" | awk -F'\t' '$1 == "emergency"' >got
	{ tsv emergency e1 "$flags"; tsv emergency e2 fever; } >want
	same want got
	printf '%s\n' "$output" >s.tsv
	run -0 --separate-stderr bpreport --merge -f tsv s.tsv
	printf '%s\n' "$output" | awk -F'\t' '$1 == "emergency"' >got
	same want got
}

@test "bpreport: with no one to call, the work list says so" {
	{ header
	  row id=n1
	  row id=v1 flag_level=review flags=night_pain disposition=review
	  row id=a1 flag_level=unknown unscreened=fever,age disposition=assess
	} >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	worklist >got
	cat >want <<'EOF'
Work list: people to call today

Emergency: send to an emergency department now (0)

Urgent: a doctor within 24 hours (0)

Ask today: unanswered questions that could make it an emergency (0)

No one on the work list today.
EOF
	same want got
}

@test "bpreport: no urgent records but an unanswered cauda equina question: the list is not empty" {
	{ header
	  row id=n1
	  row id=a1 flag_level=unknown unscreened=bladder_bowel \
	      disposition=assess worst_level=emergency
	} >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	worklist >got
	cat >want <<'EOF'
Work list: people to call today

Emergency: send to an emergency department now (0)

Urgent: a doctor within 24 hours (0)

Ask today: unanswered questions that could make it an emergency (1)
  a1  not answered or unreadable: new trouble passing or holding urine or stool
EOF
	same want got
}

@test "bpreport: the ask-today list holds exactly the records whose worst_level only is emergency" {
	{ header
	  row id=s1 unscreened=saddle_numbness flag_level=unknown \
	      disposition=assess worst_level=emergency
	  row id=s2 unscreened=fever,cancer_history,age flag_level=unknown \
	      disposition=assess worst_level=urgent
	  row id=s3 unscreened=side flag_level=urgent flags=leg_weakness \
	      disposition=urgent worst_level=emergency
	  row id=s4 unscreened=iv_drug_use,morning_stiffness \
	      flag_level=unknown disposition=assess worst_level=urgent
	  row id=s5 unscreened=saddle_numbness flag_level=emergency \
	      flags=bilateral_sciatica disposition=emergency \
	      worst_level=emergency
	} >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	worklist | sed -n '/^Ask today/,$p' >got
	cat >want <<'EOF'
Ask today: unanswered questions that could make it an emergency (2)
  s1  not answered or unreadable: numbness between the legs or around the back
      passage
  s3  not answered or unreadable: whether the leg symptoms are in one leg or
      both
EOF
	same want got
}

@test "bpreport: the sample's work list is complete: 12 emergency, 7 urgent, 5 to ask today" {
	run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	clean
	worklist | grep -E '^[A-Z].* \([0-9]+\)$' >got
	cat >want <<'EOF'
Emergency: send to an emergency department now (12)
Urgent: a doctor within 24 hours (7)
Ask today: unanswered questions that could make it an emergency (5)
EOF
	same want got
	worklist | awk '/^  P/{ print $1 }' >got
	printf 'P%03d\n' 1 2 3 4 5 6 11 13 53 54 56 58 7 8 9 10 12 29 57 \
	    10 12 18 19 55 >want
	same want got
}

# ---- counts and problems ------------------------------------------------

@test "bpreport: the sample's counts add up to the record count in every section" {
	run -1 --separate-stderr bpreport -f tsv "$DATA/sample.pipeline.tsv"
	clean
	printf '%s\n' "$output" | awk -F'\t' '
	    NR > 1 && $1 ~ /^(flag_level|phase|pattern|startback|disposition)$/ {
		s[$1] += $3 }
	    $1 == "records" { n = $3 }
	    END { for (k in s) print k, s[k], n }' | sort >got
	cat >want <<'EOF'
disposition 62 62
flag_level 62 62
pattern 62 62
phase 62 62
startback 62 62
EOF
	same want got
	# the text report shows the same counts
	run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" | awk '
	    /^[a-z_]+$/ { s = $1; next }
	    /^  / && NF >= 3 && $2 ~ /^[0-9]+$/ && s != "" { t[s] += $2 }
	    /^Work list/ { exit }
	    END { for (k in t) print k, t[k], 62 }' | sort >got
	same want got
}

@test "bpreport: every known value is shown, zeros included, in a fixed order" {
	{ header; row id=a1; } >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	clean
	printf '%s\n' "$output" |
	    awk -F'\t' '$1 !~ /^(emergency|urgent|unscreened)$/' >got
	cat >want <<'EOF'
section	key	value
records	total	1
problems	total	0
flag_level	emergency	0
flag_level	urgent	0
flag_level	review	0
flag_level	none	1
flag_level	unknown	0
phase	acute	1
phase	subacute	0
phase	chronic	0
phase	unknown	0
phase	invalid	0
pattern	radicular	0
pattern	hip	0
pattern	mechanical	1
pattern	nonspecific	0
pattern	other	0
pattern	unknown	0
pattern	invalid	0
startback	low	1
startback	medium	0
startback	high	0
startback	unknown	0
startback	invalid	0
disposition	emergency	0
disposition	urgent	0
disposition	assess	0
disposition	review	0
disposition	psych_physio	0
disposition	physio	0
disposition	self_care	1
EOF
	same want got
}

@test "bpreport: values outside the known ones follow them in byte order" {
	{ header
	  row id=a1 phase=zeta
	  row id=a2 phase=Acute
	  row id=a3 phase=alpha
	  row id=a4 phase=zeta
	} >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	clean
	printf '%s\n' "$output" | awk -F'\t' '$1 == "phase"' >got
	{ tsv phase acute 0; tsv phase subacute 0; tsv phase chronic 0
	  tsv phase unknown 0; tsv phase invalid 0; tsv phase Acute 1
	  tsv phase alpha 1; tsv phase zeta 2; } >want
	same want got
	run -0 --separate-stderr bpreport in.tsv
	printf '%s\n' "$output" | sed -n '/^phase$/,/^$/p' |
	    awk '/^  / { print $1, $2 }' >got
	printf '%s\n' 'acute 0' 'subacute 0' 'chronic 0' 'unknown 0' \
	    'invalid 0' 'Acute 1' 'alpha 1' 'zeta 2' >want
	same want got
}

@test "bpreport: a long unexpected value is written whole in -f tsv" {
	local long
	long=$(printf 'x%.0s' $(seq 5000))
	{ header; row id=a1 phase="$long"; } >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	clean
	# each row as fields, section, length of key, value
	printf '%s\n' "$output" | awk -F'\t' '$1 ~ /^(phase|pattern)$/ {
	    print NF, $1, length($2), $3 }' >got
	cat >want <<'EOF'
3 phase 5 0
3 phase 8 0
3 phase 7 0
3 phase 7 0
3 phase 7 0
3 phase 5000 1
3 pattern 9 0
3 pattern 3 0
3 pattern 10 1
3 pattern 11 0
3 pattern 5 0
3 pattern 7 0
3 pattern 7 0
EOF
	same want got
}

@test "bpreport: problem records are those with an empty id or an invalid output" {
	{ header
	  row id=p1
	  row id=
	  row id=p3 phase=invalid
	  row id=p4 pattern=invalid startback=invalid
	  row id=p5 odi=invalid disability=invalid
	  row id=p6 phase=unknown pattern=unknown startback=unknown \
	      odi=unknown disability=unknown
	  row id=p7 flag_level=unknown unscreened=age disposition=assess
	} >in.tsv
	run -1 --separate-stderr bpreport -f tsv in.tsv
	[ "$stderr" = "bpreport: in.tsv:3: id: empty" ]
	printf '%s\n' "$output" | sed -n 2,3p >got
	{ tsv records total 7; tsv problems total 4; } >want
	same want got
	run -1 --separate-stderr bpreport in.tsv
	[ "${lines[0]}" = "Batch summary: 7 records, 4 with problems" ]
}

@test "bpreport: disability invalid alone makes a problem record" {
	{ header; row id=p1 disability=invalid; } >in.tsv
	run -1 --separate-stderr bpreport in.tsv
	clean
	[ "${lines[0]}" = "Batch summary: 1 records, 1 with problems" ]
}

@test "bpreport: -q silences the empty id warning but keeps exit 1" {
	{ header; row id=; row id=b; } >in.tsv
	run -1 --separate-stderr bpreport -q in.tsv
	clean
	[ "${lines[0]}" = "Batch summary: 2 records, 1 with problems" ]
}

@test "bpreport: a batch without problems exits 0" {
	{ header; row id=a; row id=b phase=chronic disposition=physio; } >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	[ "${lines[0]}" = "Batch summary: 2 records, 0 with problems" ]
}

@test "bpreport: the sample has one problem record and exits 1" {
	run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	clean
	[ "${lines[0]}" = "Batch summary: 62 records, 1 with problems" ]
}

@test "bpreport: -r sets aside a short line, exits 1, and does not count it" {
	{ header; row id=a; printf 'broken\tline\n'; row id=b; } >in.tsv
	run -1 --separate-stderr bpreport -r rej.tsv -f tsv in.tsv
	[ "$stderr" = "bpreport: in.tsv:3: 2 fields, the header has 11" ]
	printf 'broken\tline\n' >want
	same want rej.tsv
	[ "${lines[1]}" = "$(tsv records total 2)" ]
}

@test "bpreport: without -r a short line is fatal and nothing is written" {
	{ header; row id=a; printf 'broken\tline\n'; } >in.tsv
	run -2 --separate-stderr bpreport in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: in.tsv:3: 2 fields, the header has 11" ]
}

@test "bpreport: an input with no lines gives no output and exit 0" {
	: >in.tsv
	run -0 --separate-stderr bpreport in.tsv
	clean
	[ -z "$output" ]
}

# ---- plans --------------------------------------------------------------

@test "bpreport: --plans writes one plan per record, in input order" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	clean
	printf '%s\n' "$output" | sed -n 's/^\f\{0,1\}Plan for \([^,]*\).*/\1/p' >got
	seq -f 'P%03.0f' 1 62 >want
	same want got
	[ "$(printf '%s\n' "$output" | grep -c "^$NOTDIAG")" -eq 62 ]
	# a form feed before every plan but the first: one person a sheet
	[ "$(printf '%s\n' "$output" | grep -c $'^\fPlan for ')" -eq 61 ]
	[[ ${lines[0]} == "Plan for P001, seen 2024-03-04" ]]
}

@test "bpreport: --plans for an emergency says emergency department and lists no exercises" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	clean
	plan P001 >p
	sed -n '/^What happens next$/{n;p;}' p >got
	echo '  Go to an emergency department now.' >want
	same want got
	lacks 'Exercises' <p
	joined <p | has '- Numbness between the legs or around the back passage, or new trouble with the bladder or bowel, was reported. This can mean the nerves at the base of the spine are being squeezed (cauda equina syndrome).'
	joined <p | has '- Weakness in both legs was reported.'
	# one instruction: nothing slower for the lower flags
	lacks '24 hours' <p
	lacks 'When to get help' <p
	joined <p | has "$NOTDIAG"
}

@test "bpreport: --plans for an urgent record says a doctor within 24 hours and lists no exercises" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	plan P007 >p
	sed -n '/^What happens next$/{n;p;}' p >got
	echo '  See a doctor within 24 hours.' >want
	same want got
	lacks 'Exercises' <p
	joined <p | has '- Cancer, now or in the past, was reported.'
	joined <p | has 'Not yet asked, or the answer could not be read: weight loss without a known reason'
	# the safety net names every cauda equina sign of the GIRFT card
	sed -n '/^When to get help at once$/,/^$/p' p | joined >net
	has 'numb or tingly between your legs, around your bottom' <net
	has 'hard to pass urine, or you cannot hold in urine or stool' <net
	has 'sexual feeling or function' <net
	has 'pain, numbness or weakness in both legs' <net
	has 'one of your legs is getting weaker' <net
	joined <p | has "$NOTDIAG"
}

@test "bpreport: --plans for assess asks to complete the intake and lists no exercises" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	plan P021 >p
	joined <p | has 'There is not enough information to advise you yet'
	joined <p | has 'could not be read'
	lacks 'Exercises' <p
	joined <p | has "$NOTDIAG"
}

@test "bpreport: --plans for review books a clinician and lists the routine 3 to 5 days a week" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	plan P024 >p
	joined <p | has 'Book a visit with a doctor or other clinician in the coming days; you may start the exercises below gently'
	grep -E '^(Exercises|  [0-9]+\. )' p >got
	cat >want <<'EOF'
Exercises, 3 to 5 days a week, with rest days between
  1. Pelvic bridge (10 seconds, 3 times)
  2. Mini-band walk (10 steps each way)
  3. Four-way band hip exercise (10 each direction)
  4. Side-lying hip swing (10 each side)
  5. Kneeling side hip stretch (30 seconds, 2 times)
  6. Seated figure-four stretch (6-8 breaths each side)
  7. Standing quad stretch (30 seconds each side)
EOF
	same want got
	joined <p | has "$NOTDIAG"
}

@test "bpreport: --plans for physio names the physiotherapist and the exercises" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	plan P035 >p
	joined <p | has "physiotherapist's guidance"
	grep -E '^(Exercises|  [0-9]+\. )' p >got
	cat >want <<'EOF'
Exercises, every day
  1. Walking (10-30 minutes)
  2. Pelvic bridge (10 seconds, 3 times)
  3. Seated figure-four stretch (6-8 breaths each side)
EOF
	same want got
	joined <p | has "$NOTDIAG"
}

@test "bpreport: --plans for self_care lists exercises by name with dose, instructions and sessions" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	plan P047 >p
	joined <p | has 'You can look after this at home, with the exercises below.'
	grep -E '^(Exercises|  [0-9]+\. )' p >got
	cat >want <<'EOF'
Exercises, 3 to 5 days a week, with rest days between
  1. Walking (10-30 minutes)
  2. Dynamic warm-up (5 minutes)
  3. Pelvic bridge (10 seconds, 3 times)
  4. Bridge march (30 steps)
  5. Hip hinge (10 times)
  6. Hamstring squeeze (10 times)
  7. Mini-band walk (10 steps each way)
  8. Seated figure-four stretch (6-8 breaths each side)
  9. Standing quad stretch (30 seconds each side)
EOF
	same want got
	# each exercise comes with its instructions from the catalog
	joined <p | has '1. Walking (10-30 minutes) Walk at an easy, comfortable pace'
	joined <p | has "$NOTDIAG"
	plan P044 >p
	grep -x 'Exercises, every day' p
}

@test "bpreport: --plans writes each advice text as one item" {
	run -1 --separate-stderr bpreport --plans "$DATA/sample.pipeline.tsv"
	plan P044 >p
	# P044's advice: stay_active,avoid_bed_rest,walking,heat,posture_breaks,
	# check_in_4_weeks, then cauda_equina_warning on its own
	sed -n '/^Advice$/,/^$/p' p | grep -c '^  - ' >got
	echo 6 >want
	same want got
	sed -n '/^When to get help at once$/,/^$/p' p | grep -c '^  Go to an emergency department straight away' >got
	echo 1 >want
	same want got
}

@test "bpreport: --plans takes exercise instructions from the catalog given with -c" {
	bproutine --dump-catalog >catalog.tsv
	sed 's/^\(pelvic_bridge\t.*\t\)[^\t]*$/\1Lift the hips slowly, then lower them; a custom text./' \
	    catalog.tsv >custom.tsv
	! cmp -s catalog.tsv custom.tsv || return 1
	run -1 --separate-stderr bpreport --plans -c custom.tsv \
	    "$DATA/sample.pipeline.tsv"
	clean
	plan P044 >p
	sed -n '/^  2\. /,/^  3\. /p' p >got
	cat >want <<'EOF'
  2. Pelvic bridge (10 seconds, 3 times)
     Lift the hips slowly, then lower them; a custom text.
  3. Seated figure-four stretch (6-8 breaths each side)
EOF
	same want got
}

@test "bpreport: --plans names no exercise or advice code the catalog lacks: warned, in plain words, exit 1" {
	bproutine --dump-catalog | grep -v -e '^hip_hinge	' -e '^yoga	' >c.tsv
	run -1 --separate-stderr bpreport --plans -c c.tsv \
	    "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" >plans.txt
	! grep -e hip_hinge -e yoga plans.txt || return 1
	grep -q '^  [0-9]*\. Ask the clinic to show you one more exercise (10 times)$' plans.txt
	[[ $stderr == *': exercises: not in the catalog: "hip_hinge"'* ]]
	[[ $stderr == *': advice: not in the catalog: "yoga"'* ]]
	# every record whose exercises name it is warned about, by id
	[ "$(printf '%s\n' "$stderr" | grep -c 'exercises: not in the catalog')" -eq \
	    "$(grep -c 'hip_hinge:' "$DATA/sample.pipeline.tsv")" ]
	run -1 --separate-stderr bpreport -q --plans -f html -c c.tsv \
	    "$DATA/sample.pipeline.tsv"
	[ -z "$stderr" ]
	! grep -e hip_hinge -e yoga <<<"$output" || return 1
}

@test "bpreport: --merge with -c is a usage error: it reads no catalog" {
	run -2 --separate-stderr bpreport --merge -c nosuch.tsv /dev/null
	[ -z "$output" ]
	[[ $stderr == "bpreport: --merge reads no catalog: -c goes without it
usage: bpreport "* ]]
}

@test "bpreport: --plans gives the safety net in every plan but an emergency's, whatever the advice column holds" {
	local COLS="$COLS routine exercises sessions advice" d
	for d in urgent assess review psych_physio physio self_care nonsense; do
		{ header
		  row id=n1 disposition="$d" routine=none exercises=none \
		      sessions=none advice=none
		} >in.tsv
		run -0 --separate-stderr bpreport --plans in.tsv
		grep -qx 'When to get help at once' <<<"$output" ||
		    { echo "$d: no safety net"; return 1; }
	done
	{ header
	  row id=n1 disposition=emergency flag_level=emergency routine=none \
	      exercises=none sessions=none advice=go_to_emergency,cauda_equina_warning
	} >in.tsv
	run -0 --separate-stderr bpreport --plans in.tsv
	! grep -q 'When to get help at once' <<<"$output" || return 1
}

@test "bpreport: --plans with a catalog that has no safety net gives the built-in one, with a warning" {
	local COLS="$COLS routine exercises sessions advice"
	bproutine --dump-catalog | grep -v '^cauda_equina_warning	' >c.tsv
	{ header
	  row id=n1 disposition=self_care routine=none exercises=none \
	      sessions=none advice=none
	} >in.tsv
	run -0 --separate-stderr bpreport --plans -c c.tsv in.tsv
	[ "$stderr" = "bpreport: c.tsv: no advice cauda_equina_warning: the plans give the built-in catalog's" ]
	grep -qx 'When to get help at once' <<<"$output"
	grep -q 'Go to an emergency department straight away' <<<"$output"
}

@test "bpreport: --plans with an unreadable catalog is fatal before any output" {
	run -2 --separate-stderr bpreport --plans -c nosuch.tsv \
	    "$DATA/sample.pipeline.tsv"
	[ -z "$output" ]
	[ "$stderr" = "bpreport: nosuch.tsv: No such file or directory" ]
}

@test "bpreport: --plans warns about an empty id and exits 1" {
	{ head -n 1 "$DATA/sample.pipeline.tsv"
	  sed -n 2p "$DATA/sample.pipeline.tsv" | sed 's/^P001\t/\t/'
	} >in.tsv
	run -1 --separate-stderr bpreport --plans in.tsv
	[ "$stderr" = "bpreport: in.tsv:2: id: empty" ]
	[ "${lines[0]}" = "Plan for , seen 2024-03-04" ]
}

# ---- -f tsv and --merge -------------------------------------------------

# shards: split the sample pipeline into part1.tsv .. part4.tsv, each with
# the header, holding 5, 0, 30 and 27 records.
shards() {
	local f=$DATA/sample.pipeline.tsv

	{ head -n 1 "$f"; sed -n 2,6p "$f"; } >part1.tsv
	head -n 1 "$f" >part2.tsv
	{ head -n 1 "$f"; sed -n 7,36p "$f"; } >part3.tsv
	{ head -n 1 "$f"; sed -n 37,63p "$f"; } >part4.tsv
}

@test "bpreport: -f tsv of the whole equals --merge of -f tsv of four shards, exit status too" {
	local i
	shards
	for i in 1 2 3 4; do
		bpreport -q -f tsv part$i.tsv >sum$i.tsv || [ $? -eq 1 ]
	done
	run -1 --separate-stderr bpreport --merge -f tsv sum1.tsv sum2.tsv \
	    sum3.tsv sum4.tsv
	clean
	printf '%s\n' "$output" >got
	same "$DATA/sample.summary.tsv" got
}

@test "bpreport: the text report of a --merge equals the whole's text report" {
	local i
	shards
	for i in 1 2 3 4; do
		bpreport -q -f tsv part$i.tsv >sum$i.tsv || [ $? -eq 1 ]
	done
	run --separate-stderr bpreport --merge sum1.tsv sum2.tsv sum3.tsv \
	    sum4.tsv
	clean
	printf '%s\n' "$output" >got
	same "$DATA/sample.report.txt" got
}

@test "bpreport: --merge concatenates work lists per section in operand order" {
	{ header
	  row id=e1 flag_level=emergency flags=cauda_equina \
	      disposition=emergency
	  row id=u1 flag_level=urgent flags=fever disposition=urgent
	} >a.tsv
	{ header
	  row id=u2 flag_level=urgent flags=trauma disposition=urgent
	  row id=a2 flag_level=unknown unscreened=bladder_bowel \
	      disposition=assess worst_level=emergency
	  row id=e2 flag_level=emergency flags=hip_fracture \
	      disposition=emergency unscreened=bladder_bowel
	} >b.tsv
	bpreport -f tsv a.tsv >sa.tsv
	bpreport -f tsv b.tsv >sb.tsv
	run -0 --separate-stderr bpreport --merge -f tsv sb.tsv sa.tsv
	clean
	printf '%s\n' "$output" |
	    awk -F'\t' 'NR == 1 || $1 ~ /^(emergency|urgent|unscreened)$/' >got
	{ tsv section key value
	  tsv emergency e2 hip_fracture
	  tsv emergency e1 cauda_equina
	  tsv urgent u2 trauma
	  tsv urgent u1 fever
	  tsv unscreened a2 bladder_bowel
	} >want
	same want got
	printf '%s\n' "$output" | grep -qxF "$(tsv records total 5)"
}

@test "bpreport: --merge of summaries with differing headers is fatal" {
	bpreport -f tsv "$DATA/sample.pipeline.tsv" >s1.tsv || [ $? -eq 1 ]
	{ tsv section key value extra; tsv records total 3 x; } >s2.tsv
	run -2 --separate-stderr bpreport --merge s1.tsv s2.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: s2.tsv:1: header differs from the first file's" ]
}

@test "bpreport: --merge with a bad count value is fatal" {
	bpreport -f tsv "$DATA/sample.pipeline.tsv" >s1.tsv || [ $? -eq 1 ]
	{ tsv section key value; tsv records total 3; tsv phase acute x2; } >s2.tsv
	run -2 --separate-stderr bpreport --merge s1.tsv s2.tsv
	[ -z "$output" ]
	case $stderr in
	"bpreport: s2.tsv:3: value: "*) ;;
	*) echo "stderr: $stderr"; return 1 ;;
	esac
	{ tsv section key value; tsv phase acute -1; } >s3.tsv
	run -2 --separate-stderr bpreport --merge s3.tsv
	[ -z "$output" ]
	[ "${stderr#bpreport: s3.tsv:2: value: }" != "$stderr" ]
}

@test "bpreport: --merge of a file that is not a summary is fatal, naming what to run" {
	run -2 --separate-stderr bpreport --merge "$DATA/sample.pipeline.tsv"
	[ -z "$output" ]
	[ "$stderr" = "bpreport: $DATA/sample.pipeline.tsv:1: no column section: run bpreport -f tsv first" ]
}

@test "bpreport: --merge of an unknown section is fatal" {
	{ tsv section key value; tsv colour blue 3; } >s.tsv
	run -2 --separate-stderr bpreport --merge s.tsv
	[ -z "$output" ]
	[ "${stderr#bpreport: s.tsv:2: section: }" != "$stderr" ]
}

@test "bpreport: -q does not silence a bad summary line: --merge stops with its diagnostic" {
	{ tsv section key value; tsv records total 2; tsv phase acute x; } >s1.tsv
	{ tsv section key value; tsv colour blue 3; } >s2.tsv
	{ tsv section key value; tsv phase acute ''; } >s3.tsv
	run -2 --separate-stderr bpreport -q --merge s1.tsv
	[ -z "$output" ]
	[ "$stderr" = 'bpreport: s1.tsv:3: value: not a count: "x"' ]
	run -2 --separate-stderr bpreport --merge -q s2.tsv
	[ -z "$output" ]
	[ "$stderr" = 'bpreport: s2.tsv:2: section: not a summary section: "colour"' ]
	run -2 --separate-stderr bpreport -q --merge -f tsv s3.tsv
	[ -z "$output" ]
	[ "$stderr" = 'bpreport: s3.tsv:2: value: not a count' ]
}

@test "bpreport: --merge adds counts up to 18446744073709551615 and stops past it" {
	local max=18446744073709551615
	{ tsv section key value; tsv records total "$max"
	  tsv phase zeta "$max"; } >big.tsv
	{ tsv section key value; tsv records total 1; } >one.tsv
	{ tsv section key value; tsv phase zeta 1; } >zeta.tsv
	{ tsv section key value; tsv records total 18446744073709551616; } >over.tsv
	{ tsv section key value; tsv records total 99999999999999999999; } >over20.tsv
	run -0 --separate-stderr bpreport --merge -f tsv big.tsv
	clean
	printf '%s\n' "$output" | grep -qxF "$(tsv records total "$max")"
	printf '%s\n' "$output" | grep -qxF "$(tsv phase zeta "$max")"
	run -2 --separate-stderr bpreport --merge big.tsv one.tsv
	[ -z "$output" ]
	[ "$stderr" = 'bpreport: one.tsv:2: value: the sum is too large: "1"' ]
	run -2 --separate-stderr bpreport --merge big.tsv zeta.tsv
	[ -z "$output" ]
	[ "$stderr" = 'bpreport: zeta.tsv:2: value: the sum is too large: "1"' ]
	run -2 --separate-stderr bpreport --merge over.tsv
	[ -z "$output" ]
	[ "$stderr" = 'bpreport: over.tsv:2: value: not a count: "18446744073709551616"' ]
	run -2 --separate-stderr bpreport --merge over20.tsv
	[ "$stderr" = 'bpreport: over20.tsv:2: value: not a count: "99999999999999999999"' ]
}

# spread FROM TO: records p<N> with the phase k<N> and the pattern q<N % 7>,
# N from FROM to TO, all values outside the known ones.
spread() {
	header
	awk -v from="$1" -v to="$2" 'BEGIN { OFS = "\t"
	    for (i = from; i <= to; i++)
		print "p" i, "none", "none", "none", "none", "k" i, "q" i % 7,
		    "low", "self_care", 10, "minimal" }'
}

@test "bpreport: --merge adds up values outside the known ones key by key, as one run would" {
	spread 1 80 >a.tsv
	spread 41 150 >b.tsv
	{ spread 1 80; spread 41 150 | tail -n +2; } >whole.tsv
	bpreport -f tsv a.tsv >sa.tsv
	bpreport -f tsv b.tsv >sb.tsv
	run -0 --separate-stderr bpreport --merge -f tsv sa.tsv sb.tsv
	clean
	printf '%s\n' "$output" >merged.tsv
	bpreport -f tsv whole.tsv >want.tsv
	same want.tsv merged.tsv
	# 150 keys k<N> after the 5 known ones, in byte order, 41 to 80 twice
	awk -F'\t' '$1 == "phase"' merged.tsv | tail -n +6 >got
	{ for i in $(seq 1 150); do
		tsv phase "k$i" $((i >= 41 && i <= 80 ? 2 : 1))
	  done; } | sort >want
	same want got
	# q0: the 21 multiples of 7 to 150, and the 6 from 41 to 80 again
	grep -qxF "$(tsv pattern q0 27)" merged.tsv
}

# ---- required columns and usage -----------------------------------------

@test "bpreport: bpclassify output alone: run bpflags first" {
	bpclassify -q "$DATA/sample.tsv" >in.tsv || [ $? -eq 1 ]
	run -2 --separate-stderr bpreport in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: in.tsv:1: no column flag_level: run bpflags first" ]
}

@test "bpreport: bpflags output alone: run bpclassify first" {
	bpflags -q "$DATA/sample.tsv" >in.tsv || [ $? -eq 1 ]
	run -2 --separate-stderr bpreport in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: in.tsv:1: no column phase: run bpclassify first" ]
}

@test "bpreport: no disposition column: run bproutine first" {
	bpclassify -q "$DATA/sample.tsv" | bpflags -q >in.tsv || true
	run -2 --separate-stderr bpreport in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: in.tsv:1: no column disposition: run bproutine first" ]
}

@test "bpreport: no id column is fatal" {
	{ tsv flag_level flags unscreened phase pattern startback disposition
	  tsv none none none acute mechanical low self_care; } >in.tsv
	run -2 --separate-stderr bpreport in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: in.tsv:1: no column id" ]
}

@test "bpreport: --plans without the routine column: run bproutine first" {
	header >in.tsv
	row id=a >>in.tsv
	run -2 --separate-stderr bpreport --plans in.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: in.tsv:1: no column routine: run bproutine first" ]
	# the summary does not need it
	run -0 --separate-stderr bpreport in.tsv
	clean
}

@test "bpreport: --plans with -f tsv is a usage error" {
	run -2 --separate-stderr bpreport --plans -f tsv "$DATA/sample.pipeline.tsv"
	[ -z "$output" ]
	[ "${stderr#bpreport: }" != "$stderr" ]
	printf '%s\n' "$stderr" | grep -q '^usage: bpreport '
}

@test "bpreport: --plans with --merge is a usage error" {
	run -2 --separate-stderr bpreport --plans --merge "$DATA/sample.summary.tsv"
	[ -z "$output" ]
	printf '%s\n' "$stderr" | grep -q '^usage: bpreport '
}

@test "bpreport: -f xml is a usage error" {
	run -2 --separate-stderr bpreport -f xml "$DATA/sample.pipeline.tsv"
	[ -z "$output" ]
	[ "${stderr#bpreport: }" != "$stderr" ]
	printf '%s\n' "$stderr" | grep -q '^usage: bpreport '
}

@test "bpreport: -f text is the default" {
	run -1 --separate-stderr bpreport -f text "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" >got
	same "$DATA/sample.report.txt" got
}

@test "bpreport: -h prints the usage on standard output and exits 0" {
	run -0 --separate-stderr bpreport -h
	clean
	[ "${lines[0]#usage: bpreport }" != "${lines[0]}" ]
	run -0 --separate-stderr bpreport --help
	clean
	[ "${lines[0]#usage: bpreport }" != "${lines[0]}" ]
}

@test "bpreport: --version prints the name and version" {
	run -0 --separate-stderr bpreport --version
	clean
	[ "$output" = "bpreport (bp) 0.1" ]
}

@test "bpreport: an unreadable operand is fatal before any output" {
	run -2 --separate-stderr bpreport "$DATA/sample.pipeline.tsv" nosuch.tsv
	[ -z "$output" ]
	[ "$stderr" = "bpreport: nosuch.tsv: No such file or directory" ]
}

# ---- bars ---------------------------------------------------------------

@test "bpreport: bars are # in the C locale" {
	run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	! printf '%s\n' "$output" | LC_ALL=C grep -q '[^ -~]' || return 1
	printf '%s\n' "$output" | grep -qx '  none              26  41.9%  ###################'
}

@test "bpreport: bars use U+2588 in a UTF-8 locale, the same lengths" {
	local l
	l=$(utf8locale)
	LC_ALL=$l run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	clean
	printf '%s\n' "$output" | sed 's/\xe2\x96\x88/#/g' >got
	same "$DATA/sample.report.txt" got
	printf '%s\n' "$output" | grep -q $'\xe2\x96\x88'
	! printf '%s\n' "$output" | sed -n '/^Work list/q;p' | grep -q '#' ||
	    return 1
}

@test "bpreport: the bar character follows LC_ALL, then LC_CTYPE, then LANG" {
	local l
	l=$(utf8locale)
	env -u LC_ALL -u LC_CTYPE LANG="$l" bpreport "$DATA/sample.pipeline.tsv" >a || true
	grep -q $'\xe2\x96\x88' a
	env -u LC_ALL LC_CTYPE=C LANG="$l" bpreport "$DATA/sample.pipeline.tsv" >b || true
	same "$DATA/sample.report.txt" b
	env LC_ALL=C LC_CTYPE="$l" LANG="$l" bpreport "$DATA/sample.pipeline.tsv" >c || true
	same "$DATA/sample.report.txt" c
}

# fullbar: the length of the summary line for a value that every record has
# (the longest bar), with COLUMNS as set in the environment.
fullbar() {
	{ header; row id=a; row id=b; } >one.tsv
	bpreport one.tsv | grep '^  acute ' | awk '{ print length($0) }'
}

@test "bpreport: COLUMNS sets the room for the bars; lines fit the width" {
	local w n
	n=$(fullbar)
	[ "$n" -le 80 ] && [ "$n" -ge 70 ]
	for w in 60 100 200; do
		n=$(COLUMNS=$w fullbar)
		[ "$n" -le "$w" ] && [ "$n" -ge $((w - 10)) ] ||
		    { echo "COLUMNS=$w: line of $n"; return 1; }
	done
	COLUMNS=120 run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" | grep '^  none ' >got
	# 26 of 62 records: that share of the room of the 100% bar, rounded
	[ "$(tr -cd '#' <got | wc -c)" -eq "$(awk -v r=$(($(COLUMNS=120 fullbar) - 31)) \
	    'BEGIN { printf "%d", 26 * r / 62 + 0.5 }')" ]
}

@test "bpreport: no line of the summary passes COLUMNS, not the title, a bar or a ';' after an item" {
	local w

	for w in $(seq 40 90); do
		COLUMNS=$w LC_ALL=C bpreport -q "$DATA/sample.pipeline.tsv" >out ||
		    [ $? -eq 1 ]
		awk -v w="$w" 'length($0) > w { print w ": " $0; bad = 1 }
		    END { exit bad }' out
	done
}

@test "bpreport: the counts line up when a value is longer than 12 bytes" {
	bpclassify -q "$DATA/visits.tsv" | bpflags -q | bptrack -q |
	    bproutine -q >in.tsv || true
	LC_ALL=C bpreport -q in.tsv >out || true
	sed -n '/^progress$/,/^$/p' out >progress
	grep -q '^  not_improving ' progress
	[ "$(awk '/^  / { print index($0, "%") }' progress | sort -u | wc -l)" -eq 1 ] ||
	    { cat progress; return 1; }
}

@test "bpreport: a COLUMNS that is not a number gives the default width" {
	COLUMNS=wide run -1 --separate-stderr bpreport "$DATA/sample.pipeline.tsv"
	printf '%s\n' "$output" >got
	same "$DATA/sample.report.txt" got
}

# ---- issue: defects a new user hit ---------------------------------------

@test "bpreport: --merge of one summary given twice warns that it counts it twice, exit 1" {
	{ header; row id=a; row id=b; } >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	printf '%s\n' "$output" >a.tsv
	run -1 --separate-stderr bpreport --merge a.tsv a.tsv
	[ "$stderr" = "bpreport: a.tsv: the same file as a.tsv: counted twice" ]
	run -1 --separate-stderr bpreport --merge a.tsv ./a.tsv
	[ "$stderr" = "bpreport: ./a.tsv: the same file as a.tsv: counted twice" ]
	cp a.tsv b.tsv
	run -0 --separate-stderr bpreport --merge a.tsv b.tsv
	clean
}

@test "bpreport: --plans writes the questions not yet asked in plain words, wrapped at 72 columns" {
	local COLS="$COLS routine exercises sessions advice"
	{ header
	  row id=q1 flag_level=unknown disposition=assess routine=none \
	      exercises=none sessions=none advice=none \
	      unscreened=saddle_numbness,bladder_bowel,leg_weakness,fever,cancer_history,weight_loss,trauma,age
	} >in.tsv
	run -0 --separate-stderr bpreport --plans in.tsv
	plan q1 >p
	awk 'length($0) > 72 { print "over 72: " $0; bad = 1 } END { exit bad }' p
	joined <p | has 'Not yet asked, or the answer could not be read: numbness between the legs or around the back passage; new trouble passing or holding urine or stool; weakness in the legs; fever;'
	lacks 'bladder bowel' <p
	lacks 'bladder_bowel' <p
}

@test "bpreport: --plans exits 1 for a record with an invalid output, as the summary does" {
	local COLS="$COLS routine exercises sessions advice" c
	local p='routine=none exercises=none sessions=none advice=none'

	for c in phase pattern startback odi disability; do
		# shellcheck disable=SC2086
		{ header; row id=a $p; row id=b "$c=invalid" $p; } >in.tsv
		run -1 --separate-stderr bpreport in.tsv
		run -1 --separate-stderr bpreport --plans in.tsv
		run -1 --separate-stderr bpreport --plans -f html in.tsv
	done
	# shellcheck disable=SC2086
	{ header; row id=a $p; row id=b $p; } >in.tsv
	run -0 --separate-stderr bpreport --plans in.tsv
}

@test "bpreport: an invalid progress makes a problem record" {
	local COLS="$COLS progress routine exercises sessions advice"
	local p='routine=none exercises=none sessions=none advice=none'
	# shellcheck disable=SC2086
	{ header; row id=a progress=improved $p; row id=b progress=invalid $p
	} >in.tsv
	run -1 --separate-stderr bpreport -f tsv in.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv problems total 1)"
	run -1 --separate-stderr bpreport --plans in.tsv
	{ header; row id=a progress=improved; row id=b progress=worse; } >in.tsv
	run -0 --separate-stderr bpreport -f tsv in.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv problems total 0)"
}

@test "bpreport: --plans keeps the ';' between open questions within 72 columns" {
	local COLS="$COLS routine exercises sessions advice"
	{ header
	  row id=R1 flag_level=unknown disposition=assess routine=none \
	      exercises=none sessions=none advice=complete_intake \
	      unscreened=saddle_numbness,leg_weakness,side,trauma,osteoporosis,steroid_use,night_pain,morning_stiffness,worsening
	} >in.tsv
	run -0 --separate-stderr bpreport --plans in.tsv
	plan R1 >p
	awk 'length($0) > 72 { print "over 72: " $0; bad = 1 } END { exit bad }' p
	joined <p | has 'a recent fall or injury; osteoporosis;'
}

# ---- out of memory --------------------------------------------------------

# oomrun N ARG...: bpreport ARG... with N allocations allowed and every
# later one failing.  0 when the run was whole (want.out, exit $WANTST
# and nothing on standard error); 2 when it stopped with exit 2, no
# output and one diagnostic saying it ran out of memory; else says what
# it got and returns 1.  (Few processes: it runs hundreds of times.)
oomrun() {
	local n=$1 st=0 err=
	local re='^bpreport: ([^:]+(:[0-9]+)?: )?(Cannot allocate memory|out of memory)$'
	shift
	LD_PRELOAD=$TOP/tests/fault/failmalloc.so BP_FAILMALLOC=$n \
	    bpreport "$@" >oom.out 2>oom.err || st=$?
	IFS= read -r -d '' err <oom.err || true
	if [ "$st" -eq 2 ] && [ ! -s oom.out ] && [[ ${err%$'\n'} =~ $re ]]; then
		return 2
	fi
	if [ "$st" -eq "$WANTST" ] && [ -z "$err" ] && cmp -s oom.out want.out
	then
		return 0
	fi
	echo "$n allocations: exit $st, $(wc -c <oom.out) bytes: $err"
	return 1
}

# oomall ARG...: oomrun with 0, 1, 2... allocations, up to a whole run
# (in a bash of its own: bats' DEBUG trap makes loops slow).
oomall() {
	[ -z "${BP_SANITIZE:-}${BP_MEMCHECK:-}" ] ||
	    skip "the malloc shim needs the plain build"
	[ -f "$TOP/tests/fault/failmalloc.so" ] ||
	    skip "make check builds the malloc shim"
	WANTST=0
	bpreport "$@" >want.out || WANTST=$?
	export TOP WANTST
	export -f oomrun
	run bash -c '
	    n=0
	    while [ "$n" -le 1000 ]; do
		r=0
		oomrun "$n" "$@" || r=$?
		[ "$r" -ne 1 ] || exit 1
		[ "$r" -ne 0 ] || exit 0
		n=$((n + 1))
	    done
	    echo "no whole run with 1000 allocations"
	    exit 1' oomall "$@"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "bpreport: out of memory while counting records: the whole report, or exit 2 saying so" {
	# values outside the known ones, and a work list
	spread 1 40 | sed '2,$s/\tnone\tnone\t/\temergency\tfever\t/' >in.tsv
	oomall -f tsv in.tsv
}

@test "bpreport: out of memory while adding up summaries: the whole report, or exit 2 saying so" {
	spread 1 40 >a.tsv
	spread 31 45 >b.tsv
	bpreport -f tsv a.tsv >sa.tsv
	bpreport -f tsv b.tsv >sb.tsv
	oomall --merge -f tsv sa.tsv sb.tsv
}
