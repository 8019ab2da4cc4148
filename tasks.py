"""Tasks for building, previewing, testing and publishing 2i2c.org.

Run ``python3 tasks.py TASK`` on a machine that has only Python: the first run
creates ``.venv`` with the pinned requirements, then hands over to invoke.
Once the virtual environment exists, ``.venv/bin/invoke TASK`` is the same.
"""

import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(ROOT, ".venv")
REQUIREMENTS = os.path.join(ROOT, "requirements.txt")


def bootstrap():
    """Make .venv on first use (and when requirements.txt changes), then run invoke."""
    import subprocess  # noqa: PLC0415

    python = os.path.join(VENV, "bin", "python")
    stamp = os.path.join(VENV, ".requirements.txt")
    with open(REQUIREMENTS) as f:
        wanted = f.read()
    if not os.path.exists(python):
        print(f"Creating {VENV} (first run only)...", flush=True)
        make_venv(python)
    installed = None
    if os.path.exists(stamp):
        with open(stamp) as f:
            installed = f.read()
    if installed != wanted:
        print("Installing the pinned requirements...", flush=True)
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                REQUIREMENTS,
            ],
            check=True,
        )
        with open(stamp, "w") as f:
            f.write(wanted)
    os.chdir(ROOT)
    os.execv(python, [python, "-m", "invoke", *sys.argv[1:]])


