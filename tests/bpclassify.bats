#!/usr/bin/env bats
# bpclassify: the rules of SPEC §4 (phase, pattern, startback, odi,
# disability) and their boundaries, plus value problems (§3, §7).

bats_require_minimum_version 1.5.0

load test_helper

PROG=bpclassify

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
}

# bpc STATUS [OPTION...] [-- NAME=VALUE...]: write in.tsv holding a header
# (id, then each NAME) and one record (r1, then each VALUE), run bpclassify
# with the OPTIONs on it and expect exit status STATUS.
bpc() {
	local n=$1 h=id v=r1 a
	local -a opts=()

	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	for a; do
		h+=$'\t'"${a%%=*}"
		v+=$'\t'"${a#*=}"
	done
	printf '%s\n%s\n' "$h" "$v" >in.tsv
	run -"$n" --separate-stderr bpclassify "${opts[@]}" in.tsv
}




# usage_error: exit 2 (checked by run), no output, a usage line on stderr.
usage_error() {
	[ -z "$output" ] || { echo "unexpected stdout: $output"; return 1; }
	[[ $stderr == bpclassify:* ]] || { echo "stderr: $stderr"; return 1; }
	[[ $stderr == *usage:* ]] || { echo "no usage line: $stderr"; return 1; }
}

# sb V1..V9: set ARGS to sb1=V1 ... sb9=V9.
sb() {
	local i=1 v

	ARGS=()
	for v; do
		ARGS+=("sb$i=$v")
		i=$((i + 1))
	done
}

# odi V1..V10: set ARGS to odi1=V1 ... odi10=V10 ('' = not answered).
odi() {
	local i=1 v

	ARGS=()
	for v; do
		ARGS+=("odi$i=$v")
		i=$((i + 1))
	done
}

# ---------------------------------------------------------------- output

@test "bpclassify: output columns are appended as phase pattern startback odi disability" {
	sb no no no no no no no no not_at_all
	bpc 0 -- age=40 duration=10 site=low_back radiation=none \
	    mechanical=yes "${ARGS[@]}"
	[ "${lines[0]}" = "$(tsv id age duration site radiation mechanical \
	    sb1 sb2 sb3 sb4 sb5 sb6 sb7 sb8 sb9 \
	    phase pattern startback odi disability)" ]
	[ "${lines[1]}" = "$(tsv r1 40 10 low_back none yes \
	    no no no no no no no no not_at_all \
	    acute mechanical low unknown unknown)" ]
	[ "${#lines[@]}" -eq 2 ]
	clean
}

