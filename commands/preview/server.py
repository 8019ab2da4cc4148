"""The preview server of ``invoke serve``: serve the built site, rebuild on save, reload the browser.

Files are watched with watchfiles (the operating system's change events, not
polling); every save rebuilds the site (fastbuild keeps that quick). Each HTML page
is served with one small script that listens to ``/__preview__/events``
(server-sent events: no WebSocket library needed) and reloads the page when a
newer build is announced. The files on disk are never
changed by this: they stay the same as ``invoke build`` writes them.
"""

import functools
import http.server
import os
import threading
import time

from watchfiles import watch

EVENTS = "/__preview__/events"
SCRIPT = "/__preview__/reload.js"
RELOAD_JS = b"""(function () {
  var current = document.currentScript.dataset.build;
  var events = new EventSource("%s");
  events.addEventListener("build", function (event) {
    if (event.data !== current) { location.reload(); }
  });
})();
""" % EVENTS.encode()


class Builds:
    """The number of the latest build; waiters are woken when it changes."""

    def __init__(self):
        self.number = 0
        self.changed = threading.Condition()

    def bump(self):
        with self.changed:
            self.number += 1
            self.changed.notify_all()

    def wait_past(self, number, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.number != number, timeout=timeout)
            return self.number


class Handler(http.server.SimpleHTTPRequestHandler):
    builds = None  # set by make_server

    def log_message(self, *args):  # one line per build is enough in the terminal
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            return self.stream_builds()
        if path == SCRIPT:
            return self.send_bytes(200, "text/javascript", RELOAD_JS)
        return super().do_GET()

    def send_bytes(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):
        """HTML pages get the reload script; a missing page gets the site's 404 page."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirect to the address with a slash
            path = os.path.join(path, "index.html")
        if not os.path.exists(path):
            missing = os.path.join(self.directory, "404.html")
            if os.path.isfile(missing):
                self.send_page(404, missing)
                return None
            return super().send_head()
        if path.endswith(".html"):
            self.send_page(200, path)
            return None
        return super().send_head()

    def send_page(self, status, path):
        with open(path, "rb") as f:
            page = f.read()
        tag = b'<script src="%s" data-build="%d"></script>' % (SCRIPT.encode(), self.builds.number)
        at = page.rfind(b"</body>")
        page = page[:at] + tag + page[at:] if at >= 0 else page + tag
        self.send_bytes(status, "text/html; charset=utf-8", page)

    def stream_builds(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        number = self.builds.number
        try:
            self.wfile.write(b"event: build\ndata: %d\n\n" % number)
            self.wfile.flush()
            while True:
                seen = self.builds.wait_past(number, timeout=15)
                if seen == number:
                    self.wfile.write(b": still here\n\n")  # notices a closed tab
                else:
                    number = seen
                    self.wfile.write(b"event: build\ndata: %d\n\n" % number)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def make_server(output, host, port, builds):
    handler = functools.partial(
        type("PreviewHandler", (Handler,), {"builds": builds}), directory=output
    )
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(rebuild, watched, output, host="127.0.0.1", port=8000):
    """Build, serve ``output`` and rebuild on every save until interrupted; ``rebuild()`` is
    False when the build failed (the pages keep the last site and are not reloaded)."""
    builds = Builds()
    rebuild()
    server = make_server(output, host, port, builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        for _changes in watch(*watched, debounce=200, step=20, rust_timeout=0):
            started = time.perf_counter()
            if rebuild():
                builds.bump()
                print(f"Updated in {time.perf_counter() - started:.2f} s", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
