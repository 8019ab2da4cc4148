"""What the built pages say about their images, checked against the image files themselves."""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from PIL import Image
from sitetest import warning_lines

SITE = "https://2i2c.org"


def html(path):
    """Parsed with Python's parser: lxml's does not know <source> is empty and puts the <img> inside it."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local(site, url):
    """The output file of an address of the publish build."""
    assert url.startswith(SITE + "/"), url
    return site / urlsplit(url).path.lstrip("/")


def body_images(site, slug):
    return html(site / "blog" / slug / "index.html").select("main img")


def srcset(source):
    return [
        (url, int(width[:-1]))
        for url, width in (item.split() for item in source["srcset"].split(", "))
    ]


def test_raster_images_get_size_lazy_loading_and_webp(image_builds, image_site):
    imgs = {img["alt"]: img for img in body_images(image_site, "pictures")}
    screen = imgs["A screenshot"]
    picture = screen.parent
    assert picture.name == "picture"
    source = picture.find("source")
    assert source["type"] == "image/webp" and source["sizes"]
    offered = srcset(source)
    assert [w for _, w in offered] == [
        480,
        720,
        960,
        1440,
    ]  # capped at the largest width, below the 2000 px original
    for url, width in offered:
        with Image.open(local(image_site, url)) as im:
            assert im.format == "WEBP" and im.width == width
            assert abs(im.height - width * 1250 / 2000) <= 1
    assert screen["src"] == "screen.png"  # the original, at the address the author wrote
    served = image_site / "blog" / "pictures" / "screen.png"
    original = image_builds["content"] / "blog" / "2024" / "pictures" / "screen.png"
    assert served.read_bytes() == original.read_bytes()
    with Image.open(served) as a:
        assert (int(screen["width"]), int(screen["height"])) == a.size == (2000, 1250)
    assert screen["decoding"] == "async"


def test_first_images_are_eager_and_the_others_lazy(image_site):
    imgs = body_images(image_site, "pictures")
    content = [
        img for img in imgs if "logo.svg" not in img["src"]
    ]  # the header's logo is not content
    first, second, rest = content[0], content[1], content[2:]
    assert first["alt"] == "A screenshot"
    assert first.get("fetchpriority") == "high" and "loading" not in first.attrs
    assert (
        "fetchpriority" not in second.attrs and "loading" not in second.attrs
    )  # IMAGES["eager"]: 2
    local_rest = [img for img in rest if not img["src"].startswith("https://example.org")]
    assert local_rest and all(
        img["loading"] == "lazy" and "fetchpriority" not in img.attrs for img in local_rest
    )


def test_featured_image_is_the_eager_one(image_site):
    page = html(image_site / "blog" / "featured" / "index.html")
    hero = page.select_one("main img.post-image")
    assert hero.get("fetchpriority") == "high" and "loading" not in hero.attrs
    assert (
        hero.parent.name == "picture"
        and hero.find_previous_sibling("source")["type"] == "image/webp"
    )
    assert hero["src"] == SITE + "/blog/featured/featured.png"
    with Image.open(local(image_site, hero["src"])) as im:
        assert (int(hero["width"]), int(hero["height"])) == im.size == (1600, 900)
    inline = page.select_one(
        "main .prose img"
    )  # the page's second image: not lazy, not first either
    assert "loading" not in inline.attrs and "fetchpriority" not in inline.attrs
    assert (inline["width"], inline["height"]) == ("700", "400")
    card = html(image_site / "index.html").select_one("img.card-image")
    assert card["loading"] == "lazy" and card["width"] == "1600"


def test_exif_orientation_is_applied_and_exif_dropped(image_site):
    photo = next(img for img in body_images(image_site, "pictures") if img["alt"] == "A photo")
    assert (photo["width"], photo["height"]) == (
        "400",
        "600",
    )  # stored 600 x 400, turned by its EXIF
    [(url, width)] = srcset(photo.parent.find("source"))
    with Image.open(local(image_site, url)) as im:
        assert width == 400 and im.size == (400, 600) and not im.getexif()
        top = im.convert("RGB").getpixel((200, 20))
    assert top[2] > 150 and top[0] < 120  # the blue band, stored on the left, is on top once turned


def test_svg_and_gif_get_their_size_only(image_site):
    imgs = {img["alt"]: img for img in body_images(image_site, "pictures")}
    for alt, src, size in (
        ("A diagram", "diagram.svg", ("120", "40")),
        ("An animation", "anim.gif", ("64", "32")),
    ):
        img = imgs[alt]
        assert img["src"] == src and (img["width"], img["height"]) == size
        assert img.parent.name != "picture" and "srcset" not in img.attrs


def test_other_hosts_are_untouched(image_site):
    remote = next(img for img in body_images(image_site, "pictures") if img["alt"] == "Elsewhere")
    assert remote.attrs == {"alt": "Elsewhere", "src": "https://example.org/remote.png"}


def test_site_static_image_in_html(image_site):
    logo = next(img for img in body_images(image_site, "pictures") if img["alt"] == "Our logo")
    assert [w for _, w in srcset(logo.parent.find("source"))] == [
        300
    ]  # never wider than the original
    assert (logo["width"], logo["height"]) == ("300", "100")


def test_broken_image_is_one_warning_and_the_page_builds(image_builds):
    content = image_builds["content"]
    warnings = [w for w in warning_lines(image_builds["first"], content) if "broken.png" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"{content}/blog/2024/broken/index.md:7: image broken.png cannot be read"
    )
    assert "replace it" in warnings[0]
    broken = body_images(image_builds["root"] / "first", "broken")
    assert any(img["src"] == "broken.png" for img in broken)
    assert "Traceback" not in image_builds["first"].stderr


def test_social_card_in_the_head(image_site):
    page = html(image_site / "blog" / "plain" / "index.html")
    og = page.find("meta", property="og:image")["content"]
    assert og == page.find("meta", attrs={"name": "twitter:image"})["content"]
    assert og.startswith(SITE + "/resized/") and og.endswith("/card.png")
    with Image.open(local(image_site, og)) as card:
        assert card.size == (1200, 630)
    # a post with a featured image keeps it as its og:image
    featured = html(image_site / "blog" / "featured" / "index.html").find(
        "meta", property="og:image"
    )["content"]
    assert featured == SITE + "/blog/featured/featured.png"