@test "bpclassify: columns absent entirely give unknown everywhere, with a warning" {
	bpc 1
	[ "$output" = "$(tsv id phase pattern startback odi disability)
$(tsv r1 unknown unknown unknown unknown unknown)" ]
	[ "$stderr" = "bpclassify: in.tsv:1: no intake columns found" ]
}

@test "bpclassify: columns present but empty give unknown everywhere" {
	sb '' '' '' '' '' '' '' '' ''
	local s=("${ARGS[@]}")
	odi '' '' '' '' '' '' '' '' '' ''
	bpc 0 -- duration= onset= seen= site= radiation= numbness= \
	    mechanical= "${s[@]}" "${ARGS[@]}"
	is phase unknown pattern unknown startback unknown odi unknown \
	    disability unknown
	clean
}

@test "bpclassify: unknown columns pass through in place" {
	bpc 0 -- note=a duration=50 other=b
	[ "$output" = "$(tsv id note duration other phase pattern startback odi disability)
$(tsv r1 a 50 b subacute unknown unknown unknown unknown)" ]
	clean
}

# ------------------------------------------------------ phase from duration

@test "bpclassify: duration 0 is acute" {
	bpc 0 -- duration=0
	is phase acute
	clean
}

@test "bpclassify: duration 41 is acute" {
	bpc 0 -- duration=41
	is phase acute
	clean
}

@test "bpclassify: duration 41d is acute" {
	bpc 0 -- duration=41d
	is phase acute
	clean
}

@test "bpclassify: duration 42 is subacute" {
	bpc 0 -- duration=42
	is phase subacute
	clean
}

@test "bpclassify: duration 42d is subacute" {
	bpc 0 -- duration=42d
	is phase subacute
	clean
}

@test "bpclassify: duration 84 is subacute" {
	bpc 0 -- duration=84
	is phase subacute
	clean
}

@test "bpclassify: duration 84d is subacute" {
	bpc 0 -- duration=84d
	is phase subacute
	clean
}

@test "bpclassify: duration 85 is chronic" {
	bpc 0 -- duration=85
	is phase chronic
	clean
}

@test "bpclassify: duration 85d is chronic" {
	bpc 0 -- duration=85d
	is phase chronic
	clean
}

@test "bpclassify: duration 5w (35 days) is acute" {
	bpc 0 -- duration=5w
	is phase acute
	clean
}

@test "bpclassify: duration 6w (42 days) is subacute" {
	bpc 0 -- duration=6w
	is phase subacute
	clean
}

@test "bpclassify: duration 12w (84 days) is subacute" {
	bpc 0 -- duration=12w
	is phase subacute
	clean
}

@test "bpclassify: duration 13w (91 days) is chronic" {
	bpc 0 -- duration=13w
	is phase chronic
	clean
}

@test "bpclassify: duration 1m (30 days) is acute" {
	bpc 0 -- duration=1m
	is phase acute
	clean
}

@test "bpclassify: duration 2m (60 days) is subacute" {
	bpc 0 -- duration=2m
	is phase subacute
	clean
}

@test "bpclassify: duration 3m (90 days) is chronic" {
	bpc 0 -- duration=3m
	is phase chronic
	clean
}

@test "bpclassify: duration 1y is chronic" {
	bpc 0 -- duration=1y
	is phase chronic
	clean
}

@test "bpclassify: duration with spaces around and an upper-case unit ( 3W ) is valid" {
	bpc 0 -- "duration= 3W "
	is phase acute
	clean
}

@test "bpclassify: duration units are matched in any case (6W 85D 3M 1Y)" {
	bpc 0 -- duration=6W
	is phase subacute
	bpc 0 -- duration=85D
	is phase chronic
	bpc 0 -- duration=3M
	is phase chronic
	bpc 0 -- duration=1Y
	is phase chronic
}

@test "bpclassify: duration with leading zeros (041) is valid" {
	bpc 0 -- duration=041
	is phase acute
	clean
}

@test "bpclassify: duration of 9 digits with leading zeros (000000085) is valid" {
	bpc 0 -- duration=000000085
	is phase chronic
	clean
}

@test "bpclassify: duration of 10 digits (0000000041) is invalid" {
	bpc 1 -- duration=0000000041
	is phase invalid
	warned duration 0000000041
}

@test "bpclassify: duration 36500 is valid (chronic)" {
	bpc 0 -- duration=36500
	is phase chronic
	clean
}

@test "bpclassify: duration 100y (36500 days) is valid" {
	bpc 0 -- duration=100y
	is phase chronic
	clean
}

@test "bpclassify: duration 36501 is invalid (over 100 years)" {
	bpc 1 -- duration=36501
	is phase invalid
	warned duration 36501
}

@test "bpclassify: duration 101y is invalid (over 36500 days)" {
	bpc 1 -- duration=101y
	is phase invalid
	warned duration 101y
}

@test "bpclassify: duration 5215w (36505 days) is invalid, 5214w valid" {
	bpc 1 -- duration=5215w
	is phase invalid
	warned duration 5215w
	bpc 0 -- duration=5214w
	is phase chronic
	clean
}

@test "bpclassify: duration 1217m (36510 days) is invalid, 1216m valid" {
	bpc 1 -- duration=1217m
	is phase invalid
	warned duration 1217m
	bpc 0 -- duration=1216m
	is phase chronic
	clean
}

@test "bpclassify: duration 1y2m is invalid" {
	bpc 1 -- duration=1y2m
	is phase invalid
	warned duration 1y2m
}

@test "bpclassify: duration '3 w' (space inside) is invalid" {
	bpc 1 -- "duration=3 w"
	is phase invalid
	warned duration "3 w"
}

@test "bpclassify: duration 2.5w is invalid" {
	bpc 1 -- duration=2.5w
	is phase invalid
	warned duration 2.5w
}

@test "bpclassify: duration -3 is invalid" {
	bpc 1 -- duration=-3
	is phase invalid
	warned duration -3
}

@test "bpclassify: duration +3 is invalid" {
	bpc 1 -- duration=+3
	is phase invalid
	warned duration +3
}

@test "bpclassify: duration w (unit without number) is invalid" {
	bpc 1 -- duration=w
	is phase invalid
	warned duration w
}

@test "bpclassify: duration 1234567890 (10 digits) is invalid" {
	bpc 1 -- duration=1234567890
	is phase invalid
	warned duration 1234567890
}

@test "bpclassify: duration with an unknown unit (3h) is invalid" {
	bpc 1 -- duration=3h
	is phase invalid
	warned duration 3h
}

@test "bpclassify: duration with two units (3wd) is invalid" {
	bpc 1 -- duration=3wd
	is phase invalid
	warned duration 3wd
}

# --------------------------------------------------------- phase from dates

@test "bpclassify: onset/seen 41 days apart is acute" {
	bpc 0 -- onset=2024-01-01 seen=2024-02-11
	is phase acute
	clean
}

@test "bpclassify: onset/seen 42 days apart is subacute" {
	bpc 0 -- onset=2024-01-01 seen=2024-02-12
	is phase subacute
	clean
}

@test "bpclassify: onset/seen 84 days apart (across 2024-02-29) is subacute" {
	bpc 0 -- onset=2024-01-01 seen=2024-03-25
	is phase subacute
	clean
}

@test "bpclassify: onset/seen 85 days apart (across 2024-02-29) is chronic" {
	bpc 0 -- onset=2024-01-01 seen=2024-03-26
	is phase chronic
	clean
}

@test "bpclassify: onset/seen 84 and 85 days across a year end and a leap day" {
	bpc 0 -- onset=2023-12-01 seen=2024-02-23
	is phase subacute
	clean
	bpc 0 -- onset=2023-12-01 seen=2024-02-24
	is phase chronic
	clean
}

@test "bpclassify: onset equal to seen is 0 days, acute" {
	bpc 0 -- onset=2024-05-05 seen=2024-05-05
	is phase acute
	clean
}

@test "bpclassify: 2024-02-28 to 2024-03-01 is valid (2 days, acute)" {
	bpc 0 -- onset=2024-02-28 seen=2024-03-01
	is phase acute
	clean
}

@test "bpclassify: 2023-02-28 to 2023-03-01 is valid (1 day, acute)" {
	bpc 0 -- onset=2023-02-28 seen=2023-03-01
	is phase acute
	clean
}

@test "bpclassify: 2023-01-19 to 2023-03-01 is 41 days (no leap day): acute" {
	bpc 0 -- onset=2023-01-19 seen=2023-03-01
	is phase acute
	clean
}

@test "bpclassify: 2024-01-19 to 2024-03-01 is 42 days (leap day counted): subacute" {
	bpc 0 -- onset=2024-01-19 seen=2024-03-01
	is phase subacute
	clean
}

@test "bpclassify: 1900 is no leap year: 1900-01-19 to 1900-03-01 is 41 days" {
	bpc 0 -- onset=1900-01-19 seen=1900-03-01
	is phase acute
	clean
}

@test "bpclassify: 2000 is a leap year: 2000-01-19 to 2000-03-01 is 42 days" {
	bpc 0 -- onset=2000-01-19 seen=2000-03-01
	is phase subacute
	clean
}

@test "bpclassify: onset 2024-02-29 is valid (42 days to 2024-04-11)" {
	bpc 0 -- onset=2024-02-29 seen=2024-04-11
	is phase subacute
	clean
}

@test "bpclassify: onset 2000-02-29 is valid" {
	bpc 0 -- onset=2000-02-29 seen=2000-03-01
	is phase acute
	clean
}

@test "bpclassify: onset 2023-02-29 is invalid" {
	bpc 1 -- onset=2023-02-29 seen=2023-03-01
	is phase invalid
	warned onset 2023-02-29
}

@test "bpclassify: onset 1900-02-29 is invalid" {
	bpc 1 -- onset=1900-02-29 seen=1900-03-01
	is phase invalid
	warned onset 1900-02-29
}

@test "bpclassify: seen 2024-02-30 is invalid" {
	bpc 1 -- onset=2024-02-01 seen=2024-02-30
	is phase invalid
	warned seen 2024-02-30
}

@test "bpclassify: dates out of range or badly formed are invalid" {
	local d

	for d in 2024-13-01 2024-00-10 2024-04-31 2024-04-00 2024-4-01 \
	    24-04-01 2024/04/01 20240401 2024-04-01x tomorrow; do
		bpc 1 -- onset=2024-01-01 "seen=$d"
		is phase invalid
		warned seen "$d"
	done
}

@test "bpclassify: dates with spaces around are valid" {
	bpc 0 -- "onset= 2024-01-01 " "seen= 2024-02-12 "
	is phase subacute
	clean
}

@test "bpclassify: seen before onset is invalid, warned on seen" {
	bpc 1 -- onset=2024-03-01 seen=2024-02-29
	is phase invalid
	warned seen 2024-02-29
}

@test "bpclassify: onset/seen 36500 days apart is valid (chronic)" {
	bpc 0 -- onset=1900-01-01 seen=1999-12-08
	is phase chronic
	clean
}

@test "bpclassify: onset/seen 36501 days apart is invalid" {
	bpc 1 -- onset=1900-01-01 seen=1999-12-09
	is phase invalid
	warned seen 1999-12-09
}

@test "bpclassify: onset without seen is unknown" {
	bpc 0 -- onset=2024-01-01 seen=
	is phase unknown
	clean
}

@test "bpclassify: seen without onset is unknown" {
	bpc 0 -- onset= seen=2024-01-01
	is phase unknown
	clean
}

@test "bpclassify: onset with the seen column absent is unknown" {
	bpc 0 -- onset=2024-01-01
	is phase unknown
	clean
}

@test "bpclassify: invalid onset with seen empty makes the phase invalid" {
	bpc 1 -- onset=2023-02-29 seen=
	is phase invalid
	warned onset 2023-02-29
}

@test "bpclassify: invalid seen with onset empty makes the phase invalid" {
	bpc 1 -- onset= seen=yesterday
	is phase invalid
	warned seen yesterday
}

@test "bpclassify: invalid onset with the seen column absent makes the phase invalid" {
	bpc 1 -- onset=2024-1-1
	is phase invalid
	warned onset 2024-1-1
}

@test "bpclassify: both dates invalid: phase invalid, both warned" {
	bpc 1 -- onset=x seen=y
	is phase invalid
	warned onset x seen y
}

@test "bpclassify: duration wins over dates" {
	bpc 0 -- duration=85 onset=2024-01-01 seen=2024-01-11
	is phase chronic
	clean
	bpc 0 -- duration=10 onset=2023-01-01 seen=2024-01-01
	is phase acute
	clean
}

@test "bpclassify: an invalid duration is invalid even with good dates" {
	bpc 1 -- duration=6x onset=2024-01-01 seen=2024-01-11
	is phase invalid
	warned duration 6x
}

@test "bpclassify: an invalid date is warned even when duration gives the phase" {
	bpc 1 -- duration=85 onset=2023-02-29 seen=2023-03-10
	is phase chronic
	warned onset 2023-02-29
}

# ------------------------------------------------------------- --acute-weeks

@test "bpclassify: --acute-weeks 4: 27 days acute" {
	bpc 0 --acute-weeks 4 -- duration=27
	is phase acute
	clean
}

@test "bpclassify: --acute-weeks 4: 28 days subacute" {
	bpc 0 --acute-weeks 4 -- duration=28
	is phase subacute
	clean
}

@test "bpclassify: --acute-weeks 4: 41 days is subacute, 84 subacute, 85 chronic" {
	bpc 0 --acute-weeks 4 -- duration=41
	is phase subacute
	bpc 0 --acute-weeks 4 -- duration=84
	is phase subacute
	bpc 0 --acute-weeks 4 -- duration=85
	is phase chronic
}

@test "bpclassify: --acute-weeks=4 form works (27 acute, 4w subacute)" {
	bpc 0 --acute-weeks=4 -- duration=27
	is phase acute
	bpc 0 --acute-weeks=4 -- duration=4w
	is phase subacute
}

@test "bpclassify: --acute-weeks 4 applies to onset/seen too" {
	bpc 0 --acute-weeks 4 -- onset=2024-02-01 seen=2024-02-28
	is phase acute
	bpc 0 --acute-weeks 4 -- onset=2024-02-01 seen=2024-02-29
	is phase subacute
}

@test "bpclassify: --acute-weeks 1: 6 days acute, 7 subacute" {
	bpc 0 --acute-weeks 1 -- duration=6
	is phase acute
	bpc 0 --acute-weeks 1 -- duration=7
	is phase subacute
}

@test "bpclassify: --acute-weeks 12: 83 acute, 84 subacute, 85 chronic" {
	bpc 0 --acute-weeks 12 -- duration=83
	is phase acute
	bpc 0 --acute-weeks 12 -- duration=84
	is phase subacute
	bpc 0 --acute-weeks 12 -- duration=85
	is phase chronic
}

@test "bpclassify: --acute-weeks after the operand works" {
	bpc 0 -- duration=27
	run -0 --separate-stderr bpclassify in.tsv --acute-weeks 4
	is phase acute
	clean
}

@test "bpclassify: --acute-weeks 0 is a usage error" {
	bpc 2 --acute-weeks 0 -- duration=10
	usage_error
}

@test "bpclassify: --acute-weeks 13 is a usage error" {
	bpc 2 --acute-weeks 13 -- duration=10
	usage_error
}

@test "bpclassify: --acute-weeks x is a usage error" {
	bpc 2 --acute-weeks x -- duration=10
	usage_error
}

@test "bpclassify: --acute-weeks -1, 4w, 2.5 and empty are usage errors" {
	local n

	for n in -1 4w 2.5 ''; do
		bpc 2 --acute-weeks "$n" -- duration=10
		usage_error
	done
}

@test "bpclassify: --acute-weeks without an argument is a usage error" {
	bpc 0 -- duration=10
	run -2 --separate-stderr bpclassify in.tsv --acute-weeks
	usage_error
}

# ----------------------------------------------------------------- pattern

@test "bpclassify: radiation below_knee is radicular" {
	bpc 0 -- site=low_back radiation=below_knee
	is pattern radicular
	clean
}

@test "bpclassify: radiation below_knee is radicular even with site empty" {
	bpc 0 -- site= radiation=below_knee
	is pattern radicular
	clean
}

@test "bpclassify: radiation below_knee is radicular with the site column absent" {
	bpc 0 -- radiation=below_knee
	is pattern radicular
	clean
}

@test "bpclassify: radicular comes before hip" {
	bpc 0 -- site=hip radiation=below_knee
	is pattern radicular
	clean
}

@test "bpclassify: radicular comes before mechanical" {
	bpc 0 -- site=low_back radiation=below_knee mechanical=yes
	is pattern radicular
	clean
}

@test "bpclassify: radiation thigh with numbness yes is radicular" {
	bpc 0 -- site=low_back radiation=thigh numbness=yes
	is pattern radicular
	clean
}

@test "bpclassify: radiation thigh with numbness yes is radicular even with site empty" {
	bpc 0 -- site= radiation=thigh numbness=yes
	is pattern radicular
	clean
}

@test "bpclassify: radiation thigh with numbness no is not radicular" {
	bpc 0 -- site=low_back radiation=thigh numbness=no
	is pattern nonspecific
	clean
}

@test "bpclassify: radiation thigh with numbness empty is not radicular" {
	bpc 0 -- site=low_back radiation=thigh numbness=
	is pattern nonspecific
	clean
}

@test "bpclassify: radiation thigh with numbness empty and site empty is unknown" {
	bpc 0 -- site= radiation=thigh numbness=
	is pattern unknown
	clean
}

@test "bpclassify: radiation buttock or none with numbness yes is not radicular" {
	bpc 0 -- site=low_back radiation=buttock numbness=yes
	is pattern nonspecific
	clean
	bpc 0 -- site=low_back radiation=none numbness=yes
	is pattern nonspecific
	clean
}

@test "bpclassify: site empty is unknown" {
	bpc 0 -- site= radiation=none mechanical=yes
	is pattern unknown
	clean
}

@test "bpclassify: radiation empty is unknown" {
	bpc 0 -- site=low_back radiation= mechanical=yes
	is pattern unknown
	clean
}

@test "bpclassify: radiation column absent is unknown" {
	bpc 0 -- site=hip
	is pattern unknown
	clean
}

@test "bpclassify: site hip alone is hip" {
	bpc 0 -- site=hip radiation=none
	is pattern hip
	clean
}

@test "bpclassify: site groin alone is hip" {
	bpc 0 -- site=groin radiation=none
	is pattern hip
	clean
}

@test "bpclassify: site hip,groin,thigh is hip" {
	bpc 0 -- site=hip,groin,thigh radiation=thigh
	is pattern hip
	clean
}

@test "bpclassify: hip comes before mechanical" {
	bpc 0 -- site=hip radiation=none mechanical=yes
	is pattern hip
	clean
}

@test "bpclassify: site hip,low_back is not hip" {
	bpc 0 -- site=hip,low_back radiation=none
	is pattern nonspecific
	clean
	bpc 0 -- site=hip,low_back radiation=none mechanical=yes
	is pattern mechanical
	clean
}

@test "bpclassify: site groin,buttock and hip,upper_back are not hip" {
	bpc 0 -- site=groin,buttock radiation=none
	is pattern nonspecific
	clean
	bpc 0 -- site=hip,upper_back radiation=none
	is pattern nonspecific
	clean
}

@test "bpclassify: site thigh alone is other" {
	bpc 0 -- site=thigh radiation=none
	is pattern other
	clean
}

@test "bpclassify: other comes before mechanical" {
	bpc 0 -- site=thigh radiation=thigh mechanical=yes numbness=no
	is pattern other
	clean
}

@test "bpclassify: site buttock is back pain (nonspecific / mechanical)" {
	bpc 0 -- site=buttock radiation=buttock
	is pattern nonspecific
	clean
	bpc 0 -- site=buttock radiation=buttock mechanical=yes
	is pattern mechanical
	clean
}

@test "bpclassify: site upper_back is back pain" {
	bpc 0 -- site=upper_back radiation=none mechanical=yes
	is pattern mechanical
	clean
}

@test "bpclassify: mechanical yes is mechanical" {
	bpc 0 -- site=low_back radiation=none mechanical=yes
	is pattern mechanical
	clean
}

@test "bpclassify: mechanical no is nonspecific" {
	bpc 0 -- site=low_back radiation=none mechanical=no
	is pattern nonspecific
	clean
}

@test "bpclassify: mechanical empty is nonspecific" {
	bpc 0 -- site=low_back radiation=none mechanical=
	is pattern nonspecific
	clean
}

@test "bpclassify: bool words in any case and spaces (TRUE, Y, 1, ' yes ')" {
	local v

	for v in TRUE Y y 1 " yes " Yes true; do
		bpc 0 -- site=low_back radiation=none "mechanical=$v"
		is pattern mechanical
		clean
	done
	for v in FALSE N n 0 " no " No false; do
		bpc 0 -- site=low_back radiation=none "mechanical=$v"
		is pattern nonspecific
		clean
	done
}

@test "bpclassify: site and radiation words in any case" {
	bpc 0 -- site=HIP radiation=None
	is pattern hip
	clean
	bpc 0 -- site=Low_Back radiation=Below_Knee
	is pattern radicular
	clean
}

@test "bpclassify: list items with spaces around them are fine" {
	bpc 0 -- "site=low_back , hip" radiation=none
	is pattern nonspecific
	clean
	bpc 0 -- "site= hip , groin " radiation=none
	is pattern hip
	clean
}

@test "bpclassify: an empty list item (low_back,,hip) is invalid" {
	bpc 1 -- site=low_back,,hip radiation=none
	is pattern invalid
	warned site low_back,,hip
}

@test "bpclassify: a leading or trailing comma in site is invalid" {
	bpc 1 -- site=,hip radiation=none
	is pattern invalid
	warned site ,hip
	bpc 1 -- site=hip, radiation=none
	is pattern invalid
	warned site hip,
}

@test "bpclassify: an unknown site word is invalid" {
	bpc 1 -- site=knee radiation=none
	is pattern invalid
	warned site knee
	bpc 1 -- site=low_back,knee radiation=none
	is pattern invalid
	warned site low_back,knee
}

@test "bpclassify: an unknown radiation word is invalid" {
	bpc 1 -- site=low_back radiation=foot
	is pattern invalid
	warned radiation foot
}

@test "bpclassify: radiation is one word, not a list" {
	bpc 1 -- site=low_back radiation=thigh,below_knee
	is pattern invalid
	warned radiation thigh,below_knee
}

@test "bpclassify: invalid numbness makes the pattern invalid even with below_knee" {
	bpc 1 -- site=low_back radiation=below_knee numbness=maybe
	is pattern invalid
	warned numbness maybe
}

@test "bpclassify: invalid mechanical makes the pattern invalid even with below_knee" {
	bpc 1 -- site=low_back radiation=below_knee mechanical=often
	is pattern invalid
	warned mechanical often
}

@test "bpclassify: invalid site makes the pattern invalid even with below_knee" {
	bpc 1 -- site=foot radiation=below_knee
	is pattern invalid
	warned site foot
}

@test "bpclassify: invalid wins over unknown in the pattern" {
	bpc 1 -- site= radiation=none mechanical=2
	is pattern invalid
	warned mechanical 2
	bpc 1 -- site=hip,hop radiation=
	is pattern invalid
	warned site hip,hop
}

@test "bpclassify: invalid numbness makes the pattern invalid for hip pain too" {
	bpc 1 -- site=hip radiation=none numbness=sometimes
	is pattern invalid
	warned numbness sometimes
}

# --------------------------------------------------------------- startback

@test "bpclassify: STarT Back all no is low" {
	sb no no no no no no no no not_at_all
	bpc 0 -- "${ARGS[@]}"
	is startback low
	clean
}

@test "bpclassify: STarT Back total 3 is low" {
	sb yes yes yes no no no no no slightly
	bpc 0 -- "${ARGS[@]}"
	is startback low
	clean
}

@test "bpclassify: STarT Back total 4 with psychosocial 0 is medium" {
	sb yes yes yes yes no no no no not_at_all
	bpc 0 -- "${ARGS[@]}"
	is startback medium
	clean
}

@test "bpclassify: STarT Back total 4 with psychosocial 3 is medium" {
	sb yes no no no yes yes yes no not_at_all
	bpc 0 -- "${ARGS[@]}"
	is startback medium
	clean
}

@test "bpclassify: STarT Back psychosocial 3 alone (total 3) is low" {
	sb no no no no yes yes yes no not_at_all
	bpc 0 -- "${ARGS[@]}"
	is startback low
	clean
}

@test "bpclassify: STarT Back total 7 with psychosocial 3 is medium" {
	sb yes yes yes yes yes yes no yes slightly
	bpc 0 -- "${ARGS[@]}"
	is startback medium
	clean
}

@test "bpclassify: STarT Back psychosocial exactly 4 (sb5..sb8 yes, sb9 moderately) is high" {
	sb no no no no yes yes yes yes moderately
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
}

@test "bpclassify: STarT Back psychosocial exactly 4 (sb5..sb7 yes, sb9 very) is high" {
	sb no no no no yes yes yes no very
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
}

@test "bpclassify: STarT Back psychosocial exactly 4 (sb6..sb8 yes, sb9 extremely) is high" {
	sb no no no no no yes yes yes extremely
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
}

@test "bpclassify: STarT Back sb5..sb8 yes and sb9 very (psychosocial 5) is high" {
	sb no no no no yes yes yes yes very
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
}

@test "bpclassify: STarT Back all yes and sb9 extremely is high" {
	sb yes yes yes yes yes yes yes yes extremely
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
}

@test "bpclassify: STarT Back sb9 moderately does not score" {
	sb no no no no yes yes yes no moderately
	bpc 0 -- "${ARGS[@]}"
	is startback low
	clean
	sb yes no no no yes yes yes no moderately
	bpc 0 -- "${ARGS[@]}"
	is startback medium
	clean
}

@test "bpclassify: STarT Back sb9 slightly and not_at_all do not score" {
	sb no no no no yes yes yes no slightly
	bpc 0 -- "${ARGS[@]}"
	is startback low
	clean
}

@test "bpclassify: STarT Back sb9 very scores 1 toward the total" {
	sb yes yes yes no no no no no very
	bpc 0 -- "${ARGS[@]}"
	is startback medium
	clean
}

@test "bpclassify: STarT Back words in any case (YES, Very, N)" {
	sb N n NO No YES Yes yes Y Very
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
	sb no no no no no no no no EXTREMELY
	bpc 0 -- "${ARGS[@]}"
	is startback low
	clean
}

@test "bpclassify: STarT Back sb9 words with spaces around are fine" {
	sb no no no no yes yes yes no " extremely "
	bpc 0 -- "${ARGS[@]}"
	is startback high
	clean
}

@test "bpclassify: STarT Back an invalid item is invalid" {
	sb yes yes yes maybe no no no no very
	bpc 1 -- "${ARGS[@]}"
	is startback invalid
	warned sb4 maybe
}

@test "bpclassify: STarT Back an invalid sb9 is invalid" {
	sb no no no no no no no no somewhat
	bpc 1 -- "${ARGS[@]}"
	is startback invalid
	warned sb9 somewhat
}

@test "bpclassify: STarT Back sb9 yes is invalid (sb9 is not a bool)" {
	sb no no no no no no no no yes
	bpc 1 -- "${ARGS[@]}"
	is startback invalid
	warned sb9 yes
}

@test "bpclassify: STarT Back sb1 very is invalid (sb1..sb8 are bools)" {
	sb very no no no no no no no not_at_all
	bpc 1 -- "${ARGS[@]}"
	is startback invalid
	warned sb1 very
}

@test "bpclassify: STarT Back an invalid item with the others missing is invalid" {
	sb maybe '' '' '' '' '' '' '' ''
	bpc 1 -- "${ARGS[@]}"
	is startback invalid
	warned sb1 maybe
}

@test "bpclassify: STarT Back an invalid item with the other columns absent is invalid" {
	bpc 1 -- sb7=2
	is startback invalid
	warned sb7 2
}

@test "bpclassify: STarT Back a missing item is unknown" {
	sb yes yes yes '' no no no no very
	bpc 0 -- "${ARGS[@]}"
	is startback unknown
	clean
}

@test "bpclassify: STarT Back sb9 missing is unknown, even when psychosocial is already 4" {
	sb no no no no yes yes yes yes ''
	bpc 0 -- "${ARGS[@]}"
	is startback unknown
	clean
}

@test "bpclassify: STarT Back with sb9 column absent is unknown" {
	sb no no no no no no no no
	bpc 0 -- "${ARGS[@]}"
	is startback unknown
	clean
}

# --------------------------------------------------------------------- odi

@test "bpclassify: ODI 10 sections all 0 is 0 minimal" {
	odi 0 0 0 0 0 0 0 0 0 0
	bpc 0 -- "${ARGS[@]}"
	is odi 0 disability minimal
	clean
}

@test "bpclassify: ODI 10 sections sum 25 is 50 severe" {
	odi 5 5 5 5 5 0 0 0 0 0
	bpc 0 -- "${ARGS[@]}"
	is odi 50 disability severe
	clean
}

@test "bpclassify: ODI 10 sections all 5 is 100 bedbound" {
	odi 5 5 5 5 5 5 5 5 5 5
	bpc 0 -- "${ARGS[@]}"
	is odi 100 disability bedbound
	clean
}

@test "bpclassify: ODI 9 sections answered: 100*s/45 (s=18: 40)" {
	odi 2 2 2 2 2 2 2 2 2 ''
	bpc 0 -- "${ARGS[@]}"
	is odi 40 disability moderate
	clean
}

@test "bpclassify: ODI 8 sections answered is scored over 40" {
	odi 1 1 1 1 1 1 1 1 '' ''
	bpc 0 -- "${ARGS[@]}"
	is odi 20 disability minimal
	clean
}

@test "bpclassify: ODI 8 sections answered with the last two columns absent" {
	bpc 0 -- odi1=5 odi2=5 odi3=5 odi4=5 odi5=5 odi6=5 odi7=5 odi8=5
	is odi 100 disability bedbound
	clean
}

@test "bpclassify: ODI 7 sections answered is unknown" {
	odi 5 5 5 5 5 5 5 '' '' ''
	bpc 0 -- "${ARGS[@]}"
	is odi unknown disability unknown
	clean
}

@test "bpclassify: ODI no section answered is unknown" {
	odi '' '' '' '' '' '' '' '' '' ''
	bpc 0 -- "${ARGS[@]}"
	is odi unknown disability unknown
	clean
}

@test "bpclassify: ODI halves round up: 8 sections sum 3 is 7.5 -> 8" {
	odi 1 1 1 0 0 0 0 0 '' ''
	bpc 0 -- "${ARGS[@]}"
	is odi 8 disability minimal
	clean
}

@test "bpclassify: ODI halves round up: 8 sections sum 1 is 2.5 -> 3" {
	odi '' 1 0 0 0 0 0 0 0 ''
	bpc 0 -- "${ARGS[@]}"
	is odi 3 disability minimal
	clean
}

@test "bpclassify: ODI halves round up: 8 sections sum 9 is 22.5 -> 23" {
	odi 2 2 2 3 0 0 '' 0 0 ''
	bpc 0 -- "${ARGS[@]}"
	is odi 23 disability moderate
	clean
}

@test "bpclassify: ODI every sum of 8, 9 and 10 sections is 100*s/(5*n), halves up" {
	# one record for each n answered and each sum s; awk works the
	# percentage out in whole numbers: floor((200*s + 5*n) / (10*n))
	awk 'BEGIN {
		OFS = "\t"
		print "id", "odi1", "odi2", "odi3", "odi4", "odi5", "odi6",
		    "odi7", "odi8", "odi9", "odi10"
		for (n = 8; n <= 10; n++)
			for (s = 0; s <= 5 * n; s++) {
				line = n "-" s
				left = s
				for (i = 1; i <= 10; i++) {
					v = ""
					if (i <= n) {
						v = left > 5 ? 5 : left
						left -= v
					}
					line = line OFS v
				}
				print line
			}
	}' >in.tsv
	run -0 bpclassify in.tsv
	printf '%s\n' "$output" | awk -F'\t' 'NR > 1 {
		split($1, a, "-")
		n = a[1]; s = a[2]
		want = int((200 * s + 5 * n) / (10 * n))
		if ($15 != want) {
			print "n=" n " s=" s ": odi " $15 ", want " want
			bad = 1
		}
		rows++
	} END { exit bad || rows != 138 }'
}

