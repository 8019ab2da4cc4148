"""A static file server for a built site, on 127.0.0.1, in a thread (tests and bench/)."""

import functools
import http.server
import threading
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like GitHub Pages: ``dir`` -> ``dir/``, and our 404.html for what is missing."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        self.send_error(404)  # GitHub Pages lists no folders either

    def log_message(self, format, *args):
        pass


def serve(directory):
    """Serve ``directory`` on a free port in a thread; returns the server (``.url``)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(directory))
    )
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
