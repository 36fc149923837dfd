#!/bin/sh
# Installs the Debian packages anzhi needs to build, test and run the demo.
# As root: apt-get update once, then apt-get install -y the missing ones.
# Otherwise: print the exact command to run.
# Node.js and npm run the contract suite (tests/contract); a machine that has
# them from elsewhere (e.g. a nodejs build that bundles npm) keeps its own.
set -eu
# The documents (anzhid draws them): cairo, pango, fontconfig, libqrencode
# and a CJK font. The second factor (TOTP, RFC 6238): liboath.
# The material viewer: libchafa-dev (its chafa.pc needs glib's), libpng-dev,
# libjpeg-dev (libjpeg-turbo), zlib1g-dev, and poppler-utils for pdftoppm and
# pdfinfo (run as programs).
# The last lines: the tools the tests run (the audit test reads anzhid.db
# with sqlite3; e2e and the fake services use python3; pgrep is procps's; the
# document tests read PDFs with poppler-utils and check signatures with
# openssl and xxd, as doc/verify.md does; the API suite runs again on a
# throwaway PostgreSQL cluster, and two instances behind haproxy share one;
# the install test rates the systemd unit with systemd-analyze; the
# second-factor e2e test makes its codes with oathtool).
PKGS="build-essential pkg-config gettext tmux curl ca-certificates
      libncurses-dev libcurl4-gnutls-dev libjansson-dev libsodium-dev
      libchafa-dev libglib2.0-dev libpng-dev libjpeg-dev zlib1g-dev poppler-utils
      libmicrohttpd-dev libgnutls28-dev gnutls-bin libsqlite3-dev libcmocka-dev
      libcairo2-dev libpango1.0-dev libfontconfig-dev libqrencode-dev fonts-noto-cjk
      libpq-dev liboath-dev
      sqlite3 python3 procps iproute2 oathtool
      openssl xxd postgresql postgresql-common haproxy systemd"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
command -v node >/dev/null || missing="$missing nodejs"
command -v npm >/dev/null || missing="$missing npm"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "deps: missing Debian packages. Run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
