"""Hugo authoring habits: external posts, featured images, heading anchors, folders that are not posts."""

import pytest
from hugo_habits.featured import featured_image
from sitetest import build, html

POSTS = {
    "blog/2024/elsewhere/index.md": "---\ntitle: Elsewhere\ndate: 2024-03-01\ncategories: [news]\n"
    "external_link: https://example.org/story\n---\nA pointer.\n",
    "blog/2024/preview/index.md": "---\ntitle: Preview only\ndate: 2024-02-01\ncategories: [news]\n"
    "image:\n  caption: 'Photo: someone'\n  alt_text: A hub diagram\n  preview_only: true\n---\n"
    "## First part\n\nText.\n\n### Details here\n\nMore.\n",
    "blog/2024/preview/featured.png": b"png",
    "blog/2024/shown/index.md": "---\ntitle: Shown\ndate: 2024-01-01\ncategories: [news]\n---\nBody.\n",
    "blog/2024/shown/featured.jpg": b"jpg",
    "blog/_templates/post/index.md": "---\ntitle: TEMPLATE\ndate: 2024-01-01\n---\nCopy me.\n",
    "blog/README.md": "# How to write a post\n",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = tmp_path_factory.mktemp("habits")
    for rel, data in POSTS.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    result = build(root / "content", root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def test_external_post_is_listed_linking_out_and_its_page_says_so(out):
    card_links = [a["href"] for a in html(out / "blog" / "index.html").select(".card-title a")]
    assert "https://example.org/story" in card_links
    page = html(out / "blog" / "elsewhere" / "index.html")
    notice = page.select_one(".external-link")
    assert (
        "published elsewhere" in notice.text
        and notice.find("a")["href"] == "https://example.org/story"
    )


def test_preview_only_image_is_on_the_card_not_on_the_page(out):
    cards = {
        c.select_one(".card-title a").text: c
        for c in html(out / "blog" / "index.html").select("article.card")
    }
    assert cards["Preview only"].find("img")["src"].endswith("/blog/preview-only/featured.png")
    assert (out / "blog" / "preview-only" / "featured.png").exists()
    assert html(out / "blog" / "preview-only" / "index.html").select(".post-image") == []
    assert cards["Preview only"].find("img")["alt"] in ("", "A hub diagram")
    shown = html(out / "blog" / "shown" / "index.html").select_one(".post-image")
    assert shown["src"].endswith("/blog/shown/featured.jpg")


def test_every_heading_has_an_id_and_an_anchor_link(out):
    prose = html(out / "blog" / "preview-only" / "index.html").select_one(".prose")
    headings = prose.find_all(["h2", "h3"])
    assert [h.get("id") for h in headings] == ["first-part", "details-here"]
    for heading in headings:
        assert heading.find("a")["href"] == f"#{heading['id']}"


def test_post_templates_and_readmes_are_not_published(out):
    assert not list(out.rglob("*template*"))
    assert "TEMPLATE" not in (out / "blog" / "index.html").read_text()
    assert not (out / "blog" / "README.html").exists() and not (out / "blog" / "readme").exists()


@pytest.mark.parametrize(
    "meta, files, expected",
    [
        ({"image": "cover.jpg"}, [], ("cover.jpg", "", "", True, None)),
        (
            {"image": {"caption": "By *me*", "preview_only": "true", "alt_text": "A"}},
            ["featured.webp"],
            ("featured.webp", "A", "By *me*", False, None),
        ),
        (
            {"image": {"filename": "other.png", "preview_only": False}},
            ["other.png", "featured.png"],
            ("other.png", "", "", True, None),
        ),
        (
            {"image": {"filename": "wide.png"}},
            ["media/wide.png"],
            ("/media/wide.png", "", "", True, None),
        ),
        (
            {"image": {"filename": "gone.png"}},
            [],
            (
                None,
                "",
                "",
                True,
                "image 'gone.png' is neither in this page's "
                "folder nor in static/media/: add the file, or fix image.filename",
            ),
        ),
        ({}, ["featured.jpg"], ("featured.jpg", "", "", True, None)),
        (
            {"image": [1, 2]},
            [],
            (
                None,
                "",
                "",
                True,
                "'image' must be a file name or a mapping with 'filename', not a "
                "list or number: fix it",
            ),
        ),
        ({}, [], (None, "", "", True, None)),
    ],
)
def test_featured_image_from_hugo_blox_fields(tmp_path, meta, files, expected):
    """Hugo Blox's order: the bundle's *featured* file, image.filename in the bundle, then in assets/media."""
    for name in files:
        (tmp_path / "post" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "post" / name).write_bytes(b"x")
    media = tmp_path / "post" / "media"
    assert featured_image(meta, str(tmp_path / "post" / "index.md"), str(media)) == expected
