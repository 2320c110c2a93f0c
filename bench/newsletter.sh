#!/usr/bin/env bash
# Newsletter benchmark: one edition to SUBSCRIBERS generated confirmed subscribers through Postfix's
# smtp-sink on 127.0.0.1, and, in the same run, the sink's own limit measured with smtp-source.
# Prints messages/s, total time, peak heap, and the ratio to the sink's limit.
# Usage: bash bench/newsletter.sh          (needs: apt-get install postfix  — for smtp-sink and smtp-source)
# Settings: SUBSCRIBERS (100000), CONNECTIONS (8), HEAP (512m), SIZE (message size for smtp-source, 40960);
# APP_JAVA_OPTS adds JVM options (a profiler, say).
# DB=postgres: run on the local PostgreSQL 15 (as root: makes a role and database tamizdat_bench)
# instead of the embedded H2 file.
# KILL_AFTER=N: the crash run instead — kill -9 the application N seconds into the send, start it
# again, and count at the sink (a second smtp-sink, with counters) how many messages arrived in all:
# any more than the subscribers were sent twice. The lease is 20 s here, so the restart takes over soon.
set -euo pipefail
cd "$(dirname "$0")/.."

SUBSCRIBERS=${SUBSCRIBERS:-100000}
CONNECTIONS=${CONNECTIONS:-8}
HEAP=${HEAP:-512m}
SIZE=${SIZE:-40960}
APP_PORT=18082
SINK_PORT=2525
WORK=$(mktemp -d /tmp/tamizdat-newsletter-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  # let them end (a profiler started by APP_JAVA_OPTS writes its recording on the way out)
  for pid in "${PIDS[@]}"; do timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

SINK=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
SOURCE=$(command -v smtp-source || echo /usr/sbin/smtp-source)
[ -x "$SINK" ] && [ -x "$SOURCE" ] || { echo "needs smtp-sink and smtp-source: apt-get install -y postfix" >&2; exit 1; }

source bench/lib.sh
RANGE=$(RANGE_OF "$SUBSCRIBERS")

"$SINK" -u nobody 127.0.0.1:$SINK_PORT 1024 &
PIDS+=($!)
sleep 1

# bytes through the loopback interface so far: per message, the size of what goes on the wire
loopback() { awk '$1 == "lo:" { print $2 }' /proc/net/dev; }

# the sink's own limit: smtp-source with the same number of reused connections
n=$((SUBSCRIBERS / 2))
start=$(date +%s.%N)
bytes=$(loopback)
"$SOURCE" -d -s "$CONNECTIONS" -m "$n" -l "$SIZE" -f bench@example.org -t sink@example.org 127.0.0.1:$SINK_PORT
sink_rate=$(awk -v n="$n" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", n / (e - s) }')
sink_kb=$(( ($(loopback) - bytes) / n / 1024 ))

APP_SINK_PORT=$SINK_PORT
if [ -n "${KILL_AFTER:-}" ]; then
  # a sink of its own for the application, which counts every message it accepts
  APP_SINK_PORT=2526
  "$SINK" -c -u nobody 127.0.0.1:$APP_SINK_PORT 1024 > "$WORK/sink-counts" &
  PIDS+=($!)
  sleep 1
fi

start_app() {
  "$JAVA" -Xmx"$HEAP" -XX:+UseParallelGC -Xlog:gc:file="$WORK/gc-$1.log" ${APP_JAVA_OPTS:-} -jar "$app" --server.address=127.0.0.1 --server.port=$APP_PORT \
    --tamizdat.data-dir="$WORK/data" --tamizdat.demo=true "${DB_ARGS[@]}" \
    --spring.mail.host=127.0.0.1 --spring.mail.port=$APP_SINK_PORT \
    --tamizdat.newsletter.delivery.connections="$CONNECTIONS" --tamizdat.newsletter.delivery.poll-interval=500ms \
    --tamizdat.jobs.polling-interval=1s \
    ${KILL_AFTER:+--tamizdat.newsletter.delivery.lease=20s} \
    --logging.level.root=warn --logging.level.press.tamizdat.newsletter=info > "$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  PIDS+=($APP_PID)
  wait_up $APP_PORT
}
start_app 1
ln -s "$WORK/app-1.log" "$WORK/app.log"
ln -s "$WORK/gc-1.log" "$WORK/gc.log"

# SUBSCRIBERS confirmed subscribers of The Week, and an edition with three demo articles
sql "INSERT INTO subscriber (email, status, language, created_at, confirmed_at)
     SELECT 'reader' || x || '@example.org', 'CONFIRMED', 'en', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM $RANGE;
     INSERT INTO subscription (subscriber_id, newsletter_id, status, created_at)
     SELECT id, (SELECT id FROM newsletter WHERE slug = 'weekly'), 'ACTIVE', CURRENT_TIMESTAMP FROM subscriber;
     INSERT INTO edition (newsletter_id, subject, intro, full_text, status, scheduled_for, created_by, created_at, version)
     VALUES ((SELECT id FROM newsletter WHERE slug = 'weekly'), 'Benchmark edition', 'An *introduction*.', TRUE, 'SCHEDULED', CURRENT_TIMESTAMP, 1, CURRENT_TIMESTAMP, 0);
     INSERT INTO edition_item (edition_id, article_id, heading, teaser, position)
     SELECT (SELECT MAX(id) FROM edition), id, 'News', 'A teaser.', id FROM article WHERE status = 'PUBLISHED' AND id <= 3;" > /dev/null
edition=$(sql "SELECT MAX(id) FROM edition")

start=$(date +%s.%N)
bytes=$(loopback)
sql "INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
     VALUES ('send-edition', '$edition', CURRENT_TIMESTAMP, FALSE, 1)" > /dev/null
if [ -n "${KILL_AFTER:-}" ]; then
  sleep "$KILL_AFTER"
  kill -9 "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  before=$(sql "SELECT COUNT(*) FROM delivery WHERE edition_id = $edition AND status = 'SENT'")
  accepted=$(tr '\r' '\n' < "$WORK/sink-counts" | tail -n1 | sed 's/.*mesg=//')
  echo "killed with kill -9 after ${KILL_AFTER} s: $before deliveries recorded, $accepted messages accepted by the sink"
  start_app 2
  rm "$WORK/app.log" && ln -s "$WORK/app-2.log" "$WORK/app.log"
fi
# the application logs when the send starts and when it is done; nothing else polls, so the
# measurement has the machine to itself
until grep -q "Edition $edition sent" "$WORK/app.log"; do sleep 0.2; done
end=$(date +%s.%N)
if [ -n "${KILL_AFTER:-}" ]; then
  sleep 1
  sent=$(sql "SELECT COUNT(*) FROM delivery WHERE edition_id = $edition AND status = 'SENT'")
  accepted=$(tr '\r' '\n' < "$WORK/sink-counts" | tail -n1 | sed 's/.*mesg=//')
  echo "after the restart: $sent of $SUBSCRIBERS deliveries recorded as sent; the sink accepted $accepted messages in all"
  echo "sent twice: $((accepted - SUBSCRIBERS)) (the documented worst case: one per connection in flight, $CONNECTIONS here)"
  exit 0
fi
edition_kb=$(( ($(loopback) - bytes) / SUBSCRIBERS / 1024 ))
grep "Edition $edition" "$WORK/app.log" | sed 's/^.*: Edition/Edition/'
# from the recipients being fixed to the last delivery recorded, by the application's own clock
first=$(grep "Edition $edition sending" "$WORK/app.log" | cut -c1-23)
last=$(grep "Edition $edition sent" "$WORK/app.log" | cut -c1-23)
sending=$(awk -v a="$(date -d "$first" +%s.%N)" -v b="$(date -d "$last" +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
sent=$(sql "SELECT COUNT(*) FROM delivery WHERE edition_id = $edition AND status = 'SENT'")
# the most heap in use: the largest "before" figure of any collection
peak=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | cut -dM -f1 | sort -n | tail -n1)
awk -v n="$SUBSCRIBERS" -v sent="$sent" -v s="$start" -v e="$end" -v sink="$sink_rate" -v peak="$peak" -v c="$CONNECTIONS" -v heap="$HEAP" -v sending="$sending" -v kb="$edition_kb" -v sink_kb="$sink_kb" 'BEGIN {
  t = e - s; rate = n / t
  printf "subscribers %d, recorded as sent %d, %d connections, heap cap %s\n", n, sent, c, heap
  printf "edition: %.1f s from scheduling to the last recorded delivery, %.0f messages/s, peak heap in use %d MB\n", t, rate, peak
  printf "sending alone (recipients fixed to last delivery recorded): %.1f s, %.0f messages/s\n", sending, n / sending
  printf "loopback bytes per message: %d KB (edition), %d KB (smtp-source)\n", kb, sink_kb
  printf "smtp-sink limit (smtp-source, %d connections): %d messages/s\n", c, sink
  printf "ratio to the sink: %.1f %% (whole edition), %.1f %% (sending alone)\n", 100 * rate / sink, 100 * n / sending / sink
}'