def make_venv(python):
    """Debian's python3 may lack ensurepip (package python3-venv): then fetch pip from PyPI."""
    import json  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import tempfile  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415
    import venv  # noqa: PLC0415

    try:
        venv.create(VENV, with_pip=True, clear=True)
        return
    except (subprocess.CalledProcessError, OSError):
        venv.create(VENV, with_pip=False, clear=True)
    with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as r:
        release = json.load(r)
    wheel = next(u for u in release["urls"] if u["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, wheel["filename"])
        urllib.request.urlretrieve(wheel["url"], path)
        subprocess.run([python, os.path.join(path, "pip"), "install", "--quiet", path], check=True)


if __name__ == "__main__":
    bootstrap()

# ---------------------------------------------------------------------------
# Tasks (loaded by invoke)

import datetime  # noqa: E402
import shutil  # noqa: E402

from invoke import task  # noqa: E402

CONTENT = os.path.join(ROOT, "content")
OUTPUT = os.path.join(ROOT, "output")


def pelican_settings(publish=False, output=None, **overrides):
    from pelican.settings import read_settings  # noqa: PLC0415

    os.chdir(ROOT)
    config = os.path.join(ROOT, "publishconf.py" if publish else "pelicanconf.py")
    extra = dict(overrides)
    if output:
        extra["OUTPUT_PATH"] = os.path.abspath(output)
    content = extra.get("PATH", CONTENT)
    if not os.path.isdir(content):
        sys.exit(
            f"{os.path.relpath(content)}: no such folder: the site's content goes there "
            "(git checkout -- content restores the sample; import-hugo PATH imports a Hugo site)"
        )
    return read_settings(config, override=extra)


def run_pelican(settings):
    """Build in this process; returns False (after listing the problems) when it failed."""
    from pelican import Pelican  # noqa: PLC0415
    from pelican.log import init as init_logging  # noqa: PLC0415

    if not getattr(run_pelican, "logging_ready", False):
        init_logging(level=None)
        run_pelican.logging_ready = True
    try:
        Pelican(settings).run()
    except SystemExit as exc:  # build_guard.BuildFailed: problems already listed
        return exc.code in (0, None)
    except Exception as exc:
        guard = sys.modules.get("build_guard.guard")  # the plugin, as Pelican loaded it
        if guard is None:
            raise
        guard.GUARD.crashed(exc)  # one problem line; the previous output stays
        return False
    return True


@task(
    help={
        "publish": "use publishconf.py (absolute URLs, feeds), as the live site does; then check every link",
        "check": "then check every internal link of the built site (always with --publish)",
        "drafts": "include posts marked draft: true",
        "future": "include posts dated in the future",
        "output": "output folder (default: output/)",
    }
)
def build(c, publish=False, check=False, drafts=False, future=False, output=OUTPUT):
    """Build the site into output/ (the previous output stays if the build fails)."""
    settings = pelican_settings(publish, output, SHOW_DRAFTS=drafts, SHOW_FUTURE=future)
    if not run_pelican(settings):
        sys.exit(1)
    if check or publish:  # a publish build is what goes live: every link is checked
        check_links(c, output=output, siteurl=settings["SITEURL"])
    # Done: skip Python's teardown of every page and post object (0.3 s at 1000 posts).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


@task(
    help={
        "output": "the built site to check (default: output/)",
        "siteurl": "absolute links to this URL count as internal (default: SITEURL of publishconf.py)",
    }
)
def check_links(c, output=OUTPUT, siteurl=None):
    """Check that every internal link, image, stylesheet and fragment of a built site resolves."""
    from commands.linkcheck.check import main as linkcheck_main  # noqa: PLC0415

    if siteurl is None:
        siteurl = pelican_settings(publish=True)["SITEURL"]
    known = os.path.join(
        CONTENT, "broken-at-source.yaml"
    )  # import-hugo's list (LINKS["known_broken"])
    code = linkcheck_main([output, "--known", known] + (["--siteurl", siteurl] if siteurl else []))
    if code:
        sys.exit(code)


@task(
    help={
        "remote": "git remote name or URL to push to (default: PUBLISH['remote'] of publishconf.py)",
        "branch": "branch to push to (default: PUBLISH['branch'], gh-pages)",
        "output": "where to build (default: output/)",
        "content": "content folder (default: content/)",
    }
)
def publish(c, remote=None, branch=None, output=OUTPUT, content=CONTENT):
    """Build with publishconf.py, check every link, then push the site to the gh-pages branch."""
    from commands.linkcheck.check import main as linkcheck_main  # noqa: PLC0415
    from commands.publish.ghpages import PublishError, remote_url, settings, source_commit  # noqa: PLC0415
    from commands.publish.ghpages import publish as push  # noqa: PLC0415

    config = pelican_settings(publish=True, output=output, PATH=os.path.abspath(content))
    try:
        options = settings(config.get("PUBLISH"))
        url = remote_url(remote or options["remote"], ROOT)
    except PublishError as exc:
        sys.exit(str(exc))
    if not run_pelican(config):
        sys.exit("publish: the build failed; nothing was published")
    known = os.path.join(
        config["PATH"], "broken-at-source.yaml"
    )  # import-hugo's list (LINKS["known_broken"])
    if linkcheck_main([output, "--known", known, "--siteurl", config["SITEURL"]]):
        sys.exit("publish: broken links (listed above); nothing was published")
    branch = branch or options["branch"]
    try:
        commit = push(
            output,
            url,
            branch,
            cname=options["cname"],
            message=f"Publish {config['SITEURL']} from {source_commit(ROOT)}",
        )
    except PublishError as exc:
        sys.exit(str(exc))
    print(
        f"Published {commit[:12]} to {branch}"
        if commit
        else f"Nothing changed: {branch} already has this site"
    )


@task(
    help={
        "port": "port to serve on (default 8000)",
        "drafts": "show posts marked draft: true",
        "future": "show posts dated in the future",
        "content": "content folder (default: content/)",
        "output": "output folder (default: output/)",
    }
)
def serve(c, port=8000, drafts=False, future=False, content=CONTENT, output=OUTPUT):
    """Build, serve at http://127.0.0.1:8000 and update the site, and the browser, on every save."""
    from commands.preview.fast import LastBuild  # noqa: PLC0415
    from commands.preview.server import serve as preview  # noqa: PLC0415

    content, output = os.path.abspath(content), os.path.abspath(output)

    def rebuild():
        # Settings are read again each time, so edits to pelicanconf.py apply too.
        return run_pelican(
            pelican_settings(False, output, PATH=content, SHOW_DRAFTS=drafts, SHOW_FUTURE=future)
        )

    watched = [content, os.path.join(ROOT, "theme"), os.path.join(ROOT, "pelicanconf.py")]
    preview(rebuild, watched, output, port=int(port), last=LastBuild())


@task
def clean(c):
    """Remove the built site and caches."""
    for path in (OUTPUT, os.path.join(ROOT, "cache")):
        shutil.rmtree(path, ignore_errors=True)


@task(
    help={
        "title": "the post's title",
        "date": "publication date, YYYY-MM-DD (default: today)",
        "content": "content folder (default: content/)",
    }
)
def new_post(c, title, date=None, content=CONTENT):
    """Scaffold a dated blog post bundle: content/blog/YEAR/SLUG/index.md."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415
    from pelican.utils import slugify  # noqa: PLC0415

    try:
        day = datetime.date.fromisoformat(date) if date else datetime.date.today()
    except ValueError:
        sys.exit(f"--date {date!r} is not a date like 2024-05-31")
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        sys.exit(f"cannot make a slug from the title {title!r}; use some letters or digits")
    folder = os.path.join(content, "blog", str(day.year), slug)
    path = os.path.join(folder, "index.md")
    if os.path.exists(path):
        sys.exit(f"{shown(path)} already exists")
    os.makedirs(folder, exist_ok=True)
    safe_title = title.replace("\\", "\\\\").replace('"', '\\"')
    with open(path, "w") as f:
        f.write(
            f'---\ntitle: "{safe_title}"\nslug: {slug}\ndate: {day.isoformat()}\n'
            "authors: []\ntags: []\ncategories: []\n# summary: one or two sentences for listings (default: the first paragraph)\n"
            "draft: true\n---\n\n"
            "Write the first paragraph here: it is the summary on listing pages.\n"
        )
    print(
        f"{shown(path)}\n"
        "It is a draft: preview it with `python3 tasks.py serve --drafts`; set `draft: false` to publish it."
    )


def shown(path):
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


@task(
    help={
        "path": "root folder of the Hugo site (the one holding content/ and config/)",
        "dest": "content folder to import into (default: content/)",
        "replace_sample": "remove the sample content as shipped even when you have content of your own (which stays)",
        "force": "also overwrite files you wrote or changed (with --replace-sample: remove them)",
    }
)
def import_hugo(c, path, dest=CONTENT, replace_sample=False, force=False):
    """Import a Hugo site: posts, pages, people, jobs, static files, data, menu and plain shortcodes."""
    sys.path.insert(
        0, os.path.join(ROOT, "plugins")
    )  # the importer uses the plugins' own rules (shortcodes, links)
    from commands.hugo_import import import_site  # noqa: PLC0415
    from commands.hugo_import.importer import ImportError_  # noqa: PLC0415

    try:
        report = import_site(path, dest, force=force, replace_sample=replace_sample)
    except ImportError_ as exc:
        sys.exit(str(exc))
    shown = os.path.relpath(dest)
    print("\n".join(report.lines(path, dest if shown.startswith("..") else shown)))
    if report.stopped:
        sys.exit(1)


CHROMIUM = "/usr/bin/chromium"
TESTS = os.path.join(ROOT, "tests")


def ensure_test_tools(c):
    """Chromium (apt, when root) and the pinned Node tools (npm ci), or one line saying what to install."""
    import shutil as sh  # noqa: PLC0415

    root = hasattr(os, "geteuid") and os.geteuid() == 0 and sh.which("apt-get")
    missing = [] if os.access(CHROMIUM, os.X_OK) else ["chromium", "fonts-dejavu-core"]
    if not (sh.which("node") and sh.which("npm")):
        missing += ["nodejs", "npm"]
    if missing and not root:
        sys.exit(
            f"test: missing {', '.join(missing)}: install them with `sudo apt-get install {' '.join(missing)}`"
        )
    if missing:
        c.run("apt-get update -qq", env={"DEBIAN_FRONTEND": "noninteractive"})
        c.run(
            f"apt-get install -y -qq --no-install-recommends {' '.join(missing)}",
            env={"DEBIAN_FRONTEND": "noninteractive"},
        )
    lock = os.path.join(TESTS, "package-lock.json")
    installed = os.path.join(TESTS, "node_modules", ".package-lock.json")
    if not os.path.exists(installed) or os.path.getmtime(installed) < os.path.getmtime(lock):
        c.run("npm ci --prefix tests --no-audit --no-fund --loglevel=error")


BIN = os.path.dirname(sys.executable)
LINTERS = {
    "ruff": [sys.executable, "-m", "ruff", "check", "."],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "."],
    "djlint": [sys.executable, "-m", "djlint", "theme", "--lint"],
    "zizmor": [os.path.join(BIN, "zizmor"), "--offline", "--quiet", ".github/workflows"],
    "actionlint": [
        "node",
        os.path.join(
            TESTS, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js"
        ),
    ],
}


def run_linters():
    """Each linter in turn; the names of those that failed."""
    import subprocess  # noqa: PLC0415

    failed = []
    for name, command in LINTERS.items():
        print(f"lint: {name}", flush=True)
        if subprocess.run(command, cwd=ROOT).returncode:
            failed.append(name)
    return failed


@task
def lint(c):
    """Check the code (ruff lint and format), the templates (djlint) and the workflows (zizmor, actionlint)."""
    ensure_test_tools(c)
    failed = run_linters()
    if failed:
        sys.exit(
            f"lint: {', '.join(failed)} found problems (`ruff format .` and `ruff check --fix .` fix most)"
        )


@task(help={"args": "extra arguments for pytest, for example '-k feeds -x'"})
def test(c, args=""):
    """Run the whole test suite, then the linters (first installing Chromium and the Node test tools if missing)."""
    ensure_test_tools(c)
    tests = c.run(f"{sys.executable} -m pytest -c tests/pytest.ini {args}", pty=False, warn=True)
    failed = [] if args else run_linters()
    if tests.failed or failed:
        sys.exit(tests.return_code or f"lint: {', '.join(failed)} found problems (see above)")


@task(
    optional=["backfill"],
    help={
        "send": "really do it: schedule this week's email and post to the social channels (default: dry run)",
        "now": "with --send: send the email at once instead of scheduling it",
        "test_to": "send a test email of this week's Mailchimp campaign to these addresses (a@b,c@d); marks nothing",
        "backfill": "mark posts as announced without sending: every post in the feed, or =URL[,URL] for just those",
        "channel": "only this channel: mailchimp, buttondown, x, bluesky or mastodon (default: NEWSLETTER['channels'])",
        "skip": "with --channel: leave this post (its URL) out of that channel for good, e.g. one the service refused",
        "conf": "settings file (default: publishconf.py)",
    },
)
def newsletter(
    c, send=False, now=False, test_to="", backfill=False, channel="", skip="", conf="publishconf.py"
):
    """Announce new blog posts by email and on social channels, each exactly once (a dry run unless --send)."""
    from commands.newsletter.command import run  # noqa: PLC0415

    code = run(
        conf=conf,
        send=send,
        now=now,
        test_to=test_to,
        backfill=backfill,
        channel=channel,
        skip=skip,
    )
    if code:
        sys.exit(code)
