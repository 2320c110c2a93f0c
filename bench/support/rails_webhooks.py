"""PayPal- and BTCPay-format events for the webhook benchmark: each delivered three times, all
shuffled, sent by 16 threads at once, as the provider sends them (PayPal's transmission headers,
its verification answered by the stub; BTCPay's HMAC-SHA256 BTCPay-Sig). Prints how long the
deliveries took and what the database must hold afterwards.

Usage: rails_webhooks.py paypal|btcpay PORT SECRET ONCE_FILE MONTHLY_FILE
"""
import hashlib
import hmac
import http.client
import json
import random
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

rail, port, secret, once_file, monthly_file = sys.argv[1:6]
once = open(once_file).read().split()
monthly = open(monthly_file).read().split()
random.seed(11)
start = datetime.now(timezone.utc).replace(microsecond=0)


def at(seconds):
    return (start + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


events = []
expected = {}
if rail == "paypal":
    def event(kind, seconds, resource):
        events.append({"id": f"WH-{len(events)}-{uuid.uuid4().hex[:8]}", "event_version": "1.0",
                       "create_time": at(seconds), "event_type": kind, "resource": resource})

    refunded = set(random.sample(range(len(once)), len(once) // 7))
    for i, ref in enumerate(once):
        capture = {"id": f"CAP-{ref}", "status": "COMPLETED", "custom_id": ref,
                   "amount": {"currency_code": "USD", "value": "5.00"}}
        event("PAYMENT.CAPTURE.COMPLETED", 0, capture)
        event("CHECKOUT.ORDER.COMPLETED", 0, {"id": f"ORDER-{ref}", "status": "COMPLETED",
                                              "payer": {"email_address": f"paypal-once-{i}@example.org"},
                                              "purchase_units": [{"custom_id": ref, "payments": {"captures": [capture]}}]})
        if i in refunded:
            event("PAYMENT.CAPTURE.REFUNDED", 5, {"id": f"RF-{ref}", "status": "COMPLETED",
                                                  "links": [{"rel": "up", "href": f"https://api.paypal.com/v2/payments/captures/CAP-{ref}"}]})
    for i, ref in enumerate(monthly):
        subscription = {"id": ref, "status": "ACTIVE", "custom_id": ref,
                        "subscriber": {"email_address": f"paypal-monthly-{i}@example.org"},
                        "billing_info": {"next_billing_time": at(2_592_000)}}
        event("BILLING.SUBSCRIPTION.ACTIVATED", 0, subscription)
        for n in (1, 2):
            event("PAYMENT.SALE.COMPLETED", n, {"id": f"SALE-{n}-{ref}", "state": "completed",
                                                "amount": {"total": "5.00", "currency": "USD"},
                                                "billing_agreement_id": ref})
        if i % 2 == 0:
            event("BILLING.SUBSCRIPTION.CANCELLED", 10, dict(subscription, status="CANCELLED"))
        else:
            event("BILLING.SUBSCRIPTION.SUSPENDED", 10, dict(subscription, status="SUSPENDED"))
    expected = {"contributions": len(once) + 2 * len(monthly), "refunded": len(refunded),
                "recurring": len(monthly), "cancelled": (len(monthly) + 1) // 2, "past due": len(monthly) // 2}
else:
    def event(kind, invoice, extra=None):
        body = {"deliveryId": f"Del{len(events)}{uuid.uuid4().hex[:8]}", "webhookId": "WhBench",
                "originalDeliveryId": None, "isRedelivery": False, "type": kind,
                "timestamp": int(start.timestamp()), "storeId": "StoreBench", "invoiceId": invoice}
        body["originalDeliveryId"] = body["deliveryId"]
        body.update(extra or {})
        events.append(body)

    for ref in once:
        event("InvoiceProcessing", f"{ref}-1", {"overPaid": False})
        event("InvoiceSettled", f"{ref}-1", {"overPaid": False, "manuallyMarked": False})
    for ref in monthly:
        event("InvoiceSettled", f"{ref}-1", {"overPaid": False, "manuallyMarked": False})
        event("InvoiceSettled", f"{ref}-2", {"overPaid": False, "manuallyMarked": False})
        event("InvoiceExpired", f"{ref}-3", {"partiallyPaid": True})
    expected = {"contributions": len(once) + 2 * len(monthly), "recurring": len(monthly),
                "partly paid noted": len(monthly)}

bodies = [json.dumps(e) for e in events]
deliveries = bodies * 3
random.shuffle(deliveries)
lock = threading.Lock()
statuses = {}


def send(chunk):
    connection = http.client.HTTPConnection("127.0.0.1", int(port))
    for body in chunk:
        raw = body.encode()
        if rail == "paypal":
            path = "/support/webhooks/paypal"
            headers = {"PAYPAL-TRANSMISSION-ID": str(uuid.uuid4()), "PAYPAL-TRANSMISSION-TIME": at(0),
                       "PAYPAL-TRANSMISSION-SIG": "c2lnbmVk", "PAYPAL-AUTH-ALGO": "SHA256withRSA",
                       "PAYPAL-CERT-URL": "https://api.paypal.com/v1/notifications/certs/CERT-bench"}
        else:
            path = "/support/webhooks/btcpay"
            headers = {"BTCPay-Sig": "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()}
        headers["Content-Type"] = "application/json"
        connection.request("POST", path, body=raw, headers=headers)
        response = connection.getresponse()
        response.read()
        with lock:
            statuses[response.status] = statuses.get(response.status, 0) + 1


threads = [threading.Thread(target=send, args=(deliveries[k::16],)) for k in range(16)]
began = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.time() - began
print(f"{rail} events: {len(events)} distinct, {len(deliveries)} deliveries in random order, 16 senders")
print(f"took {took:.1f} s: {len(deliveries) / took:.0f} deliveries/s; answers {statuses}")
print(f"expected: {expected}")