@test "bpclassify: ODI below a half rounds down: 9 sections sum 1 is 2.2 -> 2" {
	odi 1 0 0 0 0 0 0 0 0 ''
	bpc 0 -- "${ARGS[@]}"
	is odi 2 disability minimal
	clean
}

@test "bpclassify: ODI above a half rounds up: 9 sections sum 4 is 8.9 -> 9" {
	odi 1 1 1 1 0 0 0 0 0 ''
	bpc 0 -- "${ARGS[@]}"
	is odi 9 disability minimal
	clean
}

@test "bpclassify: ODI a section of 6 is invalid" {
	odi 0 0 6 0 0 0 0 0 0 0
	bpc 1 -- "${ARGS[@]}"
	is odi invalid disability invalid
	warned odi3 6
}

@test "bpclassify: ODI a non-integer section is invalid (x, -1, 2.5, +1)" {
	local v

	for v in x -1 2.5 +1 1234567890; do
		odi 0 0 0 0 0 0 0 0 0 "$v"
		bpc 1 -- "${ARGS[@]}"
		is odi invalid disability invalid
		warned odi10 "$v"
	done
}

@test "bpclassify: ODI a section of 10 digits (0000000003) is invalid" {
	odi 0 0 0 0 0 0 0 0 0 0000000003
	bpc 1 -- "${ARGS[@]}"
	is odi invalid disability invalid
	warned odi10 0000000003
}

