#!/usr/bin/env bash
# Mirror benchmark: the static mirror of a site with ARTICLES generated published articles (plus the
# demo content), written whole, then brought up to date after one article is published through the
# newsroom. Prints both times as the application logs them, the end-to-end time from the publish to
# the updated copy, and the size of the copy.
# Usage: bash bench/mirror.sh        (build the jar first: ./mvnw -DskipTests package)
# Settings: ARTICLES (10000), HEAP (1g); DB=postgres runs on the local PostgreSQL 15 instead of H2.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${ARTICLES:-10000}
HEAP=${HEAP:-1g}
APP_PORT=18083
WORK=$(mktemp -d /tmp/tamizdat-mirror-bench.XXXXXX)
ADMIN=bench@example.org
PASSWORD="four unrelated words here"
SECRET=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

source bench/lib.sh

start_app() {
  "$JAVA" -Xmx"$HEAP" -XX:+UseParallelGC -jar "$app" --server.address=127.0.0.1 --server.port=$APP_PORT \
    --tamizdat.data-dir="$WORK/data" --tamizdat.demo=true "${DB_ARGS[@]}" \
    --tamizdat.admin.email=$ADMIN --tamizdat.admin.password="$PASSWORD" --tamizdat.admin.totp-secret=$SECRET \
    --tamizdat.reach.mirror.enabled="$1" --tamizdat.reach.mirror.folder="$WORK/mirror" \
    --tamizdat.reach.mirror.debounce=1s --tamizdat.jobs.polling-interval=1s \
    --logging.level.root=warn --logging.level.press.tamizdat.reach=info > "$WORK/app-$2.log" 2>&1 &
  APP_PID=$!
  PIDS+=($APP_PID)
  wait_up $APP_PORT
}
stop_app() {
  kill "$APP_PID"
  timeout 60 tail --pid="$APP_PID" -f /dev/null
}

# 1. the schema, the demo content and the admin; then ARTICLES more published articles, by 50
#    reporters over the four sections, about 2 KB of Markdown each
start_app false 1
stop_app
# the bench opens H2 with AUTO_SERVER (to read it from here), which H2 cannot combine with the
# application's DB_CLOSE_ON_EXIT=FALSE: its own shutdown hook may have closed the database under a
# job that was finishing, leaving it marked as running until db-scheduler declares it dead
sql "UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL WHERE picked" > /dev/null
BODY="Reporters in the region describe **long queues** at the border crossings and closed offices.\n\n"
BODY="$BODY$BODY$BODY$BODY## What comes next\n\nOfficials declined to comment. Residents say prices have doubled since spring, and that the last independent pharmacy closed in May.\n\n"
BODY="$BODY$BODY$BODY"
BODY=$(printf '%b' "$BODY" | sed "s/'/''/g")
if [ "${DB:-h2}" = postgres ]; then
  AT="CURRENT_TIMESTAMP - x * INTERVAL '1 minute'"
else
  AT="DATEADD('MINUTE', -x, CURRENT_TIMESTAMP)"
fi
sql "INSERT INTO article (version, language, slug, headline, body, section_id, status, publish_at, created_by, created_at, modified_at)
     SELECT 0, 'EN', 'bench-' || x, 'Benchmark story number ' || x, '$BODY',
            (SELECT MIN(id) FROM section) + MOD(x, 4), 'PUBLISHED', $AT, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
     FROM $(RANGE_OF "$ARTICLES");
     INSERT INTO article_byline (article_id, position, name)
     SELECT id, 0, 'Reporter ' || MOD(id, 50) FROM article WHERE slug LIKE 'bench-%'" > /dev/null
echo "articles published: $(sql "SELECT COUNT(*) FROM article WHERE status = 'PUBLISHED'")"

# 2. the whole copy: the application writes it after starting, as there is none yet
start_app true 2
until grep -q "Mirror export" "$WORK/app-2.log"; do sleep 1; done
grep "Mirror export" "$WORK/app-2.log" | sed 's/^.*: Mirror/Mirror/'
echo "copy: $(find "$WORK/mirror" -type f | wc -l) files, $(du -sh "$WORK/mirror" | cut -f1)"

# 3. one article published through the newsroom (password, then a TOTP code), and the update
base="http://127.0.0.1:$APP_PORT"
jar_cookies="$WORK/cookies"
token() { grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
totp() {
  python3 - "$SECRET" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}
t=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "$base/newsroom/login" | token)
curl -s -c "$jar_cookies" -b "$jar_cookies" -o /dev/null --data-urlencode "email=$ADMIN" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$t" "$base/newsroom/login"
t=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "$base/newsroom/second-factor" | token)
curl -s -c "$jar_cookies" -b "$jar_cookies" -o /dev/null --data-urlencode "code=$(totp)" \
  --data-urlencode "_csrf=$t" "$base/newsroom/second-factor"
t=$(curl -s -c "$jar_cookies" -b "$jar_cookies" "$base/newsroom/articles/new" | token)
section=$(sql "SELECT MIN(id) FROM section")
start=$(date +%s.%N)
curl -s -c "$jar_cookies" -b "$jar_cookies" -o /dev/null --data-urlencode "language=en" \
  --data-urlencode "headline=A story published during the benchmark" --data-urlencode "body=Fresh **news**." \
  --data-urlencode "bylines=Bench Editor" --data-urlencode "sectionId=$section" --data-urlencode "action=publish" \
  --data-urlencode "_csrf=$t" "$base/newsroom/articles"
until grep -q "Mirror update" "$WORK/app-2.log"; do sleep 0.1; done
end=$(date +%s.%N)
[ -f "$WORK/mirror/en/a-story-published-during-the-benchmark/index.html" ] || { echo "the new article is not in the copy" >&2; exit 1; }
grep "Mirror update" "$WORK/app-2.log" | sed 's/^.*: Mirror/Mirror/'
awk -v s="$start" -v e="$end" 'BEGIN { printf "from the publish to the updated copy: %.1f s (the update waits 1 s for more changes, polled each second)\n", e - s }'
