"""The fast paths change nothing: cached and parallel builds write the same files, byte for
byte, as plain Pelican, the same site built with ``fastbuild`` removed from ``PLUGINS`` (in its
own process, which never imports fastbuild). The fast builds start the worker pools for any
number of files (``min_files: 0``)."""

import datetime
import hashlib
import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sitetest import HUGO_SAMPLE, ROOT, Preview, build, html

from bench import replicate

HERE = Path(__file__).resolve().parent
FAST = {"cache": True, "workers": 2, "min_files": 0}
PNG_POST = Path("blog") / "2021" / "pangeo-goes-live"  # its featured image is a PNG
CARD_POST = Path("blog") / "2022" / "q1-update"  # no image: it gets a social card
PLAIN = None  # fastbuild removed from PLUGINS


def plain_plugins(extra=()):
    import publishconf

    return [p for p in publishconf.PLUGINS if p != "fastbuild"] + list(extra)


def tree(folder):
    """Every file under folder: relative path -> sha256."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def markdown_settings():
    import pelicanconf

    md = {k: (dict(v) if isinstance(v, dict) else v) for k, v in pelicanconf.MARKDOWN.items()}
    md["extensions"] = ["countext"]
    return md


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """2i2c's Hugo site with 24 posts (shortcodes, images, links, tags, categories), imported."""
    from commands.hugo_import import import_site

    root = tmp_path_factory.mktemp("same")
    replicate.hugo_site(HUGO_SAMPLE, 24, root / "hugo")
    content = root / "content"
    import_site(str(root / "hugo"), str(content), force=True)
    (content / "pages" / "bench-warn.md").write_text(
        "---\ntitle: Warned\n---\n\nWrite to us.\n\nWARN-ME here\n"
    )
    # a person page (read by the people plugin itself) that logs a warning when read
    (content / "team" / "bench-person.md").write_text(
        "---\nname: Bench Person\n---\n\nSee [the old page](/nowhere-at-all/).\n"
    )
    return root


def read_by_fastbuild(read):
    """Posts and pages converted (people and jobs have readers of their own; a shortcode's
    Markdown inner text counts for its page again)."""
    return sorted({r for r in read if r.startswith(("blog/", "pages/"))})


