"""The invoke tasks, run as a user runs them."""

import subprocess
import sys
import urllib.error

import pytest
import yaml
from bs4 import BeautifulSoup
from project_helpers import ROOT, build, html
from sitetest import Preview

INVOKE = [sys.executable, "-m", "invoke"]


def invoke(*args, **kwargs):
    return subprocess.run(
        [*INVOKE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs
    )


def test_list_names_every_task_with_its_help():
    listing = invoke("--list").stdout
    for name in ("build", "serve", "publish", "clean", "new-post", "test"):
        line = next(
            (line for line in listing.splitlines() if line.strip().startswith(name + " ")), ""
        )
        assert len(line.split()) > 2, f"{name} has no help line in:\n{listing}"


def test_new_post_scaffolds_a_dated_draft_bundle(tmp_path):
    content = tmp_path / "content"
    result = invoke(
        "new-post",
        'Our "big" news: 2i2c & friends',
        "--date",
        "2025-03-04",
        "--content",
        str(content),
    )
    assert result.returncode == 0, result.stderr
    post = content / "blog" / "2025" / "our-big-news-2i2c-friends" / "index.md"
    _, front, body = post.read_text().split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == 'Our "big" news: 2i2c & friends'
    assert str(meta["date"]) == "2025-03-04" and meta["draft"] is True
    assert body.strip()

    build(content, tmp_path / "out", check=True)
    assert not (tmp_path / "out" / "blog" / "our-big-news-2i2c-friends").exists()
    build(content, tmp_path / "drafts", settings={"SHOW_DRAFTS": True}, check=True)
    page = html(tmp_path / "drafts" / "blog" / "our-big-news-2i2c-friends" / "index.html")
    assert page.h1.get_text() == 'Our "big" news: 2i2c & friends'
    # A second scaffold with the same title refuses to overwrite the first.
    again = invoke(
        "new-post",
        'Our "big" news: 2i2c & friends',
        "--date",
        "2025-03-04",
        "--content",
        str(content),
    )
    assert again.returncode == 1 and "already exists" in again.stderr


def test_publish_builds_with_absolute_urls_and_feeds(tmp_path):
    out = tmp_path / "site"
    remote = tmp_path / "remote.git"  # publish pushes to gh-pages: a local bare repository here
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    result = invoke("publish", "--output", str(out), "--remote", str(remote))
    assert result.returncode == 0, result.stderr
    home = html(out / "index.html")
    assert home.select_one('link[rel="canonical"]')["href"] == "https://2i2c.org/"
    for feed in ("blog/atom.xml", "blog/rss.xml", "blog/index.xml"):
        assert (out / feed).stat().st_size > 0


def test_serve_on_a_port_in_use_says_so_in_one_line_before_building(tmp_path):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "post.md").write_text("---\ntitle: Hello\ndate: 2024-01-01\n---\nText.\n")
    with Preview(content, tmp_path / "out", tmp_path / "serve.log") as preview:
        preview.page("/blog/hello/")
        second = invoke(
            "serve", "--port", str(preview.port), "--content", str(content),
            "--output", str(tmp_path / "second"),
        )  # fmt: skip
    assert second.returncode == 1
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in second.stderr, second.stderr
    assert f"cannot serve at http://127.0.0.1:{preview.port}/" in lines[0]
    assert f"--port {preview.port + 1}" in lines[0]
    assert not (tmp_path / "second").exists()  # nothing built for a server that cannot start


def test_serve_rebuilds_and_tells_the_browser_to_reload(tmp_path):
    content = tmp_path / "content"
    post = content / "blog" / "post.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: Before\ndate: 2024-01-01\n---\nText.\n")
    with Preview(content, tmp_path / "out", tmp_path / "serve.log") as preview:
        soup = BeautifulSoup(preview.page("/blog/before/"), "lxml")
        assert soup.h1.get_text() == "Before"
        script = soup.select_one('script[src="/__preview__/reload.js"]')
        assert script is not None and script["data-build"] == "0"
        assert "EventSource" in preview.page("/__preview__/reload.js")
        assert (
            "__preview__" not in (tmp_path / "out" / "blog" / "before" / "index.html").read_text()
        )

        assert preview.listen() == 0
        post.write_text("---\ntitle: After\ndate: 2024-01-01\n---\nText.\n")  # a new address
        assert preview.next_build() == 1
        after = BeautifulSoup(preview.page("/blog/after/"), "lxml")
        assert after.h1.get_text() == "After"
        assert after.select_one('script[src="/__preview__/reload.js"]')["data-build"] == "1"
        with pytest.raises(
            urllib.error.HTTPError
        ) as missing:  # the old address is gone: the site's 404 page
            preview.page("/blog/before/")
        assert missing.value.code == 404 and "__preview__" in missing.value.read().decode()
