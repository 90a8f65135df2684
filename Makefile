# Service-guide kiosk — build, run, test.
#
# Folders under src/ (DESIGN.md "Layers"), each a static library of every .c
# file in it, lowest first; LAYER_DEPS_x lists the folders x may include.
# A folder is compiled with -I$(B)/inc/x only, a directory holding links to
# exactly those folders, so `#include "screens/screens.h"` in base/ fails to
# build; `make check-layers` checks the same table (and no "../", no SDL in
# the SDL-free folders) without building.

PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
B        := build

# Debian packages the build and the tests need (see `make deps`).
DEB_BUILD := build-essential pkg-config libsdl2-dev libsdl2-ttf-dev \
	libsdl2-image-dev libsqlite3-dev libunibreak-dev libsodium-dev \
	libcurl4-openssl-dev libfontconfig-dev fonts-noto-cjk fonts-hanazono \
	libbz2-dev unicode-data libqrencode-dev zlib1g-dev \
	libcjson-dev libinih-dev libpng-dev
DEB_TEST  := libcmocka-dev clang libclang-rt-14-dev sqlite3 xvfb xdotool cage \
	imagemagick unicode-data nginx-light openssl curl prometheus \
	tesseract-ocr tesseract-ocr-chi-sim \
	espeak-ng sox zbar-tools cups printer-driver-cups-pdf poppler-utils \
	xwayland python3 mmdebstrap mount e2fsprogs dosfstools mtools udev
# ... and what only `make bench` needs (the peer_chromium step).
DEB_BENCH := chromium

# The version of kiosk, kioskctl and the .deb: the one definition (the code
# gets it as -DKIOSK_VERSION, dist/make-deb.sh as an argument).
VERSION := 1.0.0

LAYERS := base guide store search update ops text ui model screens gfx app tools
LAYER_DEPS_base    :=
LAYER_DEPS_guide   := base
LAYER_DEPS_store   := base guide
LAYER_DEPS_search  := base guide store
LAYER_DEPS_update  := base guide store
LAYER_DEPS_ops     := base guide store update
LAYER_DEPS_text    := base
LAYER_DEPS_ui      := base text
LAYER_DEPS_model   := base guide store search update ops text ui
LAYER_DEPS_gfx     := base guide text ui
LAYER_DEPS_screens := base guide store search update ops text ui model
LAYER_DEPS_app     := base guide store search update ops text ui model screens gfx
LAYER_DEPS_tools   := base guide store search update ops
# Folders that must not include SDL (checked by check-layers).
LAYERS_NO_SDL      := base guide store search update ops text ui model screens tools
# pkg-config packages whose headers each folder may use.
LAYER_PKG_base    := inih
LAYER_PKG_guide   :=
LAYER_PKG_store   := sqlite3 libcjson
LAYER_PKG_search  := sqlite3
LAYER_PKG_update  := sqlite3 libsodium libcurl libcjson
LAYER_PKG_ops     := sqlite3
LAYER_PKG_text    := libunibreak
LAYER_PKG_ui      := libunibreak
LAYER_PKG_model   := libunibreak sqlite3 libsodium libcurl libqrencode
LAYER_PKG_gfx     := libunibreak sdl2 SDL2_ttf SDL2_image fontconfig libqrencode libpng zlib
LAYER_PKG_screens := libunibreak sqlite3 libsodium libcurl
LAYER_PKG_app     := $(LAYER_PKG_gfx) sqlite3 libsodium libcurl
LAYER_PKG_tools   := sqlite3 libsodium libcurl
# Link order: a library before the ones it uses.
LIBS_KIOSK := screens model gfx ui text ops update search store guide base
LIBS_CTL   := ops update search store guide base
PKG_ALL    := inih libcjson sqlite3 libsodium libcurl libunibreak sdl2 SDL2_ttf SDL2_image fontconfig libqrencode libpng zlib

pc_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pc_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter
CSTD     := -std=c11 -D_GNU_SOURCE -DKIOSK_VERSION='"$(VERSION)"'
OPT      ?= -O2 -g
# $(call layer_cflags,FLAVOUR-DIR,LAYER)
layer_cflags = $(CSTD) $(WARN) $(OPT) -I$(1)/inc/$(2) $(call pc_cflags,$(LAYER_PKG_$(2)))
# Tests and bench programs may include every folder.
CFLAGS_TEST := $(CSTD) $(WARN) $(OPT) -Isrc $(call pc_cflags,$(PKG_ALL))
# libcurl is compiled against but not linked: update/fetch.c opens it on
# first use (dlopen), so a start does not map and relocate its 24 libraries.
LIBS_ALL := $(call pc_libs,$(filter-out libcurl,$(PKG_ALL))) -lbz2 -lm -lpthread -ldl
# Link only the libraries a program uses (a no-op where the toolchain
# already defaults to it) and optimise the output's symbol hash tables.
LDFLAGS  ?= -Wl,--as-needed -Wl,-O1
# Unit tests of the SDL-free folders (the screens' draws, the App's state
# machines) are built without SDL: no SDL header on the include path, no
# SDL library linked, so they show the screens run without it.
UNIT_NOSDL   := test_screens test_app
LIBS_NOSDL   := screens model ui text ops update search store guide base
PKG_NOSDL    := inih libcjson sqlite3 libsodium libcurl libunibreak libqrencode
CFLAGS_NOSDL := $(CSTD) $(WARN) $(OPT) -Isrc $(call pc_cflags,$(PKG_NOSDL))
LIBS_NOSDL_LD := $(call pc_libs,$(filter-out libcurl,$(PKG_NOSDL))) -lbz2 -lm -lpthread -ldl

SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

layer_src = $(sort $(wildcard src/$(1)/*.c))
HDRS      := $(wildcard src/*/*.h)
TESTS     := $(sort $(wildcard tests/unit/test_*.c))
# Fixtures the unit tests share (tests/unit/*.h).
TEST_HDRS := $(wildcard tests/unit/*.h)

# $(call objs,PREFIX,SRC)
objs = $(patsubst src/%.c,$(1)/obj/%.o,$(2))
# $(call libs,PREFIX,LAYERS)
libs = $(patsubst %,$(1)/lib%.a,$(2))

.PHONY: all run test test-only bench fuzz deps deps-test deps-bench clean install deb guides-bundle check-layers print-layer-cflags
all: $(B)/kiosk $(B)/kioskctl

# --- one build tree per flavour: $(B) normal, $(B)/asan sanitized --------
# $(call LAYER_RULES,FLAVOUR-DIR,EXTRA-CFLAGS,LAYER)
define LAYER_RULES
$(1)/inc/$(3)/.stamp: Makefile
	@rm -rf $(1)/inc/$(3); mkdir -p $(1)/inc/$(3)
	@for d in $(LAYER_DEPS_$(3)); do ln -s $(CURDIR)/src/$$$$d $(1)/inc/$(3)/$$$$d; done
	@touch $$@
$(1)/obj/$(3)/%.o: src/$(3)/%.c $(HDRS) $(1)/inc/$(3)/.stamp
	@mkdir -p $$(@D)
	@echo "CC $$@"; $$(CC) $$(call layer_cflags,$(1),$(3)) $(2) -c $$< -o $$@
$(1)/lib$(3).a: $(call objs,$(1),$(call layer_src,$(3)))
	@rm -f $$@; echo "AR $$@"; ar rcs $$@ $$^
endef
define FLAVOUR
$(foreach l,$(LAYERS),$(eval $(call LAYER_RULES,$(1),$(2),$(l))))
$(1)/tests/%: tests/unit/%.c $(call libs,$(1),$(LIBS_KIOSK)) $(HDRS) $(TEST_HDRS)
	@mkdir -p $$(@D)
	@echo "LD $$@"; $$(CC) $$(CFLAGS_TEST) $(2) $$< -o $$@ $(call libs,$(1),$(LIBS_KIOSK)) -lcmocka $$(LIBS_ALL)
$(patsubst %,$(1)/tests/%,$(UNIT_NOSDL)): $(1)/tests/%: tests/unit/%.c $(call libs,$(1),$(LIBS_NOSDL)) $(HDRS) $(TEST_HDRS)
	@mkdir -p $$(@D)
	@echo "LD $$@ (no SDL)"; $$(CC) $$(CFLAGS_NOSDL) $(2) $$< -o $$@ $(call libs,$(1),$(LIBS_NOSDL)) -lcmocka $$(LIBS_NOSDL_LD)
endef
$(eval $(call FLAVOUR,$(B),))
$(eval $(call FLAVOUR,$(B)/asan,$(SAN)))

$(B)/kiosk: $(call objs,$(B),$(call layer_src,app)) $(call libs,$(B),$(LIBS_KIOSK))
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(LIBS_ALL)
$(B)/kioskctl: $(call objs,$(B),$(call layer_src,tools)) $(call libs,$(B),$(LIBS_CTL))
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(LIBS_ALL)

# Benchmark programs: tests/bench/*.c, linked like the unit tests.
$(B)/bench/%: tests/bench/%.c $(call libs,$(B),$(LIBS_KIOSK)) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_TEST) $< -o $@ $(call libs,$(B),$(LIBS_KIOSK)) $(LIBS_ALL)
BENCH_BINS := $(patsubst tests/bench/%.c,$(B)/bench/%,$(wildcard tests/bench/*.c))

# A wrong #include fails here without building (tests/layers.sh shows it).
LAYER_SRC ?= src
check-layers:
	@sh tests/check-layers.sh "$(LAYER_SRC)" "$(LAYERS_NO_SDL)" \
	  $(foreach l,$(LAYERS),"$(l):$(LAYER_DEPS_$(l))")
# The flags a folder is compiled with: make -s print-layer-cflags L=base
print-layer-cflags:
	@echo $(call layer_cflags,$(B),$(L))

UNIT_BINS      := $(patsubst tests/unit/%.c,$(B)/tests/%,$(TESTS))
UNIT_BINS_ASAN := $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(TESTS))

# --- fuzzing (clang libFuzzer) ------------------------------------------
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
# The fuzz targets link the SDL-free folders below text/, built with clang.
FUZZ_LAYERS := base guide store search update ops
FUZZ_SRC := $(foreach l,$(FUZZ_LAYERS),$(call layer_src,$(l)))
FUZZ_PKG := inih libcjson sqlite3 libsodium libcurl
FUZZ_FLAGS := $(CSTD) $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -Isrc \
	$(call pc_cflags,$(FUZZ_PKG))
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC) $(HDRS)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $< $(FUZZ_SRC) -o $@ $(call pc_libs,$(FUZZ_PKG)) -lbz2 -lm
FUZZ_BINS := $(patsubst %,$(B)/fuzz/fuzz_%,$(FUZZ_TARGETS))
FUZZ_SECONDS ?= 60
fuzz: deps-test $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do mkdir -p tests/fuzz/corpus/$$t; \
	  echo "fuzz $$t for $(FUZZ_SECONDS)s"; \
	  $(B)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    tests/fuzz/corpus/$$t tests/fuzz/seeds/$$t || exit 1; done

# --- set-up ---------------------------------------------------------------
deps:
	@sh tests/deps.sh $(DEB_BUILD)
deps-test:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST)
deps-bench:
	@sh tests/deps.sh $(DEB_BUILD) $(DEB_TEST) $(DEB_BENCH)

# The sample bundle from guides/, used by `make run` when no bundle is installed.
$(B)/guides.db: $(B)/kioskctl $(shell find guides -type f 2>/dev/null)
	$(B)/kioskctl build guides -o $@

run: deps
	@$(MAKE) --no-print-directory all $(B)/guides.db
	@sh tests/run-kiosk.sh

test: deps-test
	@$(MAKE) --no-print-directory all $(B)/guides.db $(UNIT_BINS) $(UNIT_BINS_ASAN) $(FUZZ_BINS)
	@B=$(B) sh tests/run.sh

bench: deps-bench
	@$(MAKE) --no-print-directory all $(BENCH_BINS)
	@B=$(B) sh tests/bench.sh

# --- install (PREFIX, DESTDIR) and the Debian package ---------------------
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/kiosk
MANDIR     ?= $(PREFIX)/share/man
LIBEXECDIR ?= $(PREFIX)/lib/kiosk
SYSCONFDIR ?= /etc
UNITDIR    ?= /lib/systemd/system
UDEVDIR    ?= /lib/udev/rules.d
# Files that name installed paths get them rewritten from /usr/local.
subst = sed -e 's|/usr/local/bin|$(BINDIR)|g' -e 's|/usr/local/lib/kiosk|$(LIBEXECDIR)|g'

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(SYSCONFDIR)/kiosk $(DESTDIR)$(UNITDIR) $(DESTDIR)$(UDEVDIR)
	install -m 755 $(B)/kiosk $(B)/kioskctl $(DESTDIR)$(BINDIR)/
	rm -rf $(DESTDIR)$(DATADIR)/assets $(DESTDIR)$(DATADIR)/guides
	cp -R assets $(DESTDIR)$(DATADIR)/assets
	cp -R guides $(DESTDIR)$(DATADIR)/guides
	chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)
	sed -e 's|^assets = assets |assets = $(DATADIR)/assets |' kiosk.conf >$(B)/kiosk.conf.installed
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf ]; then \
		install -m 644 $(B)/kiosk.conf.installed $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf.new; \
		echo "kept $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf; the new default is kiosk.conf.new"; \
	else install -m 644 $(B)/kiosk.conf.installed $(DESTDIR)$(SYSCONFDIR)/kiosk/kiosk.conf; fi
	for f in dist/systemd/*; do $(subst) $$f >$(DESTDIR)$(UNITDIR)/$${f##*/}; chmod 644 $(DESTDIR)$(UNITDIR)/$${f##*/}; done
	$(subst) dist/kiosk-usb-sync >$(DESTDIR)$(LIBEXECDIR)/kiosk-usb-sync
	chmod 755 $(DESTDIR)$(LIBEXECDIR)/kiosk-usb-sync
	install -m 644 dist/udev/90-kiosk-usb.rules $(DESTDIR)$(UDEVDIR)/
	install -m 644 dist/man/kiosk.1 dist/man/kioskctl.1 $(DESTDIR)$(MANDIR)/man1/

DEB_VERSION ?= $(VERSION)
deb: all
	@sh dist/make-deb.sh "$(B)" "$(DEB_VERSION)"

clean:
	rm -rf $(B)
