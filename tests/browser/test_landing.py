"""The imported home, platform and membership pages (Hugo Blox sections as blocks) in Chromium."""

import pytest
from sitetest import HUGO_SAMPLE

from .conftest import Visit
from .imported import imported  # noqa: F401 (fixture)
from .test_dark_mode import is_dark

WIDTHS = {360: 740, 1280: 800}  # viewport width: height of the first screen
PAGES = ("/", "/platform/", "/membership/")
# The platform page plays videos/jupyterbook.mp4, which the Hugo site itself does not have.
MISSING_AT_SOURCE = "/platform/videos/jupyterbook.mp4"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request):
    return request.param


@pytest.fixture
def tab(browser, imported, width):
    contexts = []

    def open_tab(scheme="light"):
        context = browser.new_context(
            viewport={"width": width, "height": WIDTHS[width]}, color_scheme=scheme
        )
        contexts.append(context)
        return Visit(context, imported.siteurl)

    yield open_tab
    for context in contexts:
        context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_the_hero_and_its_actions_are_in_the_first_screen(tab, width):
    visit = tab()
    page = visit.goto("/")
    selectors = (".block-hero h1", ".block-hero .lead", ".block-hero .actions a >> nth=1")
    for selector in selectors:
        found = box(page, selector)
        assert (
            found is not None
            and found["y"] >= 0
            and found["y"] + min(found["height"], 60) <= WIDTHS[width]
        ), (selector, found)
    assert page.locator(".block-hero .actions a").count() == 2
    assert not visit.problems


def test_features_are_a_grid_of_several_columns_on_wide_screens_and_one_on_phones(tab, width):
    page = tab().goto("/")
    lefts = page.eval_on_selector_all(
        "ul.features:first-of-type > li", "items => items.map(i => i.getBoundingClientRect().left)"
    )
    assert len(lefts) == 3
    assert len({round(left) for left in lefts}) == (3 if width >= 1280 else 1), lefts


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_and_no_axe_violations_in_either_palette(
    tab, axe_script, path, scheme
):
    assert not any(HUGO_SAMPLE.rglob("jupyterbook.mp4"))
    visit = tab(scheme)
    visit.expected_404.add(visit.siteurl + MISSING_AT_SOURCE)
    page = visit.goto(path)
    assert is_dark(page) == (scheme == "dark")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (
        f"{path}: the page is {widths[0]} px wide in a {widths[1]} px window"
    )
    assert visit.axe(axe_script) == []
    assert not visit.problems