@test "bpclassify: ODI an invalid section is invalid even with fewer than 8 answered" {
	odi 7 '' '' '' '' '' '' '' '' ''
	bpc 1 -- "${ARGS[@]}"
	is odi invalid disability invalid
	warned odi1 7
}

@test "bpclassify: ODI leading zeros and spaces are fine (03, ' 2 ')" {
	odi 03 " 2 " 0 0 0 0 0 0 0 005
	bpc 0 -- "${ARGS[@]}"
	is odi 20 disability minimal
	clean
}

@test "bpclassify: ODI 20 is minimal" {
	odi 1 1 1 1 1 1 1 1 1 1
	bpc 0 -- "${ARGS[@]}"
	is odi 20 disability minimal
	clean
}

@test "bpclassify: ODI 20 with 9 sections (sum 9) is minimal" {
	odi 1 1 1 1 1 1 1 1 1 ''
	bpc 0 -- "${ARGS[@]}"
	is odi 20 disability minimal
	clean
}

@test "bpclassify: ODI 22 (next above 20) is moderate" {
	odi 2 1 1 1 1 1 1 1 1 1
	bpc 0 -- "${ARGS[@]}"
	is odi 22 disability moderate
	clean
}

@test "bpclassify: ODI 40 is moderate" {
	odi 2 2 2 2 2 2 2 2 2 2
	bpc 0 -- "${ARGS[@]}"
	is odi 40 disability moderate
	clean
}

