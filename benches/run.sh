#!/usr/bin/env bash
# Benchmarks `brief` (release build) against stock typst-cli 0.15.1 and prints Markdown
# tables: wall times (hyperfine, mean ± σ), ratios to stock Typst measured in the same
# hyperfine call, peak memory, layouts per deck, and time per output at 1, 10 and 40
# briefings.
#
#   benches/run.sh                         # brief, and stock typst if `typst` is on PATH
#   TYPST=/path/to/typst benches/run.sh    # stock typst-cli 0.15.1 from elsewhere
#   RUNS=5 BRIEF=target/profiling/brief benches/run.sh   # fewer runs, another binary
#
# Stock Typst compiles the projects `brief build --emit-typst` writes for the same outputs
# (they carry the slide sizes `brief` chose, so it needs no search), one process each,
# one after another and two at a time (`xargs -P 2`, both cores):
#   typst compile --ignore-system-fonts --font-path fonts --root DIR DIR/main.typ DIR/out.pdf
# Needs hyperfine (Debian's `hyperfine`) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
if [ -n "${BRIEF:-}" ]; then
  BIN=$(realpath "$BRIEF")
else
  cargo build --release --quiet
  BIN=$PWD/target/release/brief
fi
TYPST=${TYPST:-$(command -v typst || true)}
command -v hyperfine >/dev/null || { echo "benches/run.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
FONTS=$PWD/fonts
TWO=(--format handout --format slides)

# hyperfine NAME ARGS...: runs hyperfine quietly, exporting to $work/NAME.json.
bench() {
  local name=$1; shift
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$work/$name.json" "$@" >/dev/null
}
# row LABEL NAME OUTPUTS [INDEX]: a table row from hyperfine's export.
row() {
  python3 - "$1" "$work/$2.json" "$3" "${4:-0}" <<'EOF'
import json, sys
label, path, outputs, index = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
r = json.load(open(path))["results"][index]
print("| %s | %d | %.0f ± %.0f ms | %.1f ms | %.0f ms |" % (
    label, outputs, r["mean"] * 1000, r["stddev"] * 1000, r["mean"] * 1000 / outputs,
    (r["user"] + r["system"]) * 1000))
EOF
}
# ratio NAME: how many times faster the first command of NAME's export was than each other.
ratio() {
  python3 - "$work/$1.json" <<'EOF'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
print("; ".join("%.2f× faster than %s" % (r["mean"] / rs[0]["mean"], r["command"].split(" ")[0].rsplit("/", 1)[-1].replace("stock-", "stock typst, "))
                for r in rs[1:]))
EOF
}
# The scripts that run stock Typst on every project under a folder.
cat > "$work/stock-seq" <<EOF
#!/usr/bin/env bash
for p in "\$1"/*/; do "$TYPST" compile --ignore-system-fonts --font-path "$FONTS" --root "\$p" "\$p/main.typ" "\$p/out.pdf" || exit 1; done
EOF
cat > "$work/stock-par" <<EOF
#!/usr/bin/env bash
printf '%s\0' "\$1"/*/ | xargs -0 -P 2 -I{} "$TYPST" compile --ignore-system-fonts --font-path "$FONTS" --root {} {}/main.typ {}/out.pdf
EOF
chmod +x "$work/stock-seq" "$work/stock-par"
ln -s "$work/stock-seq" "$work/stock-sequential"; ln -s "$work/stock-par" "$work/stock-2-parallel"

echo "| case | outputs | wall (mean ± σ) | per output | CPU (user + sys) |"
echo "|---|---|---|---|---|"
EX=briefs/russia-behind-bars
"$BIN" build $EX "${TWO[@]}" --quiet --out "$work/eject-out" --emit-typst "$work/typst" >/dev/null
if [ -n "$TYPST" ]; then
  bench example -N --prepare "rm -rf $work/full" \
    "$BIN build $EX ${TWO[*]} --quiet --out $work/full" \
    "$work/stock-sequential $work/typst" "$work/stock-2-parallel $work/typst"
else
  bench example -N --prepare "rm -rf $work/full" "$BIN build $EX ${TWO[*]} --quiet --out $work/full"
fi
row "example (handouts and decks), empty output folder" example 12
"$BIN" build $EX "${TWO[@]}" --quiet --out "$work/full" >/dev/null
bench forced -N "$BIN build $EX ${TWO[*]} --force --quiet --out $work/full"
row "example, forced (recorded sizes reused)" forced 12
bench noop -N "$BIN build $EX ${TWO[*]} --quiet --out $work/full"
row "example, no-op rebuild" noop 12
bench one -N --prepare "rm -rf $work/one" "$BIN build $EX --lang en --format handout --quiet --out $work/one"
row "one cold output (en handout)" one 1
bench lb -N --prepare "rm -rf $work/lb" "$BIN build $EX --format leave-behind --quiet --out $work/lb"
row "the example's 30 leave-behinds, empty output folder" lb 30
if [ -n "$TYPST" ]; then
  row "stock typst, 12 processes one after another" example 12 1
  row "stock typst, 12 processes two at a time" example 12 2
fi

# The scale case: copies of the example, each with its own title so no two are equal;
# 1, 10 and 40 briefings, to show that the time per output does not grow with the work.
scale() { # N: makes $work/scale-N with N briefings
  for i in $(seq -w 1 "$1"); do
    mkdir -p "$work/scale-$1/brief-$i"
    cp $EX/*.toml $EX/translations.lock "$work/scale-$1/brief-$i/"
    sed -i "s/^title = \"\(.*\)\"/title = \"\1 ($i)\"/" "$work/scale-$1/brief-$i/"*.toml
  done
}
for n in 1 10; do
  scale $n
  bench scale-$n -N --prepare "rm -rf $work/out-$n" "$BIN build $work/scale-$n ${TWO[*]} --quiet --out $work/out-$n"
  row "scale: $n briefings × 6 languages × 2 formats, empty output folder" scale-$n $((n * 12))
done
scale 40
"$BIN" build "$work/scale-40" "${TWO[@]}" --quiet --out "$work/out-40" --emit-typst "$work/typst-40" >/dev/null
if [ -n "$TYPST" ]; then
  RUNS=$(( RUNS < 3 ? RUNS : 3 )) bench scale-40 --prepare "rm -rf $work/out-40" \
    "$BIN build $work/scale-40 ${TWO[*]} --quiet --out $work/out-40" "$work/stock-2-parallel $work/typst-40"
else
  RUNS=$(( RUNS < 3 ? RUNS : 3 )) bench scale-40 --prepare "rm -rf $work/out-40" \
    "$BIN build $work/scale-40 ${TWO[*]} --quiet --out $work/out-40"
fi
row "scale: 40 briefings × 6 languages × 2 formats, empty output folder" scale-40 480
"$BIN" build "$work/scale-40" "${TWO[@]}" --quiet --out "$work/out-40" >/dev/null
RUNS=$(( RUNS < 3 ? RUNS : 3 )) bench scale-40-forced "$BIN build $work/scale-40 ${TWO[*]} --force --quiet --out $work/out-40"
row "scale, 40 briefings, forced" scale-40-forced 480
[ -n "$TYPST" ] && row "stock typst, the 480 projects two at a time" scale-40 480 1
echo

if [ -n "$TYPST" ]; then
  echo "Example, empty output folder: brief $(ratio example)."
  echo "480 outputs, empty output folder: brief $(ratio scale-40)."
fi
python3 - "$work/noop.json" "$work/example.json" <<'EOF'
import json, sys
noop, full = (json.load(open(p))["results"][0]["mean"] for p in sys.argv[1:])
print("No-op rebuild: %.1f%% of a full build of the example." % (100 * noop / full))
EOF
rm -rf "$work/out-40"
/usr/bin/time -f "%M" -o "$work/rss" "$BIN" build "$work/scale-40" "${TWO[@]}" --quiet --out "$work/out-40" >/dev/null
echo "Peak memory, 480 outputs from an empty output folder: $(( $(cat "$work/rss") / 1024 )) MB."
# How many layouts each deck of the example takes to fit its slide bodies, from an empty
# output folder (issue 22 asks for one, or close to it).
layouts() {
  python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.startswith("{")]
print(", ".join("%s %s" % (r["lang"], r["layouts"]) for r in rows if r.get("type") == "output" and "layouts" in r))'
}
echo "Layouts per deck (example, empty output folder): $("$BIN" build $EX --format slides \
  --message-format json --out "$work/layouts" 2>&1 | layouts)"
echo "Layouts per deck (briefs/arcadia-detention): $("$BIN" build briefs/arcadia-detention \
  --format slides --message-format json --out "$work/layouts" 2>&1 | layouts)"
(cd "$work" && "$BIN" new sample >/dev/null 2>&1)
echo "Layouts per deck (the briefing \`brief new\` writes): $("$BIN" build "$work/briefs/sample" \
  --format slides --message-format json --out "$work/layouts" 2>&1 | layouts)"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$BIN" --version); $([ -n "$TYPST" ] && "$TYPST" --version); $(hyperfine --version)"
