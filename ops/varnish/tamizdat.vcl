# Varnish 7 (Debian's varnish and varnish-modules) in front of Tamizdat's nodes.
#
# It keeps what Tamizdat marks public (Cache-Control s-maxage, stale-while-revalidate), passes
# everything else (the newsroom, forms, anything with a cookie), and forgets pages by surrogate key
# when a node sends PURGE with an "xkey-purge" header (TAMIZDAT_PURGE_URLS names this address).
# See docs/operations.md. Tested by src/test/java/press/tamizdat/site/VarnishTests.java, which runs
# this file with its backends' ports replaced.
vcl 4.1;

import directors;
import std;
import xkey;

backend node_a {
    .host = "127.0.0.1";
    .port = "8081";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

backend node_b {
    .host = "127.0.0.1";
    .port = "8082";
    .probe = { .url = "/readyz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

# who may purge: the nodes (widen to their network when they run on other machines)
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node_a);
    nodes.add_backend(node_b);
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys to purge in xkey-purge"));
        }
        set req.http.purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.purged));
    }

    # staff pages and the health checks are never shared
    if (req.url ~ "^/(newsroom|actuator)(/|$)") {
        return (pass);
    }
    # the built-in logic follows: only GET and HEAD are looked up; a request with a cookie (a
    # staff member's session) or Authorization passes (readers carry neither on public pages)
}

sub vcl_backend_response {
    # Tamizdat names the keys of each page in Surrogate-Key; xkey reads them from xkey
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # served stale while one request fetches the new copy, as long as Tamizdat allows
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
                regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1") + "s", 0s);
    }
    # and for a day when every node is down
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.keep = std.duration(
                regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
    # the built-in logic follows: s-maxage sets the time to live, no-store, private and
    # Set-Cookie keep a response out of the cache
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # the keys are for purging, not for readers
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
