# Makefile for planner.  `make` builds build/planner; `make test` runs every test;
# `make demo` evaluates the seed store, writes its plan and a batch report.
# Every target that builds first runs .ci/install-deps (once per build directory).
# Sources are picked up by wildcard: a new models/*.c, planner/*.c, tests/unit/test_*.c
# or tests/e2e/*.sh needs no edit here.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS     = libxml-2.0 gsl pangocairo jansson xlsxwriter libzip
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
OPT     ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DPLANNER_DATADIR='"$(PREFIX)/share/planner"' -Imodels
CFLAGS  += $(WARN) $(OPT) $(SANITIZE)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lm

MODEL_SRC   = $(wildcard models/*.c)
PLANNER_SRC = $(wildcard planner/*.c)
UNIT_SRC    = $(wildcard tests/unit/test_*.c)
MODEL_OBJ   = $(MODEL_SRC:%.c=$(BUILD)/obj/%.o)
PLANNER_OBJ = $(PLANNER_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEPS_OK     = $(BUILD)/.deps-ok

.PHONY: all test unit e2e demo asan valgrind bench fuzz install clean deps
all: $(BUILD)/planner

$(DEPS_OK):
	@./.ci/install-deps
	@mkdir -p $(BUILD) && touch $@
deps: $(DEPS_OK)

$(BUILD)/obj/%.o: %.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libmodels.a: $(MODEL_OBJ)
	@rm -f $@; $(AR) rcs $@ $^

# everything of planner/ but main(), so that unit tests can link the renderers too
$(BUILD)/libplanner.a: $(filter-out $(BUILD)/obj/planner/main.o,$(PLANNER_OBJ))
	@rm -f $@; $(AR) rcs $@ $^

$(BUILD)/planner: $(BUILD)/obj/planner/main.o $(BUILD)/libplanner.a $(BUILD)/libmodels.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libplanner.a $(BUILD)/libmodels.a $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) -Iplanner $(PKG_CFLAGS) $(CFLAGS) -o $@ $< \
		$(BUILD)/libplanner.a $(BUILD)/libmodels.a $(LDLIBS) -lcmocka

# Unit tests (cmocka) and end-to-end tests of the command line; tests/run.sh prints
# the closing "N passed, N failed" line and exits non-zero on any failure.
test: $(BUILD)/planner $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

demo: $(BUILD)/planner
	@mkdir -p demo
	$(BUILD)/planner evaluate samples/wenqi.xml --region samples/yancheng.xml
	$(BUILD)/planner plan samples/wenqi.xml --region samples/yancheng.xml -o demo/wenqi-plan.pdf
	$(BUILD)/planner plan samples/wenqi.xml --region samples/yancheng.xml -o demo/wenqi-plan.png
	$(BUILD)/planner batch samples/yancheng.xml --out demo/batch --force
	@echo "demo: wrote demo/wenqi-plan.pdf, demo/wenqi-plan.png and demo/batch/"

# ASan + UBSan build of the whole suite, in its own build directory.
# Memory that fontconfig, cairo, pango and glib keep until exit is suppressed
# (tests/lsan.supp, tests/valgrind.supp); planner's own leaks still fail.
asan:
	LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0" \
	$(MAKE) BUILD=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
		SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' test

valgrind: $(BUILD)/planner
	@BUILD=$(BUILD) VALGRIND=1 VALGRIND_OPTS="--suppressions=$(CURDIR)/tests/valgrind.supp" \
		sh tests/run.sh e2e

# tests/bench_plan.sh times plans after loading with tests/bench/bench_plan.c
$(BUILD)/bench_plan: tests/bench/bench_plan.c $(BUILD)/libplanner.a $(BUILD)/libmodels.a $(DEPS_OK)
	@echo "  CC  $<"; $(CC) $(CPPFLAGS) -Iplanner $(PKG_CFLAGS) $(CFLAGS) -o $@ $< \
		$(BUILD)/libplanner.a $(BUILD)/libmodels.a $(LDLIBS)

bench: $(BUILD)/planner $(BUILD)/bench_plan
	@BUILD=$(BUILD) sh tests/bench.sh

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) for the reader and the classifier, built
# with clang + ASan + UBSan into build-fuzz/ and run FUZZ_SECONDS each.  The corpora
# grow in build-fuzz/corpus-*; a crash leaves its input in build-fuzz/crash-*.
FUZZ_SECONDS ?= 60
FUZZ_CC     ?= clang
FUZZ_FLAGS   = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
fuzz: $(DEPS_OK)
	@mkdir -p build-fuzz/corpus-reader build-fuzz/corpus-classify build-fuzz/seeds-reader
	$(FUZZ_CC) $(CPPFLAGS) -DSCHEMA_PATH='"$(CURDIR)/schema/planner.xsd"' $(PKG_CFLAGS) \
		$(WARN) $(FUZZ_FLAGS) -o build-fuzz/fuzz_reader tests/fuzz/fuzz_reader.c $(MODEL_SRC) $(LDLIBS)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(FUZZ_FLAGS) \
		-o build-fuzz/fuzz_classify tests/fuzz/fuzz_classify.c $(MODEL_SRC) $(LDLIBS)
	cp samples/wenqi.xml tests/bad/*.xml tests/fuzz/seeds-reader/*.xml build-fuzz/seeds-reader/
	build-fuzz/fuzz_reader -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
		-rss_limit_mb=1024 -dict=tests/fuzz/xml.dict -artifact_prefix=build-fuzz/ \
		build-fuzz/corpus-reader build-fuzz/seeds-reader
	build-fuzz/fuzz_classify -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-artifact_prefix=build-fuzz/ build-fuzz/corpus-classify tests/fuzz/seeds-classify

# the bash completion script, made by the binary from its own option tables
$(BUILD)/planner.bash: $(BUILD)/planner
	$(BUILD)/planner completion bash > $@.tmp && mv $@.tmp $@

install: $(BUILD)/planner $(BUILD)/planner.bash
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/planner/templates \
		$(DESTDIR)$(PREFIX)/share/planner/schema $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/planner $(DESTDIR)$(PREFIX)/bin/planner
	install -m 644 templates/* $(DESTDIR)$(PREFIX)/share/planner/templates/
	install -m 644 schema/planner.xsd $(DESTDIR)$(PREFIX)/share/planner/schema/
	install -m 644 planner.1 $(DESTDIR)$(PREFIX)/share/man/man1/planner.1
	install -m 644 $(BUILD)/planner.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/planner

clean:
	rm -rf build build-asan build-fuzz demo

-include $(MODEL_OBJ:.o=.d) $(PLANNER_OBJ:.o=.d)
