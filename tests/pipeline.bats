#!/usr/bin/env bats
# The whole pipeline of SPEC §1 over the sample batch: the golden files in
# tests/data (sample.pipeline.tsv, sample.report.txt, sample.summary.tsv),
# the order of bpclassify and bpflags, splitting into shards, and records in
# = records out at every stage (§7).

bats_require_minimum_version 1.5.0

load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	cp "$DATA/sample.tsv" intake.tsv
}


# stages FILE: run the three filters over FILE into out.tsv, the stderr of
# each into classify.err, flags.err and routine.err, and their exit
# statuses, one a line, into status.
stages() {
	local st
	{
		bpclassify "$1" 2>classify.err | bpflags 2>flags.err |
		    bproutine 2>routine.err >out.tsv
		st=("${PIPESTATUS[@]}")
	} || true
	printf '%s\n' "${st[@]}" >status
}


# byname ORDER FILE: FILE's columns put in the order of ORDER's header,
# found by name.
byname() {
	awk -F'\t' -v OFS='\t' '
	    NR == FNR { if (FNR == 1) for (i = 1; i <= NF; i++) want[i] = $i
		n = NF; next }
	    FNR == 1 { for (i = 1; i <= NF; i++) at[$i] = i }
	    { s = $(at[want[1]])
	      for (i = 2; i <= n; i++) s = s OFS $(at[want[i]])
	      print s }' "$1" "$2"
}

@test "pipeline: bpclassify | bpflags | bproutine over the sample equals the golden TSV" {
	stages intake.tsv
	same "$DATA/sample.pipeline.tsv" out.tsv
	# each stage warned about some value, wrote every record: exit 1
	printf '%s\n' 1 1 1 >want
	same want status
}

@test "pipeline: every stage warns about the sample's bad values it reads" {
	stages intake.tsv
	cut -d: -f1-5 classify.err >got
	cat >want <<'EOF'
bpclassify: intake.tsv:22: id P021: duration
bpclassify: intake.tsv:22: id P021: mechanical
bpclassify: intake.tsv:22: id P021: sb9
bpclassify: intake.tsv:22: id P021: odi4
bpclassify: intake.tsv:43: id P042: severity
EOF
	same want got
	cut -d: -f1-5 flags.err >got
	printf '%s\n' 'bpflags: -:15: id P014: age' \
	    'bpflags: -:22: id P021: duration' >want
	same want got
	cut -d: -f1-5 routine.err >got
	printf '%s\n' 'bproutine: -:15: id P014: age' >want
	same want got
}

@test "pipeline: the full pipeline's text report equals the golden report" {
	run -1 --separate-stderr bash -c \
	    'bpclassify -q intake.tsv | bpflags -q | bproutine -q | bpreport'
	[ -z "$stderr" ]
	printf '%s\n' "$output" >got
	same "$DATA/sample.report.txt" got
}

@test "pipeline: the full pipeline's -f tsv summary equals the golden summary" {
	run -1 --separate-stderr bash -c \
	    'bpclassify -q intake.tsv | bpflags -q | bproutine -q | bpreport -f tsv'
	[ -z "$stderr" ]
	printf '%s\n' "$output" >got
	same "$DATA/sample.summary.tsv" got
}

@test "pipeline: a demo run exits 0 or 1 and prints the work list" {
	run --separate-stderr bash -c \
	    'bpclassify intake.tsv | bpflags | bproutine | bpreport'
	[ "$status" -eq 0 ] || [ "$status" -eq 1 ] ||
	    { echo "exit status $status: $stderr"; return 1; }
	printf '%s\n' "$output" | sed -n '/^Work list: people to call today$/,$p' >got
	sed -n '/^Work list: people to call today$/,$p' "$DATA/sample.report.txt" >want
	[ -s want ]
	same want got
	# the warnings of the filters went to standard error, not the report
	[ -n "$stderr" ]
	case $output in
	*intake.tsv:*) echo "a diagnostic in the report"; return 1 ;;
	esac
}

@test "pipeline: bpflags alone and after bpclassify raise the same flags" {
	local c
	bpflags -q intake.tsv >alone.tsv || [ $? -eq 1 ]
	bpclassify -q intake.tsv | bpflags -q >after.tsv || true
	for c in id flags flag_level unscreened; do
		col "$c" <alone.tsv >a
		col "$c" <after.tsv >b
		same a b
	done
	[ "$(records alone.tsv)" -eq 62 ]
	# and both agree with the golden pipeline
	col flags <alone.tsv >a
	col flags <"$DATA/sample.pipeline.tsv" >b
	same b a
}

