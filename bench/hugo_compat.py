"""Import real Hugo sites into copies of this project, build them, and tabulate what went wrong.

    python bench/hugo_compat.py [SITE ...] [--keep DIR] [--json]

SITE is the root of a Hugo site (the folder holding content/); by default every
folder under /work/sites/ that has a content/ folder, or else whose sub-folders
do (a theme's exampleSite/, a repository's blogs/). Nothing is fetched.

For each site: a copy of this project without its sample content (with
``import-hugo --replace-sample`` when the project has that option), then
``invoke import-hugo SITE`` and ``invoke build --publish`` in it, each in its own
process. One row per site:

- files: content files in the source (the formats Hugo reads);
- import, build: exit codes;
- posts, pages: HTML files written, by kind (``og:type`` article; ``<article class="page">``);
- problems by kind, from the import's ``problem:`` lines and the build's ``file:line: message``
  lines (front matter, date, shortcode, link, template, duplicate address, other), and
  tracebacks (every ``Traceback (most recent call last)`` in either output);
- warn: warnings of the build (a merged ``warning (3x):`` counts 3);
- raw sc: ``{{<`` and ``{{%`` left in the built HTML outside ``<pre>`` and ``<code>``;
- broken: links the build reports missing / links the source already had broken
  (``content/broken-at-source.yaml`` when the importer writes it, else n/a);
- s: seconds for import and build together.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import PROJECT_IGNORE, ROOT, ensure_venv  # noqa: E402

SITES = Path("/work/sites")
INVOKE = str(ROOT / ".venv" / "bin" / "invoke")
TIMEOUT = 1800  # seconds per step: a hung import or build must not stop the whole table
# The formats Hugo reads as content (https://gohugo.io/content-management/formats/).
CONTENT_EXT = {
    ".md",
    ".markdown",
    ".mdown",
    ".html",
    ".htm",
    ".org",
    ".adoc",
    ".asciidoc",
    ".ad",
    ".pdc",
    ".pandoc",
    ".rst",
    ".mmark",
}
KINDS = ["front matter", "date", "shortcode", "link", "template", "duplicate", "other"]
# First match wins: a shortcode's broken link is a link problem, not a shortcode one.
CLASSIFY = [
    ("link", re.compile(r"\blink to\b|does not match any page", re.I)),
    ("shortcode", re.compile(r"\bshortcode\b", re.I)),
    (
        "duplicate",
        re.compile(
            r"duplicate|also (claimed|used) by|same (address|url|slug|path)|already written", re.I
        ),
    ),
    ("date", re.compile(r"\b(date|lastmod|publishdate|expirydate)\b", re.I)),
    (
        "front matter",
        re.compile(r"front matter|yaml|toml|json|while (scanning|parsing)|mapping|title", re.I),
    ),
    ("template", re.compile(r"template|jinja|undefined", re.I)),
]
WARNING = re.compile(r"^warning(?: \((\d+)x\))?: ", re.M)
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S | re.I)
RAW_SHORTCODE = re.compile(r"\{\{(?:<|&lt;|&#60;|%)")
POST = re.compile(r'<meta property="og:type" content="article"')
PAGE = re.compile(r'<article class="page"')


def discover(root=SITES):
    sites = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (folder / "content").is_dir():
            sites.append(folder)
        else:
            sites += sorted(p for p in folder.iterdir() if (p / "content").is_dir())
    return sites


def site_name(site):
    return str(site.relative_to(SITES)) if site.is_relative_to(SITES) else site.name


def source_files(site):
    return sum(
        1
        for p in (site / "content").rglob("*")
        if p.suffix.lower() in CONTENT_EXT
        and p.is_file()
        and not any(part.startswith(".") for part in p.parts)
    )


def make_project(work):
    """A copy of this project; its sample content is left out unless import-hugo can replace it."""
    project = work / "project"
    replace = "replace_sample" in (ROOT / "tasks.py").read_text(encoding="utf-8")
    ignore = (
        PROJECT_IGNORE
        if not replace
        else shutil.ignore_patterns(
            ".git",
            ".venv",
            "output",
            "cache",
            "tests",
            "bench",
            "__pycache__",
            "node_modules",
            ".*.building-*",
        )
    )
    shutil.copytree(ROOT, project, ignore=ignore)
    (project / "content").mkdir(exist_ok=True)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    if replace:  # as in a fresh clone: the sample is committed, so --replace-sample may remove it
        git = [
            "git",
            "-C",
            str(project),
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.org",
        ]
        for args in (["init", "-q"], ["add", "-A", "content"], ["commit", "-q", "-m", "sample"]):
            subprocess.run(git + args, check=True, capture_output=True)
    return project, (["--replace-sample"] if replace else [])


def run(cmd, cwd, log):
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=TIMEOUT
        )
        code, out = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, out = (
            "timeout",
            (exc.stdout or b"").decode(errors="replace")
            + (exc.stderr or b"").decode(errors="replace"),
        )
    log.write_text(out, encoding="utf-8")
    return code, out, time.perf_counter() - start


def problem_lines(import_out, build_out):
    """The import's ``problem:`` lines, then the lines the build lists after 'Build failed ...'."""
    lines = [
        line.split("problem: ", 1)[1]
        for line in import_out.splitlines()
        if line.startswith("  problem: ")
    ]
    listing = re.search(r"^Build failed with \d+ problems?;.*\n", build_out, re.M)
    if listing:
        lines += [line for line in build_out[listing.end() :].splitlines() if line.strip()]
    return lines


