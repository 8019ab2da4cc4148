"""The preview server of ``invoke serve``: serve the built site, rebuild on save, reload the browser.

Files are watched with watchfiles (the operating system's change events, not
polling); every save rebuilds the site (fastbuild keeps that quick). When one post or
page was saved, it is first drawn again alone and served from memory while the site is
rebuilt (fast.py). Each HTML page is served with one small script that listens to
``/__preview__/events`` (server-sent events: no WebSocket library needed) and reloads
the page when a newer build is announced. The files on disk are never changed by this:
they stay the same as ``invoke build`` writes them.
"""

import functools
import http.server
import os
import sys
import threading
import time

from watchfiles import watch

EVENTS = "/__preview__/events"
SCRIPT = "/__preview__/reload.js"
RELOAD_JS = rb"""(function () {
  var current = document.currentScript.dataset.build;
  var events = new EventSource("%s");
  events.addEventListener("build", function (event) {
    if (event.data !== current) { location.reload(); }
  });
  events.addEventListener("draw", function (event) {
    if (event.data === location.pathname.replace(/index\.html$/, "")) { location.reload(); }
  });
})();
""" % EVENTS.encode()


class Builds:
    """The number of the latest build, and the address of the latest page drawn ahead of a
    build; waiters are woken when either changes."""

    def __init__(self):
        self.number = 0
        self.draws = 0
        self.drawn = ""
        self.changed = threading.Condition()

    def bump(self):
        with self.changed:
            self.number += 1
            self.changed.notify_all()

    def draw(self, address):
        with self.changed:
            self.draws += 1
            self.drawn = address
            self.changed.notify_all()

    def wait_past(self, seen, timeout):
        """(build number, draws) once either differs from ``seen`` (or the timeout passed)."""
        with self.changed:
            self.changed.wait_for(lambda: (self.number, self.draws) != seen, timeout=timeout)
            return self.number, self.draws


class Handler(http.server.SimpleHTTPRequestHandler):
    builds = None  # set by make_server
    drawn = {}  # file path -> HTML drawn ahead of the rebuild (fast.py), served before the file

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
        if path in self.drawn:
            self.send_bytes(200, "text/html; charset=utf-8", self.with_script(self.drawn[path]))
            return None
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
            self.send_bytes(status, "text/html; charset=utf-8", self.with_script(f.read()))

    def with_script(self, page):
        tag = b'<script src="%s" data-build="%d"></script>' % (SCRIPT.encode(), self.builds.number)
        at = page.rfind(b"</body>")
        return page[:at] + tag + page[at:] if at >= 0 else page + tag

    def stream_builds(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = (self.builds.number, self.builds.draws)
        try:
            self.wfile.write(b"event: build\ndata: %d\n\n" % seen[0])
            self.wfile.flush()
            while True:
                now = self.builds.wait_past(seen, timeout=15)
                if now == seen:
                    self.wfile.write(b": still here\n\n")  # notices a closed tab
                if now[1] != seen[1]:  # the tab showing that page reloads
                    self.wfile.write(b"event: draw\ndata: %s\n\n" % self.builds.drawn.encode())
                if now[0] != seen[0]:
                    self.wfile.write(b"event: build\ndata: %d\n\n" % now[0])
                seen = now
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def make_server(output, host, port, builds, drawn=None):
    handler = functools.partial(
        type(
            "PreviewHandler",
            (Handler,),
            {"builds": builds, "drawn": {} if drawn is None else drawn},
        ),
        directory=output,
    )
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def saved_file(changes):
    """The one file a batch of changes saved, or None. An editor may write the file in place,
    or write a temporary file and rename it over the file (sed -i, vim): files the batch
    names that no longer exist do not count."""
    paths = {path for _, path in changes if os.path.isfile(path)}
    return paths.pop() if len(paths) == 1 else None


def serve(rebuild, watched, output, host="127.0.0.1", port=8000, last=None):
    """Build, serve ``output`` and rebuild on every save until interrupted; ``rebuild()`` is
    False when the build failed (the pages keep the last site and are not reloaded).
    ``last`` (fast.LastBuild): a saved post or page is drawn at once, before the rebuild."""
    builds, drawn = Builds(), {}
    try:  # before the first build: a port in use is told at once
        server = make_server(output, host, port, builds, drawn)
    except OSError as exc:
        sys.exit(
            f"error: cannot serve at http://{host}:{port}/ ({exc.strerror or exc}): is another "
            f"`invoke serve` running? Stop it, or choose another port: --port {port + 1}"
        )
    rebuild()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        for changes in watch(*watched, debounce=200, step=20, rust_timeout=0):
            started = time.perf_counter()
            saved = saved_file(changes) if last else None
            page = last.render(saved) if saved else None
            if last:
                last.forget()
            if page:
                drawn[os.path.join(output, page[0])] = page[1]
                builds.draw("/" + page[0].removesuffix("index.html"))
                print(f"Drawn {page[0]} in {time.perf_counter() - started:.2f} s", flush=True)
            built = rebuild()
            drawn.clear()
            if built or page:  # a failed rebuild: back to the last site's page
                builds.bump()
            if built:
                print(f"Updated in {time.perf_counter() - started:.2f} s", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
