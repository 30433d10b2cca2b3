# bp: triage of low-back and hip pain intake records.  POSIX make.

VERSION =	0.1
PREFIX =	/usr/local
BINDIR =	$(PREFIX)/bin
MANDIR =	$(PREFIX)/share/man
SHAREDIR =	$(PREFIX)/share/bp

CC =		cc
CFLAGS =	-O2 -g
WARNFLAGS =	-Wall -Wextra -Wpedantic -Wmissing-prototypes \
		-Wstrict-prototypes -Wwrite-strings -Wshadow
BPFLAGS =	-std=c99 -D_POSIX_C_SOURCE=200809L -DBP_VERSION=\"$(VERSION)\" \
		-Ilib -Ilib/tool
ALLFLAGS =	$(BPFLAGS) $(CPPFLAGS) $(WARNFLAGS) $(CFLAGS)

TOOLS =		cmd/bpclassify cmd/bpflags cmd/bproutine cmd/bpreport \
		cmd/bptrack cmd/bpimport
MAN1 =		man/bpclassify.1 man/bpflags.1 man/bproutine.1 \
		man/bpreport.1 man/bptrack.1 man/bpimport.1
MAN5 =		man/bp-catalog.5 man/bp-map.5
# for bpimport: a REDCap data dictionary of the intake, and an example map
SHARE =		lib/bp-intake.redcap.csv lib/questions.map.tsv
MAN7 =		man/bp.7
# lib/: the pure modules (they never print or exit); lib/tool/: the
# runtime every tool shares (options' handling, diagnostics, output, the
# filter loop, the sandbox).
PUREOBJ =	lib/catalog.o lib/catalog_lines.o lib/csv.o lib/flags.o \
		lib/fmemo.o lib/opt.o lib/tsv.o lib/value.o lib/vocab.o
TOOLOBJ =	lib/tool/diag.o lib/tool/filter.o lib/tool/intake.o \
		lib/tool/out.o lib/tool/sandbox.o
LIBOBJ =	$(PUREOBJ) $(TOOLOBJ)
LIBHDR =	lib/bits.h lib/catalog.h lib/csv.h lib/flags.h lib/fmemo.h \
		lib/opt.h lib/tsv.h \
		lib/value.h lib/vocab.h lib/tool/diag.h lib/tool/filter.h \
		lib/tool/intake.h lib/tool/out.h lib/tool/sandbox.h
BENCH =		tests/bench/gen tests/bench/baseline tests/bench/peakrss \
		tests/bench/tocsv
REPORTOBJ =	cmd/bpreport.o cmd/report_sum.o cmd/report_text.o \
		cmd/report_plan.o cmd/report_html.o
TRACKOBJ =	cmd/bptrack.o cmd/track_people.o
IMPORTOBJ =	cmd/bpimport.o cmd/import_map.o cmd/import_value.o

all: $(TOOLS)

lib/libbp.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(LIBOBJ) $(TOOLS:=.o) $(REPORTOBJ) $(TRACKOBJ) $(IMPORTOBJ): $(LIBHDR)
$(REPORTOBJ): cmd/report.h
$(TRACKOBJ): cmd/track.h
$(IMPORTOBJ): cmd/import.h

.SUFFIXES: .c .o
.c.o:
	$(CC) $(ALLFLAGS) -c -o $@ $<

cmd/bpclassify: cmd/bpclassify.o lib/libbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/bpclassify.o lib/libbp.a

cmd/bpflags: cmd/bpflags.o lib/libbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/bpflags.o lib/libbp.a

cmd/bproutine: cmd/bproutine.o lib/libbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/bproutine.o lib/libbp.a

cmd/bpreport: $(REPORTOBJ) lib/libbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(REPORTOBJ) lib/libbp.a

cmd/bptrack: $(TRACKOBJ) lib/libbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TRACKOBJ) lib/libbp.a
cmd/bpimport: $(IMPORTOBJ) lib/libbp.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(IMPORTOBJ) lib/libbp.a

# The catalog is compiled in: each line of lib/catalog.tsv as a C string.
lib/catalog_lines.c: lib/catalog.tsv
	{ echo '/* made from lib/catalog.tsv by the Makefile; do not edit */'; \
	  echo 'extern const char *const catalog_lines[];'; \
	  echo 'const char *const catalog_lines[] = {'; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' \
	      -e 's/^/	"/' -e 's/$$/",/' lib/catalog.tsv; \
	  echo '	0'; \
	  echo '};'; } > $@

# The shims of the tests (tests/fault/): a malloc that fails on request
# for the out-of-memory tests, a probe of the signals a sandboxed tool may
# send, and a prctl that takes the seccomp filter without installing it.
SHIM =		tests/fault/failmalloc.so tests/fault/sigprobe.so \
		tests/fault/noseccomp.so
tests/fault/failmalloc.so: tests/fault/failmalloc.c
	$(CC) -shared -fPIC -O1 -o $@ tests/fault/failmalloc.c -ldl
