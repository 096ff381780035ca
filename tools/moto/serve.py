#!/usr/bin/env python3
"""moto's DynamoDB (and every other moto service) on a loopback port, serving one request at a time.

The threaded `moto_server` does not make one item's conditional write atomic (concurrent conditional UpdateItems on
one item lose writes), which a store that relies on conditional writes must be tested against honestly; served one
request at a time, each request is atomic, as on DynamoDB. Usage: serve.py PORT
"""
import sys

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

if __name__ == "__main__":
    run_simple("127.0.0.1", int(sys.argv[1]), DomainDispatcherApplication(create_backend_app), threaded=False,
               use_reloader=False)
