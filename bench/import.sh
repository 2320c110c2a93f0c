#!/usr/bin/env bash
# Imports a WordPress export of POSTS posts (10,000 by default; every 50th with a picture in the
# uploads folder) with the import command, on the embedded H2 (or DB=postgres), twice: the first
# run creates every article, the second finds them unchanged. Prints each run's time and the
# heap it needed (what G1's mixed and full collections left, from the GC log, with -Xmx$HEAP), the
# process's peak resident memory and the database's size. The import's own time (without the application's start) is
# in the command's output.
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${POSTS:-10000}
HEAP=${HEAP:-512m}
WORK=$(mktemp -d /tmp/tamizdat-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
source bench/lib.sh

"$JAVA" bench/import/WxrFile.java "$POSTS" "$WORK/export.xml" "$WORK/uploads"
echo "export: $(du -h "$WORK/export.xml" | cut -f1), $POSTS posts, $(find "$WORK/uploads" -name '*.jpg' | wc -l) pictures"

for run in first second; do
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$WORK/rss-$run" \
    "$JAVA" -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc-$run.log" -jar "$app" import wordpress "$WORK/export.xml" \
      --uploads="$WORK/uploads" --tamizdat.data-dir="$WORK/data" --tamizdat.demo=false "${DB_ARGS[@]}" \
      > "$WORK/import-$run.log" 2>&1
  end=$(date +%s.%N)
  # the heap the import holds: what G1's mixed collections (those that reclaim old regions) left
  mixed=$(grep -E 'Pause Young \(Mixed\)' "$WORK/gc-$run.log" | grep -oE '[0-9]+M->[0-9]+M' \
    | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)] " MB median, " a[NR] " MB at most"}')
  full=$(grep -E 'Pause Full' "$WORK/gc-$run.log" | grep -oE '[0-9]+M->[0-9]+M' | tr '\n' ' ')
  echo "$run run: $(grep -E '^Import [0-9]+' "$WORK/import-$run.log")"
  printf '%s run: %.1f s with the start-up; heap after mixed collections %s; full collections %s(in -Xmx%s); peak RSS %s MB; database %s\n' \
    "$run" "$(echo "$end - $start" | bc)" "${mixed:-none}" "${full:-none }" "$HEAP" \
    "$(( $(cat "$WORK/rss-$run") / 1024 ))" "$(du -sh "$WORK/data/db" 2>/dev/null | cut -f1)"
done
