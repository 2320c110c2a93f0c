-- wrk: every request starts a checkout for 5 USD once, as the form at /support posts it
wrk.method = "POST"
wrk.body = "frequency=once&custom=5&currency=USD&source=support"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
