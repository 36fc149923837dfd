# anzhi — one Makefile for the client (anzhi), the service (anzhid), their shared
# core and every test.  Targets: all demo check bench soak fuzz install clean deps.
#
#   make            release build into build/release (warnings are errors)
#   make soak       what the service holds under abuse (bench/soak/run; minutes)
#   make SAN=1      the same under AddressSanitizer + UBSan into build/asan
#   make check      deps, both builds, the contract tools, every suite (unit, api, contract, e2e)
#   make demo       deps, build, local anzhid --demo, anzhi pinned to it
#
# Sources are found by folder, so adding a file needs no edit here:
#   src/core src/wire      -> libcore.a   (pure: no curses, no curl, no I/O)
#   src/base src/ui src/media src/client screens -> libclient.a (+ src/client/main.c -> anzhi)
#     (base: key codes, i18n, allocation, files, data directory — below ui,
#      client and screens; ui never includes client; media: decoding and
#      drawing materials, below client)
#   src/server             -> libserver.a (+ src/server/main.c -> anzhid)
#   src/base's objects     -> libbase.a too (the service finds its data with them)
#   tests/unit/test_core_*.c   link libcore
#   tests/unit/test_client_*.c, test_ui_*.c, test_base_*.c, test_media_*.c   link libclient + libcore
#   tests/unit/test_server_*.c link libserver + libcore
#   tests/api/test_*.c         link libcore + curl + jansson + gnutls (drive a real anzhid)

VERSION    := 0.1.0
CC         ?= cc
PKG_CONFIG ?= pkg-config
PREFIX     ?= /usr/local

ifeq ($(SAN),1)
BUILD      ?= build/asan
OPT        := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
SANLD      := -fsanitize=address,undefined
else
BUILD      ?= build/release
OPT        := -O2 -g
SANLD      :=
endif

B := $(BUILD)

# chafa draws pictures (LGPL, linked dynamically); libpng and libjpeg decode
# them; zlib packs kitty graphics.  PDF pages come from poppler's pdftoppm,
# run as a program: no GPL library is linked.  libqrencode draws the second
# factor's enrolment QR code as text.
CLIENT_PKGS := ncursesw libcurl jansson libsodium chafa libpng libjpeg zlib libqrencode
SERVER_PKGS := libmicrohttpd gnutls sqlite3 libpq jansson libsodium pangocairo cairo libqrencode fontconfig liboath
TEST_PKGS   := cmocka libcurl jansson

pkgcflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pkglibs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wvla -Wno-unused-parameter
CPPFLAGS += -D_GNU_SOURCE -Isrc -I. -I$(B)/gen -DANZHI_VERSION='"$(VERSION)"' \
            -DANZHI_LOCALEDIR='"$(abspath $(B))/locale"' -DANZHI_DATADIR='"$(abspath data)"'
CFLAGS   += -std=c11 $(OPT) $(WARN) -MMD -MP
LDFLAGS  += $(SANLD)

