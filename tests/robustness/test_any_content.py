"""Whatever a content file holds, the build ends either well or with a list of problems:
never a Python traceback, never a bare exception name, never a half-written site.

Files are drawn by Hypothesis (mutations.py) and built with invoke's in-process build
(buildserver.py) into a copy of tests/fixtures/tiny. Deterministic (derandomize=True)."""

import shutil

import pytest
from buildserver import BuildServer
from hypothesis import HealthCheck, event, example, given, settings
from mutations import ContentFile, content_file
from robust_helpers import assert_failed_cleanly, assert_no_traceback, leftovers, problems, snapshot
from sitetest import FIXTURES

EXAMPLES = 100  # with the explicit examples, 45-65 s on two cores


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny site, built once; a server that builds it again after each change."""
    root = tmp_path_factory.mktemp("tiny")
    shutil.copytree(FIXTURES / "tiny" / "content", root / "content")
    server = BuildServer(root)
    code, text = server.build(root / "content", root / "output")
    assert code == 0, text
    yield root, server
    server.close()


def check_build(tiny, drawn):
    relpath, data = drawn.relpath, drawn.data
    root, server = tiny
    content, out = root / "content", root / "output"
    path = content / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        before = snapshot(out)
        code, text = server.build(content, out)
        event(
            "built"
            if code == 0
            else "failed: " + (problems(text) or ["?"])[0].split(": ", 1)[-1][:40]
        )
        if code == 0:
            assert_no_traceback(text)
            assert snapshot(out) is not None and not leftovers(out)
        else:
            assert_failed_cleanly(code, text, out, before)
    finally:
        path.unlink()
        if path.name == "index.md":
            path.parent.rmdir()


def post(front, body="Text.\n"):
    return ContentFile("blog/fuzz.md", f"---\n{front}---\n{body}".encode())


# Each crash found so far, as the smallest file that set it off (see the commits and
# /work/briefs/guard-findings.md for those whose cause is left to other plugins).
CRASHES = [
    post("title: A\ndate: 2024-01-01\nauthor: Jane Doe\n"),  # Pelican wants an Author object
    ContentFile("blog/fuzz.md", b"\xff\xfe---\n---\n"),  # not UTF-8
    post("title: A\ndate: 2024-01-01\n__dict__: x\n"),  # set as an attribute of the post
    post("title: A\ndate: 2024-01-01\nsettings: x\n"),
    post("title: A\ndate: !!timestamp '2024-01-01 04:45:16+00:26:56'\n"),  # PyYAML's AttributeError
    post("title: A\ndate: 2024-01-01\naliases: 5\n"),
    ContentFile("blog/fuzz.md", b"---\n\x00aliases: [/a/]\n---\nx\n"),  # a two-line YAML message
    post("title: " + "T" * 100_000 + "\ndate: 2024-01-01\n"),  # a file name too long to write
    post(
        "title: A\ndate: 2024-01-01\ntags: ["
        + "a" * 300
        + ", b]\ncategories: ["
        + "c" * 300
        + "]\n"
    ),
    post("title: A\ndate: 2024-01-01\naliases: [/" + "a" * 300 + "/, /" + "a/" * 600 + "]\n"),
    post('title: "2024"\ndate: 2024-01-01\n'),  # the year archive's address
    post("title: A\ndate: 2024-01-01\ntemplate: nope\n"),
    ContentFile("pages/search.md", b"---\ntitle: Search\n---\nx\n"),  # the search page's address
    ContentFile(
        "team/ada-lovelace/index.md", b"---\nname: Ada Lovelace\n---\nAgain.\n"
    ),  # one person twice
]
# Inputs the brief names, built whatever Hypothesis draws.
NAMED = [
    post(
        "title: A\ndate: 2024-01-01\ntags: [" + ", ".join(f"tag{n}" for n in range(10_000)) + "]\n"
    ),
    post("title: A\ndate: 2024-01-01\n", '{{< figure src="x\n[a](../b\n{{% /x %}}\n![img](\n'),
]


def with_examples(test):
    for drawn in CRASHES + NAMED:
        test = example(drawn=drawn)(test)
    return test


@with_examples
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(drawn=content_file())
def test_any_content_file_builds_or_fails_cleanly(tiny, drawn):
    check_build(tiny, drawn)