@test "pipeline: bpflags before bpclassify gives the same final records" {
	bpflags -q intake.tsv | bpclassify -q | bproutine -q >swapped.tsv || true
	# the same columns, in another order
	head -n 1 swapped.tsv | tr '\t' '\n' | sort >a
	head -n 1 "$DATA/sample.pipeline.tsv" | tr '\t' '\n' | sort >b
	same b a
	byname "$DATA/sample.pipeline.tsv" swapped.tsv >got
	same "$DATA/sample.pipeline.tsv" got
	# and the same report
	run -1 --separate-stderr bpreport swapped.tsv
	printf '%s\n' "$output" >got
	same "$DATA/sample.report.txt" got
}

@test "pipeline: each column moved last, after columns no tool reads, gives the same records" {
	# a tool that stopped cutting lines before a column it reads
	# would read that column as empty
	local c
	for c in $(head -n 1 intake.tsv); do
		awk -F'\t' -v OFS='\t' -v c="$c" '
		    NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
		    { s = ""
		      for (i = 1; i <= NF; i++) if (i != k) s = s $i OFS
		      for (i = 1; i <= 10; i++) s = s (NR == 1 ? "pad" i : "") OFS
		      print s $k }' intake.tsv >moved.tsv
		stages moved.tsv
		printf '%s\n' 1 1 1 >want
		same want status
		byname "$DATA/sample.pipeline.tsv" out.tsv >got
		same "$DATA/sample.pipeline.tsv" got || { echo "moved: $c"; return 1; }
	done
}

@test "pipeline: shards run through the three filters and joined equal one run" {
	local i
	# 4 shards of 7, 1, 0 and 44 records, each with the header
	{ head -n 1 intake.tsv; sed -n 2,8p intake.tsv; } >part1.tsv
	{ head -n 1 intake.tsv; sed -n 9p intake.tsv; } >part2.tsv
	head -n 1 intake.tsv >part3.tsv
	{ head -n 1 intake.tsv; sed -n '10,$p' intake.tsv; } >part4.tsv
	for i in 1 2 3 4; do
		bpclassify -q part$i.tsv | bpflags -q | bproutine -q >out$i.tsv ||
		    [ $? -eq 1 ]
	done
	{ cat out1.tsv; for i in 2 3 4; do sed 1d out$i.tsv; done; } >joined.tsv
	same "$DATA/sample.pipeline.tsv" joined.tsv
	# the filters also read the shards as several operands, one header out
	bpclassify -q part1.tsv part2.tsv part3.tsv part4.tsv | bpflags -q |
	    bproutine -q >multi.tsv || true
	same "$DATA/sample.pipeline.tsv" multi.tsv
}

@test "pipeline: every stage writes as many records as it reads" {
	bpclassify -q intake.tsv >1.tsv || [ $? -eq 1 ]
	bpflags -q 1.tsv >2.tsv || [ $? -eq 1 ]
	bproutine -q 2.tsv >3.tsv || [ $? -eq 1 ]
	printf '%s\n' 62 62 62 62 >want
	for f in intake.tsv 1.tsv 2.tsv 3.tsv; do records "$f"; done >got
	same want got
	col id <intake.tsv >want
	for f in 1.tsv 2.tsv 3.tsv; do
		col id <"$f" >got
		same want got
	done
	run -1 --separate-stderr bpreport 3.tsv
	[ "${lines[0]}" = "Batch summary: 62 records, 1 with problems" ]
}

@test "pipeline: records in = records out + records rejected, at every stage" {
	# line 5 loses a field, line 9 gains one
	awk -F'\t' -v OFS='\t' 'NR == 5 { NF-- } NR == 9 { $0 = $0 "\tx" } 1' \
	    intake.tsv >bad.tsv
	run -1 --separate-stderr bpclassify -q -r rej1.tsv bad.tsv
	printf '%s\n' "$output" >1.tsv
	[ "$(records 1.tsv)" -eq 60 ]
	[ "$(wc -l <rej1.tsv)" -eq 2 ]
	sed -n '5p;9p' bad.tsv >want
	same want rej1.tsv
	run -1 --separate-stderr bpflags -q -r rej2.tsv bad.tsv
	printf '%s\n' "$output" >2.tsv
	[ "$(records 2.tsv)" -eq 60 ]
	same want rej2.tsv
	run -1 --separate-stderr bash -c \
	    'bpclassify -q -r rej1.tsv bad.tsv | bpflags -q | bproutine -q'
	printf '%s\n' "$output" >3.tsv
	[ "$(records 3.tsv)" -eq 60 ]
	grep -v -e '^P004	' -e '^P008	' "$DATA/sample.pipeline.tsv" >want
	same want 3.tsv
}
