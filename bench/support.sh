#!/usr/bin/env bash
# Reader-support benchmarks, on one application with the embedded H2 (or DB=postgres):
# 1. checkout starts against the test-mode provider: ten bursts of 200 at once (ApacheBench), then
#    wrk with 200 connections posting the form for DURATION; latency as the clients saw it and as
#    Tomcat timed our own handling of each request (its access log, kept only for the benchmark).
# 2. Stripe webhooks: WEBHOOK_CHECKOUTS checkouts opened through a stub of Stripe's API (WireMock),
#    then 10,000 distinct Stripe-format events about them, each delivered three times in random
#    order; the database is then checked for exactly the right contributions and states.
# 3. The same for PayPal (its verification call answered by the stub) and BTCPay Server (HMAC
#    signed), about 10,000 distinct events each.
# Usage: bash bench/support.sh     (needs wrk and ab: apt-get install wrk apache2-utils; run
# ./mvnw -DskipTests package first after changes)
# DB=postgres runs it on the local PostgreSQL 15; APP_JAVA_OPTS adds JVM options (a profiler, say).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
HEAP=${HEAP:-512m}
APP_PORT=18083
STUB_PORT=18084
WORK=$(mktemp -d /tmp/tamizdat-support-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
source bench/lib.sh

start_app() { # $1: a name for the log; the rest: more application arguments
  local name=$1; shift
  "$JAVA" -Xmx"$HEAP" -XX:+UseParallelGC ${APP_JAVA_OPTS:-} -jar "$app" --server.address=127.0.0.1 --server.port=$APP_PORT \
    --tamizdat.data-dir="$WORK/data" --tamizdat.demo=true "${DB_ARGS[@]}" \
    --tamizdat.support.checkouts-per-minute-per-network=100000000 --tamizdat.support.guard.surge-starts=100000000 \
    --server.tomcat.accesslog.enabled=true --server.tomcat.accesslog.directory="$WORK" \
    --server.tomcat.accesslog.prefix="access-$name" --server.tomcat.accesslog.suffix=.log \
    --server.tomcat.accesslog.pattern='%r %s %{us}T' \
    --logging.level.root=warn "$@" > "$WORK/app-$name.log" 2>&1 &
  APP_PID=$!
  PIDS+=($APP_PID)
  wait_up $APP_PORT
}
stop_app() {
  kill "$APP_PID"; timeout 30 tail --pid="$APP_PID" -f /dev/null || true
}
# our own handling, as Tomcat timed it (request read to response done, in microseconds), of the
# requests whose line contains $2, from access log $1: count, p50 and p99 in ms
handling() {
  grep -F "$2" "$1" | awk '{ print $NF }' | sort -n | awk '{ t[NR] = $1 } END {
    printf "%d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms", NR, t[int(NR * 0.5)] / 1000, t[int(NR * 0.99)] / 1000, t[NR] / 1000 }'
}

