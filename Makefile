# govpub — build, sample site, tests, benchmarks.  See README.md.
#   make            build build/govpub
#   make deps       install missing Debian packages and npm tools
#   make site       deps + govpub + the sample portal published into out/ (govpub publish)
#   make test       deps + every test, then again under ASan/UBSan, unit tests under valgrind
#   make fuzz       every fuzz target for FUZZ_TIME seconds (clang, libFuzzer; docs/fuzzing.md)
#   make bench      govpub beside Hugo, ripgrep and Pagefind (see docs/performance.md)
#   make sign-samples  re-sign the sample portal's reviews with its sample keys
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS    := libcmark-gfm yaml-0.1 libcrypto libsodium cairo freetype2 libpcre2-8 libutf8proc opencc libmicrohttpd zlib libbrotlienc libbrotlidec
VERSION := 0.1.0

# Opened by the commands that use them (generator/lazylib.h), not linked:
# their sonames as the build finds them.
LAZY_PKGS  := opencc libmicrohttpd cairo freetype2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null)
soname = $(or $(shell objdump -p "$$(pkg-config --variable=libdir $(1) 2>/dev/null)/$(2)" 2>/dev/null | \
                      awk '/SONAME/ {print $$2}'),$(3))
LAZY_CFLAGS := -DLAZYLIB_MHD_SONAME='"$(call soname,libmicrohttpd,libmicrohttpd.so,libmicrohttpd.so.12)"' \
               -DLAZYLIB_OPENCC_SONAME='"$(call soname,opencc,libopencc.so,libopencc.so.1.1)"' \
               -DLAZYLIB_CAIRO_SONAME='"$(call soname,cairo,libcairo.so,libcairo.so.2)"' \
               -DLAZYLIB_FREETYPE_SONAME='"$(call soname,freetype2,libfreetype.so,libfreetype.so.6)"'

