# budgetsim - a budget what-if simulator for a council.
# Copyright (C) 2026 the budgetsim authors. SPDX-License-Identifier: GPL-3.0-or-later
#
#   make          build ./budgetsim
#   make demo     install missing Debian packages, build, run the Liverpool comparison
#   make test     install missing packages, build, run every test (and again under ASan+UBSan)
#   make install PREFIX=/usr/local DESTDIR=   (make uninstall: the same files removed)
#   make fuzz     run the libFuzzer harnesses (tests/fuzz/) for FUZZ_SECONDS each (default 300; FUZZERS=NAME for one)
#   make test-valgrind  the golden tests under valgrind (slow)
#   make bench    budgetsim beside a numpy peer (bench/): sweep, Monte Carlo, threads; rates, memory, ratios
#   make docs     regenerate the settings reference in docs/ and budgetsim.1
#   make test-web the model compiled to WebAssembly (build/web/core.wasm) against the native build, in node
#   make test-publish  budgetsim publish in Chromium: every lever moved by keyboard, the numbers against budgetsim run

CC      ?= cc
PKGS    := gsl libconfig jansson
CSTD    := -std=c11 -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA     = $(shell pkg-config --cflags --libs cmocka 2>/dev/null)
PREFIX  ?= /usr/local
DESTDIR ?=

# The sources, by layer (see docs/architecture.md): core <- load <- analyse
# <- write <- cli, and web beside them (the page's interface to the core).
# Everything but main() goes into a static library that the program, the
# unit tests and the fuzz harnesses link, with the bytes publish carries
# (build/web/core_wasm.c and page_html.c, below).
LAYERS  := core load analyse write cli web
LIB_SRC := $(sort $(foreach l,$(LAYERS),$(wildcard sim/$(l)/*.c sim/$(l)/*/*.c)))
LIB_SRC := $(filter-out sim/cli/main.c,$(LIB_SRC))
UNIT    := model rules vote solve bind fastvote sensitivity montecarlo sweep guard args files hemicycle sha256 colour incr pack web

.PHONY: all deps demo test test-inputs test-unit test-golden test-plot test-charts test-look test-report test-browser test-sweep test-bench test-output test-access test-valgrind \
        test-sanitize install docs clean check-docs bench fuzz fuzz-build test-fuzz \
        check-layers test-layers test-web test-publish test-opens test-readme test-citations test-reference test-install test-man test-look uninstall

all: budgetsim

# ---- one set of rules for every build ----
# $(call flavour,DIR,COMPILER,FLAGS): objects, library, program and unit
# tests built into DIR with COMPILER and FLAGS. Dependencies on headers come
# from the compiler (-MMD -MP), so touching a header rebuilds only the files
# that include it.
define flavour
$(1)/%.o: sim/%.c
	@mkdir -p $$(@D)
	$(2) $(CSTD) $(WARN) $(3) $$(PKG_CFLAGS) -Isim -MMD -MP -c $$< -o $$@
$(1)/gen/%.o: build/web/%.c sim/web/core_wasm.h
	@mkdir -p $$(@D)
	$(2) $(CSTD) $(WARN) $(3) -Isim -c $$< -o $$@
$(1)/libbudgetsim.a: $(LIB_SRC:sim/%.c=$(1)/%.o) $(1)/gen/core_wasm.o $(1)/gen/page_html.o
	@rm -f $$@
	ar rcs $$@ $$^
$(1)/budgetsim: $(1)/cli/main.o $(1)/libbudgetsim.a
	$(2) $(3) -o $$@ $$^ $$(PKG_LIBS) -lm -lpthread
$(1)/tests/%.o: tests/%.c
	@mkdir -p $$(@D)
	$(2) $(CSTD) $(WARN) $(3) $$(PKG_CFLAGS) -Isim -MMD -MP -c $$< -o $$@
$(1)/test_%: $(1)/tests/test_%.o $(1)/libbudgetsim.a
	$(2) $(3) -o $$@ $$^ $$(PKG_LIBS) $$(CMOCKA) -lm -lpthread
