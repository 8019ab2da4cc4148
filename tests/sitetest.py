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
        raise AssertionError(f"build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
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
