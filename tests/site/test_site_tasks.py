"""The invoke tasks, run as a user runs them."""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import yaml
from bs4 import BeautifulSoup

from project_helpers import ROOT, build, html

INVOKE = [sys.executable, "-m", "invoke"]


def invoke(*args, **kwargs):
    return subprocess.run([*INVOKE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs)


def test_list_names_every_task_with_its_help():
    listing = invoke("--list").stdout
    for name in ("build", "serve", "publish", "clean", "new-post", "test"):
        line = next((line for line in listing.splitlines() if line.strip().startswith(name + " ")), "")
        assert len(line.split()) > 2, f"{name} has no help line in:\n{listing}"


def test_new_post_scaffolds_a_dated_draft_bundle(tmp_path):
    content = tmp_path / "content"
    result = invoke("new-post", 'Our "big" news: 2i2c & friends', "--date", "2025-03-04", "--content", str(content))
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
    again = invoke("new-post", 'Our "big" news: 2i2c & friends', "--date", "2025-03-04", "--content", str(content))
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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, timeout=30):
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def test_serve_rebuilds_and_tells_the_browser_to_reload(tmp_path):
    from tornado.ioloop import IOLoop
    from tornado.websocket import websocket_connect

    content = tmp_path / "content"
    post = content / "blog" / "post.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: Before\ndate: 2024-01-01\n---\nText.\n")
    port = free_port()
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost")
    server = subprocess.Popen([*INVOKE, "serve", "--port", str(port), "--content", str(content),
                               "--output", str(tmp_path / "out")], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/blog/before/")
        soup = BeautifulSoup(page, "lxml")
        assert soup.h1.get_text() == "Before"
        assert "livereload.js" in " ".join(s.get_text() for s in soup.find_all("script"))

        async def wait_for_reload():
            ws = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
            await ws.write_message(json.dumps({"command": "hello", "protocols": [
                "http://livereload.com/protocols/official-7"]}))
            assert json.loads(await ws.read_message())["command"] == "hello"
            # livereload.js then says which page it shows; only then is it told to reload.
            await ws.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/blog/before/"}))
            # livereload ignores changes within ~3 s of its last reload (here: its start).
            await asyncio.sleep(3.5)
            post.write_text("---\ntitle: After\ndate: 2024-01-01\n---\nText.\n")
            while True:
                message = json.loads(await ws.read_message())
                if message.get("command") == "reload":
                    return message

        IOLoop.current().run_sync(wait_for_reload, timeout=60)
        after = BeautifulSoup(fetch(f"http://127.0.0.1:{port}/blog/after/"), "lxml")
        assert after.h1.get_text() == "After"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
