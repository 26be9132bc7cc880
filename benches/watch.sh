#!/usr/bin/env bash
# Benchmarks the authoring loop: from saving a change to one translation file to the new
# PDF being in place, once the first build is done, for one handout (the example's French
# handout). Median, min and max over SAVES saves (default 20), a save every PAUSE seconds.
#
#   benches/watch.sh                          # brief watch (release build)
#   TYPST=/path/to/typst benches/watch.sh     # also stock `typst watch` 0.15.1
#   BRIEF=target/debug/brief SAVES=5 benches/watch.sh   # another binary, fewer saves
#
# `brief watch briefs/… --lang fr --format handout` is timed on a copy of the example:
# each save rewrites fr.toml in place with a new title (the title band of page 1, and the
# PDF's metadata), or with one
# finding's text changed (on one page). Stock `typst watch` runs on the
# same output ejected with `brief build --emit-typst`; each save rewrites its data.json
# (where the translation's text lands) with the same new title. A save is a plain
# rewrite of the file; the clock starts just before it and stops when the PDF's inode,
# size or modification time changes, polled every 0.2 ms (python3).
set -euo pipefail
cd "$(dirname "$0")/.."
SAVES=${SAVES:-20}
PAUSE=${PAUSE:-0.4}
if [ -n "${BRIEF:-}" ]; then
  BIN=$(realpath "$BRIEF")
else
  cargo build --release --quiet
  BIN=$PWD/target/release/brief
fi
work=$(mktemp -d)
pids=()
cleanup() {
  # TERM, not INT: a background job of a script ignores SIGINT unless it sets a handler,
  # as `brief watch` does and `typst watch` does not.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/briefs"
cp -r briefs/russia-behind-bars "$work/briefs/"
brief_dir=$work/briefs/russia-behind-bars

# Polls a file until it changes; prints the seconds from the save to the change.
# Arguments: file to save, its new text's template (`{n}` is the save's number), file to
# watch, number of saves, pause between saves.
cat > "$work/measure.py" <<'EOF'
import os, statistics, sys, time

edit, template_file, watched, saves, pause = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
template = open(template_file, encoding="utf-8").read()

def key():
    try:
        s = os.stat(watched)
        return (s.st_ino, s.st_size, s.st_mtime_ns)
    except FileNotFoundError:
        return None

times = []
for n in range(saves):
    before = key()
    text = template.replace("{n}", str(n + 1))
    start = time.perf_counter()
    with open(edit, "w", encoding="utf-8") as f:
        f.write(text)
    while key() == before:
        if time.perf_counter() - start > 20:
            sys.exit(f"no new PDF 20 s after save {n + 1}")
        time.sleep(0.0002)
    times.append((time.perf_counter() - start) * 1000)
    time.sleep(pause)
print(f"{statistics.median(times):.1f} {min(times):.1f} {max(times):.1f}")
EOF

# Waits until `file` holds `text`.
wait_for() {
  for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

row() { # name, "median min max"
  read -r median min max <<< "$2"
  echo "| $1 | $median ms | $min ms | $max ms |"
}

echo "| save → new PDF ($SAVES saves) | median | min | max |"
echo "|---|---|---|---|"

# brief watch: fr.toml with its title changed on each save. First watching the French
# handout alone (as typst watch watches one document), then every output of the example
# (each save rebuilds the French handout, slides and leave-behinds, on two threads).
title=$(grep -m1 '^title = ' "$brief_dir/fr.toml" | sed 's/^title = "\(.*\)"$/\1/')
sed "0,/^title = .*/s//title = \"$title ({n})\"/" "$brief_dir/fr.toml" > "$work/fr.template"
# A second edit, in one finding's text (on one page of the handout), as most edits are.
sed "s/en moyenne chaque année\"/en moyenne chaque année ({n})\"/" "$brief_dir/fr.toml" > "$work/fr.finding"
grep -q '({n})' "$work/fr.finding" || { echo "the finding's text was not found in fr.toml" >&2; exit 1; }
cp "$brief_dir/fr.toml" "$work/fr.original"
pdf=$work/out/russia-behind-bars/russia-behind-bars.fr.handout.pdf
bench_brief() { # name, log, template of the saved fr.toml, watch arguments…
  local name=$1 log=$2 template=$3; shift 3
  cp "$work/fr.original" "$brief_dir/fr.toml"
  (cd "$work" && exec "$BIN" watch briefs/russia-behind-bars "$@" --out out 2> "$log") &
  local pid=$!
  pids+=("$pid")
  wait_for "$log" "^built \|^ready in"
  row "$name" "$(python3 "$work/measure.py" "$brief_dir/fr.toml" "$template" "$pdf" "$SAVES" "$PAUSE")"
  kill -INT "$pid"; wait "$pid" || true
  local rebuilt
  # One line per save: `rebuilt <output> …` for one output, `rebuilt N outputs …` for more.
  rebuilt=$(grep -c '^rebuilt ' "$log" || true)
  [ "$rebuilt" -ge "$SAVES" ] || { echo "expected $SAVES rebuilds, $log shows $rebuilt:" >&2; cat "$log" >&2; exit 1; }
}
bench_brief "brief watch --lang fr --format handout: the title" "$work/watch-one.log" "$work/fr.template" --lang fr --format handout
bench_brief "brief watch --lang fr --format handout: one finding's text" "$work/watch-finding.log" "$work/fr.finding" --lang fr --format handout
bench_brief "brief watch, every output: the title (the French handout, slides and leave-behinds rebuilt)" "$work/watch-all.log" "$work/fr.template"

if [ -n "${TYPST:-}" ]; then
  "$BIN" build "$brief_dir" --lang fr --format handout --force --quiet --out "$work/eject-out" --emit-typst "$work/typst" > /dev/null
  project=$work/typst/russia-behind-bars.fr.handout
  python3 - "$project/data.json" "$title" "$work/data.template" <<'EOF'
import sys
data, title, target = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(data, encoding="utf-8").read()
assert title in text, "the title is in data.json"
open(target, "w", encoding="utf-8").write(text.replace(title, title + " ({n})"))
EOF
  "$TYPST" watch --ignore-system-fonts --font-path fonts --root "$project" "$project/main.typ" "$project/out.pdf" \
    > "$work/typst.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do [ -s "$project/out.pdf" ] && break; sleep 0.1; done
  sleep 1
  row "typst watch $("$TYPST" --version | awk '{print $2}') (ejected)" "$(python3 "$work/measure.py" "$project/data.json" "$work/data.template" "$project/out.pdf" "$SAVES" "$PAUSE")"
fi
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$BIN" --version); $(date -u +%F)"
