"""An edit build writes what changed: the other files of the previous output stay as they
were (the same inode, not written again), and the site is the one a clean build makes."""

import hashlib
import shutil

from PIL import Image
from sitetest import ROOT, build

POST = "blog/2026/open-source-we-support.md"


def files(folder):
    """relative path -> (inode, sha256) of every file under folder."""
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_edit_build_keeps_every_file_it_would_write_the_same(tmp_path):
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(ROOT / "content", content)
    bundle = content / "blog" / "2026" / "onboarding-champions"
    Image.new("RGB", (1200, 600), "#2b3a67").save(bundle / "chart.png")
    with open(bundle / "index.md", "a", encoding="utf-8") as f:
        f.write("\n![A chart of hub prices](chart.png)\n")
    settings = {"CACHE_PATH": str(cache)}
    build(content, out, settings=settings, check=True)
    build(content, out, settings=settings, check=True)  # the image cache and kept posts warm
    before = files(out)
    post = content / POST
    post.write_text(post.read_text() + "\nOne sentence more.\n")
    build(content, out, settings=settings, check=True)
    after = files(out)

    changed = {path for path in after if after[path] != before.get(path)}
    page = "blog/open-source-we-support/index.html"
    assert page in changed and "One sentence more." in (out / page).read_text()
    kinds = {path.rsplit(".", 1)[-1] for path in set(after) - changed}
    assert {"html", "webp", "png"} <= kinds  # pages, WebP versions, cards and images kept
    for path in set(after) - changed:
        assert after[path][0] == before[path][0], f"{path} was written again"

    clean = tmp_path / "clean"
    build(content, clean, settings={"CACHE_PATH": str(tmp_path / "clean-cache")}, check=True)
    assert {p: digest for p, (_, digest) in after.items()} == {
        p: digest for p, (_, digest) in files(clean).items()
    }
