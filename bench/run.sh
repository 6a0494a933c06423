#!/usr/bin/env bash
# Benchmark: one country end to end, all 193 UN Member States, peak memory,
# and pandoc for comparison. Run from the repository root:
#   bash bench/run.sh
# Needs /usr/bin/time (Debian package "time"); pandoc and WeasyPrint are
# optional (apt-get install pandoc; pip install weasyprint).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -q
bin=target/release/dgplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1798502400

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

# One country, end to end (load, plan, Markdown, PDF, SVG, JSON), as a whole
# process: the mean of 20 runs.
runs=20
start=$(date +%s%N)
for _ in $(seq $runs); do
  "$bin" generate samples/lao-pdr --out "$work/one" >/dev/null
done
end=$(date +%s%N)
echo "One country (Lao PDR), whole process: $(( (end - start) / runs / 1000000 )) ms per run (mean of $runs)"
/usr/bin/time -f "One country, peak memory: %M KB" "$bin" generate samples/lao-pdr --out "$work/one" >/dev/null

# All 193 Member States, drafted from public data, in one run.
/usr/bin/time -f "All 193 Member States: %e s, peak memory %M KB" "$bin" generate --all-egdi --out "$work/all" >/dev/null
echo "  files written: $(find "$work/all" -type f | wc -l), $(du -sh "$work/all" | cut -f1)"

# The usual alternative: pandoc turning the same master-plan.md into a PDF.
if command -v pandoc >/dev/null && command -v weasyprint >/dev/null; then
  start=$(date +%s%N)
  (cd "$work/one/lao" && pandoc master-plan.md -o pandoc.pdf --pdf-engine=weasyprint --metadata title="Master plan" 2>/dev/null)
  end=$(date +%s%N)
  pandoc_ms=$(( (end - start) / 1000000 ))
  start=$(date +%s%N)
  "$bin" generate samples/lao-pdr --out "$work/one" >/dev/null
  end=$(date +%s%N)
  dgplan_ms=$(( (end - start) / 1000000 ))
  echo "pandoc + WeasyPrint, master-plan.md to PDF only: ${pandoc_ms} ms; dgplan, every file: ${dgplan_ms} ms; ratio $(( pandoc_ms / (dgplan_ms > 0 ? dgplan_ms : 1) )) to 1"
else
  echo "pandoc with WeasyPrint not installed: comparison skipped (apt-get install pandoc; pip install weasyprint)"
fi
