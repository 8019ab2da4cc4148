"""Where the test tools live, and one clear failure when one is missing (tests never skip)."""

import os
import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
NODE_MODULES = TESTS / "node_modules"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
HTML_VALIDATE = NODE_MODULES / "html-validate" / "bin" / "html-validate.mjs"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"


class MissingTool(RuntimeError):
    pass


def require_chromium(path=CHROMIUM):
    if not os.access(path, os.X_OK):
        raise MissingTool(
            f"Chromium not found at {path}: install it with `apt-get install chromium` "
            "(as root; .ci/run and `python3 tasks.py test` do this), or set CHROMIUM=/path/to/it"
        )
    return path


def require_node_package(path):
    if shutil.which("node") is None:
        raise MissingTool("node not found: install Node.js 20 (`apt-get install nodejs npm`)")
    if not Path(path).is_file():
        raise MissingTool(
            f"{path} is missing: run `npm ci --prefix tests` "
            "(`python3 tasks.py test` runs it when tests/node_modules is missing)"
        )
    return Path(path)
