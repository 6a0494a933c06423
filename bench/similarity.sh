#!/usr/bin/env bash
# How many main-text sentences each pair of sample plans shares once names,
# numbers and dates are masked (tables, headings and annexes aside).
# SHOW_SHARED=fiji,kenya bash bench/similarity.sh also lists the sentences
# that pair shares.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --quiet --test similarity plans_for_different_countries -- --nocapture 2>&1 |
  grep -v '^running\|^test \|^$\|test result'
