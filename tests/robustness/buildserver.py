"""Many builds in one process, as ``invoke serve`` runs them, for the property-based tests.

Starting Python and Pelican takes longer than building a tiny site, so one process builds
site after site with ``tasks.run_pelican`` (what ``invoke build`` and ``serve`` call), each
build's output (both file descriptors, so Pelican's console too) going to a file of its own.
Plugins connect to Pelican's signals for the life of a process: that process is not pytest's.
"""

import json
import os
import select
import subprocess
import sys
from pathlib import Path

from sitetest import ROOT

SERVER = f"""
import json, os, sys, traceback
sys.path.insert(0, {str(ROOT)!r})
import tasks

answers = os.fdopen(os.dup(1), "w")
for request in sys.stdin:
    job = json.loads(request)
    with open(job["log"], "w") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
    try:
        ok = tasks.run_pelican(tasks.pelican_settings(False, job["output"], PATH=job["content"],
                                                      CACHE_PATH=job["cache"]))
    except BaseException:  # whatever escapes the build is what the tests look for
        traceback.print_exc()
        ok = None
    sys.stdout.flush()
    sys.stderr.flush()
    answers.write(json.dumps({{"ok": ok}}) + "\\n")
    answers.flush()
"""


class BuildServer:
    def __init__(self, workdir, timeout=120):
        self.workdir = Path(workdir)
        self.timeout = timeout
        self.count = 0
        env = dict(os.environ, COLUMNS="200", PYTHONDONTWRITEBYTECODE="1")
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=ROOT,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def build(self, content, output):
        """(exit status as invoke build gives it, everything the build printed)."""
        self.count += 1
        log = self.workdir / f"build-{self.count}.log"
        job = {
            "content": str(content),
            "output": str(output),
            "cache": str(self.workdir / "cache"),
            "log": str(log),
        }
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], self.timeout)
        if not ready:
            self.close()
            raise AssertionError(f"the build took more than {self.timeout} s (log: {log})")
        answer = self.process.stdout.readline()
        if not answer:
            raise AssertionError(
                f"the build process died (log: {log}):\n{log.read_text(errors='replace')}"
            )
        ok = json.loads(answer)["ok"]
        text = log.read_text(errors="replace")
        log.unlink()
        return (0 if ok else 1), text + ("" if ok is not None else "\n(the build raised)")

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
