"""The fast paths change nothing: cached, parallel and repeated builds write the same
files, byte for byte, as a clean sequential build."""

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from bench import replicate
from bs4 import BeautifulSoup

from sitetest import HUGO_SAMPLE, ROOT, Preview, build, html

HERE = Path(__file__).resolve().parent
SEQUENTIAL = {"cache": False, "workers": 1}
FAST = {"cache": True, "workers": 2, "min_files": 1}


def tree(folder):
    """Every file under folder: relative path -> sha256."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*")) if path.is_file()
    }


def markdown_settings():
    import pelicanconf  # noqa: PLC0415

    md = {k: (dict(v) if isinstance(v, dict) else v) for k, v in pelicanconf.MARKDOWN.items()}
    md["extensions"] = ["countext"]
    return md


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """2i2c's Hugo site with 24 posts (shortcodes, images, links, tags, categories), imported."""
    from commands.hugo_import import import_site  # noqa: PLC0415

    root = tmp_path_factory.mktemp("same")
    replicate.hugo_site(HUGO_SAMPLE, 24, root / "hugo")
    content = root / "content"
    import_site(str(root / "hugo"), str(content), force=True)
    (content / "pages" / "bench-warn.md").write_text("---\ntitle: Warned\n---\n\nWrite to us.\n\nWARN-ME here\n")
    # a person page (read by the people plugin itself) that logs a warning when read
    (content / "team" / "bench-person.md").write_text("---\nname: Bench Person\n---\n\nSee [the old page](/nowhere-at-all/).\n")
    return root


def read_by_fastbuild(read):
    """Posts and pages converted (people and jobs have readers of their own; a shortcode's
    Markdown inner text counts for its page again)."""
    return sorted({r for r in read if r.startswith(("blog/", "pages/"))})


