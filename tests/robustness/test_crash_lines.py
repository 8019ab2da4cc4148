"""An exception anywhere in a build, set off by content, ends it as one problem line naming the
content file; the Python traceback goes to a log file, the previous output stays as it was.
Checked for each way of building: Pelican's command line, invoke build, publish and serve."""

import shutil
import subprocess
import time

import pytest
from robust_helpers import (
    WITH_PROBE,
    ProbedPreview,
    assert_failed_cleanly,
    assert_no_traceback,
    problems,
    run_task,
    snapshot,
)
from sitetest import ROOT, build, write

GOOD = "---\ntitle: Good\ndate: 2024-01-01\n---\nStill here.\n"
PROBED = "---\ntitle: Probe\ndate: 2024-02-01\nprobe: {phase}\n---\nText.\n"
BUG = "(this is a bug; please report it)"


def good_site(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    write(content, "blog/good.md", GOOD)
    build(content, out, settings=WITH_PROBE, check=True)
    return content, out


@pytest.mark.parametrize(
    ("phase", "doing"),
    [
        ("reading", "while reading"),  # a content_object_init receiver, inside Pelican's read
        ("context", "while reading"),  # after every post was read, in the posts generator's context
        ("writing", "while writing /blog/probe/"),  # as the post's page is written
        ("finishing", "while building"),  # on the staged site, before it replaces the output
    ],
)
def test_an_exception_at_any_step_is_one_line_naming_the_post(tmp_path, phase, doing):
    content, out = good_site(tmp_path)
    before = snapshot(out)
    post = write(content, "blog/probe.md", PROBED.format(phase=phase))

    result = build(content, out, settings=WITH_PROBE)

    text = result.stdout + result.stderr
    assert_failed_cleanly(result.returncode, text, out, before, content)
    assert problems(text) == [
        f"{post}:1: internal error {doing}: the probe failed on purpose ({phase}) {BUG}"
    ]
    log = (tmp_path / ".build-error.log").read_text()
    assert log.startswith(problems(text)[0] + "\nTraceback (most recent call last):")
    assert f"ProbeFailure: the probe failed on purpose ({phase})" in log
    assert (
        f"The Python details of the internal errors are in {tmp_path / '.build-error.log'}" in text
    )


def test_an_exception_after_the_swap_says_the_output_was_replaced(tmp_path):
    """A receiver of ``finalized`` that runs after build_guard's: the new site is already whole
    in place, and the list says so instead of claiming the old one was kept."""
    content, out = good_site(tmp_path)
    post = write(content, "blog/probe.md", PROBED.format(phase="finalized"))

    result = build(content, out, settings=WITH_PROBE)

    text = result.stdout + result.stderr
    assert_no_traceback(text)
    assert result.returncode == 1
    assert f"Build failed with 1 problem after {out} was replaced:" in text
    assert problems(text) == [
        f"{post}:1: internal error while building: the probe failed on purpose (finalized) {BUG}"
    ]
    assert (out / "blog" / "probe" / "index.html").is_file()


def test_the_error_log_goes_with_the_next_good_build(tmp_path):
    content, out = good_site(tmp_path)
    probe = write(content, "blog/probe.md", PROBED.format(phase="reading"))
    assert build(content, out, settings=WITH_PROBE).returncode == 1
    assert (tmp_path / ".build-error.log").exists()
    probe.unlink()
    build(content, out, settings=WITH_PROBE, check=True)
    assert not (tmp_path / ".build-error.log").exists()


def test_a_template_error_names_the_post_and_the_template_line(tmp_path):
    content, out = good_site(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    lines = article.read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "<article" in line) + 1
    lines.insert(number - 1, "<p>{{ article.no_such_field.upper() }}</p>")
    article.write_text("\n".join(lines) + "\n")
    before = snapshot(out)

    result = build(content, out, settings={**WITH_PROBE, "THEME": str(theme)})

    text = result.stdout + result.stderr
    assert_failed_cleanly(result.returncode, text, out, before, content)
    assert problems(text) == [
        f"{content}/blog/good.md:1: internal error while writing /blog/good/ with {article}:{number}: "
        f"'pelican.contents.Article object' has no attribute 'no_such_field' {BUG}"
    ]


def test_a_template_the_theme_lacks_is_named_with_its_line(tmp_path):
    content, out = good_site(tmp_path)
    before = snapshot(out)
    post = write(
        content, "blog/fancy.md", "---\ntitle: Fancy\ndate: 2024-01-01\ntemplate: fancy\n---\nx\n"
    )
    page = write(content, "pages/odd.md", "---\ntitle: Odd\n\ntemplate: odd\n---\nx\n")

    result = build(content, out, settings=WITH_PROBE)

    text = result.stdout + result.stderr
    assert_failed_cleanly(result.returncode, text, out, before, content)
    available = sorted(p.stem for p in (ROOT / "theme" / "templates").glob("*.html"))
    assert "article" in available and "page" in available
    assert problems(text) == [
        f"{post}:4: template 'fancy' does not exist in theme/templates (available: {', '.join(available)})",
        f"{page}:4: template 'odd' does not exist in theme/templates (available: {', '.join(available)})",
    ]


def probed_task(tmp_path, task, phase, **kwargs):
    """A good build with ``task``, then a post that sets off the probe: the task's result."""
    content, out = tmp_path / "content", tmp_path / "out"
    if not content.exists():
        write(content, "blog/good.md", GOOD)
    settings = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}
    first = run_task(task, {"output": str(out), **kwargs}, settings)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(out)
    post = write(content, "blog/probe.md", PROBED.format(phase=phase))
    result = run_task(task, {"output": str(out), **kwargs}, settings)
    return result, post, out, before