@test "bpclassify: ODI 42 (next above 40) is severe" {
	odi 3 2 2 2 2 2 2 2 2 2
	bpc 0 -- "${ARGS[@]}"
	is odi 42 disability severe
	clean
}

@test "bpclassify: ODI 43 (8 sections sum 17: 42.5) is severe" {
	odi 3 2 2 2 2 2 2 2 '' ''
	bpc 0 -- "${ARGS[@]}"
	is odi 43 disability severe
	clean
}

@test "bpclassify: ODI 60 is severe" {
	odi 3 3 3 3 3 3 3 3 3 3
	bpc 0 -- "${ARGS[@]}"
	is odi 60 disability severe
	clean
}

@test "bpclassify: ODI 62 (next above 60) is crippled" {
	odi 4 3 3 3 3 3 3 3 3 3
	bpc 0 -- "${ARGS[@]}"
	is odi 62 disability crippled
	clean
}

@test "bpclassify: ODI 80 is crippled" {
	odi 4 4 4 4 4 4 4 4 4 4
	bpc 0 -- "${ARGS[@]}"
	is odi 80 disability crippled
	clean
}

@test "bpclassify: ODI 82 (next above 80) is bedbound" {
	odi 5 4 4 4 4 4 4 4 4 4
	bpc 0 -- "${ARGS[@]}"
	is odi 82 disability bedbound
	clean
}

