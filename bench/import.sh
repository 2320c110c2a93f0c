#!/usr/bin/env bash
# Imports a WordPress export of POSTS posts (10,000 by default; every 50th with a picture in the
# uploads folder) with the import command, on the embedded H2 (or DB=postgres), twice: the first
# run creates every article, the second finds them unchanged. Prints each run's time and the
# heap it needed (the largest live heap after a collection, from the GC log, with -Xmx$HEAP), and
# the process's peak resident memory. The import's own time (without the application's start) is
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
  # the live heap: what a collection could not free, at its largest during the run
  live=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc-$run.log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
  echo "$run run: $(grep -E '^Import [0-9]+' "$WORK/import-$run.log")"
  printf '%s run: %.1f s with the start-up, live heap after collections at most %s MB (in -Xmx%s), peak RSS %s MB\n' \
    "$run" "$(echo "$end - $start" | bc)" "${live:-?}" "$HEAP" \
    "$(( $(cat "$WORK/rss-$run") / 1024 ))"
done