@pytest.mark.parametrize("phase", ["reading", "writing"])
def test_invoke_build_lists_the_line_and_keeps_the_output(tmp_path, phase):
    result, post, out, before = probed_task(tmp_path, "build", phase)
    text = result.stdout + result.stderr
    assert_failed_cleanly(result.returncode, text, out, before, post.parent.parent)
    doing = "while reading" if phase == "reading" else "while writing /blog/probe/"
    assert problems(text) == [
        f"{post}:1: internal error {doing}: the probe failed on purpose ({phase}) {BUG}"
    ]


def test_invoke_publish_publishes_nothing_after_an_exception(tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)  # every link resolves: publish checks them

    result, post, out, before = probed_task(
        tmp_path, "publish", "writing", remote=str(remote), content=str(content)
    )

    text = result.stdout + result.stderr
    assert_failed_cleanly(result.returncode, text, out, before, content)
    assert problems(text) == [
        f"{post}:1: internal error while writing /blog/probe/: the probe failed on purpose (writing) {BUG}"
    ]
    assert "publish: the build failed; nothing was published" in text
    history = subprocess.run(
        ["git", "--git-dir", str(remote), "log", "--format=%s", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(history) == 1  # the first publish only


def test_invoke_serve_keeps_serving_the_last_site_when_a_rebuild_fails(tmp_path):
    content, out, log = tmp_path / "content", tmp_path / "out", tmp_path / "serve.log"
    post = write(content, "blog/post.md", "---\ntitle: Before\ndate: 2024-01-01\n---\nText.\n")
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    with ProbedPreview(content, out, log, settings) as preview:
        assert "Before" in preview.page("/blog/before/")
        build_number = preview.listen()
        before = snapshot(out)
        probe = write(
            content, "blog/probe.md", PROBED.format(phase="writing")
        )  # a new post: a full rebuild
        text = wait_for(log, "Build failed with ")
        assert_failed_cleanly(1, text, out, before, content)
        assert problems(text) == [
            f"{probe}:1: internal error while writing /blog/probe/: the probe failed on purpose (writing) {BUG}"
        ]
        assert "Before" in preview.page("/blog/before/")
        probe.unlink()
        post.write_text("---\ntitle: After\ndate: 2024-01-01\n---\nText.\n")
        assert preview.next_build() == build_number + 1
        assert "After" in preview.page("/blog/after/")
    assert_no_traceback(log.read_text())


def wait_for(log, text, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        written = log.read_text()
        if text in written and written.rstrip().splitlines()[-1].startswith("The Python details"):
            return written
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in {log}:\n{log.read_text()}")
