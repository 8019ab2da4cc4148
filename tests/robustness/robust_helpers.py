"""What every failed build must look like, and the ways to run one.

A failed build ends with exit status 1 and ``file[:line]: message`` lines naming files that
exist; nothing it prints is a Python traceback or a bare exception name; the previous output
is byte for byte as it was and no staging folder is left beside it.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sitetest import FIXTURES, ROOT, Preview

import pelicanconf

PROBES = FIXTURES / "plugins"
WITH_PROBE = {
    "PLUGIN_PATHS": ["plugins", str(PROBES)],
    "PLUGINS": [*pelicanconf.PLUGINS, "crash_probe"],
}

PROBLEM = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<message>\S.*)$")
# "AttributeError: ...", "pelican.writers.FileOverwriteFailedError: ...", "ProbeFailure: ..."
BARE_EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|Failure|Interrupt|Exit)\b:")


def snapshot(out):
    """Every file of a built site: relative path -> bytes (symbolic links by target)."""
    out = Path(out)
    if not out.exists():
        return None
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(out))] = ("link", os.readlink(path))
        elif path.is_file():
            found[str(path.relative_to(out))] = path.read_bytes()
    return found


def leftovers(out):
    """Staging folders of builds next to ``out``."""
    return sorted(p.name for p in Path(out).parent.iterdir() if ".building-" in p.name)


def problems(text):
    """The problem lines a failed build listed (after its 'Build failed' line)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Build failed with ")), None)
    if start is None:
        return []
    listed = []
    for line in lines[start + 1 :]:
        if line.startswith("The Python details of the internal errors are in "):
            break
        listed.append(line)
    return listed


def assert_no_traceback(text):
    assert "Traceback" not in text, text
    bare = [line for line in text.splitlines() if BARE_EXCEPTION.search(line)]
    assert not bare, "\n".join(bare)


def assert_failed_cleanly(code, text, out, before, content_root=None):
    """Exit 1, at least one problem line naming a file that exists, old output untouched."""
    assert_no_traceback(text)
    assert code == 1, text
    listed = problems(text)
    assert listed, text
    for line in listed:
        match = PROBLEM.match(line)
        assert match, f"not a file[:line]: message line: {line!r}"
        path = Path(match["path"])
        assert (path if path.is_absolute() else ROOT / path).is_file(), line
    named = [Path(PROBLEM.match(line)["path"]) for line in listed]
    if content_root is not None:  # some line names a content file
        assert any(str(p).startswith(str(content_root)) for p in named), listed
    assert snapshot(out) == before
    assert not leftovers(out)


def driver(task, kwargs, settings):
    """``python -c`` code that runs an invoke task as ``invoke TASK`` would, with the crash
    probe among the plugins and ``settings`` over what the task reads."""
    return [sys.executable, "-c", DRIVER, task, json.dumps(kwargs), json.dumps(settings)]


DRIVER = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
import tasks
from invoke import Context

task, kwargs, extra = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
read = tasks.pelican_settings

def pelican_settings(*args, **overrides):
    settings = read(*args, **overrides)
    settings["PLUGIN_PATHS"] = [*settings["PLUGIN_PATHS"], {str(PROBES)!r}]
    settings["PLUGINS"] = [*settings["PLUGINS"], "crash_probe"]
    settings.update(extra)
    return settings

tasks.pelican_settings = pelican_settings
getattr(tasks, task)(Context(), **kwargs)
"""


def run_task(task, kwargs, settings):
    env = dict(os.environ, COLUMNS="200", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        driver(task, kwargs, settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


class ProbedPreview(Preview):
    """``invoke serve`` with the crash probe among the plugins."""

    def __init__(self, content, output, log, settings):
        super().__init__(content, output, log)
        self.settings = settings

    def __enter__(self):
        env = dict(
            os.environ,
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
            COLUMNS="200",
        )
        kwargs = {"port": self.port, "content": str(self.content), "output": str(self.output)}
        self.process = subprocess.Popen(
            driver("serve", kwargs, self.settings),
            cwd=ROOT,
            env=env,
            stdout=open(self.log, "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.page("/", timeout=120)
        return self
