# Service-guide kiosk — build, run, test.
#
# Layers (DESIGN.md): src/core (no SDL) <- src/text (no SDL) <- src/ui (SDL)
# <- src/app (kiosk) and src/tools (kioskctl). Each layer is a static library
# of every .c file in its folder; a layer is compiled without the include
# paths of the layers below it, so a wrong #include fails to build.

PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
B        := build

# Debian packages the build and the tests need (see `make deps`).
DEB_BUILD := build-essential pkg-config libsdl2-dev libsdl2-ttf-dev \
	libsdl2-image-dev libsqlite3-dev libunibreak-dev libsodium-dev \
	libcurl4-openssl-dev libfontconfig-dev fonts-noto-cjk fonts-hanazono \
	libbz2-dev unicode-data libqrencode-dev zlib1g-dev
DEB_TEST  := libcmocka-dev clang libclang-rt-14-dev sqlite3 xvfb xdotool cage \
	imagemagick unicode-data nginx-light openssl curl prometheus \
	tesseract-ocr tesseract-ocr-chi-sim \
	espeak-ng sox zbar-tools cups printer-driver-cups-pdf poppler-utils \
	xwayland python3 mmdebstrap mount e2fsprogs dosfstools mtools udev

PKG_CORE := sqlite3 libsodium libcurl
PKG_TEXT := libunibreak
PKG_UI   := sdl2 SDL2_ttf SDL2_image fontconfig libqrencode zlib

pc_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pc_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter
CSTD     := -std=c11 -D_GNU_SOURCE -Isrc
OPT      ?= -O2 -g
CFLAGS_CORE := $(CSTD) $(WARN) $(OPT) $(call pc_cflags,$(PKG_CORE))
CFLAGS_TEXT := $(CFLAGS_CORE) $(call pc_cflags,$(PKG_TEXT))
CFLAGS_UI   := $(CFLAGS_TEXT) $(call pc_cflags,$(PKG_UI))
LIBS_ALL := $(call pc_libs,$(PKG_UI) $(PKG_TEXT) $(PKG_CORE)) -lbz2 -lm -lpthread

SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC_CORE  := $(sort $(wildcard src/core/*.c))
SRC_TEXT  := $(sort $(wildcard src/text/*.c))
SRC_UI    := $(sort $(wildcard src/ui/*.c))
SRC_APP   := $(sort $(wildcard src/app/*.c))
SRC_TOOLS := $(sort $(wildcard src/tools/*.c))
HDRS      := $(wildcard src/*/*.h)
H_CORE    := $(wildcard src/core/*.h)
H_TEXT    := $(H_CORE) $(wildcard src/text/*.h)
TESTS     := $(sort $(wildcard tests/unit/test_*.c))

# $(call objs,PREFIX,SRC)
objs = $(patsubst src/%.c,$(1)/obj/%.o,$(2))

.PHONY: all run test test-only bench fuzz deps deps-test clean install deb guides-bundle
all: $(B)/kiosk $(B)/kioskctl

# --- one build tree per flavour: $(B) normal, $(B)/asan sanitized --------
define FLAVOUR
$(1)/obj/core/%.o: src/core/%.c $(H_CORE)
	@mkdir -p $$(@D)
	@echo "CC $$@"; $$(CC) $$(CFLAGS_CORE) $(2) -c $$< -o $$@
$(1)/obj/text/%.o: src/text/%.c $(H_TEXT)
	@mkdir -p $$(@D)
	@echo "CC $$@"; $$(CC) $$(CFLAGS_TEXT) $(2) -c $$< -o $$@
$(1)/obj/ui/%.o: src/ui/%.c $(HDRS)
	@mkdir -p $$(@D)
	@echo "CC $$@"; $$(CC) $$(CFLAGS_UI) $(2) -c $$< -o $$@
$(1)/obj/app/%.o: src/app/%.c $(HDRS)
	@mkdir -p $$(@D)
	@echo "CC $$@"; $$(CC) $$(CFLAGS_UI) $(2) -c $$< -o $$@
$(1)/obj/tools/%.o: src/tools/%.c $(H_TEXT) $(wildcard src/tools/*.h)
	@mkdir -p $$(@D)
	@echo "CC $$@"; $$(CC) $$(CFLAGS_TEXT) $(2) -c $$< -o $$@
$(1)/libcore.a: $(call objs,$(1),$(SRC_CORE))
	@rm -f $$@; echo "AR $$@"; ar rcs $$@ $$^
$(1)/libtext.a: $(call objs,$(1),$(SRC_TEXT))
	@rm -f $$@; echo "AR $$@"; ar rcs $$@ $$^
$(1)/libui.a: $(call objs,$(1),$(SRC_UI))
	@rm -f $$@; echo "AR $$@"; ar rcs $$@ $$^
$(1)/tests/%: tests/unit/%.c $(1)/libui.a $(1)/libtext.a $(1)/libcore.a $(HDRS)
	@mkdir -p $$(@D)
	@echo "LD $$@"; $$(CC) $$(CFLAGS_UI) $(2) $$< -o $$@ $(1)/libui.a $(1)/libtext.a $(1)/libcore.a -lcmocka $$(LIBS_ALL)
endef
$(eval $(call FLAVOUR,$(B),))
$(eval $(call FLAVOUR,$(B)/asan,$(SAN)))

$(B)/kiosk: $(call objs,$(B),$(SRC_APP)) $(B)/libui.a $(B)/libtext.a $(B)/libcore.a
	$(CC) $(OPT) -o $@ $^ $(LIBS_ALL)
$(B)/kioskctl: $(call objs,$(B),$(SRC_TOOLS)) $(B)/libcore.a
	$(CC) $(OPT) -o $@ $^ $(LIBS_ALL)

# Benchmark programs: tests/bench/*.c, linked like the unit tests.
$(B)/bench/%: tests/bench/%.c $(B)/libui.a $(B)/libtext.a $(B)/libcore.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_UI) -Isrc $< -o $@ $(B)/libui.a $(B)/libtext.a $(B)/libcore.a $(LIBS_ALL)
BENCH_BINS := $(patsubst tests/bench/%.c,$(B)/bench/%,$(wildcard tests/bench/*.c))

UNIT_BINS      := $(patsubst tests/unit/%.c,$(B)/tests/%,$(TESTS))
UNIT_BINS_ASAN := $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(TESTS))

# --- fuzzing (clang libFuzzer) ------------------------------------------
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_FLAGS := $(CSTD) $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -Isrc \
	$(call pc_cflags,$(PKG_CORE) $(PKG_TEXT))
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(SRC_CORE) $(HDRS)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $< $(SRC_CORE) -o $@ $(call pc_libs,$(PKG_CORE)) -lbz2 -lm
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

# The sample bundle from guides/, used by `make run` when no bundle is installed.
$(B)/guides.db: $(B)/kioskctl $(shell find guides -type f 2>/dev/null)
	$(B)/kioskctl build guides -o $@

run: deps
	@$(MAKE) --no-print-directory all $(B)/guides.db
	@sh tests/run-kiosk.sh

test: deps-test
	@$(MAKE) --no-print-directory all $(B)/guides.db $(UNIT_BINS) $(UNIT_BINS_ASAN) $(FUZZ_BINS)
	@B=$(B) sh tests/run.sh

bench: deps-test
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

DEB_VERSION ?= 1.0.0
deb: all
	@sh dist/make-deb.sh "$(B)" "$(DEB_VERSION)"

clean:
	rm -rf $(B)
