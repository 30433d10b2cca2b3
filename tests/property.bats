#!/usr/bin/env bats
# Properties that hold for any input, checked over randomly damaged
# copies of the sample batch (SPEC.md §1, §2, §7): inserted and deleted
# tabs, stray bytes, invalid UTF-8, a CR in the middle or at the end of a
# line, CR-only lines, NUL bytes, lines cut short, junk in a field, and a
# last line without LF.  For every copy and every filter, run with -r:
#   - no crash: exit 0 or 1 (the header is never damaged, so never 2);
#   - records in = records out + records rejected (§7), where the records
#     in are the data lines that are not empty (an empty line, or one of
#     CRs only, is skipped);
#   - every record comes out (or is rejected) exactly as when it is alone
#     in its input (§1: each record depends only on itself), and the
#     exit status is the worst of the records' alone.
# The same holds through the whole pipeline.  The copies are made with a
# fixed seed each, so every run checks the same inputs.

bats_require_minimum_version 1.5.0
load test_helper

# Fewer under valgrind (make memcheck), which is slow.
NVARIANTS=30
[ -z "${BP_MEMCHECK:-}" ] || NVARIANTS=4

# setup_file: in $BATS_FILE_TMPDIR, intake.N.tsv (N = 1 to NVARIANTS),
# damaged copies of the sample intake, and staged.N.tsv, damaged copies
# of its bpclassify | bpflags output (for bproutine); beside each,
# a .changed file listing the numbers of the damaged lines.  ref.TOOL/
# holds every line of the undamaged input run alone (see alone).
setup_file() {
	local s
	cd "$BATS_FILE_TMPDIR" || return
	cat >damage.awk <<-'EOF'
	# Damage some data lines of a TSV file, with srand(seed); the
	# numbers of the lines changed go into the file named by changed.
	# A NUL is written as \001 (tr makes it NUL: awk strings are C's).
	BEGIN { srand(seed) }
	NR == 1 { print; next }
	{
		line = $0
		for (c = 0; c < 2 && rand() < 0.3; c++)
			line = damage(line)
		if (line != $0)
			print NR >changed
		print line
	}
	function damage(s,   k, pos, n, i, t, b) {
		k = int(rand() * 10)
		pos = int(rand() * (length(s) + 1))
		if (k == 0)		# an inserted tab
			return substr(s, 1, pos) "\t" substr(s, pos + 1)
		if (k == 1) {		# a deleted tab
			n = 0
			for (i = 1; i <= length(s); i++)
				if (substr(s, i, 1) == "\t")
					t[++n] = i
			if (n == 0)
				return s
			i = t[1 + int(rand() * n)]
			return substr(s, 1, i - 1) substr(s, i + 1)
		}
		if (k == 2) {		# a stray byte: any but LF and \001
			b = 2 + int(rand() * 254)
			if (b == 10)
				b = 11
			return substr(s, 1, pos) sprintf("%c", b) substr(s, pos + 1)
		}
		if (k == 3)		# invalid UTF-8
			return substr(s, 1, pos) sprintf("%c%c%c", 195, 40, 255) \
			    substr(s, pos + 1)
		if (k == 4)		# a CR in the middle
			return substr(s, 1, pos) "\r" substr(s, pos + 1)
		if (k == 5)		# a NUL byte
			return substr(s, 1, pos) "\001" substr(s, pos + 1)
		if (k == 6)		# cut short
			return substr(s, 1, pos)
		if (k == 7)		# a CR-only line
			return "\r"
		if (k == 8)		# a CR before the LF
			return s "\r"
		return substr(s, 1, pos) "zz" substr(s, pos + 3)	# junk
	}
	EOF
	# in a bash of its own: bats' DEBUG trap makes loops slow
	bash -c '
	    for s in $(seq "$NVARIANTS"); do
		variant "$DATA/sample.tsv" "$s" intake.$s
		variant "$DATA/sample.pipeline.tsv" $((s + 1000)) staged.$s
	    done
	    alone bpclassify "$DATA/sample.tsv" ref.bpclassify
	    alone bpflags "$DATA/sample.tsv" ref.bpflags
	    alone bproutine "$DATA/sample.pipeline.tsv" ref.bproutine
	    alone pipeline "$DATA/sample.tsv" ref.pipeline'
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return
	F=$BATS_FILE_TMPDIR
	export F
}

