"""A front matter the links index parsed is not parsed again when the post is read."""

import os
import time

import yaml
from links.urls import front_matter

from sitelib.frontmatter import parse

TEXT = "---\ntitle: Kelp forests\nimage:\n  filename: kelp.png\ntags: [ocean]\n---\n\nBody.\n"


def test_the_reader_takes_what_the_links_index_parsed(tmp_path, monkeypatch):
    post = tmp_path / "index.md"
    post.write_text(TEXT)
    parse.PARSED.clear()
    indexed = front_matter(str(post))
    calls = []
    monkeypatch.setattr(yaml, "load", lambda *a, **k: calls.append(a) or {})
    front, body = parse.split(TEXT, "index.md")
    assert calls == []
    assert (
        front.data
        == indexed
        == {"title": "Kelp forests", "image": {"filename": "kelp.png"}, "tags": ["ocean"]}
    )
    front.data["image"]["filename"] = "changed.png"  # the reader's copy is its own
    assert indexed["image"]["filename"] == "kelp.png"
    assert body.strip() == "Body."


def test_an_unknown_front_matter_is_parsed_and_a_bad_one_still_reports_its_line():
    parse.PARSED.clear()
    front, _ = parse.split("---\ntitle: New\n---\nText\n", "new.md")
    assert front.data == {"title": "New"}
    try:
        parse.split("---\ntitle: [unclosed\n---\nText\n", "bad.md")
    except parse.ContentError as exc:
        assert exc.problems[0][:2] == ("bad.md", 2)
    else:
        raise AssertionError("no error for a bad front matter")


def opened_files(monkeypatch):
    import builtins

    opened, real_open = [], builtins.open
    monkeypatch.setattr(
        builtins, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k)
    )
    return opened


def test_a_file_unchanged_since_an_earlier_build_is_not_opened_again(tmp_path, monkeypatch):
    post = tmp_path / "index.md"
    post.write_text(TEXT)
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(post, ns=(hour_ago, hour_ago))
    assert front_matter(str(post))["title"] == "Kelp forests"
    opened = opened_files(monkeypatch)
    assert front_matter(str(post))["title"] == "Kelp forests"
    assert opened == []
    post.write_text(TEXT.replace("Kelp forests", "Sea grass"))  # another size and time
    assert front_matter(str(post))["title"] == "Sea grass"
    assert opened == [str(post)]


def test_a_file_written_just_now_is_opened_again_next_time(tmp_path, monkeypatch):
    post = tmp_path / "index.md"
    post.write_text(TEXT)
    assert front_matter(str(post))["title"] == "Kelp forests"
    stamp = post.stat().st_mtime_ns
    post.write_text(TEXT.replace("Kelp forests", "Kelp forest!"))  # same size: only the bytes tell
    os.utime(post, ns=(stamp, stamp))
    opened = opened_files(monkeypatch)
    assert front_matter(str(post))["title"] == "Kelp forest!"
    assert opened == [str(post)]
