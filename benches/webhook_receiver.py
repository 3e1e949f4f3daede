#!/usr/bin/env python3
"""A local webhook receiver for benches/load.sh: answers every POST with 204 and appends
"<arrival unix time> <the event's created_at unix time>" to the file named by argv[2].
Usage: webhook_receiver.py PORT OUTFILE. HTTP/1.1 keep-alive, one thread per connection."""
import json
import sys
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, OUT = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        arrived = time.time()
        try:
            created = json.loads(body)["data"]["created_at"]
            committed = datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp()
        except (ValueError, KeyError, TypeError):
            committed = arrived  # a ping or another format: counted, no lag
        OUT.write(f"{arrived:.6f} {committed:.6f}\n")
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
