"""invoke serve draws a saved post at once, alone, and serves it while the site is rebuilt
(Hugo's fast render): the page drawn is the page the rebuild writes."""

import os
import re
import shutil
import time

from bs4 import BeautifulSoup
from sitetest import ROOT, Preview

POST = "blog/2026/open-source-we-support.md"
ADDRESS = "/blog/open-source-we-support/"
SCRIPT = re.compile(r'<script src="/__preview__/reload\.js" data-build="\d+"></script>')


def site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content, tmp_path / "out"


def test_a_saved_post_is_drawn_first_then_rebuilt_the_same(tmp_path):
    content, out = site(tmp_path)
    post = content / POST
    with Preview(content, out, tmp_path / "serve.log") as preview:
        number = preview.listen()
        text = post.read_text()
        post.write_text(
            text.replace(
                'title: "The open source communities we invest in"', 'title: "Drawn at once"', 1
            )
            + "\nA sentence saved in the preview.\n"
        )
        assert preview.next_event() == ("draw", ADDRESS)
        drawn = preview.page(ADDRESS)
        soup = BeautifulSoup(drawn, "lxml")
        assert soup.h1.get_text() == "Drawn at once"
        assert "A sentence saved in the preview." in soup.get_text()
        assert soup.select_one('script[src="/__preview__/reload.js"]')["data-build"] == str(number)
        assert preview.next_event() == ("build", str(number + 1))
        written = (out / ADDRESS.strip("/") / "index.html").read_text()
        assert SCRIPT.sub("", drawn) == written  # what the rebuild wrote, byte for byte
        home = BeautifulSoup(preview.page("/"), "lxml")
        assert "Drawn at once" in home.get_text()  # the listings come with the rebuild


def test_a_post_saved_through_a_renamed_temporary_file_is_drawn(tmp_path):
    """As sed -i and vim save: a new file in the same folder, renamed over the post."""
    content, out = site(tmp_path)
    post = content / POST
    with Preview(content, out, tmp_path / "serve.log") as preview:
        preview.listen()
        temporary = post.with_name(".open-source-we-support.md.tmp1234")
        temporary.write_text(post.read_text().replace("title:", 'title: "Renamed in" #', 1))
        os.replace(temporary, post)
        assert preview.next_event() == ("draw", ADDRESS)
        assert BeautifulSoup(preview.page(ADDRESS), "lxml").h1.get_text() == "Renamed in"


def test_a_saved_data_file_is_not_drawn_but_rebuilt(tmp_path):
    content, out = site(tmp_path)
    menu = content / "data" / "menu.yaml"
    with Preview(content, out, tmp_path / "serve.log") as preview:
        number = preview.listen()
        menu.write_text(menu.read_text() + "\n")
        assert preview.next_event() == ("build", str(number + 1))
    assert "Drawn" not in (tmp_path / "serve.log").read_text()


def test_a_post_that_cannot_be_read_is_not_drawn_and_the_page_stays(tmp_path):
    content, out = site(tmp_path)
    post = content / POST
    log = tmp_path / "serve.log"
    with Preview(content, out, log) as preview:
        before = preview.page(ADDRESS)
        post.write_text(post.read_text().replace("title:", "title: [unclosed", 1))
        deadline = time.time() + 120
        while "Build failed" not in log.read_text() and time.time() < deadline:
            time.sleep(0.1)
        assert "Build failed" in log.read_text()
        # the rebuild names the problem, once: reading it for the drawing logged nothing
        assert len(re.findall(rf"{re.escape(POST)}:\d+: invalid YAML", log.read_text())) == 1
        assert "Drawn" not in log.read_text()
        assert preview.page(ADDRESS) == before
