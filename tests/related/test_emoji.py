"""Emoji shortcodes as Hugo's enableEmoji writes them: GitHub's names become Unicode characters,
in text but not in code; unknown names stay as written."""

import pytest
from sitetest import build, html, write

POST = """---
title: Launch
date: 2024-05-01
---
We shipped :tada: and it flies :rocket:. Thumbs :+1:, and :not_an_emoji: stays.

Inline `:tada:` code keeps its colons, and a [link :sparkles:](https://example.org/) has one.

```
fenced :tada: code
```

    indented :rocket: code
"""


@pytest.fixture(scope="module")
def post(tmp_path_factory):
    root = tmp_path_factory.mktemp("emoji")
    write(root / "content", "blog/2024/launch.md", POST)
    build(root / "content", root / "output", check=True)
    return html(root / "output" / "blog/launch/index.html").select_one(".prose")


def test_shortcodes_in_text_become_unicode_characters(post):
    first = post.find("p").get_text()
    assert (
        first
        == "We shipped \U0001f389 and it flies \U0001f680. Thumbs \U0001f44d, and :not_an_emoji: stays."
    )
    assert post.find("a", href="https://example.org/").get_text() == "link \u2728"
    assert post.find("img") is None  # characters, not pictures


def test_code_keeps_the_shortcode(post):
    assert post.find("p").find_next("p").code.get_text() == ":tada:"
    blocks = [pre.get_text() for pre in post.find_all("pre")]
    assert blocks == ["fenced :tada: code\n", "indented :rocket: code\n"]
