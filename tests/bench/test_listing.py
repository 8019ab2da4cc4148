"""fastbuild lists each content folder once per build and applies Pelican's rules for which
files a generator reads: the same paths as Pelican's own ``Generator.get_files``."""

import copy
import os

import pytest
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG

from fastbuild.listing import Listing, get_files
from sitetest import ROOT, write


def generator(path, ignore=None):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PATH=str(path), IGNORE_FILES=ignore if ignore is not None else [".*", "README.md", "__pycache__"])
    return Generator(context={}, settings=settings, path=str(path), theme=settings["THEME"], output_path=str(path / "out"))


def tree(root):
    for name in ["blog/2021/a/index.md", "blog/2021/a/figure.png", "blog/2021/a/.hidden.md", "blog/README.md",
                 "blog/_templates/post.md", "blog/.git/x.md", "blog/__pycache__/m.md", "blog/2022/b.md",
                 "blog/2022/notes.txt", "blog/2022/deep/er/c.html", "pages/about/index.md", "pages/logo.svg",
                 "static/css/site.css", "static/robots", "top.md"]:
        write(root, name, "x")
    os.symlink(root / "pages" / "about", root / "blog" / "linked")
    return root


@pytest.mark.parametrize("paths, exclude, extensions", [
    (["blog"], ["blog/_templates"], None),
    (["static", "blog", "pages"], ["blog/_templates", "pages/about"], False),
    ("blog", [], ("md",)),
    ([""], [], None),
    (["top.md", "pages", "missing"], [], None),
])
def test_the_same_files_as_pelican(tmp_path, paths, exclude, extensions):
    gen = generator(tree(tmp_path / "content"))
    expected = Generator.get_files(gen, paths, exclude=exclude, extensions=extensions)
    assert get_files(gen, Listing(), paths, exclude, extensions) == expected
    assert expected  # the case lists something


def test_other_ignore_patterns_and_one_listing_for_two_generators(tmp_path):
    root = tree(tmp_path / "content")
    posts, images = generator(root, ignore=["*.png", "2022"]), generator(root, ignore=[])
    listing = Listing()
    assert get_files(posts, listing, ["blog"]) == Generator.get_files(posts, ["blog"])
    write(root, "blog/2021/late.md", "written after the listing")  # a build sees one state of the tree
    assert get_files(images, listing, ["blog"], extensions=False) == Generator.get_files(images, ["blog"], extensions=False) - {"blog/2021/late.md"}


def test_the_projects_own_content(tmp_path):
    gen = generator(ROOT / "content", ignore=[".*", "README.md", "__pycache__"])
    for paths in (["blog"], ["pages"], ["static", "blog", "pages"]):
        assert get_files(gen, Listing(), paths, ["blog/_sections"], False) == Generator.get_files(gen, paths, ["blog/_sections"], False)