CORE_SRC   := $(wildcard src/core/*.c src/wire/*.c)
CLIENT_SRC := $(filter-out src/client/main.c,$(wildcard src/base/*.c src/ui/*.c src/media/*.c src/client/*.c screens/*.c))
SERVER_SRC := $(filter-out src/server/main.c,$(wildcard src/server/*.c))

obj = $(patsubst %.c,$(B)/obj/%.o,$(1))

CORE_OBJ   := $(call obj,$(CORE_SRC))
BASE_OBJ   := $(call obj,$(wildcard src/base/*.c))
CLIENT_OBJ := $(call obj,$(CLIENT_SRC))
SERVER_OBJ := $(call obj,$(SERVER_SRC))

CLIENT_CFLAGS := $(call pkgcflags,$(CLIENT_PKGS))
SERVER_CFLAGS := $(call pkgcflags,$(SERVER_PKGS))
CLIENT_LIBS   := $(call pkglibs,$(CLIENT_PKGS))
SERVER_LIBS   := $(call pkglibs,$(SERVER_PKGS)) -lpthread
TEST_CFLAGS   := $(call pkgcflags,$(TEST_PKGS))
TEST_LIBS     := $(call pkglibs,$(TEST_PKGS))

PROGRAMS :=
ifneq ($(wildcard src/client/main.c),)
PROGRAMS += $(B)/anzhi
endif
ifneq ($(wildcard src/server/main.c),)
PROGRAMS += $(B)/anzhid
endif

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRC))
API_SRC   := $(wildcard tests/api/test_*.c)
API_HELP  := $(filter-out $(API_SRC),$(wildcard tests/api/*.c))
API_BIN   := $(patsubst tests/api/%.c,$(B)/tests/api/%,$(API_SRC))

PO_FILES  := $(wildcard po/*.po)
MO_FILES  := $(patsubst po/%.po,$(B)/locale/%/LC_MESSAGES/anzhi.mo,$(PO_FILES))

.PHONY: all tests check demo bench soak fuzz install clean deps contract-deps unit-tests gen
.DEFAULT_GOAL := all

all: $(PROGRAMS) $(MO_FILES)
tests: all $(UNIT_BIN) $(API_BIN)

# ---------------------------------------------------------------- generated sources
# Modules that generate C (compiled-in keymaps, the action docs) add a file in mk/
# that appends to GEN_TARGETS and gives the rule; every object waits for `gen`.
GEN_TARGETS :=
-include mk/*.mk
GEN_OBJ := $(patsubst $(B)/gen/%.c,$(B)/obj/gen/%.o,$(filter %.c,$(GEN_TARGETS)))
gen: $(GEN_TARGETS)

# ---------------------------------------------------------------- libraries
$(B)/obj/src/core/%.o $(B)/obj/src/wire/%.o: XCFLAGS = $(call pkgcflags,jansson)
$(B)/obj/src/base/%.o $(B)/obj/src/ui/%.o $(B)/obj/src/media/%.o $(B)/obj/src/client/%.o $(B)/obj/screens/%.o $(B)/obj/gen/%.o: XCFLAGS = $(CLIENT_CFLAGS)
$(B)/obj/src/server/%.o: XCFLAGS = $(SERVER_CFLAGS)
$(B)/obj/tests/%.o: XCFLAGS = $(CLIENT_CFLAGS) $(SERVER_CFLAGS) $(TEST_CFLAGS)

$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c $< -o $@
$(B)/obj/%.o: %.c | gen
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(XCFLAGS) $(CFLAGS) -c $< -o $@

$(B)/libcore.a: $(CORE_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(B)/libclient.a: $(CLIENT_OBJ) $(GEN_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(B)/libserver.a: $(SERVER_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^
$(B)/libbase.a: $(BASE_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- programs
$(B)/anzhi: $(B)/obj/src/client/main.o $(B)/libclient.a $(B)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(call pkglibs,jansson)
$(B)/anzhid: $(B)/obj/src/server/main.o $(B)/libserver.a $(B)/libcore.a $(B)/libbase.a
	$(CC) $(LDFLAGS) -o $@ $^ $(SERVER_LIBS)

# ---------------------------------------------------------------- translations
$(B)/locale/%/LC_MESSAGES/anzhi.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# ---------------------------------------------------------------- tests
$(B)/tests/unit/test_core_%: $(B)/obj/tests/unit/test_core_%.o $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)
$(B)/tests/unit/test_ui_%: $(B)/obj/tests/unit/test_ui_%.o $(B)/libclient.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS)
$(B)/tests/unit/test_client_%: $(B)/obj/tests/unit/test_client_%.o $(B)/libclient.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS)
$(B)/tests/unit/test_base_%: $(B)/obj/tests/unit/test_base_%.o $(B)/libclient.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS)
$(B)/tests/unit/test_media_%: $(B)/obj/tests/unit/test_media_%.o $(B)/libclient.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS)
$(B)/tests/unit/test_server_%: $(B)/obj/tests/unit/test_server_%.o $(B)/libserver.a $(B)/libcore.a $(B)/libbase.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SERVER_LIBS) $(TEST_LIBS)
$(B)/tests/api/test_%: $(B)/obj/tests/api/test_%.o $(call obj,$(API_HELP)) $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(call pkglibs,libsodium gnutls sqlite3) -lpthread

unit-tests: $(UNIT_BIN)

deps:
	@scripts/deps.sh

# The contract suite's npm tools (@redocly/cli, ajv), pinned by
# tests/contract/package-lock.json: npm ci again only when it changes, from
# npm's cache first (~/.npm), so a machine that has run it once needs no network.
CONTRACT_STAMP := tests/contract/node_modules/.installed
contract-deps: $(CONTRACT_STAMP)
$(CONTRACT_STAMP): tests/contract/package.json tests/contract/package-lock.json
	cd tests/contract && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline
	touch $@

# `make check`: warnings-as-errors release build, the sanitized build, then every
# suite; tests/run prints one closing line "N passed, N failed".
check: deps
	$(MAKE) tests
	$(MAKE) SAN=1 tests
	$(MAKE) contract-deps
	tests/run

demo: deps all
	scripts/demo.sh $(B)

bench: all
	@if [ -x bench/run ]; then bench/run $(B); else echo "bench: no benchmarks yet"; fi

# `make soak`: kill -9 cycles, 50 writers, slowloris, a login flood against the
# release build on loopback (two to three minutes; bench/soak/run). Not in check.
soak: all
	bench/soak/run $(B)

fuzz:
	@if [ -x tests/fuzz/run ]; then tests/fuzz/run; else echo "fuzz: no fuzz targets yet"; fi

# The installed binaries find PREFIX/share/anzhi and PREFIX/share/locale
# beside PREFIX/bin at run time (src/base/datadir.c), so a tree installed under
# DESTDIR runs as it is; the systemd unit is installed with its paths set.
SHARE := $(DESTDIR)$(PREFIX)/share
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/man/man1 $(SHARE)/man/man5 $(SHARE)/man/man8 \
		$(SHARE)/anzhi/policy $(SHARE)/anzhi/regions $(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	for m in doc/*.1; do [ -f "$$m" ] && install -m 644 "$$m" $(SHARE)/man/man1/; done; true
	for m in doc/*.5; do [ -f "$$m" ] && install -m 644 "$$m" $(SHARE)/man/man5/; done; true
	for m in doc/*.8; do [ -f "$$m" ] && install -m 644 "$$m" $(SHARE)/man/man8/; done; true
	# the shipped data anzhid reads (ANZHI_DATADIR): regions, policy tables, seals, and
	# the policy documents (政策法规) GET /policies serves
	for d in regions policy seals policies; do \
		install -d $(SHARE)/anzhi/$$d && install -m 644 data/$$d/* $(SHARE)/anzhi/$$d/ || exit 1; \
	done
	install -m 644 data/review-reasons.json $(SHARE)/anzhi/
	for mo in $(MO_FILES); do \
		install -D -m 644 "$$mo" "$(SHARE)/locale/$${mo#$(B)/locale/}"; done
	sed 's|/usr/local|$(PREFIX)|g' doc/anzhid.service >$(DESTDIR)$(PREFIX)/lib/systemd/system/anzhid.service
	chmod 644 $(DESTDIR)$(PREFIX)/lib/systemd/system/anzhid.service

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' 2>/dev/null)