CFLAGS  ?= -O2 -g
# CFLAGS is the user's (the sanitizer pass sets it); the project's own flags
# are always added.
ALL_CFLAGS = $(CFLAGS) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread \
           -DGOVPUB_VERSION='"$(VERSION)"' -DGOVPUB_DATADIR='"$(PREFIX)/share/govpub"' \
           $(PKG_CFLAGS) $(LAZY_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread -lm
LDFLAGS ?=

BUILD   ?= build
SRCS    := $(sort $(wildcard generator/*.c))
OBJS    := $(SRCS:generator/%.c=$(BUILD)/obj/%.o)
LIBOBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps site test test-fast test-valgrind unit bench install clean sign-samples fuzz fuzz-bins fuzz-replay
# The sample portal's trust anchor (SAMPLE keys: see samples/keys/README.md).
SAMPLE_TRUST := samples/keys/trust.pub
all: $(BUILD)/govpub

$(BUILD)/obj/%.o: generator/%.c $(wildcard generator/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/govpub: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LDLIBS)

unit: $(UNIT_BINS) $(BUILD)/tests/sshsig_tool $(BUILD)/tests/enospc.so $(BUILD)/tests/md_floor $(BUILD)/tests/sign_site \
      $(BUILD)/tests/write_tree

# sshsig_tool with the tests' in-process Ed25519 signer (tests/tools/ed25519_signer.h).
$(BUILD)/tests/sshsig_tool: tests/unit/sshsig_tool.c tests/tools/ed25519_signer.c tests/tools/ed25519_signer.h $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igenerator -Itests/tools $(LDFLAGS) -o $@ $< tests/tools/ed25519_signer.c $(LIBOBJS) $(LDLIBS)

# The bench's site signer (tests/bench/sign_site.c: every document approved
# in-process, for the publishing builds of `make bench`).
$(BUILD)/tests/sign_site: tests/bench/sign_site.c tests/tools/ed25519_signer.c tests/tools/ed25519_signer.h $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igenerator -Itests/tools $(LDFLAGS) -o $@ $< tests/tools/ed25519_signer.c $(LIBOBJS) $(LDLIBS)

# The Markdown floor of `make bench` (cmark-gfm alone on the bench corpus,
# docs/performance.md): linked like govpub, not part of it.
$(BUILD)/tests/md_floor: tests/bench/md_floor.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

# The full-disk shim of tests/cli/hostile_enospc.sh (LD_PRELOAD): built
# without the sanitizers whatever CFLAGS say (it is not part of govpub).
$(BUILD)/tests/enospc.so: tests/tools/enospc.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -std=c11 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl

# The file system's floor under a build (docs/performance.md, "100k pages"):
# a measuring tool, not a test.
$(BUILD)/tests/write_tree: tests/tools/write_tree.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -pthread -o $@ $<

# The fuzz targets (tests/fuzz/fuzz_<name>.c, docs/fuzzing.md).  Linked with
# replay.c, the standalone driver, they replay the committed corpora and
# crashes in `make test` (tests/cli/fuzz.sh) with the normal compiler; linked
# with libFuzzer by clang they are what `make fuzz` runs.
FUZZ_SRCS   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES  := $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_COMMON := tests/fuzz/util.c tests/fuzz/fuzz.h
FUZZ_TIME   ?= 600
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all -DARENA_DEBUG

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< tests/fuzz/replay.c tests/fuzz/util.c $(LIBOBJS) $(LDLIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< tests/fuzz/util.c $(LIBOBJS) $(LDLIBS)

fuzz-replay: $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

# Builds the targets with clang and libFuzzer in build/fuzz, then runs each,
# one at a time under nice, on its corpus (FUZZ_TARGETS="csv markdown" for
# some of them).  See tests/fuzz/run.sh.
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang CFLAGS='$(FUZZ_CFLAGS)' \
	  LDFLAGS='-fsanitize=fuzzer,address,undefined' fuzz-bins
	@FUZZ_TIME=$(FUZZ_TIME) sh tests/fuzz/run.sh build/fuzz/fuzz $(or $(FUZZ_TARGETS),$(FUZZ_NAMES))

deps:
	@sh tests/tools/deps.sh

site: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/govpub publish --trust $(SAMPLE_TRUST)

# Re-sign the sample documents (after editing them) with the sample keys.
sign-samples: all
	@GOVPUB=$(BUILD)/govpub sh tests/tools/sign-samples.sh

# The whole suite, then the same suite built with ASan+UBSan (and the arena in
# malloc mode so the sanitizers see every object).
test: deps
	@BROWSER=1 $(MAKE) --no-print-directory test-fast
	@$(MAKE) --no-print-directory BUILD=build/asan \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -DARENA_DEBUG' \
	  LDFLAGS='-fsanitize=address,undefined' test-fast
	@$(MAKE) --no-print-directory test-valgrind

# The unit tests under valgrind's memcheck: no invalid access, no use of
# uninitialised memory, no leak.  PCRE2's JIT is off for it (valgrind cannot
# follow JIT code).  Prints `ok valgrind <test>` / `FAIL valgrind <test>`.
test-valgrind: unit
	@fails=0; for t in $(UNIT_BINS); do \
	  if GOVPUB_PCRE2_JIT=0 valgrind -q --error-exitcode=99 --leak-check=full \
	       --errors-for-leak-kinds=definite $$t >$(BUILD)/valgrind.log 2>&1; then \
	    echo "ok valgrind $$(basename $$t)"; \
	  else echo "FAIL valgrind $$(basename $$t):"; grep -E '^(==|FAIL)' $(BUILD)/valgrind.log | head -20; fails=1; fi; \
	done; [ $$fails -eq 0 ]

test-fast: all unit fuzz-replay
	@BUILD=$(BUILD) sh tests/run.sh

bench: deps all unit
	@sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/govpub/themes
	install -m 755 $(BUILD)/govpub $(DESTDIR)$(PREFIX)/bin/govpub
	cp -R themes/default $(DESTDIR)$(PREFIX)/share/govpub/themes/
	install -d $(DESTDIR)$(PREFIX)/share/govpub/words
	cp -R words/wording words/privacy $(DESTDIR)$(PREFIX)/share/govpub/words/

clean:
	rm -rf build
