#!/usr/bin/env bash
# Scale-out benchmark: the setup of docs/operations.md on this machine — PostgreSQL, an S3-compatible
# store (S3Proxy, file system), two nodes with shared keys, Varnish with ops/varnish/tamizdat.vcl —
# plus a plain round-robin proxy (HAProxy), and wrk against one node, the two behind HAProxy and the
# two behind Varnish, for a cached article page (the nodes' page cache on) and an uncached one (off).
# It checks on the way what the walk-through promises: a publication on one node is on the other's
# front page and in its search, and Varnish's copy is purged.
# Usage: bash bench/cluster.sh     (as root; needs: apt-get install -y wrk haproxy varnish varnish-modules
#        postgresql; a JDK 21+; Maven Central for S3Proxy's jar)
# Settings: DURATION (15s), WARMUP (10s), UNCACHED_WARMUP (30s), CONNECTIONS (64), THREADS (2), JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
UNCACHED_WARMUP=${UNCACHED_WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
JAVA_OPTS=${JAVA_OPTS:--Xmx768m -XX:+UseParallelGC}
AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
A=18081; B=18082; VARNISH=16081; HAPROXY=16082; S3=19000
WORK=$(mktemp -d /tmp/tamizdat-cluster.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/haproxy.pid" ] && kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for tool in wrk haproxy varnishd; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "needs $tool" >&2; exit 1; }
done
if ! pg_lsclusters -h 2>/dev/null | awk '$4 == "online"' | grep -q .; then pg_ctlcluster 15 main start; fi

DB=postgres
. bench/lib.sh

# --- the S3-compatible store (docs/operations.md, step 2) ---------------------------------------
S3PROXY=${S3PROXY_JAR:-$HOME/.cache/tamizdat/s3proxy-2.6.0-jar-with-dependencies.jar}
if [ ! -f "$S3PROXY" ]; then
  mkdir -p "$(dirname "$S3PROXY")"
  curl -fsSLo "$S3PROXY" https://repo.maven.apache.org/maven2/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar
fi
mkdir -p "$WORK/s3/tamizdat-media"
cat > "$WORK/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=tamizdat-access
s3proxy.credential=tamizdat-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3
PROPS
"$JAVA" -jar "$S3PROXY" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)

# --- the settings both nodes share (step 3) ------------------------------------------------------
export SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL="$DB_URL" \
  SPRING_DATASOURCE_USERNAME=tamizdat_bench SPRING_DATASOURCE_PASSWORD=tamizdat_bench \
  TAMIZDAT_SITE_URL="http://localhost:$VARNISH" \
  TAMIZDAT_SECRET=$(openssl rand -hex 32) TAMIZDAT_SECURITY_KEY=$(openssl rand -hex 32) \
  TAMIZDAT_SUPPORT_KEY=$(openssl rand -hex 32) TAMIZDAT_CHANNELS_KEY=$(openssl rand -hex 32) \
  TAMIZDAT_MEDIA_BUCKET=tamizdat-media TAMIZDAT_MEDIA_BUCKET_ENDPOINT="http://127.0.0.1:$S3" \
  TAMIZDAT_MEDIA_BUCKET_PATH_STYLE=true TAMIZDAT_MEDIA_BUCKET_ACCESS_KEY=tamizdat-access \
  TAMIZDAT_MEDIA_BUCKET_SECRET_KEY=tamizdat-secret-key \
  TAMIZDAT_PURGE_URLS="http://127.0.0.1:$VARNISH/" MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
  TAMIZDAT_DEMO=true TAMIZDAT_ADMIN_EMAIL=chief@example.org TAMIZDAT_ADMIN_PASSWORD="four unrelated words here" \
  TAMIZDAT_ADMIN_TOTP_SECRET=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP

start_node() { # $1 port, $2 name, $3 page cache, $4 mirror
  SERVER_PORT=$1 SERVER_ADDRESS=127.0.0.1 TAMIZDAT_MANAGEMENT_PORT=$(( $1 + 1000 )) \
    TAMIZDAT_DATA_DIR="$WORK/$2" TAMIZDAT_MIRROR_ENABLED=$4 TAMIZDAT_PAGES_CACHE=$3 \
    "$JAVA" $JAVA_OPTS -jar "$app" --logging.level.root=warn > "$WORK/node-$2-$3.log" 2>&1 &
  eval "PID_$2=$!"
  PIDS+=($!)
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$(( $1 + 1000 ))/actuator/health/readiness" | grep -q UP && return 0
    sleep 1
  done
  echo "node $2 did not come up; see $WORK/node-$2-$3.log" >&2
  exit 1
}
stop_nodes() {
  kill "$PID_a" "$PID_b" 2>/dev/null || true
  wait "$PID_a" "$PID_b" 2>/dev/null || true
}

# --- two nodes (step 4), Varnish (step 5), and HAProxy ------------------------------------------
start_node $A a true true
start_node $B b true false
sed -e "s/\"8081\"/\"$A\"/; s/\"8082\"/\"$B\"/" ops/varnish/tamizdat.vcl > "$WORK/tamizdat.vcl"
varnishd -F -j none -a "127.0.0.1:$VARNISH" -f "$WORK/tamizdat.vcl" -s malloc,256m -n "$WORK/varnish" -T none \
  > "$WORK/varnish.log" 2>&1 &
PIDS+=($!)
cat > "$WORK/haproxy.cfg" <<CFG
global
  pidfile $WORK/haproxy.pid
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend site
  bind 127.0.0.1:$HAPROXY
  default_backend nodes
backend nodes
  balance roundrobin
  server a 127.0.0.1:$A
  server b 127.0.0.1:$B
CFG
haproxy -D -f "$WORK/haproxy.cfg"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$VARNISH/" > /dev/null && break; sleep 1; done

# --- step 6: what the walk-through promises -----------------------------------------------------
article=$(curl -s "http://127.0.0.1:$A/" | grep -o 'href="/en/[a-z0-9-]*"' | head -n1 | sed 's/href="//;s/"$//')
curl -s "http://127.0.0.1:$VARNISH/" > /dev/null
hit=$(curl -sI "http://127.0.0.1:$VARNISH/" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
headline="Cluster check $(date +%s)"
# an editor signs in through the nodes as a browser behind the balancer would: the password on A,
# the second factor on B (one session, in the database), and publishes on A
totp() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//;s/"$//'; }
jar="$WORK/cookies"
page() { curl -s -c "$jar" -b "$jar" "$@"; }
token=$(page "http://127.0.0.1:$A/newsroom/login" | csrf)
page -o /dev/null --data-urlencode "email=$TAMIZDAT_ADMIN_EMAIL" --data-urlencode "password=$TAMIZDAT_ADMIN_PASSWORD" \
  --data-urlencode "_csrf=$token" "http://127.0.0.1:$A/newsroom/login"
token=$(page "http://127.0.0.1:$B/newsroom/second-factor" | csrf)
page -o /dev/null --data-urlencode "code=$(totp "$TAMIZDAT_ADMIN_TOTP_SECRET")" --data-urlencode "_csrf=$token" \
  "http://127.0.0.1:$B/newsroom/second-factor"
editor=$(page "http://127.0.0.1:$A/newsroom/articles/new")
section=$(grep -o '<option value="[0-9]*"' <<<"$editor" | head -n1 | grep -o '[0-9]*')
page -o /dev/null --data-urlencode "_csrf=$(csrf <<<"$editor")" --data-urlencode language=en \
  --data-urlencode "headline=$headline" --data-urlencode "body=Published during the benchmark." \
  --data-urlencode "sectionId=$section" --data-urlencode "bylines=The Desk" --data-urlencode action=publish \
  "http://127.0.0.1:$A/newsroom/articles"
seen=no
for _ in $(seq 1 30); do
  if curl -s "http://127.0.0.1:$B/" | grep -q "$headline" \
     && curl -s "http://127.0.0.1:$B/search?q=$(sed 's/ /+/g' <<<"$headline")" | grep -q "$headline" \
     && curl -s "http://127.0.0.1:$VARNISH/" | grep -q "$headline"; then
    seen=yes; break
  fi
  sleep 1
done
echo "Varnish answered the second front page with X-Cache: ${hit:-none}; published on A, on B's front page, in B's search and on Varnish's front page: $seen"

measure() { # $1 label, $2 url, $3 warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3:-$WARMUP}" -H "User-Agent: $AGENT" -H "Accept-Encoding: gzip" "$2" > /dev/null
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "User-Agent: $AGENT" -H "Accept-Encoding: gzip" "$2")
  printf "%-36s %10s req/s   p99 %8s   %s\n" "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)"
}

echo "Article $article; wrk -t$THREADS -c$CONNECTIONS -d$DURATION, gzip; $(nproc) cores shared by everything"
measure "cached: one node" "http://127.0.0.1:$A$article"
measure "cached: two nodes, HAProxy" "http://127.0.0.1:$HAPROXY$article"
measure "cached: two nodes, Varnish" "http://127.0.0.1:$VARNISH$article"
stop_nodes
start_node $A a false true
start_node $B b false false
measure "uncached: one node" "http://127.0.0.1:$A$article" "$UNCACHED_WARMUP"
measure "uncached: two nodes, HAProxy" "http://127.0.0.1:$HAPROXY$article" "$UNCACHED_WARMUP"
stop_nodes