# variant SOURCE SEED NAME: NAME.tsv, SOURCE damaged with SEED, and
# NAME.changed, the numbers of its damaged lines; every fourth copy
# loses the LF of its last line.
variant() {
	: >"$3.changed"
	awk -v seed="$2" -v changed="$3.changed" -f damage.awk "$1" |
	    tr '\001' '\000' >"$3.tsv"
	if [ $(($2 % 4)) -eq 0 ]; then
		truncate -s -1 "$3.tsv"
	fi
}

# pipeline REJ FILE: bpclassify FILE | bpflags | bproutine, each with -q
# and its own rejects file, REJ.1 to REJ.3, of which only the first may
# hold anything.  Exits with the worst status.
pipeline() {
	local st s
	bpclassify -q -r "$1.1" "$2" 2>/dev/null | bpflags -q -r "$1.2" 2>/dev/null |
	    bproutine -q -r "$1.3" 2>/dev/null
	st=("${PIPESTATUS[@]}")
	if [ -s "$1.2" ] || [ -s "$1.3" ]; then
		echo "bpflags or bproutine rejected a line of bpclassify's output" >&2
		return 3
	fi
	for s in "${st[@]}"; do
		[ "$s" -le 1 ] || return "$s"
	done
	if [ "${st[0]}" -eq 1 ] || [ "${st[1]}" -eq 1 ] || [ "${st[2]}" -eq 1 ]; then
		return 1
	fi
	return 0
}

# split1 FILE DIR: DIR/000, DIR/001, ...: the header of FILE and one of
# its data lines (in order; each ends with LF).
split1() {
	mkdir -p "$2"
	awk 'NR == 1 { h = $0; next } { print h; print }' "$1" |
	    split -l 2 -a 3 -d - "$2/"
}

# alone TOOL FILE DIR: run TOOL (with -q and -r) on each data line of FILE
# alone (see split1): DIR/NNN.out, DIR/NNN.rej (its rejects) and
# DIR/NNN.st (its exit status).  TOOL pipeline is the three filters.
alone() {
	local p
	split1 "$2" "$3"
	for p in "$3"/[0-9][0-9][0-9]; do
		one "$1" "$p"
	done
}

# one TOOL PART: run TOOL alone on PART, as alone does.
one() {
	local st=0
	if [ "$1" = pipeline ]; then
		pipeline "$2.rej" "$2" >"$2.out" || st=$?
		mv "$2.rej.1" "$2.rej"
	else
		"$1" -q -r "$2.rej" "$2" >"$2.out" 2>/dev/null || st=$?
	fi
	echo "$st" >"$2.st"
}


