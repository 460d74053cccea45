#!/usr/bin/env python3
"""A local OpenAI-compatible chat server that answers {"deals": []} and saves
every request body to OUTDIR/req-NNNN.json (for blind measurements)."""
import json, sys, threading, os
from http.server import HTTPServer, BaseHTTPRequestHandler
outdir = sys.argv[1]; port = int(sys.argv[2])
os.makedirs(outdir, exist_ok=True)
lock = threading.Lock(); n = [0]
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with lock:
            n[0] += 1; k = n[0]
        open(os.path.join(outdir, 'req-%04d.json' % k), 'wb').write(body)
        resp = {"id": "x", "object": "chat.completion", "created": 0, "model": "capture",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": json.dumps({"deals": []})}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        b = json.dumps(resp).encode()
        self.send_response(200); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(b))); self.end_headers(); self.wfile.write(b)
HTTPServer(('127.0.0.1', port), H).serve_forever()
