"""Stripe-format events for the webhook benchmark: signed as Stripe signs them, each delivered
three times, all shuffled, sent by several threads at once. Reads the checkout references from
files; prints how long the deliveries took and what the database must hold afterwards.

Usage: webhooks.py PORT SECRET ONCE_FILE MONTHLY_FILE API_VERSION
"""
import hashlib
import hmac
import http.client
import json
import random
import sys
import threading
import time

port, secret, once_file, monthly_file, api_version = sys.argv[1:6]
once = open(once_file).read().split()
monthly = open(monthly_file).read().split()
random.seed(7)
now = int(time.time())


def event(number, kind, created, obj):
    return {"id": f"evt_bench_{number}", "object": "event", "api_version": api_version, "created": created,
            "livemode": False, "pending_webhooks": 1, "type": kind, "data": {"object": obj}}


events = []
refunded = set(random.sample(range(len(once)), len(once) // 7))
for i, ref in enumerate(once):
    events.append(event(len(events), "checkout.session.completed", now, {
        "id": f"cs_{ref}", "object": "checkout.session", "mode": "payment", "payment_status": "paid",
        "client_reference_id": ref, "payment_intent": f"pi_{ref}", "amount_total": 500, "currency": "usd",
        "customer_details": {"email": f"once-{i}@example.org"}, "metadata": {"checkout": ref}}))
    if i in refunded:
        events.append(event(len(events), "charge.refunded", now + 5, {
            "id": f"ch_{ref}", "object": "charge", "payment_intent": f"pi_{ref}", "refunded": True,
            "amount_refunded": 500}))
for i, ref in enumerate(monthly):
    sub = f"sub_{ref}"
    details = {"type": "subscription_details",
               "subscription_details": {"subscription": sub, "metadata": {"checkout": ref}}}
    events.append(event(len(events), "checkout.session.completed", now, {
        "id": f"cs_{ref}", "object": "checkout.session", "mode": "subscription", "payment_status": "paid",
        "client_reference_id": ref, "subscription": sub,
        "customer_details": {"email": f"monthly-{i}@example.org"}, "metadata": {"checkout": ref}}))
    for n, reason in ((1, "subscription_create"), (2, "subscription_cycle")):
        events.append(event(len(events), "invoice.paid", now + n, {
            "id": f"in_{n}_{ref}", "object": "invoice", "billing_reason": reason, "amount_paid": 500,
            "currency": "usd", "parent": details}))
    if i % 2 == 0:
        events.append(event(len(events), "customer.subscription.deleted", now + 10, {
            "id": sub, "object": "subscription", "status": "canceled", "metadata": {"checkout": ref},
            "items": {"object": "list", "data": []}}))
    else:
        events.append(event(len(events), "customer.subscription.updated", now + 10, {
            "id": sub, "object": "subscription", "status": "active", "metadata": {"checkout": ref},
            "items": {"object": "list", "data": [{"id": f"si_{ref}", "object": "subscription_item",
                                                  "current_period_end": now + 2_592_000,
                                                  "price": {"id": "price_b", "object": "price", "currency": "usd",
                                                            "unit_amount": 900, "product": "prod_b",
                                                            "recurring": {"interval": "month"}}}]}}))

bodies = [json.dumps(e) for e in events]
deliveries = bodies * 3
random.shuffle(deliveries)
lock = threading.Lock()
statuses = {}


def send(chunk):
    connection = http.client.HTTPConnection("127.0.0.1", int(port))
    for body in chunk:
        stamp = str(int(time.time()))
        signature = hmac.new(secret.encode(), (stamp + "." + body).encode(), hashlib.sha256).hexdigest()
        connection.request("POST", "/support/webhooks/stripe", body=body.encode(),
                           headers={"Content-Type": "application/json", "Stripe-Signature": f"t={stamp},v1={signature}"})
        response = connection.getresponse()
        response.read()
        with lock:
            statuses[response.status] = statuses.get(response.status, 0) + 1


threads = [threading.Thread(target=send, args=(deliveries[k::16],)) for k in range(16)]
start = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.time() - start
print(f"events: {len(events)} distinct, {len(deliveries)} deliveries in random order, 16 senders")
print(f"took {took:.1f} s: {len(deliveries) / took:.0f} deliveries/s; answers {statuses}")
print(f"expected: contributions {len(once) + 2 * len(monthly)}, refunded {len(refunded)}, "
      f"recurring {len(monthly)} ({(len(monthly) + 1) // 2} cancelled, {len(monthly) // 2} active at 9.00)")
