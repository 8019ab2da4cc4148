"""Every page of issue 7 loads cleanly, fits phones and desktops, and passes axe-core (WCAG 2.1 A/AA)."""

import pytest

from .pages import NOT_FOUND_PATH, SitePages

NAMES = list(SitePages("", "").named())
WIDTHS = (360, 1280)
OVERFLOW = """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))})"""


def path_of(served, name):
    return served.named()[name]()


@pytest.mark.parametrize("name", NAMES)
def test_loads_cleanly_and_fits_every_width(visit, served, name):
    path = path_of(served, name)
    page = visit.goto(path, status=404 if path == NOT_FOUND_PATH else 200)
    assert page.locator("main h1").count() >= 1, f"{path}: no <h1> in <main>"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        size = page.evaluate(OVERFLOW)
        visit.screenshot(f"{name}-{width}")
        assert size["scroll"] <= size["inner"], f"{path} overflows at {width} px: {size}"
    assert visit.problems == []


@pytest.mark.parametrize("name", NAMES)
def test_named_page_has_no_wcag_violations(visit, served, axe_script, name):
    path = path_of(served, name)
    visit.goto(path, status=404 if path == NOT_FOUND_PATH else 200)
    assert visit.axe(axe_script) == []


def test_every_template_has_no_wcag_violations(visit, served, axe_script):
    examples = served.template_examples()
    assert {"article", "blog-index", "search"} <= set(examples), examples
    found = {}
    for kind, path in sorted(examples.items()):
        visit.goto(path)
        violations = visit.axe(axe_script)
        if violations:
            found[f"{kind} {path}"] = violations
    assert found == {}
    assert visit.problems == []
