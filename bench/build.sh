#!/usr/bin/env bash
# How long a first build takes, as a new user's `cargo install` does it:
# a clean release build of one revision in a fresh clone, with its wall
# time, CPU time, peak memory, and the ten crates that take longest.
#   bash bench/build.sh            # the current commit
#   bash bench/build.sh a06091f    # another revision, to compare
# Needs /usr/bin/time (Debian package "time") and python3 for the crate
# list. Crates already downloaded are reused; the build itself starts from
# nothing. Run it on a quiet machine: other builds change the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

rev=${1:-HEAD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/src"
git -C "$work/src" checkout -q "$rev"
echo "Revision $(git -C "$work/src" rev-parse --short HEAD) on $(nproc) cores"
cargo fetch --locked --manifest-path "$work/src/Cargo.toml" -q
(cd "$work/src" && /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
  cargo build --release --locked --timings -q)
read -r wall user sys peak < "$work/time"
echo "Clean release build: ${wall} s wall, $(awk "BEGIN {print $user + $sys}") s CPU, peak memory $((peak / 1024)) MB"
python3 - "$work"/src/target/cargo-timings/cargo-timing-*.html <<'EOF'
import json, re, sys
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", open(sys.argv[1]).read(), re.S).group(1))
total = sum(u["duration"] for u in units)
print(f"{len(units)} compilation units, {total:.0f} s in all; the ten longest:")
for u in sorted(units, key=lambda u: -u["duration"])[:10]:
    print(f"  {u['duration']:6.1f} s  {u['name']} {u['version']}")
EOF