@pytest.fixture
def run(site, monkeypatch):
    """``run(output, fast, cache, **settings)``: a build of the site; ``fast=PLAIN`` builds it
    without fastbuild. Returns the finished process and the posts and pages it converted."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("PYTHONPROFILEIMPORTTIME", "1")  # every module a build imports, on stderr
    counts = site / "conversions.txt"
    monkeypatch.setenv("COUNT_CONVERSIONS", str(counts))

    def run(output, fast, cache, check=True, content=None, **settings):
        counts.write_text("")
        settings = {
            "CACHE_PATH": str(cache),
            "MARKDOWN": markdown_settings(),
            "LINKS": {"missing": "warn"},  # the sample links to pages this fixture does not have
            **settings,
        }
        if fast is PLAIN:
            settings["PLUGINS"] = plain_plugins(settings.pop("EXTRA_PLUGINS", ()))
        else:
            settings["FASTBUILD"] = fast
            settings["PLUGINS"] = [*plain_plugins(settings.pop("EXTRA_PLUGINS", ())), "fastbuild"]
        result = build(content or site / "content", output, settings=settings, check=check)
        imported = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
        assert imported, "PYTHONPROFILEIMPORTTIME did not list the imports"
        assert any("fastbuild" in line for line in imported) == (fast is not PLAIN), (
            "fastbuild imported or not"
        )
        return result, read_by_fastbuild(counts.read_text().split())

    return run


def messages(result):
    """What a build told its user: its output without the import timings."""
    return [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if not line.startswith("import time:")
    ]


def page_images(page):
    """The tree paths of the srcset and og:image URLs a built page names."""
    soup = html(page)
    urls = [
        candidate.split()[0]
        for tag in soup.find_all(srcset=True)
        for candidate in tag["srcset"].split(",")
    ]
    urls += [m["content"] for m in soup.find_all("meta", property="og:image")]
    return [urlsplit(url).path.lstrip("/") for url in urls]


def assert_images_made(site, output, expected):
    """The tree holds what the images plugin makes, and the pages name those files."""
    folder = "resized"  # IMAGES["folder"]
    assert any(n.startswith(f"{folder}/") and n.endswith(".webp") for n in expected)
    assert any(n.startswith(f"{folder}/") and n.endswith("/card.png") for n in expected)
    source = site / "content" / PNG_POST / "featured.png"
    served = Path(output) / "blog" / PNG_POST.name / "featured.png"
    assert served.read_bytes() == source.read_bytes()  # the original at its address
    shown = page_images(Path(output) / "blog" / PNG_POST.name / "index.html")
    assert [n for n in shown if n.endswith(".webp")] and all(n in expected for n in shown)
    card = page_images(Path(output) / "blog" / CARD_POST.name / "index.html")
    assert [n for n in card if n.endswith("/card.png")] and all(n in expected for n in card)


def test_fast_builds_write_the_same_files(site, run, tmp_path):
    sources = read_by_fastbuild(
        str(p.relative_to(site / "content")) for p in (site / "content").rglob("*.md")
    )
    clean, read = run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
    expected = tree(tmp_path / "clean")
    assert_images_made(site, tmp_path / "clean", expected)
    assert read == sources  # every post and page converted once
    assert any(name.startswith("blog/") and name.endswith("/index.html") for name in expected)
    assert any(name.endswith("atom.xml") for name in expected) and "tag" in {
        n.split("/")[0] for n in expected
    }

    # parallel reading, empty cache
    first, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
    assert tree(tmp_path / "fast") == expected
    assert read == sources
    # a static file is the content's file itself, hard-linked (plain Pelican copies it)
    image = Path("blog") / PNG_POST.name / "featured.png"
    source = site / "content" / PNG_POST / "featured.png"
    assert os.path.samefile(tmp_path / "fast" / image, source)
    assert not os.path.samefile(tmp_path / "clean" / image, source)

    # nothing changed: nothing converted again; rebuilt into the existing output
    second, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
    assert read == []
    # touched: only that post is made again (its date may come from the file's time)
    post = site / "content" / "blog" / "2021" / "hello-world" / "index.md"
    os.utime(post)
    _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
    assert read == ["blog/2021/hello-world/index.md"]
    assert tree(tmp_path / "fast") == expected
    # the warnings logged while reading a page and a person are reported by cached builds too
    for result in (clean, first, second):
        assert any(
            "pages/bench-warn.md:7: found the WARN-ME marker" in line for line in messages(result)
        )
        assert any(
            "team/bench-person.md:5: link to '/nowhere-at-all/'" in line
            for line in messages(result)
        )


def cache_state(cache):
    """Every file the image cache made (WebP versions, cards): path -> (inode, mtime). Its
    catalog files (probes.json, stamps.pickle) are bookkeeping: a file saved within two
    seconds of a build is hashed again by the next one, which records it."""
    return {
        str(p.relative_to(cache)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted((Path(cache) / "images").rglob("*"))
        if p.is_file() and p.parent != Path(cache) / "images"
    }


def test_image_fast_paths_write_what_a_plain_build_writes(site, run, tmp_path):
    one, two = {"IMAGES": {"workers": 1}}, {"IMAGES": {"workers": 2}}
    run(tmp_path / "plain", PLAIN, tmp_path / "no-cache", **one)
    expected = tree(tmp_path / "plain")
    assert_images_made(site, tmp_path / "plain", expected)
    # forked image workers, empty cache
    run(tmp_path / "fast", FAST, tmp_path / "cache", **two)
    assert tree(tmp_path / "fast") == expected
    # warm cache: nothing made again, the same files linked into a new output
    made = cache_state(tmp_path / "cache")
    assert any(name.endswith(".webp") for name in made)
    run(tmp_path / "warm", FAST, tmp_path / "cache", **two)
    assert cache_state(tmp_path / "cache") == made
    assert tree(tmp_path / "warm") == expected
    # one post's image repainted, another post's title changed
    png = site / "content" / PNG_POST / "featured.png"
    post = site / "content" / CARD_POST / "index.md"
    original_png, original_post = png.read_bytes(), post.read_text()
    try:
        with Image.open(png) as im:
            Image.new(im.mode, im.size, "#3a7d44").save(png, "PNG", compress_level=0)
        post.write_text(
            original_post.replace(
                "title: Celebrating our progress in Q1 2022", "title: Our first quarter of 2022", 1
            )
        )
        run(tmp_path / "warm", FAST, tmp_path / "cache", **two)
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache-2", **one)
        changed = tree(tmp_path / "clean")
        assert tree(tmp_path / "warm") == changed
        assert_images_made(site, tmp_path / "clean", changed)
        served = f"blog/{PNG_POST.name}/featured.png"
        assert changed[served] != expected[served]
        for page in (PNG_POST, CARD_POST):
            now = page_images(tmp_path / "clean" / "blog" / page.name / "index.html")
            before = page_images(tmp_path / "plain" / "blog" / page.name / "index.html")
            assert now != before  # new files at new addresses (keys follow the bytes or title)
            assert all(name not in expected for name in now if name.startswith("resized/"))
        old, new = (
            [
                n
                for n in page_images(tmp_path / out / "blog" / CARD_POST.name / "index.html")
                if n.endswith("/card.png")
            ]
            for out in ("plain", "clean")
        )
        assert expected[old[0]] != changed[new[0]]  # the card drawn again with the new title
    finally:
        png.write_bytes(original_png)
        post.write_text(original_post)


def test_an_edited_post_is_read_again_and_matches_a_clean_build(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    post = site / "content" / "blog" / "2022" / "q1-update" / "index.md"
    original = post.read_text()
    try:
        post.write_text(original + "\nA new closing line.\n")  # the body only: the cache stays
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == ["blog/2022/q1-update/index.md"]
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
        assert (
            "A new closing line."
            in (tmp_path / "fast" / "blog" / "q1-update" / "index.html").read_text()
        )
    finally:
        post.write_text(original)


def test_another_posts_new_title_is_read_alone_and_matches_a_clean_build(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    post = site / "content" / "blog" / "2022" / "q1-update" / "index.md"
    original = post.read_text()
    assert "\nslug: q1-update\n" in original  # the URL does not come from the title
    try:
        post.write_text(
            original.replace(
                "title: Celebrating our progress in Q1 2022", "title: Our first quarter of 2022", 1
            )
        )
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == ["blog/2022/q1-update/index.md"]  # every other post from the cache
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
        assert (
            html(tmp_path / "fast" / "blog" / "q1-update" / "index.html").h1.get_text(strip=True)
            == "Our first quarter of 2022"
        )
    finally:
        post.write_text(original)


def test_a_new_title_that_moves_a_post_reaches_the_cached_posts_that_link_to_it(
    site, run, tmp_path
):
    target = site / "content" / "blog" / "2022" / "job-product-community-lead" / "index.md"
    original = target.read_text()
    without_slug = original.replace("slug: job-product-community-lead\n", "", 1)
    assert without_slug != original
    try:
        target.write_text(without_slug)  # the URL comes from the title
        run(tmp_path / "fast", FAST, tmp_path / "cache")
        target.write_text(
            without_slug.replace(
                "title: 'New job posting: Product and Community Lead.'",
                "title: Hiring a product lead",
                1,
            )
        )
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert "blog/2022/q1-update/index.md" in read  # it links to the post: read again
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
        assert (
            "/blog/hiring-a-product-lead/"
            in (tmp_path / "fast" / "blog" / "q1-update" / "index.html").read_text()
        )
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
        assert read == read_by_fastbuild(
            str(p.relative_to(site / "content")) for p in (site / "content").rglob("*.md")
        )
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert read == []
    finally:
        extra.unlink()


def test_a_changed_slug_reaches_the_cached_posts_that_link_to_it(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    target = site / "content" / "blog" / "2022" / "job-product-community-lead" / "index.md"
    original = target.read_text()
    try:
        target.write_text(
            original.replace("slug: job-product-community-lead", "slug: renamed-job-post", 1)
        )
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert "blog/2022/q1-update/index.md" in read  # it links to the post: read again
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
        linking = (tmp_path / "fast" / "blog" / "q1-update" / "index.html").read_text()
        assert "/blog/renamed-job-post/" in linking
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
    finally:
        target.write_text(original)


def test_serve_rebuilds_an_edited_post_as_plain_pelican_would(tmp_path):
    import pelicanconf

    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(ROOT / "content", content)
    post = content / "blog" / "2026" / "open-source-we-support.md"
    with Preview(content, out, tmp_path / "serve.log") as preview:
        build_number = preview.listen()
        text = post.read_text()
        post.write_text(
            text.replace(
                'title: "The open source communities we invest in"',
                'title: "Where our upstream hours go"',
                1,
            )
            + "\nOne sentence added in the preview.\n"
        )
        assert preview.next_build() == build_number + 1
        page = BeautifulSoup(preview.page("/blog/open-source-we-support/"), "lxml")
        assert page.h1.get_text() == "Where our upstream hours go"
        assert "One sentence added in the preview." in page.get_text()
        home = BeautifulSoup(preview.page("/"), "lxml")
        assert "Where our upstream hours go" in home.get_text()
    plain = [p for p in pelicanconf.PLUGINS if p != "fastbuild"]
    build(
        content, tmp_path / "clean", conf="pelicanconf.py", settings={"PLUGINS": plain}, check=True
    )
    assert tree(out) == tree(tmp_path / "clean")


def test_a_deleted_post_leaves_the_site_as_plain_pelican_builds_it(site, run, tmp_path):
    run(tmp_path / "fast", FAST, tmp_path / "cache")
    folder = site / "content" / "blog" / "2022" / "q1-update"
    aside = tmp_path / "q1-update"
    shutil.move(folder, aside)
    try:
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        # the list of content files is part of what kept posts depend on: all are read again
        assert read == read_by_fastbuild(
            str(p.relative_to(site / "content")) for p in (site / "content").rglob("*.md")
        )
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
        assert not (tmp_path / "fast" / "blog" / "q1-update").exists()
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
    finally:
        shutil.move(aside, folder)


def test_a_post_falling_due_between_two_builds_appears_as_plain_pelican_shows_it(
    site, run, tmp_path
):
    due = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(
        seconds=40
    )
    post = site / "content" / "blog" / "2022" / "falling-due" / "index.md"
    post.parent.mkdir()
    post.write_text(
        f"---\ntitle: Falling due\nslug: falling-due\ndate: {due.isoformat()}\n---\n\nScheduled text.\n"
    )
    try:
        _, read = run(tmp_path / "fast", FAST, tmp_path / "cache")
        assert "blog/2022/falling-due/index.md" in read
        assert not (tmp_path / "fast" / "blog" / "falling-due").exists()  # not yet due
        time.sleep(max(0.0, (due - datetime.datetime.now(datetime.UTC)).total_seconds()) + 1)
        run(tmp_path / "fast", FAST, tmp_path / "cache")
        run(tmp_path / "clean", PLAIN, tmp_path / "no-cache")
        assert (
            "Scheduled text."
            in (tmp_path / "fast" / "blog" / "falling-due" / "index.html").read_text()
        )
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
    finally:
        shutil.rmtree(post.parent)


def test_a_theme_template_edit_reaches_every_page_as_plain_pelican_writes_it(site, run, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    run(tmp_path / "fast", FAST, tmp_path / "cache", THEME=str(theme))
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text().replace("</body>", "<p id=theme-edit>Edited theme</p></body>", 1)
    )
    _, read = run(tmp_path / "fast", FAST, tmp_path / "cache", THEME=str(theme))
    assert "blog/2022/q1-update/index.md" in read  # the theme is part of what kept posts depend on
    run(tmp_path / "clean", PLAIN, tmp_path / "no-cache", THEME=str(theme))
    assert (
        html(tmp_path / "fast" / "blog" / "q1-update" / "index.html").find(id="theme-edit")
        is not None
    )
    assert tree(tmp_path / "fast") == tree(tmp_path / "clean")


def test_a_plugin_settings_edit_reaches_the_kept_posts_as_plain_pelican_writes_them(
    site, run, tmp_path
):
    before = {"missing": "warn"}
    after = {"missing": "warn", "old_paths": ["/blog/{folder}/", "/posts/{folder}/"]}
    run(tmp_path / "before", FAST, tmp_path / "cache", LINKS=before)
    _, read = run(tmp_path / "fast", FAST, tmp_path / "cache", LINKS=after)
    assert "blog/2022/q1-update/index.md" in read  # read again with the new settings
    run(tmp_path / "clean", PLAIN, tmp_path / "no-cache", LINKS=after)
    assert tree(tmp_path / "fast") == tree(tmp_path / "clean")
    assert tree(tmp_path / "fast") != tree(
        tmp_path / "before"
    )  # the setting changes what is written


@pytest.mark.parametrize(
    "writes, text",
    [
        (
            [["probe/index.html", "first", True], ["probe/index.html", "second", False]],
            "first",
        ),  # skipped
        (
            [["probe/index.html", "first", False], ["probe/index.html", "second", True]],
            "second",
        ),  # overwritten
        (
            [["probe/index.html", "first", True], ["probe/index.html", "second", True]],
            None,
        ),  # a second override fails
        (
            [["probe/index.html", "first", False], ["probe/index.html", "second", False]],
            None,
        ),  # no override fails
    ],
)
def test_two_writes_to_one_path_follow_pelicans_overwrite_rules(site, run, tmp_path, writes, text):
    settings = {"EXTRA_PLUGINS": ["writes_probe"], "WRITES_PROBE": writes}
    plain, _ = run(tmp_path / "clean", PLAIN, tmp_path / "no-cache", check=False, **settings)
    fast, _ = run(tmp_path / "fast", FAST, tmp_path / "cache", check=False, **settings)
    assert (plain.returncode == 0) == (text is not None)
    assert fast.returncode == plain.returncode
    if text is None:  # the same one line naming the page, and no site
        failed = [
            line for line in messages(plain) if "/probe/: another page was already written" in line
        ]
        assert failed and failed == [line for line in messages(fast) if "/probe/" in line]
        assert not (tmp_path / "fast").exists()
    else:
        assert (tmp_path / "fast" / "probe" / "index.html").read_text() == text
        assert tree(tmp_path / "fast") == tree(tmp_path / "clean")


def test_an_error_raised_in_a_render_worker_fails_the_build_as_plain_pelican_does(
    site, run, tmp_path
):
    writes = [[f"probe/{n}.html", "fine", False] for n in range(8)] + [
        ["probe/bad.html", "{{ 1 // 0 }}", False]
    ]
    settings = {"EXTRA_PLUGINS": ["writes_probe"], "WRITES_PROBE": writes}
    plain, _ = run(tmp_path / "clean", PLAIN, tmp_path / "no-cache", check=False, **settings)
    fast, _ = run(tmp_path / "fast", FAST, tmp_path / "cache", check=False, **settings)
    assert plain.returncode != 0 and fast.returncode == plain.returncode
    told = [line for line in messages(plain) if "probe/bad.html" in line]
    assert told and "division or modulo by zero" in told[0]
    assert told == [line for line in messages(fast) if "probe/bad.html" in line]
    assert not (tmp_path / "fast").exists()