tests/fault/sigprobe.so: tests/fault/sigprobe.c
	$(CC) -shared -fPIC -O1 -o $@ tests/fault/sigprobe.c
tests/fault/noseccomp.so: tests/fault/noseccomp.c
	$(CC) -shared -fPIC -O1 -o $@ tests/fault/noseccomp.c

check: all $(SHIM) $(BENCH)
	bats tests

# libFuzzer harnesses (clang), FUZZTIME seconds for each: 600 unless
# given in the environment or on the command line (FUZZTIME=60 make fuzz).
fuzz:
	FUZZTIME="$(FUZZTIME)" sh tests/fuzz/run.sh

# The whole suite on a build with AddressSanitizer and UBSan.  Their
# runtimes make system calls the sandbox refuses, so it is off here.
SANFLAGS =	-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=all
sanitize:
	$(MAKE) clean
	$(MAKE) CFLAGS="$(SANFLAGS)" LDFLAGS="$(SANFLAGS)" all $(SHIM) $(BENCH)
	BP_SANDBOX=0 BP_SANITIZE=1 BP_CFLAGS="$(SANFLAGS)" \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	bats tests; s=$$?; $(MAKE) clean; exit $$s

# The whole suite on a build with gcov counters, then the lines and
# branches run, per file of cmd/ and lib/ (tests/coverage.sh).  The
# sandbox would keep a tool from writing its counters: it is off, and the
# tests that build the filter use tests/fault/noseccomp.so.
COVFLAGS =	-O0 -g --coverage
coverage:
	$(MAKE) clean
	$(MAKE) CFLAGS="$(COVFLAGS)" LDFLAGS="$(COVFLAGS)" all $(SHIM) $(BENCH)
	BP_SANDBOX=0 BP_COVERAGE=1 BP_CFLAGS="$(COVFLAGS)" bats tests; s=$$?; \
	sh tests/coverage.sh; $(MAKE) clean; exit $$s

# The whole suite with every tool run under valgrind (slow).
memcheck: all $(SHIM)
	BP_MEMCHECK=1 BP_SANDBOX=0 bats tests

# Speed and memory of the tools against a bare C filter; not part of
# check.  BENCH_N, BENCH_RUNS and BENCH_DIR tune it (tests/bench/bench.sh).

bench: all $(BENCH)
	sh tests/bench/bench.sh

tests/bench/gen: tests/bench/gen.c
	$(CC) $(ALLFLAGS) $(LDFLAGS) -o $@ tests/bench/gen.c

tests/bench/baseline: tests/bench/baseline.c
	$(CC) $(ALLFLAGS) $(LDFLAGS) -o $@ tests/bench/baseline.c

tests/bench/peakrss: tests/bench/peakrss.c
	$(CC) $(ALLFLAGS) $(LDFLAGS) -o $@ tests/bench/peakrss.c

tests/bench/tocsv: tests/bench/tocsv.c
	$(CC) $(ALLFLAGS) $(LDFLAGS) -o $@ tests/bench/tocsv.c

lint:
	@if command -v mandoc >/dev/null 2>&1; then \
		mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7); \
	else \
		echo "lint: mandoc not installed; skipped"; \
	fi

# The whole pipeline over the sample batch, then the follow-up visits
# of a few people (bptrack, and what bproutine makes of it).  Some
# sample records have value problems on purpose, so an exit status of 1
# is expected.
demo: all
	@PATH="$$PWD/cmd:$$PATH"; \
	bpclassify -q tests/data/sample.tsv | bpflags -q | bproutine -q | \
	    bpreport; s=$$?; test $$s -le 1 || exit $$s; \
	printf '\nFollow-up visits (tests/data/visits.tsv): the change since the first visit\n\n'; \
	bpclassify -q tests/data/visits.tsv | bpflags -q | bptrack | \
	    bproutine -q | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) \
	    c[$$i] = i } { printf "%-5s %-10s %-8s %5s %-7s %10s %11s  %-13s %s\n", \
	    $$c["id"], $$c["seen"], $$c["odi"], $$c["visit"], $$c["days"], \
	    $$c["odi_change"], $$c["pain_change"], $$c["progress"], \
	    $$c["disposition"] }'; s=$$?; test $$s -le 1

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	cp $(TOOLS) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(SHAREDIR)
	cp $(SHARE) $(DESTDIR)$(SHAREDIR)/

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$${t#cmd/}; done
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m#man/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done
	for f in $(SHARE); do rm -f $(DESTDIR)$(SHAREDIR)/$${f#lib/}; done
	-rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null

clean:
	rm -f $(TOOLS) cmd/*.o lib/*.o lib/tool/*.o lib/libbp.a \
		lib/catalog_lines.c $(SHIM)
	rm -f $(BENCH)
	rm -f cmd/*.gcno cmd/*.gcda lib/*.gcno lib/*.gcda lib/tool/*.gcno \
		lib/tool/*.gcda tests/bench/*.gcno tests/bench/*.gcda

.PHONY: all check lint demo install uninstall clean sanitize coverage memcheck \
	fuzz bench
