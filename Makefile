# Makefile for planner.  `make` builds build/planner; `make test` runs every test;
# `make demo` evaluates the seed store, writes its plan and a batch report.
# Every target first runs .ci/install-deps for the packages it needs (once per build
# directory): `make` only what building needs, `make test` also cmocka and poppler, ...
# Sources are picked up by wildcard: a new models/*.c, planner/*.c, tests/unit/test_*.c
# or tests/e2e/*.sh needs no edit here.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS     = libxml-2.0 gsl pangocairo jansson xlsxwriter libzip libpng zlib libdeflate fontconfig
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT     ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DPLANNER_DATADIR='"$(PREFIX)/share/planner"' -Imodels
CFLAGS  += $(WARN) $(OPT) $(SANITIZE) -pthread
LDFLAGS += -pthread
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lm

MODEL_SRC   = $(wildcard models/*.c)
PLANNER_SRC = $(wildcard planner/*.c)
UNIT_SRC    = $(wildcard tests/unit/test_*.c)
MODEL_OBJ   = $(MODEL_SRC:%.c=$(BUILD)/obj/%.o)
PLANNER_OBJ = $(PLANNER_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEPS_OK     = $(BUILD)/.deps-build
# Noto Sans CJK SC cut down to the common characters (see fonts/subset.sh), in the
# build directory: build/planner finds them in build/fonts, `make install` copies them
FONTS       = $(BUILD)/fonts/planner-subset-Regular.otf

.PHONY: all test unit e2e demo asan valgrind clang bench fuzz fuzz-reader fuzz-classify install clean deps
all: $(BUILD)/planner $(FONTS)

# $(BUILD)/.deps-MODE: the packages of `.ci/install-deps MODE` were there (order-only
# prerequisites: touching a stamp rebuilds nothing).  One apt-get at a time under -j.
$(DEPS_OK):
	@./.ci/install-deps build
	@mkdir -p $(BUILD) && touch $@
$(BUILD)/.deps-%: | $(DEPS_OK)
	@./.ci/install-deps $*
	@mkdir -p $(BUILD) && touch $@
deps: $(DEPS_OK)

# Profile-guided and link-time optimisation (a gcc that accepts the flags below, as
# Debian 12's gcc 12 does; not for sanitizer builds; PGO=no turns both off).  The
# objects are first compiled with counters into $(BUILD)/pgo, and that planner
# evaluates and batches a generated region of 30,000 stores; the real objects are then
# compiled with the counts (-fprofile-use): the branches taken laid out straight, the
# calls made most inlined.  Both passes name a
# file's counts after its source (-dumpbase), so the counts of one object find the
# other.  A changed source counts again (a few seconds), then every object is compiled
# anew.  README ("Two commands", "Architecture") has what it costs and gains.
PGO_CAN := $(shell $(CC) -v 2>&1 | grep -q '^gcc version' && \
	$(CC) -fprofile-prefix-path=/ -fprofile-partial-training -flto=auto -E -x c /dev/null \
	>/dev/null 2>&1 && echo yes)
PGO ?= $(if $(SANITIZE),no,$(if $(PGO_CAN),yes,no))
PGO_DIR    = $(BUILD)/pgo
PGO_COUNTS = $(abspath $(PGO_DIR))/counts
PGO_OBJ    = $(MODEL_SRC:%.c=$(PGO_DIR)/obj/%.o) $(PLANNER_SRC:%.c=$(PGO_DIR)/obj/%.o)
PGO_NAME   = -dumpbase $< -fprofile-prefix-path=$(CURDIR)
PGO_GEN    = $(PGO_NAME) -fprofile-generate=$(PGO_COUNTS) -fprofile-update=atomic
# functions the training never ran are compiled as without counts
PGO_USE    = $(PGO_NAME) -fprofile-use=$(PGO_COUNTS) -fprofile-partial-training \
	-Wno-missing-profile
# With the counts, gcc 12 copies a short string of unknown length by an inline
# "rep movsq", slow to start: batch's CSV fields (out_buf_write) spent about 40 % of
# their time on it (perf, 1M region).  memcpy is called instead, where x86 gcc takes
# the flag (the row pass 0.34 -> 0.24 s, median of 8 rounds each).
PGO_MEMCPY := $(shell $(CC) -mmemcpy-strategy=libcall:-1:noalign -E -x c /dev/null \
	>/dev/null 2>&1 && echo -mmemcpy-strategy=libcall:-1:noalign)
ifeq ($(PGO),yes)
PGO_STAMP  = $(PGO_DIR)/counted
# and link-time optimisation of build/planner (the reader's small helpers inlined across
# files); fat objects, so that the unit tests link the same code without it
PGO_FLAGS  = $(PGO_USE) $(PGO_MEMCPY) -flto=auto -ffat-lto-objects
PGO_LINK   = -flto=auto $(PGO_MEMCPY)
endif

$(BUILD)/obj/%.o: %.c $(PGO_STAMP) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(PGO_FLAGS) -MMD -MP -c $< -o $@

$(PGO_DIR)/obj/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC  $< (counting)"; $(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(PGO_GEN) \
		-MMD -MP -c $< -o $@

$(PGO_DIR)/planner: $(PGO_OBJ)
	@$(CC) $(CFLAGS) $(LDFLAGS) -fprofile-generate -o $@ $^ $(LDLIBS)

# The training runs: the split read (evaluate, batch), the one-thread read (evaluate -j1),
# classification and every CSV, JSON and the summary PDF (batch).  Counts of an earlier
# training are removed first: they would add up.
$(PGO_STAMP): $(PGO_DIR)/planner samples/gen_region.py samples/wenqi.xml
	@echo "  PGO counting: evaluate and batch on a generated region of 30,000 stores"
	@rm -rf $(PGO_COUNTS) $(PGO_DIR)/out
	@python3 samples/gen_region.py --stores 30000 --seed 11 -o $(PGO_DIR)/train.xml
	@for run in "evaluate samples/wenqi.xml --region $(PGO_DIR)/train.xml" \
		"evaluate -j1 samples/wenqi.xml --region $(PGO_DIR)/train.xml" \
		"batch $(PGO_DIR)/train.xml --out $(PGO_DIR)/out"; do \
		PLANNER_DATADIR=$(CURDIR) $(PGO_DIR)/planner $$run >$(PGO_DIR)/train.log 2>&1 || { \
		cat $(PGO_DIR)/train.log; \
		echo "make: the counting run 'planner $$run' failed; PGO=no builds without it"; \
		exit 1; }; done
	@touch $@

$(FONTS): fonts/subset.sh fonts/cmap_pua.py fonts/fonts.conf $(wildcard templates/*.txt) | $(DEPS_OK)
	@echo "  FONTS $(BUILD)/fonts"; sh fonts/subset.sh $(BUILD)/fonts

$(BUILD)/libmodels.a: $(MODEL_OBJ)
	@rm -f $@; $(AR) rcs $@ $^

# everything of planner/ but main(), so that unit tests can link the renderers too
$(BUILD)/libplanner.a: $(filter-out $(BUILD)/obj/planner/main.o,$(PLANNER_OBJ))
	@rm -f $@; $(AR) rcs $@ $^

$(BUILD)/planner: $(BUILD)/obj/planner/main.o $(BUILD)/libplanner.a $(BUILD)/libmodels.a
	$(CC) $(CFLAGS) $(PGO_LINK) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libplanner.a $(BUILD)/libmodels.a | $(BUILD)/.deps-test
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) -Iplanner $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
		$(BUILD)/libplanner.a $(BUILD)/libmodels.a $(LDLIBS) -lcmocka

# Unit tests (cmocka) and end-to-end tests of the command line; tests/run.sh prints
# the closing "N passed, N failed" line and exits non-zero on any failure.
test: $(BUILD)/planner $(FONTS) $(UNIT_BIN) | $(BUILD)/.deps-test
	@BUILD=$(BUILD) sh tests/run.sh

unit: $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh unit

demo: $(BUILD)/planner $(FONTS)
	@mkdir -p demo
	$(BUILD)/planner evaluate samples/wenqi.xml --region samples/yancheng.xml
	$(BUILD)/planner plan samples/wenqi.xml --region samples/yancheng.xml -o demo/wenqi-plan.pdf
	$(BUILD)/planner plan samples/wenqi.xml --region samples/yancheng.xml -o demo/wenqi-plan.png
	$(BUILD)/planner batch samples/yancheng.xml --out demo/batch --force
	@echo "demo: wrote demo/wenqi-plan.pdf, demo/wenqi-plan.png and demo/batch/"

# ASan + UBSan build of the whole suite, in its own build directory.
# Memory that fontconfig, cairo, pango and glib keep until exit is suppressed
# (tests/lsan.supp, tests/valgrind.supp); planner's own leaks still fail.
# Stacks are not symbolized (module+offset; ASAN_OPTIONS=symbolize=1 for names): matching
# the font libraries' suppressed leaks would otherwise load libasan's debug information in
# every process that renders, about half of such a run's time.
asan:
	ASAN_OPTIONS="$${ASAN_OPTIONS:-symbolize=0}" \
	LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0" \
	$(MAKE) BUILD=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
		SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' test

# planner under valgrind on the chosen subset of end-to-end runs in tests/valgrind.sh
# (the reasons are there); `VALGRIND=1 sh tests/run.sh e2e` runs all of them (slow).
valgrind: $(BUILD)/planner | $(BUILD)/.deps-valgrind
	@BUILD=$(BUILD) VALGRIND=1 VALGRIND_OPTS="--suppressions=$(CURDIR)/tests/valgrind.supp" \
		sh tests/run.sh tests/valgrind.sh

# tests/bench_plan.sh times plans after loading with tests/bench/bench_plan.c
$(BUILD)/bench_plan: tests/bench/bench_plan.c $(BUILD)/libplanner.a $(BUILD)/libmodels.a | $(DEPS_OK)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) -Iplanner $(PKG_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< \
		$(BUILD)/libplanner.a $(BUILD)/libmodels.a $(LDLIBS)

# The tree and its unit tests built by clang (with -Werror) in build-clang/; CI runs it.
clang: | $(BUILD)/.deps-clang
	$(MAKE) CC=clang BUILD=build-clang all unit

bench: $(BUILD)/planner $(FONTS) $(BUILD)/bench_plan $(BUILD)/bench_png | $(BUILD)/.deps-bench
	@BUILD=$(BUILD) sh tests/bench.sh

# the PNG encoders side by side (tests/bench_plan.sh runs it)
$(BUILD)/bench_png: tests/bench/bench_png.c $(BUILD)/libplanner.a $(BUILD)/libmodels.a | $(DEPS_OK)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) -Iplanner $(PKG_CFLAGS) $(CFLAGS) -o $@ $< \
		$(BUILD)/libplanner.a $(BUILD)/libmodels.a $(LDLIBS)

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) for the reader and the classifier, built
# with clang + ASan + UBSan into build-fuzz/ and run FUZZ_SECONDS each.  The corpora
# grow in build-fuzz/corpus-*; a crash leaves its input in build-fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_CC     ?= clang
FUZZ_FLAGS   = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -pthread
fuzz: fuzz-reader fuzz-classify   # the two at once under make -j (CI's two cores)
fuzz-reader fuzz-classify: | $(BUILD)/.deps-fuzz
fuzz-reader:
	@mkdir -p build-fuzz/corpus-reader build-fuzz/seeds-reader
	$(FUZZ_CC) $(CPPFLAGS) -DSCHEMA_PATH='"$(CURDIR)/schema/planner.xsd"' $(PKG_CFLAGS) \
		$(WARN) $(FUZZ_FLAGS) -o build-fuzz/fuzz_reader tests/fuzz/fuzz_reader.c $(MODEL_SRC) $(LDLIBS)
	cp samples/wenqi.xml tests/bad/*.xml tests/fuzz/seeds-reader/*.xml build-fuzz/seeds-reader/
	build-fuzz/fuzz_reader -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
		-rss_limit_mb=1024 -dict=tests/fuzz/xml.dict -artifact_prefix=build-fuzz/ \
		build-fuzz/corpus-reader build-fuzz/seeds-reader
fuzz-classify:
	@mkdir -p build-fuzz/corpus-classify
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(FUZZ_FLAGS) \
		-o build-fuzz/fuzz_classify tests/fuzz/fuzz_classify.c $(MODEL_SRC) $(LDLIBS)
	build-fuzz/fuzz_classify -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-artifact_prefix=build-fuzz/ build-fuzz/corpus-classify tests/fuzz/seeds-classify

# the bash completion script, made by the binary from its own option tables
$(BUILD)/planner.bash: $(BUILD)/planner
	$(BUILD)/planner completion bash > $@.tmp && mv $@.tmp $@

install: $(BUILD)/planner $(BUILD)/planner.bash $(FONTS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/planner/templates \
		$(DESTDIR)$(PREFIX)/share/planner/schema $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/planner/fonts \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 $(BUILD)/fonts/fonts.conf $(BUILD)/fonts/planner-core-*.otf \
		$(BUILD)/fonts/planner-subset-*.otf $(BUILD)/fonts/planner-extra-*.otf \
		$(DESTDIR)$(PREFIX)/share/planner/fonts/
	install -m 755 $(BUILD)/planner $(DESTDIR)$(PREFIX)/bin/planner
	install -m 644 templates/* $(DESTDIR)$(PREFIX)/share/planner/templates/
	install -m 644 schema/planner.xsd $(DESTDIR)$(PREFIX)/share/planner/schema/
	install -m 644 planner.1 $(DESTDIR)$(PREFIX)/share/man/man1/planner.1
	install -m 644 $(BUILD)/planner.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/planner

clean:
	rm -rf build build-asan build-clang build-fuzz demo

-include $(MODEL_OBJ:.o=.d) $(PLANNER_OBJ:.o=.d) $(PGO_OBJ:.o=.d)