-include $(LIB_SRC:sim/%.c=$(1)/%.d) $(1)/cli/main.d $(wildcard $(1)/tests/*.d)
endef

SAN_CFLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -O1 -g $(FUZZ_SAN)

$(eval $(call flavour,build,$(CC),$(CFLAGS)))
$(eval $(call flavour,build-san,$(CC),$(SAN_CFLAGS)))
$(eval $(call flavour,build-fuzz,$(FUZZ_CC),$(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link))
.SECONDARY: # keep every object: they are reached through pattern rules

budgetsim: build/budgetsim
	cp $< $@

# ---- the model as WebAssembly, for budgetsim publish ----
# The core's own sources and web/api.c, compiled with clang for wasm32-wasi
# against Debian's wasi-libc (make deps installs clang, lld, wasi-libc and
# libclang-rt-14-dev-wasm32). No entry point: the page calls the functions
# web/api.h marks BS_WEB_EXPORT, which with the memory are all the module
# exports. What it imports (wasi_snapshot_preview1, the page stubs them):
# fd_close, fd_seek, fd_write (the stdio that wasi-libc's abort and printf
# family pull in; the model never writes), and nothing else: no clock (the
# page times a run itself), no file system. --strip-all drops the debug
# sections wasi-libc's objects carry (half the file) and the names.
WASM_CC     ?= clang
WASM_TARGET := --target=wasm32-wasi --sysroot=/usr -isystem /usr/include/wasm32-wasi
WASM_LINK   := -nostartfiles -Wl,--no-entry -Wl,--strip-all -L/usr/lib/wasm32-wasi
WASM_SRC    := $(sort $(wildcard sim/core/*.c sim/core/rules/*.c)) sim/web/api.c
WASM_HDR    := $(wildcard sim/core/*.h sim/web/*.h)

build/web/core.wasm: $(WASM_SRC) $(WASM_HDR)
	@mkdir -p $(@D)
	@printf 'int f(void) { return 0; }\n' >$@.probe.c; \
	if ! $(WASM_CC) $(WASM_TARGET) -O2 $(WASM_LINK) $@.probe.c -o $@.probe -lm >$@.probe.log 2>&1; then \
	  rm -f $@.probe.c $@.probe; \
	  echo "make: $(WASM_CC) cannot build for wasm32-wasi (needed for budgetsim publish): run make deps, which installs clang, lld, wasi-libc and libclang-rt-14-dev-wasm32; what it said is in $@.probe.log" >&2; \
	  exit 2; \
	fi; rm -f $@.probe.c $@.probe $@.probe.log
	$(WASM_CC) $(WASM_TARGET) $(CSTD) $(WARN) -O2 -Isim $(WASM_LINK) $(WASM_SRC) -o $@ -lm

build/web/core_wasm.c: build/web/core.wasm scripts/embed
	sh scripts/embed $< bs_core_wasm $@

build/web/page_html.c: sim/web/page.html scripts/embed
	@mkdir -p $(@D)
	sh scripts/embed $< bs_page_html $@

deps:
	@sh scripts/install-deps

demo: deps
	@$(MAKE) --no-print-directory budgetsim
	./budgetsim compare scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg
	./budgetsim vote scenarios/liverpool-2022-adopted.cfg
	./budgetsim report scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg -o plots/liverpool
	./budgetsim publish scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg -o plots/liverpool/page
	@echo "Charts and the report are in plots/liverpool/ (open plots/liverpool/report.html);"
	@echo "the page where anyone can move the levers is plots/liverpool/page/index.html."

# ---- tests ----
test: deps
	@$(MAKE) --no-print-directory test-unit test-golden test-plot test-charts test-look test-report test-browser test-sweep test-bench test-output test-access check-docs test-fuzz \
	  test-inputs check-layers test-layers test-opens test-readme test-citations test-reference test-man test-install test-web test-publish
	@$(MAKE) --no-print-directory test-sanitize

# Unit tests (cmocka): one program per tests/test_NAME.c.
test-unit: $(UNIT:%=build/test_%)
	@for t in $(UNIT); do ./build/test_$$t || exit 1; done

build/fmtcheck: tests/fmtcheck.c
	@mkdir -p build
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) $< -o $@ $(PKG_LIBS)

# Charts and reports with the real gnuplot.
test-plot: budgetsim
	bash tests/plot.sh ./budgetsim

# Charts say what the model says: every line and measure in each chart's data and SVG, in SVG, PNG and PDF.
test-charts: budgetsim
	bash tests/charts.sh ./budgetsim

# Every chart of every command, in every format, looked at (tests/chartlook.pl): text
# inside the canvas, at least 9 points printed 16 cm wide, none overlapping; nothing clipped.
test-look: budgetsim
	bash tests/look.sh ./budgetsim

# The report's story for the Liverpool pair, alt text and captions, the print stylesheet.
test-report: budgetsim
	bash tests/report.sh ./budgetsim

# report.html in headless Chromium (make deps installs it): its screenshots not
# blank, printed to A4 within a page count worked out from its charts, no page
# ending on a heading; screenshots and PDFs kept in tests/out/browser/.
test-browser: budgetsim
	bash tests/browser.sh ./budgetsim

# sweep: the same bytes whatever the threads or shards; rows against single runs; charts.
test-sweep: budgetsim
	bash tests/sweep.sh ./budgetsim

# Output that cannot be written (full device, closed pipe, bad -o): exit 3, one line.
test-output: budgetsim
	bash tests/output.sh ./budgetsim

# Inputs are sacred: -o and chart folders never replace a file the command
# read (directly, through links, hard links); devices and links are written
# through, never replaced.
test-inputs: budgetsim
	bash tests/inputs.sh ./budgetsim

# Folders and files the program may not use (run as an unprivileged user),
# a full tmpfs, unreadable inputs, devices and FIFOs (needs root; else SKIP).
test-access: budgetsim
	bash tests/access.sh ./budgetsim

# The golden tests under valgrind: no leak, no error (slow; not part of make test).
test-valgrind: budgetsim build/fmtcheck
	VALGRIND=1 bash tests/golden.sh ./budgetsim

# budgetsim beside its numpy peer (scripts/bench, bench/): a 1000 x 1000 sweep with its CSV,
# --summary against the peer's model alone, 1,000,000 Monte Carlo draws, and all CPUs against
# --threads 1; alternated, BENCH_PAIRS times (default 5). Installs python3-numpy when missing.
bench: budgetsim
	sh scripts/bench ./budgetsim

# The numpy peer (bench/peer_numpy.py) writes budgetsim's CSV bytes on sub-grids and shards,
# and its Monte Carlo agrees (SKIP without a python3 that has numpy; never installs it).
test-bench: budgetsim
	bash tests/bench.sh ./budgetsim

# The wasm module against the native build: tests/test_web.c writes the
# packed Liverpool scenario and its native rows; tests/web_node.mjs loads
# build/web/core.wasm in node, runs it and compares the bytes.
# budgetsim publish in a real browser (tests/publish.sh, tests/publish_cdp.py):
# Debian's chromium driven over the DevTools protocol; every lever moved with
# the keyboard and the page's numbers compared with budgetsim run's;
# screenshots kept in tests/out/publish/.
test-publish: budgetsim
	bash tests/publish.sh ./budgetsim

test-web: build/test_web build/web/core.wasm
	./build/test_web
	@command -v node >/dev/null 2>&1 || { echo "SKIP web: no node to load build/web/core.wasm in"; exit 0; }; \
	node tests/web_node.mjs build/web/core.wasm build/web/liverpool.pack build/web/liverpool.native.json

test-golden: budgetsim build/fmtcheck
	bash tests/golden.sh ./budgetsim

# The whole suite again, built with AddressSanitizer and UBSan.
SAN_RUN := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
test-sanitize: build/fmtcheck build-san/budgetsim $(UNIT:%=build-san/test_%)
	@for t in $(UNIT); do $(SAN_RUN) ./build-san/test_$$t || exit 1; done
	$(SAN_RUN) bash tests/golden.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/plot.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/charts.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/sweep.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/output.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/access.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/inputs.sh ./build-san/budgetsim
	$(SAN_RUN) bash tests/reference.sh ./build-san/budgetsim

# The layers of sim/ (scripts/check-layers): no include of a layer above,
# of a missing file, no include cycle, core without GSL, jansson, pthread,
# libconfig or stdio output, libconfig only in load. CHECK_LAYERS_HEADER=1
# also requires each file's opening "This file may use:" line.
check-layers:
	sh scripts/check-layers

# check-layers itself, on trees broken on purpose.
test-layers:
	bash tests/layers.sh scripts/check-layers

# No command opens a scenario file, its base or an @include more than once
# (counted with strace; SKIP when strace cannot trace).
test-opens: budgetsim
	bash tests/opens.sh ./budgetsim

# budgetsim reference: rows against the tables, the filter, wrapping to
# COLUMNS, a terminal's width or 80, never within a word.
test-reference: budgetsim
	bash tests/reference.sh ./budgetsim

# Every command block of README.md run, its shown lines checked against the
# real output (tests/readme.sh says how blocks are read and which are skipped).
test-readme: budgetsim
	bash tests/readme.sh ./budgetsim

# Every path cited by scenarios/, scenarios/examples/, README.md and docs/
# exists in a clone; no mention of a folder outside the repository (the
# sources are docs/sources.md).
test-citations:
	bash tests/citations.sh

# ---- docs ----
docs: budgetsim
	sh scripts/make-docs ./budgetsim

check-docs: budgetsim
	sh scripts/make-docs ./budgetsim --check

# ---- install ----
# make install [PREFIX=/usr/local] [DESTDIR=]: the program, the man page
# (its FILES section names PREFIX), README.md, LICENSE and docs/*.md under
# share/doc/budgetsim (docs/ kept as a folder, so the README's links hold),
# and the example scenarios under share/budgetsim/scenarios (examples/ kept,
# so their base paths hold). make uninstall removes exactly those files, and
# the folders of budgetsim's own when nothing else is left in them.
# tests/install.sh tries both in a temporary DESTDIR.
BINDIR   = $(PREFIX)/bin
MAN1DIR  = $(PREFIX)/share/man/man1
DOCDIR   = $(PREFIX)/share/doc/budgetsim
DATADIR  = $(PREFIX)/share/budgetsim
DOC_FILES      := README.md LICENSE
DOC_DOCS       := $(sort $(wildcard docs/*.md))
SCENARIO_FILES := $(sort $(wildcard scenarios/*.cfg))
EXAMPLE_FILES  := $(sort $(wildcard scenarios/examples/*.cfg))

install: budgetsim
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(DOCDIR)/docs \
	  $(DESTDIR)$(DATADIR)/scenarios/examples
	install -m 755 budgetsim $(DESTDIR)$(BINDIR)/budgetsim
	sed -e 's|/usr/local/share/budgetsim/|$(DATADIR)/|g' -e 's|/usr/local/share/doc/budgetsim/|$(DOCDIR)/|g' \
	  budgetsim.1 >$(DESTDIR)$(MAN1DIR)/budgetsim.1.tmp
	chmod 644 $(DESTDIR)$(MAN1DIR)/budgetsim.1.tmp
	mv -f $(DESTDIR)$(MAN1DIR)/budgetsim.1.tmp $(DESTDIR)$(MAN1DIR)/budgetsim.1
	install -m 644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/
	install -m 644 $(DOC_DOCS) $(DESTDIR)$(DOCDIR)/docs/
	install -m 644 $(SCENARIO_FILES) $(DESTDIR)$(DATADIR)/scenarios/
	install -m 644 $(EXAMPLE_FILES) $(DESTDIR)$(DATADIR)/scenarios/examples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/budgetsim $(DESTDIR)$(MAN1DIR)/budgetsim.1
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(DOC_FILES) $(DOC_DOCS))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(SCENARIO_FILES) $(EXAMPLE_FILES))
	-rmdir $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/scenarios/examples \
	  $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR) 2>/dev/null

# make install and make uninstall into a temporary DESTDIR.
test-install: budgetsim
	MAKE="$(MAKE)" bash tests/install.sh

# Every command and each of its options (sim/cli/cmd_*.c) in the man page.
test-man: budgetsim
	bash tests/man.sh budgetsim.1

clean:
	rm -rf build build-san build-fuzz budgetsim plots/liverpool

# ---- fuzzing (libFuzzer) ----
# make fuzz              run each harness for FUZZ_SECONDS (default 300), one after
#                        another on one core; FUZZERS=reader_mem runs only that one
# make test-fuzz         run each briefly (part of make test); a crash fails
# reader_mem is the reader in memory (the fast one), reader the reader on disk.
# Harnesses are in tests/fuzz/; the library is built again with clang into
# build-fuzz/. New inputs go to build-fuzz/corpus-NAME/, crashes to
# build-fuzz/crash-*; the seeds are the scenario files, tests/fuzz/include-seeds/,
# set-seeds/ and args-seeds/; the words of the format are in
# tests/fuzz/scenario.dict, those of the option values in tests/fuzz/args.dict.
FUZZ_SECONDS ?= 300
FUZZ_BRIEF   ?= 7
FUZZERS      := reader_mem reader set quote args
FUZZ_SEEDS_reader := scenarios tests/bad tests/fuzz/include-seeds
FUZZ_SEEDS_reader_mem := $(FUZZ_SEEDS_reader)
FUZZ_SEEDS_set    := tests/fuzz/set-seeds
FUZZ_SEEDS_quote  := tests/fuzz/set-seeds
FUZZ_SEEDS_args   := tests/fuzz/args-seeds
# reader_mem mutates inputs of up to 8 kB (a scenario of about 250 settings,
# every part of the format): larger ones cost libconfig 1.5 time that grows
# with the square of a group's size (config_setting_add compares each new
# name with the group's), and three times fewer inputs a second. The limit
# files and the other large inputs (up to the reader's 4 MB) are the disk
# harness's, reader, which takes any length.
FUZZ_MAXLEN_reader_mem := 8192
FUZZ_RUN = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h build-fuzz/libbudgetsim.a
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Isim $< build-fuzz/libbudgetsim.a \
	  -o $@ $(PKG_LIBS) -lm -lpthread

fuzz-build: $(FUZZERS:%=build-fuzz/fuzz_%)

# $(1): seconds for each harness
define fuzz_each
	@for t in $(FUZZERS); do \
	  mkdir -p build-fuzz/corpus-$$t; \
	  dict=-dict=tests/fuzz/scenario.dict; lim=; \
	  case $$t in reader) seeds="$(FUZZ_SEEDS_reader)";; \
	    reader_mem) seeds="$(FUZZ_SEEDS_reader)"; lim=-max_len=$(FUZZ_MAXLEN_reader_mem);; set) seeds="$(FUZZ_SEEDS_set)";; \
	    args) seeds="$(FUZZ_SEEDS_args)"; dict=-dict=tests/fuzz/args.dict;; *) seeds="$(FUZZ_SEEDS_quote)"; dict=;; esac; \
	  echo "fuzz $$t: $(1) s"; \
	  $(FUZZ_RUN) ./build-fuzz/fuzz_$$t -max_total_time=$(1) -timeout=20 -print_final_stats=1 $$dict $$lim \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus-$$t $$seeds > build-fuzz/fuzz_$$t.log 2>&1 || \
	    { tail -n 60 build-fuzz/fuzz_$$t.log; echo "fuzz $$t: crash (input in build-fuzz/, log in build-fuzz/fuzz_$$t.log)"; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' build-fuzz/fuzz_$$t.log | tr '\n' ' '; \
	  grep -oE 'cov: [0-9]+ ft: [0-9]+' build-fuzz/fuzz_$$t.log | tail -n 1; \
	done
endef

fuzz: deps fuzz-build
	$(call fuzz_each,$(FUZZ_SECONDS))

test-fuzz: fuzz-build
	$(call fuzz_each,$(FUZZ_BRIEF))
