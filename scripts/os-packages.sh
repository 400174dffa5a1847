#!/usr/bin/env bash
# The operating-system packages the tests need, from Debian: Chromium's headless shell for the browser
# journeys, Pango for WeasyPrint's PDFs, poppler-utils to read PDFs back in tests, xmlsec1 for SAML signatures,
# gettext to check the translation catalogues, espeak-ng for read-aloud (without it the read-aloud buttons are
# not shown), redis-server for the scale-out test (it starts its own), postgresql-client for koers
# backup/restore and ffmpeg to strip metadata from uploaded video and audio (remuxing, no re-encoding).
# `make run` and `make test` both call it. Installs what is missing when run as root; otherwise says what to install (tests needing it are skipped).
set -euo pipefail
needed="chromium-headless-shell fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 xmlsec1 poppler-utils gettext espeak-ng redis-server postgresql-client ffmpeg"
missing=""
for package in $needed; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "note: install these Debian packages for the full test suite:$missing" >&2
fi