def classify(line):
    message = re.sub(r"^.*?:\d+: ", "", line)  # the file:line part may hold any word
    return next((kind for kind, pattern in CLASSIFY if pattern.search(message)), "other")


def built_pages(output):
    posts = pages = raw = 0
    raw_files = {}
    for path in output.rglob("*.html"):
        html = path.read_text(encoding="utf-8", errors="replace")
        posts += bool(POST.search(html))
        pages += bool(PAGE.search(html))
        found = len(RAW_SHORTCODE.findall(CODE.sub("", html)))
        if found:
            raw += found
            raw_files[str(path.relative_to(output))] = found
    return posts, pages, raw, raw_files


def broken_at_source(content):
    report = content / "broken-at-source.yaml"
    if not report.is_file():
        return None
    import yaml

    return len(yaml.safe_load(report.read_text(encoding="utf-8")) or [])


def check_site(site, work):
    project, extra = make_project(work)
    row = {"site": site_name(site), "files": source_files(site)}
    row["import"], import_out, t1 = run(
        [INVOKE, "import-hugo", str(site), *extra], project, work / "import.log"
    )
    row["build"], build_out, t2 = run([INVOKE, "build", "--publish"], project, work / "build.log")
    problems = problem_lines(import_out, build_out)
    row["problems"] = {kind: 0 for kind in KINDS}
    for line in problems:
        row["problems"][classify(line)] += 1
    row["problem_lines"] = problems
    row["tracebacks"] = (import_out + build_out).count("Traceback (most recent call last)")
    row["warnings"] = sum(int(m.group(1) or 1) for m in WARNING.finditer(build_out))
    output = project / "output"
    built = output.is_dir() and row["build"] == 0
    row["posts"], row["pages"], row["raw_shortcodes"], row["raw_files"] = (
        built_pages(output) if built else (0, 0, None, {})
    )
    row["broken_ours"] = row["problems"]["link"] + len(
        re.findall(r"^warning.*link to ", build_out, re.M)
    )
    row["broken_source"] = broken_at_source(project / "content")
    row["seconds"] = round(t1 + t2, 1)
    return row


def table(rows):
    head = [
        "site",
        "files",
        "imp",
        "build",
        "posts",
        "pages",
        "fm",
        "date",
        "sc",
        "link",
        "tmpl",
        "dup",
        "other",
        "tb",
        "warn",
        "raw sc",
        "broken ours/src",
        "s",
    ]

    def cells(r):
        p = r["problems"]
        raw = "n/a" if r["raw_shortcodes"] is None else r["raw_shortcodes"]
        src = "n/a" if r["broken_source"] is None else r["broken_source"]
        return [
            r["site"],
            r["files"],
            r["import"],
            r["build"],
            r["posts"],
            r["pages"],
            *(p[k] for k in KINDS),
            r["tracebacks"],
            r["warnings"],
            raw,
            f"{r['broken_ours']}/{src}",
            r["seconds"],
        ]

    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    lines += ["| " + " | ".join(str(c) for c in cells(r)) + " |" for r in rows]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "sites", nargs="*", type=Path, help="Hugo site roots (default: those under /work/sites/)"
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="keep each site's project, logs and output in DIR/NAME (DIR must not exist)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the rows as JSON instead of a table"
    )
    args = parser.parse_args(argv)
    sites = [p.resolve() for p in args.sites] or discover()
    for site in sites:
        if not (site / "content").is_dir():
            sys.exit(f"{site}: no content/ folder: give the root of a Hugo site")
    if args.keep:
        args.keep.mkdir(parents=True)
    rows = []
    for site in sites:
        print(f"{site} ...", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="hugo-compat-") as tmp:
            work = (
                args.keep / re.sub(r"[^\w.-]+", "-", site_name(site).strip("/"))
                if args.keep
                else Path(tmp)
            )
            work.mkdir(parents=True, exist_ok=True)
            rows.append(check_site(site, work))
    print(json.dumps(rows, indent=2) if args.json else table(rows))


if __name__ == "__main__":
    ensure_venv()
    main()