# the checkouts the events are about, opened through the form as readers open them (8 at a time):
# $1 one-time, $2 monthly, $3 the way to pay
open_checkouts() {
python3 - "$APP_PORT" "$1" "$2" "$3" <<'PY'
import http.client, sys, threading
port, once, monthly, method = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
forms = [f"frequency=once&custom=5&currency=USD&method={method}"] * once \
    + [f"frequency=monthly&custom=5&currency=USD&method={method}"] * monthly
def post(chunk):
    c = http.client.HTTPConnection("127.0.0.1", int(port))
    for body in chunk:
        c.request("POST", "/support", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse(); r.read()
        assert r.status == 302, r.status
threads = [threading.Thread(target=post, args=(forms[k::8],)) for k in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
PY
}
# a WireMock server standing in for a provider's API: $1 its mappings folder, $2 the port
start_stub() {
  "$JAVA" -jar ~/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar \
    --bind-address 127.0.0.1 --port "$2" --root-dir "$1" --no-request-journal --disable-banner > "$WORK/stub-$2.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$2/__admin/mappings" && break; sleep 1; done
}
# what the database holds for provider $1 after its events
found() {
  echo "found ($1): events acted on $(sql "SELECT COUNT(*) FROM payment_event WHERE provider = '$1'"), contributions $(sql "SELECT COUNT(*) FROM contribution WHERE provider = '$1'"), refunded $(sql "SELECT COUNT(*) FROM contribution WHERE provider = '$1' AND status = 'REFUNDED'"), twice for one payment $(sql "SELECT COUNT(*) FROM (SELECT provider_reference FROM contribution WHERE provider = '$1' GROUP BY provider_reference HAVING COUNT(*) > 1) AS d")"
  echo "recurring ($1): $(sql "SELECT COUNT(*) FROM recurring_support WHERE provider = '$1'") ($(sql "SELECT COUNT(*) FROM recurring_support WHERE provider = '$1' AND status = 'CANCELLED'") cancelled, $(sql "SELECT COUNT(*) FROM recurring_support WHERE provider = '$1' AND status = 'PAST_DUE'") past due, $(sql "SELECT COUNT(*) FROM recurring_support WHERE provider = '$1' AND status = 'ACTIVE'") active); checkouts completed $(sql "SELECT COUNT(*) FROM checkout WHERE provider = '$1' AND status = 'COMPLETED'"); notes $(sql "SELECT COUNT(*) FROM payment_note WHERE provider = '$1'")"
}

echo "== checkout starts (test mode)"
start_app checkouts
# warm up: the JIT, the pool, the first pages
wrk -t2 -c50 -d10s -s bench/support/checkout.lua "http://127.0.0.1:$APP_PORT/support?bench=warm" > /dev/null
# bursts: 200 readers press Continue at the same moment (ApacheBench, 200 requests on 200
# connections), ten times, a second apart
echo -n "frequency=once&custom=5&currency=USD" > "$WORK/form"
for _ in $(seq 1 10); do
  ab -q -n 200 -c 200 -p "$WORK/form" -T application/x-www-form-urlencoded \
    "http://127.0.0.1:$APP_PORT/support?bench=burst" > "$WORK/ab.txt"
  grep -q "Failed requests: *0" "$WORK/ab.txt" || { cat "$WORK/ab.txt"; exit 1; }
  sleep 1
done
grep -E "^ +(50|99|100)%" "$WORK/ab.txt" | sed 's/^/  last burst, as ApacheBench saw it: /'
# and a sustained load: 200 connections posting as fast as the server answers
wrk -t2 -c200 -d"$DURATION" --latency -s bench/support/checkout.lua "http://127.0.0.1:$APP_PORT/support?bench=wrk" | tee "$WORK/wrk.txt"
echo "checkouts recorded: $(sql "SELECT COUNT(*) FROM checkout")"
stop_app
echo "our own handling (Tomcat's time per request):"
echo "  bursts of 200: $(handling "$WORK"/access-checkouts*.log "bench=burst")"
echo "  sustained, 200 connections: $(handling "$WORK"/access-checkouts*.log "bench=wrk")"

echo "== Stripe webhooks"
start_stub bench/support/stripe-stub $STUB_PORT
start_app webhooks --tamizdat.support.stripe.secret-key=sk_test_bench \
  --tamizdat.support.stripe.webhook-secret=whsec_bench --tamizdat.support.stripe.api-base="http://127.0.0.1:$STUB_PORT"
ONCE=${ONCE:-3500}
MONTHLY=${MONTHLY:-1500}
sql "DELETE FROM checkout" > /dev/null
open_checkouts "$ONCE" "$MONTHLY" card
sql "SELECT reference FROM checkout WHERE frequency = 'ONCE'" > "$WORK/once.refs"
sql "SELECT reference FROM checkout WHERE frequency = 'MONTHLY'" > "$WORK/monthly.refs"
unzip -p "$jar" 'BOOT-INF/lib/stripe-java-*.jar' > "$WORK/stripe.jar"
api_version=$(cd "$WORK" && printf 'class V { public static void main(String[] a) { System.out.println(com.stripe.Stripe.API_VERSION); } }' > V.java \
  && "$JAVA" -cp stripe.jar V.java)
python3 bench/support/webhooks.py "$APP_PORT" whsec_bench "$WORK/once.refs" "$WORK/monthly.refs" "$api_version"
echo "found: events acted on $(sql "SELECT COUNT(*) FROM payment_event"), contributions $(sql "SELECT COUNT(*) FROM contribution"), refunded $(sql "SELECT COUNT(*) FROM contribution WHERE status = 'REFUNDED'"), twice for one payment $(sql "SELECT COUNT(*) FROM (SELECT provider_reference FROM contribution GROUP BY provider_reference HAVING COUNT(*) > 1) AS d")"
echo "recurring: $(sql "SELECT COUNT(*) FROM recurring_support") ($(sql "SELECT COUNT(*) FROM recurring_support WHERE status = 'CANCELLED'") cancelled, $(sql "SELECT COUNT(*) FROM recurring_support WHERE status = 'ACTIVE' AND amount_minor = 900") active at 9.00); checkouts completed $(sql "SELECT COUNT(*) FROM checkout WHERE status = 'COMPLETED'") of $((ONCE + MONTHLY))"
stop_app

# PayPal and BTCPay Server: the same shape of test, each provider's checkouts opened through the
# form, then about 10,000 distinct events in that provider's format, each delivered three times
echo "== PayPal webhooks"
PAYPAL_PORT=18085
start_stub bench/support/paypal-stub $PAYPAL_PORT
start_app paypal --tamizdat.support.paypal.client-id=bench --tamizdat.support.paypal.client-secret=bench \
  --tamizdat.support.paypal.webhook-id=WH-BENCH --tamizdat.support.paypal.api-base="http://127.0.0.1:$PAYPAL_PORT"
PAYPAL_ONCE=${PAYPAL_ONCE:-2600}
PAYPAL_MONTHLY=${PAYPAL_MONTHLY:-1110}
open_checkouts "$PAYPAL_ONCE" "$PAYPAL_MONTHLY" paypal
sql "SELECT reference FROM checkout WHERE provider = 'paypal' AND frequency = 'ONCE'" > "$WORK/paypal-once.refs"
sql "SELECT reference FROM checkout WHERE provider = 'paypal' AND frequency = 'MONTHLY'" > "$WORK/paypal-monthly.refs"
python3 bench/support/rails_webhooks.py paypal "$APP_PORT" - "$WORK/paypal-once.refs" "$WORK/paypal-monthly.refs"
found paypal
stop_app

echo "== BTCPay Server webhooks"
BTCPAY_PORT=18086
start_stub bench/support/btcpay-stub $BTCPAY_PORT
start_app btcpay --tamizdat.support.btcpay.url="http://127.0.0.1:$BTCPAY_PORT" --tamizdat.support.btcpay.api-key=bench \
  --tamizdat.support.btcpay.store-id=StoreBench --tamizdat.support.btcpay.webhook-secret=whsec_btcpay_bench
BTCPAY_ONCE=${BTCPAY_ONCE:-3800}
BTCPAY_MONTHLY=${BTCPAY_MONTHLY:-800}
open_checkouts "$BTCPAY_ONCE" "$BTCPAY_MONTHLY" crypto
sql "SELECT reference FROM checkout WHERE provider = 'btcpay' AND frequency = 'ONCE'" > "$WORK/btcpay-once.refs"
sql "SELECT reference FROM checkout WHERE provider = 'btcpay' AND frequency = 'MONTHLY'" > "$WORK/btcpay-monthly.refs"
python3 bench/support/rails_webhooks.py btcpay "$APP_PORT" whsec_btcpay_bench "$WORK/btcpay-once.refs" "$WORK/btcpay-monthly.refs"
found btcpay
