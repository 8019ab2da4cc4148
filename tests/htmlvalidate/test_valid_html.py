"""Every built page passes html-validate (document and accessibility rules, tests/.htmlvalidate.cjs)."""

import json
import subprocess
from pathlib import Path

from browser.tools import HTML_VALIDATE, require_node_package

CONFIG = Path(__file__).resolve().parent.parent / ".htmlvalidate.cjs"


def validate(folder):
    """``file:line:col: rule: message`` for every error html-validate finds under ``folder``."""
    script = require_node_package(HTML_VALIDATE)
    result = subprocess.run(
        [
            "node",
            str(script),
            "--config",
            str(CONFIG),
            "--formatter",
            "json",
            f"{folder}/**/*.html",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode not in (0, 1) or not result.stdout.strip():
        raise AssertionError(
            f"html-validate did not run (exit {result.returncode}): {result.stderr}"
        )
    problems = []
    for report in json.loads(result.stdout):
        name = Path(report["filePath"]).relative_to(folder)
        for m in report["messages"]:
            if m["severity"] >= 2:
                problems.append(f"{name}:{m['line']}:{m['column']}: {m['ruleId']}: {m['message']}")
    return problems


def test_the_validator_catches_bad_html(tmp_path):
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>'
        '<body><main><img src="a.png"><p><div>block in p</div></p><a href="#">x</a><a href="#">x</a>'
        '<button>Go</button><p id="d"></p><p id="d"></p></main></body></html>'
    )
    rules = {line.split(": ")[1] for line in validate(tmp_path)}
    assert {"wcag/h37", "no-dup-id", "no-implicit-button-type"} <= rules, rules


def test_every_built_page_is_valid(site):
    assert validate(site) == []
