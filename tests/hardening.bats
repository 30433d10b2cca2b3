#!/usr/bin/env bats
# What an adversarial probe once broke (../shared/repro/hardening.sh, D2 to
# D14), each shown gone with the batch of its reproducer in the columns of
# SPEC version 2.  D1, D4, D7, D8, D11 to D14 have their tests with the
# part they belong to (rejects, records, catalog, sandbox).

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

COLS='id flag_level flags unscreened worst_level phase pattern startback disposition'
ROW_DEFAULTS='id=P1 flag_level=none flags=none unscreened=none worst_level=none
    phase=acute pattern=mechanical startback=low disposition=self_care'

# routed: the reproducers' batch, an emergency and a record with no id.
routed() {
	header
	row flag_level=emergency flags=cauda_equina worst_level=emergency \
	    disposition=emergency
	row id=
}

@test "hardening: D2, a failed read in a batch with a problem record is exit 2, never 1 with the work list cut" {
	needstrace
	# more than one read of 128 KiB
	{ routed; row id=Q | awk '{ for (i = 1; i <= 40000; i++) {
	    sub(/^Q[0-9]*/, "Q" i); print } }'; } >wl.tsv
	# bpreport reads its input once: the second read of it fails
	n=$(strace -f -qq -e trace=openat,read -o trace.txt bpreport -q wl.tsv \
	    >/dev/null 2>&1; awk '/"wl.tsv"/ { split($0, a, "= "); fd = a[2] + 0 }
	    fd && $0 ~ "read\\(" fd "," { if (++k == 2) { print NR; exit } }' trace.txt)
	[ -n "$n" ]
	k=$(awk -v n="$n" 'NR <= n && /read\(/' trace.txt | wc -l)
	run -2 --separate-stderr strace -f -qq -o /dev/null -e trace=read \
	    -e inject=read:error=EIO:when="$k" bpreport -q wl.tsv
	[ "$stderr" = "bpreport: wl.tsv: Input/output error" ]
	[[ $output != *Emergency* ]]
}

@test "hardening: D3, standard input is read from where it stands, not rewound" {
	{ echo '# exported'; routed; } >pre.tsv
	run -1 --separate-stderr bash -c '{ IFS= read -r x; bpreport -q; } <pre.tsv'
	printf '%s\n' "$output" | grep -A1 '^Emergency' | grep -q '^  P1  '
	[[ $output == "Batch summary: 2 records, 1 with problems"* ]]
	run -1 --separate-stderr bash -c '{ IFS= read -r x; bpreport -q -f tsv; } <pre.tsv'
	printf '%s\n' "$output" | grep -qx "$(tsv emergency P1 cauda_equina)"
}

@test "hardening: D5, control bytes of ids show as ? in text, and pass byte for byte in TSV" {
	{ header
	  row id=$'\033[8mP1' flag_level=emergency flags=fever \
	      worst_level=emergency disposition=emergency
	  row id=P2 flag_level=emergency flags=fever worst_level=emergency \
	      disposition=emergency
	} >esc.tsv
	run -0 --separate-stderr bpreport -q esc.tsv
	[[ $output != *$'\033'* ]]
	printf '%s\n' "$output" | grep -qxF '  ?[8mP1  fever (infection)'
	printf '%s\n' "$output" | grep -qx '  P2  fever (infection)'
	run -0 --separate-stderr bpreport -q -f tsv esc.tsv
	printf '%s\n' "$output" | grep -qxF "$(tsv emergency $'\033[8mP1' fever)"
	COLS="$COLS routine exercises sessions advice"
	{ header; row id=$'P\0071' flag_level=emergency flags=fever \
	    worst_level=emergency disposition=emergency routine=none \
	    exercises=none sessions=none advice=none; } >plan.tsv
	run -0 --separate-stderr bpreport -q --plans plan.tsv
	[[ $output != *$'\007'* ]]
	[[ $output == *'Plan for P?1'* ]]
}

@test "hardening: D9, a work-list value ending in CR comes back from --merge byte for byte" {
	{ header; row flag_level=urgent flags=$'fever\r' worst_level=urgent \
	    disposition=urgent; } >cr.tsv
	bpreport -f tsv cr.tsv >a.tsv
	bpreport --merge -f tsv a.tsv >b.tsv
	cmp a.tsv b.tsv
	grep -qx "$(tsv urgent P1 fever)" a.tsv
}

@test "hardening: D10, --dump-catalog to a closed pipe with SIGPIPE ignored ends quietly, exit 0" {
	run --separate-stderr bash -c '(trap "" PIPE; sleep 0.2; bproutine --dump-catalog) | :
	    exit ${PIPESTATUS[0]}'
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}