@test "bpclassify: ODI 83 (8 sections sum 33: 82.5) is bedbound" {
	odi 5 4 4 4 4 4 4 4 '' ''
	bpc 0 -- "${ARGS[@]}"
	is odi 83 disability bedbound
	clean
}

# ------------------------------------------------------- value problems

@test "bpclassify: a value problem still writes the record, with the others intact" {
	sb no no no no no no no no not_at_all
	bpc 1 -- duration=soon site=low_back radiation=none mechanical=yes \
	    "${ARGS[@]}"
	[ "${lines[1]}" = "$(tsv r1 soon low_back none yes \
	    no no no no no no no no not_at_all \
	    invalid mechanical low unknown unknown)" ]
	warned duration soon
}

@test "bpclassify: several problems in a record are each warned" {
	bpc 1 -- duration=x site=knee radiation=none sb1=maybe odi1=9
	is phase invalid pattern invalid startback invalid odi invalid \
	    disability invalid
	warned duration x site knee sb1 maybe odi1 9
}

@test "bpclassify: the warning gives the line number of the record in the file" {
	printf '%s\n' "$(tsv id duration)" "$(tsv a 10)" "" "$(tsv b 1q)" \
	    "$(tsv c 90)" >in.tsv
	run -1 --separate-stderr bpclassify in.tsv
	[ "$output" = "$(tsv id duration phase pattern startback odi disability)
$(tsv a 10 acute unknown unknown unknown unknown)
$(tsv b 1q invalid unknown unknown unknown unknown)
$(tsv c 90 chronic unknown unknown unknown unknown)" ]
	[[ $stderr == 'bpclassify: in.tsv:4: id b: duration: '*': "1q"' ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}

@test "bpclassify: the warning trims the value and cuts it at 40 bytes" {
	local long=aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd
	bpc 1 -- "site=  ${long}eeeee  " radiation=none
	is pattern invalid
	[[ $stderr == "bpclassify: in.tsv:2: id r1: site: "*": \"$long\"..." ]]
}

@test "bpclassify: -q silences value warnings, exit status stays 1" {
	bpc 1 -q -- duration=x site=knee radiation=none
	is phase invalid pattern invalid
	clean
}

@test "bpclassify: --quiet silences value warnings, exit status stays 1" {
	bpc 1 --quiet -- sb9=lots
	is startback invalid
	clean
}

@test "bpclassify: an empty id is warned, record written, exit 1" {
	printf '%s\n' "$(tsv id duration)" "$(tsv '' 10)" >in.tsv
	run -1 --separate-stderr bpclassify in.tsv
	[ "$output" = "$(tsv id duration phase pattern startback odi disability)
$(tsv '' 10 acute unknown unknown unknown unknown)" ]
	[ "$stderr" = "bpclassify: in.tsv:2: id: empty" ]
}

@test "bpclassify: an id of only spaces is warned as empty" {
	printf '%s\n' "$(tsv id duration)" "$(tsv '   ' 10)" >in.tsv
	run -1 --separate-stderr bpclassify in.tsv
	[ "${lines[1]}" = "$(tsv '   ' 10 acute unknown unknown unknown unknown)" ]
	[ "$stderr" = "bpclassify: in.tsv:2: id: empty" ]
}

@test "bpclassify: -q silences the empty id warning, exit status stays 1" {
	printf '%s\n' "$(tsv id duration)" "$(tsv '' 10)" >in.tsv
	run -1 --separate-stderr bpclassify -q in.tsv
	[ "${lines[1]}" = "$(tsv '' 10 acute unknown unknown unknown unknown)" ]
	clean
}

@test "bpclassify: severity 11 is warned, exit 1, outputs unchanged" {
	bpc 1 -- severity=11 duration=10
	is phase acute pattern unknown startback unknown odi unknown \
	    disability unknown severity 11
	warned severity 11
}

@test "bpclassify: severity 0, 10 and 010 are fine" {
	local v

	for v in 0 10 010; do
		bpc 0 -- "severity=$v"
		is severity "$v"
		clean
	done
}

@test "bpclassify: severity abc and -1 are warned" {
	bpc 1 -- severity=abc
	warned severity abc
	bpc 1 -- severity=-1
	warned severity -1
}

@test "bpclassify: episodes not an integer is warned, exit 1" {
	bpc 1 -- episodes=two
	is episodes two phase unknown
	warned episodes two
	bpc 1 -- episodes=1234567890
	warned episodes 1234567890
}

@test "bpclassify: episodes 0 and 123456789 are fine" {
	bpc 0 -- episodes=0
	is episodes 0
	clean
	bpc 0 -- episodes=123456789
	is episodes 123456789
	clean
}

@test "bpclassify: age is not checked by bpclassify" {
	bpc 0 -- age=abc duration=10
	is age abc phase acute
	clean
}

@test "bpclassify: a clean record and a problem record: both written, exit 1" {
	printf '%s\n' "$(tsv id site radiation)" "$(tsv a hip none)" \
	    "$(tsv b hip sideways)" >in.tsv
	run -1 --separate-stderr bpclassify in.tsv
	[ "$output" = "$(tsv id site radiation phase pattern startback odi disability)
$(tsv a hip none unknown hip unknown unknown unknown)
$(tsv b hip sideways unknown invalid unknown unknown unknown)" ]
	[[ $stderr == 'bpclassify: in.tsv:3: id b: radiation: '*': "sideways"' ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}

@test "bpclassify: a value of spaces alone is not recorded, as an empty one" {
	odi '  ' ' ' ' ' ' ' ' ' ' ' ' ' ' ' ' ' ' '
	bpc 0 -- "duration=  " "onset= " "seen=   " "site= " "radiation=  " \
	    "mechanical=   " "${ARGS[@]}"
	is phase unknown pattern unknown odi unknown disability unknown
	clean
	bpc 0 -- "onset= " "seen=   " site=hip radiation=none "mechanical=   "
	is phase unknown pattern hip
	clean
}

@test "bpclassify: bool answers that only begin like yes, true or false are invalid" {
	local v

	for v in nah yup yeh nope tick trap trux maybe fuzzy faxes falls falsy; do
		bpc 1 -- site=low_back radiation=none "mechanical=$v"
		is pattern invalid
		warned mechanical "$v"
	done
}

@test "bpclassify: dates with year 0000, or letters in the month or day, are invalid" {
	local d

	for d in 0000-01-01 2024-x1-01 2024-0x-01 2024-01-x1 2024-01-0x; do
		bpc 1 -- onset=2023-12-01 "seen=$d"
		is phase invalid
		warned seen "$d"
	done
	bpc 0 -- onset=0001-01-01 seen=0001-01-15
	is phase acute
	clean
}

@test "bpclassify: durations at 36500 days in each unit are valid, a unit more is over 100 years" {
	local v

	for v in 36500 36500d 5214w 1216m 100Y 000000100y; do
		bpc 0 -- "duration=$v"
		is phase chronic
		clean
	done
	for v in 36501 36501D 5215w 1217M 101y 999999999 999999999y; do
		bpc 1 -- "duration=$v"
		is phase invalid
		warned duration "$v"
		[[ $stderr == *"over 100 years"* ]] || { echo "$v: $stderr"; return 1; }
	done
	bpc 1 -- duration=1000000000
	is phase invalid
	[[ $stderr == *"not a number of days, weeks, months or years"* ]]
}
