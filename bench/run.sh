#!/usr/bin/env bash
# Benchmark: one country end to end, all 193 UN Member States, peak memory,
# PDF bytes per page, and the usual alternatives side by side on the same
# content. Run from the repository root:
#   bash bench/run.sh
# Needs /usr/bin/time (Debian package "time") and pdfinfo (poppler-utils).
# The comparisons are optional and run when their tools are there:
#   pip install pypandoc-binary weasyprint typst
# (pypandoc-binary brings pandoc 3, which also converts Markdown to typst).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release -q
bin=$PWD/target/release/dgplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1798502400

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(date -u +%Y-%m-%d)"

# The median wall time of a command run $1 times, in milliseconds.
median_ms() {
  local runs=$1
  shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}

# One country, end to end (load, plan, Markdown, PDF, Word, SVG, JSON), as
# a whole process.
one_ms=$(median_ms 30 "$bin" generate samples/lao-pdr --out "$work/one")
echo "One country (Lao PDR), every file, whole process: ${one_ms} ms (median of 30)"
pdf_ms=$(median_ms 30 "$bin" generate samples/lao-pdr --out "$work/pdf" --formats pdf)
echo "One country, the two PDFs only: ${pdf_ms} ms (median of 30)"
for sample in senegal bolivia; do
  echo "  in $(grep -m1 '^language' samples/$sample/profile.toml | cut -d'"' -f2) ($sample): $(median_ms 10 "$bin" generate samples/$sample --out "$work/lang") ms (median of 10)"
done
/usr/bin/time -f "One country, peak memory: %M KB" "$bin" generate samples/lao-pdr --out "$work/one" >/dev/null

pdf=$work/one/lao/master-plan.pdf
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
bytes=$(stat -c %s "$pdf")
echo "master-plan.pdf: $pages pages, $bytes bytes, $(( bytes / pages )) bytes a page"

# All 193 Member States, drafted from public data, in one run.
/usr/bin/time -f "All 193 Member States: %e s, peak memory %M KB" "$bin" generate --all-egdi --out "$work/all" >/dev/null
echo "  files written: $(find "$work/all" -type f | wc -l), $(du -sh "$work/all" | cut -f1)"

# The usual alternatives on the same master-plan.md (with its SVG charts):
# pandoc with WeasyPrint, and typst on the same content converted by pandoc.
pandoc=$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())' 2>/dev/null || command -v pandoc || true)
cd "$work/one/lao"
if [ -n "$pandoc" ] && command -v weasyprint >/dev/null; then
  weasy_ms=$(median_ms 3 "$pandoc" master-plan.md -o pandoc.pdf --pdf-engine=weasyprint --metadata title="Master plan")
  echo "pandoc + WeasyPrint, master-plan.md to PDF only: ${weasy_ms} ms (median of 3); dgplan, every file: ${one_ms} ms; dgplan is $(awk -v a="$weasy_ms" -v b="$one_ms" 'BEGIN {printf "%.0f", a/b}')x faster"
else
  echo "pandoc with WeasyPrint not installed: comparison skipped (pip install pypandoc-binary weasyprint)"
fi
if [ -n "$pandoc" ] && python3 -c 'import typst' 2>/dev/null && "$pandoc" master-plan.md -t typst -s -o master-plan.typ 2>/dev/null; then
  # The time typst itself takes for one document, as dgplan's figure is for
  # one run: a fresh process each time, Python's start and import left out.
  # (typst caches what it compiled: a second compile of the same file in
  # the same process takes a fraction of the first, and is shown apart.)
  typst_cold=()
  for _ in $(seq 7); do
    typst_cold+=("$(python3 -c 'import time, typst
start = time.perf_counter()
typst.compile("master-plan.typ", output="typst.pdf")
print(f"{(time.perf_counter() - start) * 1000:.1f}")')")
  done
  typst_ms=$(printf '%s\n' "${typst_cold[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  typst_warm=$(python3 -c 'import time, typst
typst.compile("master-plan.typ", output="typst.pdf")
start = time.perf_counter()
typst.compile("master-plan.typ", output="typst.pdf")
print(f"{(time.perf_counter() - start) * 1000:.1f}")')
  echo "typst $(python3 -c 'import typst; print(typst.__version__)'), master-plan.typ to PDF only: ${typst_ms} ms a first compile (median of 7 processes; ${typst_warm} ms compiled again in the same process); dgplan, every file: ${one_ms} ms; dgplan is $(awk -v a="$typst_ms" -v b="$one_ms" 'BEGIN {printf "%.1f", a/b}')x faster"
else
  echo "typst or pandoc 3 not installed: comparison skipped (pip install pypandoc-binary typst)"
fi
