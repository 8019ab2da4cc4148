"""Shared test helpers: build a site with the real Pelican CLI and parse what it wrote.

Import them as ``from sitetest import build, html, ROOT`` (a unique module name:
several folders have a conftest.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HUGO_SAMPLE = SHARED / "hugo-sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def build(content, output, conf="publishconf.py", settings=None, check=False):
    """Run ``pelican CONTENT -s CONF -o OUTPUT`` from the project root, as a user would.

    ``settings`` are extra Pelican settings (JSON values), passed with ``-e``.
    """
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / conf), "-o", str(output)]
    if settings:  # one -e for all: a second -e would replace the first
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    env = dict(os.environ, COLUMNS="200", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(
            f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def html(path):
    """Parse a built HTML file."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


def write(root, relpath, text):
    """Write a content file (text or bytes) under root, making its folders."""
    path = Path(root) / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problem_lines(result, content):
    """The ``file:line: message`` lines a failed build printed for files under content."""
    return [line for line in result.stderr.splitlines() if line.startswith(str(content))]


def warning_lines(result, content):
    """The ``file:line: message`` warnings a build printed for files under content (prefix dropped)."""
    return [
        line.split(": ", 1)[1]
        for line in result.stderr.splitlines()
        if line.startswith("warning") and line.split(": ", 1)[-1].startswith(str(content))
    ]


class Preview:
    """``invoke serve`` of a content folder, run as a user runs it, with its reload events.

    Use as a context manager; ``page(path)`` fetches a served page, ``next_build()``
    waits for the server-sent event announcing the next build."""

    def __init__(self, content, output, log):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.content, self.output, self.log = content, output, log
        self.process = self.events = None

    def __enter__(self):
        env = dict(
            os.environ,
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
            COLUMNS="200",
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "invoke",
                "serve",
                "--port",
                str(self.port),
                "--content",
                str(self.content),
                "--output",
                str(self.output),
            ],
            cwd=ROOT,
            env=env,
            stdout=open(self.log, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.page("/", timeout=120)
        return self

    def __exit__(self, *exc):
        import signal

        if self.events:
            self.events.close()
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path, timeout=30):
        import time
        import urllib.error
        import urllib.request

        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url(path), timeout=10) as response:
                    return response.read().decode()
            except urllib.error.HTTPError:
                raise
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)

    def listen(self):
        """Open the event stream the reload script opens; returns the current build number."""
        import urllib.request

        self.events = urllib.request.urlopen(self.url("/__preview__/events"), timeout=120)
        return self.next_build()

    def next_event(self):
        """(name, data) of the next event: ``build`` (a number) or ``draw`` (a page's address)."""
        event = None
        for raw in self.events:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[len("event: ") :]
            elif line.startswith("data: ") and event:
                return event, line[len("data: ") :]
        raise AssertionError("the event stream ended")

    def next_build(self):
        """The number in the next ``build`` event (the stream's timeout bounds the wait)."""
        while True:
            event, data = self.next_event()
            if event == "build":
                return int(data)
