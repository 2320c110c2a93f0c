#!/usr/bin/env bash
# Page benchmark: wrk against the cached article page, the home page, an uncached render, and nginx
# serving the same article page as a static file, all on 127.0.0.1 in one run; the article and nginx
# once more with "Accept-Encoding: gzip" (the page cache's gzipped copy against nginx's gzip_static).
# Usage: bash bench/pages.sh            (needs: apt-get install wrk nginx; a JDK 21+)
# Settings: DURATION (default 20s), WARMUP (10s), UNCACHED_WARMUP (60s), CONNECTIONS (64), THREADS (2),
# JAVA_OPTS (-Xmx1g -XX:+UseParallelGC); APP_ARGS adds application arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
# load before each measurement; the uncached render gets longer, because on two cores shared with wrk
# the JIT needs 40-60 s under load before it reaches its steady state
WARMUP=${WARMUP:-10s}
UNCACHED_WARMUP=${UNCACHED_WARMUP:-60s}
# ParallelGC: on two cores its short young pauses kept the cached p99 at 8.7-9.6 ms where G1's gave 11-15 ms
JAVA_OPTS=${JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
# a browser's user agent, so every request to an article is counted as a reading, as a reader's is
# (wrk sends none by default, which the counter leaves out as a robot's)
AGENT=${AGENT:-Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0}
APP_PORT=18080
NGINX_PORT=18081
WORK=$(mktemp -d /tmp/tamizdat-bench.XXXXXX)
chmod 755 "$WORK"   # nginx workers read the saved page as another user
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx: apt-get install -y wrk nginx" >&2; exit 1; }

jar=$(ls target/tamizdat-*.jar 2>/dev/null | grep -v plain | head -n1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B -DskipTests package
  jar=$(ls target/tamizdat-*.jar | grep -v plain | head -n1)
fi
# run as production does, from the extracted layout (README): the packaged jar run as it is serves
# on platform threads, which would measure something else
"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$WORK/app" > /dev/null
app="$WORK/app/$(basename "$jar")"

start_app() { # $1: page cache on or off
  "$JAVA" $JAVA_OPTS -jar "$app" --server.address=127.0.0.1 --server.port=$APP_PORT \
    --tamizdat.data-dir="$WORK/data" --tamizdat.demo=true --tamizdat.pages.cache="$1" \
    --logging.level.root=warn ${APP_ARGS:-} > "$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$APP_PORT/actuator/health" | grep -q UP && return 0
    sleep 1
  done
  echo "the application did not start; see $WORK/app-$1.log" >&2
  exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }

measure() { # $1: label, $2: url, $3: warm-up, $4: Accept-Encoding -> prints "label req/s p99"
  local encoding=(-H "Accept-Encoding: ${4:-identity}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3:-$WARMUP}" -H "User-Agent: $AGENT" "${encoding[@]}" "$2" > /dev/null
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "User-Agent: $AGENT" "${encoding[@]}" "$2")
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf "%-28s %12s req/s   p99 %8s   %s\n" "$1" "$rps" "$p99" "$errors"
  echo "$rps" > "$WORK/rps-$(tr ' /' '__' <<<"$1")"
}

start_app true
article=$(curl -s "http://127.0.0.1:$APP_PORT/" | grep -o 'href="/en/[a-z0-9-]*"' | head -n1 | sed 's/href="//;s/"$//')
mkdir -p "$WORK/www"
curl -s "http://127.0.0.1:$APP_PORT$article" > "$WORK/www/article.html"
size=$(wc -c < "$WORK/www/article.html")
gzip -9 -k "$WORK/www/article.html"
gzipped=$(curl -s -H "Accept-Encoding: gzip" "http://127.0.0.1:$APP_PORT$article" | wc -c)
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  default_type text/html;
  gzip_static on;
  gzip_vary on;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
nginx -c "$WORK/nginx.conf"

echo "Article $article, $size bytes of HTML, $gzipped gzipped; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $(nproc) cores"
measure "nginx static article" "http://127.0.0.1:$NGINX_PORT/article.html"
measure "cached article" "http://127.0.0.1:$APP_PORT$article"
measure "nginx gzip_static article" "http://127.0.0.1:$NGINX_PORT/article.html" "$WARMUP" gzip
measure "cached article, gzip" "http://127.0.0.1:$APP_PORT$article" "$WARMUP" gzip
measure "cached home" "http://127.0.0.1:$APP_PORT/"
stop_app
start_app false
measure "uncached article" "http://127.0.0.1:$APP_PORT$article" "$UNCACHED_WARMUP"
stop_app

nginx_rps=$(cat "$WORK/rps-nginx_static_article")
cached_rps=$(cat "$WORK/rps-cached_article")
awk -v a="$cached_rps" -v n="$nginx_rps" 'BEGIN { printf "cached article / nginx static: %.1f %%\n", 100 * a / n }'
nginx_gz_rps=$(cat "$WORK/rps-nginx_gzip_static_article")
cached_gz_rps=$(cat "$WORK/rps-cached_article,_gzip")
awk -v a="$cached_gz_rps" -v n="$nginx_gz_rps" 'BEGIN { printf "cached article, gzip / nginx gzip_static: %.1f %%\n", 100 * a / n }'