@pytest.fixture
def run(site, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    counts = site / "conversions.txt"
    monkeypatch.setenv("COUNT_CONVERSIONS", str(counts))

    def run(output, fast, cache):
        counts.write_text("")
        result = build(site / "content", output, settings={
            "FASTBUILD": fast, "CACHE_PATH": str(cache), "MARKDOWN": markdown_settings(),
            "LINKS": {"missing": "warn"},  # the sample links to pages this fixture does not have
        }, check=True)
        return result, read_by_fastbuild(counts.read_text().split())

    return run


def test_fast_builds_write_the_same_files(site, run, tmp_path):
    sources = read_by_fastbuild(str(p.relative_to(site / "content")) for p in (site / "content").rglob("*.md"))
    clean, read = run(tmp_path / "clean", SEQUENTIAL, tmp_path / "no-cache")
    expected = tree(tmp_path / "clean")
    assert read == sources  # every post and page converted once
    assert any(name.startswith("blog/") and name.endswith("/index.html") for name in expected)
    assert any(name.endswith("atom.xml") for name in expected) and "tag" in {n.split("/")[0] for n in expected}

    # parallel reading, empty cache
    first, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
    assert tree(tmp_path / "fast") == expected
    assert read == sources

    # touched but unchanged: nothing converted again; rebuilt into the existing output
    post = site / "content" / "blog" / "2021" / "hello-world" / "index.md"
    os.utime(post)
    second, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
    assert read == []
    assert tree(tmp_path / "fast") == expected
    # the warnings logged while reading a page and a person are reported by cached builds too
    for result in (clean, first, second):
        assert "pages/bench-warn.md:7: found the WARN-ME marker" in result.stderr + result.stdout
        assert "team/bench-person.md:5: link to '/nowhere-at-all/'" in result.stderr + result.stdout


def test_an_edited_post_is_read_again_and_matches_a_clean_build(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    post = site / "content" / "blog" / "2022" / "q1-update" / "index.md"
    original = post.read_text()
    image = next(p for p in sorted((tmp_path / "fast").rglob("*.png")) if "pagefind" not in p.parts)
    unchanged = ["404.html", str(image.relative_to(tmp_path / "fast"))]
    inodes = {name: (tmp_path / "fast" / name).stat().st_ino for name in ["blog/q1-update/index.html", *unchanged]}
    reads_cache = tmp_path / "cache" / "ArticlesGenerator-Readers"  # Pelican's: kept whole posts make it idle
    before = reads_cache.stat()
    try:
        post.write_text(original + "\nA new closing line.\n")  # the body only: the cache stays
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == ["blog/2022/q1-update/index.md"]
        assert (reads_cache.stat().st_mtime_ns, reads_cache.stat().st_ino) == (before.st_mtime_ns, before.st_ino)
        # the page of the edited post is written again; a page that does not show it, and an image, are reused
        assert (tmp_path / "fast" / "blog/q1-update/index.html").stat().st_ino != inodes["blog/q1-update/index.html"]
        for name in unchanged:
            assert (tmp_path / "fast" / name).stat().st_ino == inodes[name], name
        run(tmp_path / "clean", SEQUENTIAL, tmp_path / "no-cache")
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
        assert "A new closing line." in (tmp_path / "fast" / "blog" / "q1-update" / "index.html").read_text()
    finally:
        post.write_text(original)


def test_another_posts_new_title_is_read_alone_and_matches_a_clean_build(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    post = site / "content" / "blog" / "2022" / "q1-update" / "index.md"
    original = post.read_text()
    assert "\nslug: q1-update\n" in original  # the URL does not come from the title
    try:
        post.write_text(original.replace("title: Celebrating our progress in Q1 2022", "title: Our first quarter of 2022", 1))
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == ["blog/2022/q1-update/index.md"]  # every other post from the cache
        run(tmp_path / "clean", SEQUENTIAL, tmp_path / "no-cache")
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
        assert html(tmp_path / "fast" / "blog" / "q1-update" / "index.html").h1.get_text(strip=True) == "Our first quarter of 2022"
    finally:
        post.write_text(original)


def test_a_new_title_that_moves_a_post_reaches_the_cached_posts_that_link_to_it(site, run, tmp_path):
    target = site / "content" / "blog" / "2022" / "job-product-community-lead" / "index.md"
    original = target.read_text()
    without_slug = original.replace("slug: job-product-community-lead\n", "", 1)
    assert without_slug != original
    try:
        target.write_text(without_slug)  # the URL comes from the title
        run(tmp_path / "fast", FAST, tmp_path / "cache")
        target.write_text(without_slug.replace("title: 'New job posting: Product and Community Lead.'",
                                               "title: Hiring a product lead", 1))
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert "blog/2022/q1-update/index.md" in read  # it links to the post: read again
        run(tmp_path / "clean", SEQUENTIAL, tmp_path / "no-cache")
        assert "/blog/hiring-a-product-lead/" in (tmp_path / "fast" / "blog" / "q1-update" / "index.html").read_text()
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
    finally:
        target.write_text(original)


def test_a_new_shortcode_template_or_data_file_drops_the_cache(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    extra = site / "content" / "data" / "extra.yaml"
    extra.parent.mkdir(exist_ok=True)
    try:
        extra.write_text("answer: 42\n")
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == read_by_fastbuild(str(p.relative_to(site / "content")) for p in (site / "content").rglob("*.md"))
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == []
    finally:
        extra.unlink()


def test_a_changed_slug_reaches_the_cached_posts_that_link_to_it(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    target = site / "content" / "blog" / "2022" / "job-product-community-lead" / "index.md"
    original = target.read_text()
    try:
        target.write_text(original.replace("slug: job-product-community-lead", "slug: renamed-job-post", 1))
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert "blog/2022/q1-update/index.md" in read  # it links to the post: read again
        run(tmp_path / "clean", SEQUENTIAL, tmp_path / "no-cache")
        linking = (tmp_path / "fast" / "blog" / "q1-update" / "index.html").read_text()
        assert "/blog/renamed-job-post/" in linking
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
    finally:
        target.write_text(original)


def site_files(folder):
    """The built site without its search index (the preview refreshes that after the pages)."""
    return {name: digest for name, digest in tree(folder).items() if not name.startswith("pagefind/")}


def test_serve_updates_an_edited_post_in_place_as_a_clean_build_would(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(ROOT / "content", content)
    post = content / "blog" / "2026" / "open-source-we-support.md"
    with Preview(content, out, tmp_path / "serve.log") as preview:
        build_number = preview.listen()
        folder, about = out.stat().st_ino, (out / "about" / "index.html").stat().st_ino
        text = post.read_text()
        post.write_text(text.replace('title: "The open source communities we invest in"',
                                     'title: "Where our upstream hours go"', 1) + "\nOne sentence added in the preview.\n")
        assert preview.next_build() == build_number + 1
        page = BeautifulSoup(preview.page("/blog/open-source-we-support/"), "lxml")
        assert page.h1.get_text() == "Where our upstream hours go"
        assert "One sentence added in the preview." in page.get_text()
        home = BeautifulSoup(preview.page("/"), "lxml")
        assert "Where our upstream hours go" in home.get_text()
        # Updated in place: the same site folder, and a page that does not show the post untouched.
        assert out.stat().st_ino == folder and (out / "about" / "index.html").stat().st_ino == about
    build(content, tmp_path / "clean", conf="pelicanconf.py", check=True)
    assert site_files(out) == site_files(tmp_path / "clean")

    # A new tag moves the post onto another tag page: the whole site is built again, the same way.
    with Preview(content, out, tmp_path / "serve.log") as preview:
        build_number = preview.listen()
        about = (out / "about" / "index.html").stat().st_ino
        post.write_text(post.read_text().replace("tags: [open-source,", "tags: [upstream, open-source,", 1))
        assert preview.next_build() == build_number + 1
        assert (out / "about" / "index.html").stat().st_ino != about  # even this page was written again
        assert "Where our upstream hours go" in preview.page("/tag/upstream/")
    build(content, tmp_path / "clean2", conf="pelicanconf.py", check=True)
    assert site_files(out) == site_files(tmp_path / "clean2")
