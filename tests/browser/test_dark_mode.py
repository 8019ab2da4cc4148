"""Both palettes: the system's (prefers-color-scheme, forced with Playwright's color_scheme) and the
visitor's choice from the header toggle, remembered across pages and applied before the first paint.
Each passes axe's WCAG 2.1 AA checks, colour contrast included."""

import re

import pytest

from .conftest import Visit
from .imported import imported  # noqa: F401 (fixture)
from .pages import NOT_FOUND_PATH

TOGGLE = "[data-theme-toggle]"
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
BACKGROUND = "getComputedStyle(document.body).backgroundColor"
# Before the first frame is painted: the palette the page starts with.
FIRST_FRAME = """requestAnimationFrame(() => {
  window.firstFrameScheme = getComputedStyle(document.documentElement).colorScheme; });"""


def contrast(page, script):
    """axe-core's colour checks (text contrast, links told apart from text), on the whole page."""
    page.add_script_tag(path=str(script))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'rule', values: %s}})" % COLOUR_RULES
    )
    return [
        f"{v['id']}: "
        + "; ".join(
            " ".join(n["target"]) + " " + n["failureSummary"][-120:] for n in v["nodes"][:5]
        )
        for v in result["violations"]
    ]


def luminance(css):
    """WCAG relative luminance of an ``rgb(r, g, b)`` colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def is_dark(page):
    return luminance(page.evaluate(BACKGROUND)) < 0.1


@pytest.fixture
def tab(browser, imported):
    contexts = []

    def open_tab(scheme, js=True, width=1280):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme, java_script_enabled=js
        )
        contexts.append(context)
        return Visit(context, imported.siteurl)

    yield open_tab
    for context in contexts:
        context.close()


def pages_to_check(site):
    return {
        "home": "/",
        "post": site.post_with_figure(),
        "team": "/team/",
        "person": site.person(),
        "blog": "/blog/",
        "jobs": "/jobs/",
    }


def choose(page, wanted):
    """Click the toggle until it says ``wanted`` (it cycles system -> light -> dark)."""
    toggle = page.locator(TOGGLE)
    for _ in range(3):
        if toggle.get_attribute("data-choice") == wanted:
            return toggle
        toggle.click()
    raise AssertionError(f"the toggle never offered {wanted!r}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_system_palette_has_aa_contrast_on_the_imported_pages(
    tab, imported, axe_script, scheme
):
    visit = tab(scheme)
    found = {}
    for name, path in pages_to_check(imported).items():
        page = visit.goto(path)
        assert is_dark(page) == (scheme == "dark"), (
            f"{path}: background {page.evaluate(BACKGROUND)}"
        )
        violations = contrast(page, axe_script)
        if violations:
            found[name] = violations
    assert found == {}


def test_the_dark_palette_passes_every_wcag_check_on_the_projects_pages(
    browser, served, axe_script
):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    visit = Visit(context, served.siteurl)
    found = {}
    try:
        for name, find in served.named().items():
            path = find()
            status = 404 if path == NOT_FOUND_PATH else 200
            page = visit.goto(path, status=status)
            assert is_dark(page), f"{path}: background {page.evaluate(BACKGROUND)}"
            violations = visit.axe(axe_script)
            if violations:
                found[name] = violations
        assert found == {}
        assert visit.problems == []
    finally:
        context.close()


@pytest.mark.parametrize("system,wanted", [("light", "dark"), ("dark", "light")])
def test_the_toggle_overrides_the_system_and_passes_axe(tab, imported, axe_script, system, wanted):
    visit = tab(system, width=360)
    page = visit.goto(imported.post_with_figure())
    toggle = page.locator(TOGGLE)
    assert toggle.is_visible() and toggle.get_attribute("data-choice") == "system"
    assert page.get_by_role("button", name=re.compile("^Colours: ")).count() == 1
    choose(page, wanted)
    assert is_dark(page) == (wanted == "dark")
    assert page.evaluate("document.documentElement.dataset.theme") == wanted
    assert contrast(page, axe_script) == []
    assert visit.problems == []


def test_the_choice_is_remembered_and_applied_before_the_first_paint(tab, imported):
    visit = tab("light")
    page = visit.goto("/")
    choose(page, "dark")
    visit.context.add_init_script(FIRST_FRAME)
    page = visit.goto("/team/")
    assert page.evaluate("window.firstFrameScheme") == "dark"
    assert is_dark(page) and page.locator(TOGGLE).get_attribute("data-choice") == "dark"
    choose(page, "system")  # back to the system's palette: nothing stored
    assert page.evaluate("localStorage.getItem('theme')") is None
    page = visit.goto("/blog/")
    assert page.evaluate("window.firstFrameScheme") == "light dark"
    assert not is_dark(page)
    assert visit.problems == []


def test_the_palette_script_runs_in_head_before_the_page(imported):
    from sitetest import html

    doc = html(imported.file("/"))
    scripts = [
        s for s in doc.head.find_all("script", src=True) if s["src"].endswith("/theme/js/theme.js")
    ]
    assert len(scripts) == 1
    assert not scripts[0].has_attr("defer") and not scripts[0].has_attr("async")
    assert (
        doc.find_all("script", src=False, type=lambda t: t != "application/ld+json") == []
    )  # no inline script


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_without_javascript_the_toggle_is_hidden_and_the_system_palette_applies(
    tab, imported, scheme
):
    visit = tab(scheme, js=False)
    page = visit.goto("/")
    assert page.locator(TOGGLE).count() == 1 and not page.locator(TOGGLE).is_visible()
    assert is_dark(page) == (scheme == "dark")
    assert visit.problems == []
