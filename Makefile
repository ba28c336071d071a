# budgetsim - a budget what-if simulator for a council.
#
#   make          build ./budgetsim
#   make demo     install missing Debian packages, build, run the Liverpool comparison
#   make test     install missing packages, build, run every test (and again under ASan+UBSan)
#   make install PREFIX=/usr/local DESTDIR=
#   make fuzz     run the libFuzzer harnesses (tests/fuzz/) for FUZZ_SECONDS each (default 300)
#   make test-valgrind  the golden tests under valgrind (slow)
#   make bench    time a 1000 x 1000 sweep (and Monte Carlo draws): points a second, peak memory
#   make docs     regenerate the settings reference in docs/ and budgetsim.1

CC      ?= cc
PKGS    := gsl libconfig jansson
CSTD    := -std=c11 -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
PREFIX  ?= /usr/local
DESTDIR ?=

LIB_SRC := sim/util.c sim/args.c sim/schema.c sim/reader.c sim/budget.c sim/table.c sim/output.c sim/vote.c sim/ballot.c sim/vote_output.c sim/plot.c sim/report.c sim/solve.c sim/solve_output.c sim/bind.c sim/guard.c sim/stage.c sim/fastvote.c sim/sweep.c sim/sensitivity.c sim/sensitivity_output.c sim/montecarlo.c sim/montecarlo_output.c
LIB_OBJ := $(LIB_SRC:sim/%.c=build/%.o)
HDRS    := $(wildcard sim/*.h)

.PHONY: all deps demo test test-unit test-golden test-plot test-sweep test-output test-access test-valgrind test-sanitize install docs clean check-docs bench

all: budgetsim

build/%.o: sim/%.c $(HDRS) | build
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

build:
	mkdir -p build

budgetsim: $(LIB_OBJ) build/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

deps:
	@sh scripts/install-deps

demo: deps
	@$(MAKE) --no-print-directory budgetsim
	./budgetsim compare scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg
	./budgetsim vote scenarios/liverpool-2022-adopted.cfg
	./budgetsim report scenarios/liverpool-2022-adopted.cfg scenarios/liverpool-2022-no-cuts.cfg -o plots/liverpool
	@echo "Charts and the report are in plots/liverpool/ (open plots/liverpool/report.html)."

# ---- tests ----
test: deps
	@$(MAKE) --no-print-directory test-unit test-golden test-plot test-sweep test-output test-access check-docs test-fuzz
	@$(MAKE) --no-print-directory test-sanitize

# Unit tests (cmocka): one program per tests/test_NAME.c.
UNIT := model vote solve bind fastvote sensitivity montecarlo sweep guard args
CMOCKA = $(shell pkg-config --cflags --libs cmocka)

build/test_%: tests/test_%.c $(LIB_OBJ) $(HDRS) | build
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isim $< $(LIB_OBJ) -o $@ $(PKG_LIBS) $(CMOCKA) -lm

test-unit: $(UNIT:%=build/test_%)
	@for t in $(UNIT); do ./build/test_$$t || exit 1; done

build/fmtcheck: tests/fmtcheck.c | build
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) $< -o $@ $(PKG_LIBS)

# Charts and reports with the real gnuplot.
test-plot: budgetsim
	bash tests/plot.sh ./budgetsim

# sweep: the same bytes whatever the threads or shards; rows against single runs; charts.
test-sweep: budgetsim
	bash tests/sweep.sh ./budgetsim

# Output that cannot be written (full device, closed pipe, bad -o): exit 3, one line.
test-output: budgetsim
	bash tests/output.sh ./budgetsim

# Folders and files the program may not use (run as an unprivileged user),
# a full tmpfs, unreadable inputs, devices and FIFOs (needs root; else SKIP).
test-access: budgetsim
	bash tests/access.sh ./budgetsim

# The golden tests under valgrind: no leak, no error (slow; not part of make test).
test-valgrind: budgetsim build/fmtcheck
	VALGRIND=1 bash tests/golden.sh ./budgetsim

# A fixed workload, timed (see scripts/bench): a 1000 x 1000 sweep, 1,000,000 Monte Carlo draws.
bench: budgetsim
	sh scripts/bench ./budgetsim

test-golden: budgetsim build/fmtcheck
	bash tests/golden.sh ./budgetsim

# The whole suite again, built with AddressSanitizer and UBSan.
test-sanitize: build/fmtcheck
	$(MAKE) --no-print-directory \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  build-san/budgetsim $(UNIT:%=build-san/test_%)
	@for t in $(UNIT); do ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./build-san/test_$$t || exit 1; done
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 bash tests/golden.sh ./build-san/budgetsim
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 bash tests/plot.sh ./build-san/budgetsim
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 bash tests/sweep.sh ./build-san/budgetsim
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 bash tests/output.sh ./build-san/budgetsim
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 bash tests/access.sh ./build-san/budgetsim

SAN_OBJ := $(LIB_SRC:sim/%.c=build-san/%.o)
build-san/%.o: sim/%.c $(HDRS)
	@mkdir -p build-san
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@
build-san/budgetsim: $(SAN_OBJ) build-san/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lm
build-san/test_%: tests/test_%.c $(SAN_OBJ) $(HDRS)
	$(CC) $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isim $< $(SAN_OBJ) -o $@ $(PKG_LIBS) $(CMOCKA) -lm

# ---- docs ----
docs: budgetsim
	sh scripts/make-docs ./budgetsim

check-docs: budgetsim
	sh scripts/make-docs ./budgetsim --check

install: budgetsim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 budgetsim $(DESTDIR)$(PREFIX)/bin/budgetsim
	install -m 644 budgetsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/budgetsim.1

clean:
	rm -rf build build-san build-fuzz budgetsim plots/liverpool

# ---- fuzzing (libFuzzer) ----
# make fuzz              run each harness for FUZZ_SECONDS (default 300)
# make test-fuzz         run each briefly (part of make test); a crash fails
# Harnesses are in tests/fuzz/; the library is built again with clang into
# build-fuzz/. New inputs go to build-fuzz/corpus-NAME/, crashes to
# build-fuzz/crash-*; the seeds are the scenario files, tests/fuzz/include-seeds/,
# set-seeds/ and args-seeds/; the words of the format are in
# tests/fuzz/scenario.dict, those of the option values in tests/fuzz/args.dict.
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -O1 -g $(FUZZ_SAN)
FUZZ_SECONDS ?= 300
FUZZ_BRIEF   ?= 7
FUZZERS      := reader set quote args
FUZZ_OBJ     := $(LIB_SRC:sim/%.c=build-fuzz/%.o)
FUZZ_SEEDS_reader := scenarios tests/bad tests/fuzz/include-seeds
FUZZ_SEEDS_set    := tests/fuzz/set-seeds
FUZZ_SEEDS_quote  := tests/fuzz/set-seeds
FUZZ_SEEDS_args   := tests/fuzz/args-seeds
FUZZ_RUN = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

.PHONY: fuzz fuzz-build test-fuzz
.SECONDARY: $(FUZZ_OBJ)    # keep the objects: they are only reached through a pattern rule

build-fuzz/%.o: sim/%.c $(HDRS)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(FUZZ_OBJ) $(HDRS)
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Isim $< $(FUZZ_OBJ) -o $@ $(PKG_LIBS) -lm

fuzz-build: $(FUZZERS:%=build-fuzz/fuzz_%)

# $(1): seconds for each harness
define fuzz_each
	@for t in $(FUZZERS); do \
	  mkdir -p build-fuzz/corpus-$$t; \
	  dict=-dict=tests/fuzz/scenario.dict; \
	  case $$t in reader) seeds="$(FUZZ_SEEDS_reader)";; set) seeds="$(FUZZ_SEEDS_set)";; \
	    args) seeds="$(FUZZ_SEEDS_args)"; dict=-dict=tests/fuzz/args.dict;; *) seeds="$(FUZZ_SEEDS_quote)"; dict=;; esac; \
	  echo "fuzz $$t: $(1) s"; \
	  $(FUZZ_RUN) ./build-fuzz/fuzz_$$t -max_total_time=$(1) -timeout=20 -print_final_stats=1 $$dict \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus-$$t $$seeds > build-fuzz/fuzz_$$t.log 2>&1 || \
	    { tail -n 60 build-fuzz/fuzz_$$t.log; echo "fuzz $$t: crash (input in build-fuzz/, log in build-fuzz/fuzz_$$t.log)"; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' build-fuzz/fuzz_$$t.log | tr '\n' ' '; echo; \
	done
endef

fuzz: deps fuzz-build
	$(call fuzz_each,$(FUZZ_SECONDS))

test-fuzz: fuzz-build
	$(call fuzz_each,$(FUZZ_BRIEF))
