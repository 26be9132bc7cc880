#!/usr/bin/env bash
# Benchmarks `brief` (release build) on this machine and prints a Markdown table.
#
#   benches/run.sh            # brief alone
#   TYPST=/path/to/typst benches/run.sh   # also stock typst-cli 0.15 on the ejected outputs
#
# Measures: one cold output; the example's handouts and decks (12 outputs), into an empty
# output folder and forced (`--force` over the last build: the slide sizes it recorded are
# reused); a no-op rebuild; its 30 leave-behinds; a scale case of 40 synthetic briefings × 6 languages × 2 formats (480 outputs),
# empty and forced; peak memory (RSS).
# Each timing is the median of RUNS runs (default 5), wall clock, via /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
cargo build --release --quiet
BIN=$PWD/target/release/brief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command RUNS times; prints "median-seconds max-rss-kb". With FRESH=dir, the
# folder is removed before each run.
measure() {
  local times=() rss=0
  for _ in $(seq "$RUNS"); do
    [ -n "${FRESH:-}" ] && rm -rf "$FRESH"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r t m < "$work/time"
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v rss="$rss" '{a[NR]=$1} END {print a[int((NR+1)/2)], rss}'
}

row() { # name, "seconds rss", outputs
  read -r s m <<< "$2"
  awk -v n="$1" -v s="$s" -v m="$m" -v o="$3" \
    'BEGIN { printf "| %s | %d | %.0f ms | %.1f ms | %.0f MB |\n", n, o, s*1000, s*1000/o, m/1024 }'
}

echo "| case | outputs | wall | per output | peak RSS |"
echo "|---|---|---|---|---|"
# The example's handouts and decks (12 outputs), as every earlier figure measured them;
# its 30 one-page leave-behinds are measured on their own below.
TWO=(--format handout --format slides)
row "one cold output (en handout)" "$(FRESH=$work/one measure "$BIN" build briefs/russia-behind-bars --lang en --format handout --quiet --out "$work/one")" 1
row "full example, empty output folder" "$(FRESH=$work/full measure "$BIN" build briefs/russia-behind-bars "${TWO[@]}" --quiet --out "$work/full")" 12
"$BIN" build briefs/russia-behind-bars "${TWO[@]}" --quiet --out "$work/full" >/dev/null 2>&1
row "full example, forced" "$(measure "$BIN" build briefs/russia-behind-bars "${TWO[@]}" --force --quiet --out "$work/full")" 12
row "no-op rebuild" "$(measure "$BIN" build briefs/russia-behind-bars "${TWO[@]}" --quiet --out "$work/full")" 12
row "the example's leave-behinds (5 States × 6 languages), empty output folder" "$(FRESH=$work/lb measure "$BIN" build briefs/russia-behind-bars --format leave-behind --quiet --out "$work/lb")" 30

# The scale case: 40 copies of the example, each with its own title so no two are equal.
mkdir -p "$work/scale"
for i in $(seq -w 1 40); do
  mkdir -p "$work/scale/brief-$i"
  cp briefs/russia-behind-bars/*.toml briefs/russia-behind-bars/translations.lock "$work/scale/brief-$i/"
  sed -i "s/^title = \"\(.*\)\"/title = \"\1 ($i)\"/" "$work/scale/brief-$i/"*.toml
done
row "scale: 40 briefings × 6 languages × 2 formats, empty output folder" "$(FRESH=$work/scale-out RUNS=3 measure "$BIN" build "$work/scale" "${TWO[@]}" --quiet --out "$work/scale-out")" 480
"$BIN" build "$work/scale" "${TWO[@]}" --quiet --out "$work/scale-out" >/dev/null 2>&1
row "scale, forced" "$(RUNS=3 measure "$BIN" build "$work/scale" "${TWO[@]}" --force --quiet --out "$work/scale-out")" 480

if [ -n "${TYPST:-}" ]; then
  "$BIN" build briefs/russia-behind-bars "${TWO[@]}" --force --quiet --out "$work/eject-out" --emit-typst "$work/typst" >/dev/null 2>&1
  stock() {
    for project in "$work"/typst/*/; do
      "$TYPST" compile --ignore-system-fonts --font-path fonts --root "$project" "$project/main.typ" "$project/out.pdf"
    done
  }
  export -f stock; export TYPST work
  row "stock typst compile, 12 processes" "$(measure bash -c stock)" 12
fi
echo
# How many layouts each deck of the example takes to fit its slide bodies, from an empty
# output folder (issue 22 asks for one, or close to it).
rm -rf "$work/layouts"
layouts() {
  python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.startswith("{")]
print(", ".join("%s %s" % (r["lang"], r["layouts"]) for r in rows if r.get("type") == "output" and "layouts" in r))'
}
echo "Layouts per deck (example, empty output folder): $("$BIN" build briefs/russia-behind-bars --format slides \
  --message-format json --out "$work/layouts" 2>&1 | layouts)"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$BIN" --version)"
