#!/usr/bin/env bash
# Regenerates the README's pictures from the Lao PDR sample: the readiness page
# and the roadmap page of master-plan.pdf, and the first page of brief.pdf. Needs pdftoppm (poppler-utils).
# Run from the project root after a change to the PDF layout or the framework.
set -euo pipefail
out=$(mktemp -d)
SOURCE_DATE_EPOCH=1798502400 cargo run --release -q -- generate samples/lao-pdr --out "$out" -q
pdf="$out/lao/master-plan.pdf"
page_of() { # first page whose text holds $1
  local pages; pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  for p in $(seq 1 "$pages"); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "$1"; then echo "$p"; return; fi
  done
}
readiness=$(page_of "Published benchmarks")
roadmap=$(page_of "thin line after it")
pdftoppm -f "$readiness" -l "$readiness" -r 80 -png -singlefile "$pdf" docs/images/readiness-page
pdftoppm -f "$roadmap" -l "$roadmap" -r 80 -png -singlefile "$pdf" docs/images/roadmap-page
pdftoppm -f 1 -l 1 -r 50 -png -singlefile "$out/lao/brief.pdf" docs/images/brief-page
rm -rf "$out"
ls -l docs/images/*.png