# check TOOL NAME REF: run TOOL (a filter, or pipeline) with -r on
# $F/NAME.tsv and check the properties above against REF (the alone
# runs of the undamaged lines); say what failed and return 1 if any.
check() {
	local tool=$1 v=$F/$2.tsv ref=$F/$3 st=0 in out rej p i want=0 s
	local outs=() rejs=() changed
	changed=" $(tr '\n' ' ' <"$F/$2.changed")"
	if [ "$tool" = pipeline ]; then
		pipeline rej "$v" >out.tsv || st=$?
		mv rej.1 rej.tsv
	else
		"$tool" -q -r rej.tsv "$v" >out.tsv 2>err.txt || st=$?
	fi
	if [ "$st" -gt 1 ]; then
		echo "$2: $tool exits $st"
		return 1
	fi
	in=$(records "$v")
	out=$(($(wc -l <out.tsv) - 1))
	rej=$(wc -l <rej.tsv)
	if [ "$in" -ne $((out + rej)) ]; then
		echo "$2: $tool: records in $in != out $out + rejected $rej"
		return 1
	fi
	rm -rf parts
	split1 "$v" parts
	for p in parts/[0-9][0-9][0-9]; do
		i=${p#parts/}
		if [[ $changed == *" $((10#$i + 2)) "* ]]; then
			one "$tool" "$p"
			outs+=("$p.out") rejs+=("$p.rej")
			read -r s <"$p.st"
		else
			outs+=("$ref/$i.out") rejs+=("$ref/$i.rej")
			read -r s <"$ref/$i.st"
		fi
		if [ "$s" -gt 1 ]; then
			echo "$2: $tool exits $s on line $((10#$i + 2)) alone"
			return 1
		fi
		[ "$s" -le "$want" ] || want=$s
	done
	if ! tail -q -n +2 "${outs[@]}" | cmp -s - <(tail -n +2 out.tsv); then
		echo "$2: $tool: the records out are not those of each line alone:"
		diff <(tail -q -n +2 "${outs[@]}") <(tail -n +2 out.tsv) | head -c 1000
		return 1
	fi
	if ! cat "${rejs[@]}" | cmp -s - rej.tsv; then
		echo "$2: $tool: the lines rejected are not those rejected alone"
		return 1
	fi
	if [ "$st" -ne "$want" ]; then
		echo "$2: $tool exits $st, the lines alone $want"
		return 1
	fi
}

export NVARIANTS DATA
export -f variant pipeline split1 alone one records check

@test "property: the damaged copies hold every kind of damage" {
	[ "$NVARIANTS" -ge 30 ] || skip "only $NVARIANTS copies"
	local f=("$F"/intake.*.tsv "$F"/staged.*.tsv)
	# NUL bytes, stray control bytes, invalid UTF-8 (a lone \xff)
	LC_ALL=C grep -a -l -P '\x00' "${f[@]}" >/dev/null
	LC_ALL=C grep -a -l -P '\xff' "${f[@]}" >/dev/null
	# a CR in the middle of a line, at its end, and alone
	LC_ALL=C grep -a -l -P '\r[^\n]' "${f[@]}" >/dev/null
	LC_ALL=C grep -a -l -P '[^\n]\r$' "${f[@]}" >/dev/null
	LC_ALL=C grep -a -l -x $'\r' "${f[@]}" >/dev/null
	# too few and too many fields
	awk -F '\t' 'NR == 1 { n = NF } NR > 1 && NF > 1 && NF < n { f = 1 } END { exit !f }' "$F/intake.1.tsv"
	awk -F '\t' 'NR == 1 { n = NF } NR > 1 && NF > n { f = 1 } END { exit !f }' "$F/intake.1.tsv"
	# a last line without LF
	[ -n "$(tail -c 1 "$F/intake.4.tsv")" ]
	# and a good share of the lines damaged
	[ "$(cat "$F"/intake.*.changed | wc -l)" -gt $((NVARIANTS * 52 / 4)) ]
}

# each TOOL PREFIX REF: check TOOL on every copy PREFIX.N (see check),
# in a bash of its own (bats' DEBUG trap makes loops slow); the test
# fails on any failed check, showing what failed.
each() {
	run bash -c '
	    bad=0
	    for s in $(seq "$NVARIANTS"); do
		check "$1" "$2.$s" "$3" || bad=1
	    done
	    exit "$bad"' _ "$@"
	[ -z "$output" ] || echo "$output"
	[ "$status" -eq 0 ]
}

@test "property: bpclassify on damaged input: no crash, records in = out + rejected, each record as when alone" {
	each bpclassify intake ref.bpclassify
}

@test "property: bpflags on damaged input: no crash, records in = out + rejected, each record as when alone" {
	each bpflags intake ref.bpflags
}

@test "property: bproutine on damaged input: no crash, records in = out + rejected, each record as when alone" {
	each bproutine staged ref.bproutine
}

@test "property: the pipeline on damaged input: no crash, records in = out + rejected, each record as when alone" {
	each pipeline intake ref.pipeline
}

@test "property: bpreport on the pipeline's output of damaged input: no crash, every record counted" {
	local s st bad=0 n total
	for s in $(seq "$NVARIANTS"); do
		pipeline rej "$F/intake.$s.tsv" >out.tsv || true
		n=$(($(wc -l <out.tsv) - 1))
		st=0
		bpreport -q -f tsv -r rej.tsv out.tsv >sum.tsv || st=$?
		total=$(awk -F '\t' '$1 == "records" && $2 == "total" { print $3 }' sum.tsv)
		if [ "$st" -gt 1 ] || [ -s rej.tsv ] || [ "$total" != "$n" ]; then
			echo "intake.$s: bpreport exits $st, $(wc -l <rej.tsv) rejected, counts ${total:-no} records of $n"
			bad=1
		fi
		st=0
		bpreport -q --plans out.tsv >plans.txt || st=$?
		if [ "$st" -gt 1 ] || [ "$(grep -a -c '^.\{0,1\}Plan for ' plans.txt)" -ne "$n" ]; then
			echo "intake.$s: bpreport --plans exits $st, $(grep -a -c '^.\{0,1\}Plan for ' plans.txt) plans for $n records"
			bad=1
		fi
	done
	[ "$bad" -eq 0 ]
}

# ---- SPEC version 2 against version 1 -----------------------------------

# tests/data/v1.batch.tsv is a batch the benchmark's generator made
# (gen -s 13 1500); tests/data/v1.dispositions.tsv holds, for each of its
# records by line, the disposition the tools of SPEC version 1 gave it.
@test "property: no record goes from a clinician under version 1 to self_care under version 2" {
	local moves
	{ bpclassify -q "$DATA/v1.batch.tsv" | bpflags -q | bproutine -q ||
	    true; } | col disposition >v2
	tail -n +2 "$DATA/v1.dispositions.tsv" | cut -f 3 >v1
	[ "$(wc -l <v1)" -eq 1500 ] && [ "$(wc -l <v2)" -eq 1500 ]
	moves=$(paste v1 v2 | sort | uniq -c |
	    awk '{ printf "%6d  %-10s -> %s\n", $1, $2, $3 }')
	# the table of moves, shown with the test's output
	printf '# version 1 -> version 2, records:\n%s\n' "$moves" >&3
	paste v1 v2 | awk '
	    $1 ~ /^(emergency|urgent|review|physio)$/ && $2 == "self_care" {
		print "line " NR + 1 ": " $1 " -> self_care"; bad = 1 }
	    $1 == "assess" && $2 == "self_care" {
		print "line " NR + 1 ": assess -> self_care"; bad = 1 }
	    END { exit bad }'
	# and the rules did change: the comparison means something
	[ "$(paste v1 v2 | awk '$1 != $2' | wc -l)" -gt 100 ]
}

@test "property: the ask-today list holds exactly the records an open question could make an emergency" {
	{ bpclassify -q "$DATA/v1.batch.tsv" | bpflags -q | bproutine -q ||
	    true; } >routed.tsv
	bpreport -q -f tsv routed.tsv >sum.tsv || true
	awk -F'\t' '$1 == "unscreened" { print $2 }' sum.tsv >listed
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["worst_level"] == "emergency" && $c["flag_level"] != "emergency" {
		print $c["id"] }' routed.tsv >want
	same want listed
	# every record with a cauda equina question open and no emergency
	# flag is among them
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["unscreened"] ~ /(saddle_numbness|bladder_bowel)/ &&
	    $c["flag_level"] != "emergency" { print $c["id"] }' routed.tsv >ces
	[ -s ces ]
	[ -z "$(comm -23 <(sort ces) <(sort listed))" ]
}
