"""The imported home, platform and membership pages (Hugo Blox sections as blocks) in Chromium."""

import pytest
from sitetest import HUGO_SAMPLE, build

from hugo_import import import_site

from .conftest import Visit
from .server import serve

WIDTHS = {360: 740, 1280: 800}  # viewport width: height of the first screen
PAGES = ("/", "/platform/", "/membership/")
# The platform page plays videos/jupyterbook.mp4, which the Hugo site itself does not have.
MISSING_AT_SOURCE = "/platform/videos/jupyterbook.mp4"


@pytest.fixture(scope="module")
def landing_site(tmp_path_factory):
    """2i2c's Hugo site imported into a temporary content folder and built for a local server."""
    root = tmp_path_factory.mktemp("landing")
    report = import_site(HUGO_SAMPLE, root / "content")
    assert not report.stopped, report.lines(HUGO_SAMPLE, root / "content")
    (root / "output").mkdir()
    server = serve(root / "output")
    build(root / "content", root / "output", check=True, settings={"SITEURL": server.url, "FEED_DOMAIN": server.url})
    yield server.url
    server.shutdown()
    server.server_close()


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def tab(request, browser, landing_site):
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    yield Visit(context, landing_site)
    context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_the_hero_is_in_the_first_screen_with_its_actions_on_wide_screens(tab):
    page = tab.goto("/")
    height = page.viewport_size["height"]
    wide = page.viewport_size["width"] >= 1280
    for selector in (".block-hero h1", ".block-hero .lead") + ((".block-hero .actions a >> nth=1",) if wide else ()):
        found = box(page, selector)
        assert found is not None and 0 <= found["y"] and found["y"] + min(found["height"], 60) <= height, \
            (selector, found)
    assert page.locator(".block-hero .actions a").count() == 2
    assert not tab.problems


def test_features_are_a_grid_of_several_columns_on_wide_screens_and_one_on_phones(tab):
    page = tab.goto("/")
    lefts = page.eval_on_selector_all("ul.features:first-of-type > li",
                                      "items => items.map(i => i.getBoundingClientRect().left)")
    assert len(lefts) == 3
    columns = len({round(left) for left in lefts})
    assert columns == (3 if page.viewport_size["width"] >= 1280 else 1), lefts


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_and_no_axe_violations(tab, axe_script, path):
    assert not any(HUGO_SAMPLE.rglob("jupyterbook.mp4"))
    tab.expected_404.add(tab.siteurl + MISSING_AT_SOURCE)
    page = tab.goto(path)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{path}: the page is {widths[0]} px wide in a {widths[1]} px window"
    assert tab.axe(axe_script) == []
    assert not tab.problems
