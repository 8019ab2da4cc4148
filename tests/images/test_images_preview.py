"""``invoke serve``: a post edited to show an image of its folder that no page showed before
gets that image's WebP versions in the live output, without a full build."""

import urllib.request

from bs4 import BeautifulSoup
from PIL import Image

from imagesite import png_bytes, screenshot
from sitetest import Preview, write


def test_in_place_update_makes_the_new_images_files(tmp_path):
    content = tmp_path / "content"
    write(content, "blog/2024/shots/shot.png", png_bytes(screenshot(900, 500, seed=9)))
    post = write(content, "blog/2024/shots/index.md", "---\ntitle: Shots\ndate: 2024-01-01\nslug: shots\n---\nNo image yet.\n")
    with Preview(content, tmp_path / "output", tmp_path / "serve.log") as preview:
        first = preview.listen()
        post.write_text(post.read_text() + "\n![A shot](shot.png)\n")
        assert preview.next_build() == first + 1
        page = BeautifulSoup(preview.page("/blog/shots/"), "html.parser")
        source = page.select_one("main picture source")
        assert source is not None, (tmp_path / "serve.log").read_text()
        url = source["srcset"].split(", ")[0].split()[0]
        with urllib.request.urlopen(preview.url("/" + url.split("/", 3)[3] if "://" in url else url)) as response:
            (tmp_path / "got.webp").write_bytes(response.read())
        with Image.open(tmp_path / "got.webp") as im:
            assert im.format == "WEBP" and im.width == 480
    assert "Updated" in (tmp_path / "serve.log").read_text()  # in place, not a full build
