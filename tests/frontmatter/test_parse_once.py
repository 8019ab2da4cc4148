"""A front matter the links index parsed is not parsed again when the post is read."""

import yaml

from frontmatter import parse
from links.urls import front_matter

TEXT = "---\ntitle: Kelp forests\nimage:\n  filename: kelp.png\ntags: [ocean]\n---\n\nBody.\n"


def test_the_reader_takes_what_the_links_index_parsed(tmp_path, monkeypatch):
    post = tmp_path / "index.md"
    post.write_text(TEXT)
    parse.forget()
    indexed = front_matter(str(post))
    calls = []
    monkeypatch.setattr(yaml, "load", lambda *a, **k: calls.append(a) or {})
    front, body = parse.split(TEXT, "index.md")
    assert calls == []
    assert front.data == indexed == {"title": "Kelp forests", "image": {"filename": "kelp.png"}, "tags": ["ocean"]}
    front.data["image"]["filename"] = "changed.png"  # the reader's copy is its own
    assert indexed["image"]["filename"] == "kelp.png"
    assert body.strip() == "Body."


def test_an_unknown_front_matter_is_parsed_and_a_bad_one_still_reports_its_line():
    parse.forget()
    front, _ = parse.split("---\ntitle: New\n---\nText\n", "new.md")
    assert front.data == {"title": "New"}
    try:
        parse.split("---\ntitle: [unclosed\n---\nText\n", "bad.md")
    except parse.ContentError as exc:
        assert exc.problems[0][:2] == ("bad.md", 2)
    else:
        raise AssertionError("no error for a bad front matter")
