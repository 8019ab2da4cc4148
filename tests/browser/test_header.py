"""The header with the imported site's real menu (seven entries, two sub-menus) at phone, tablet
and desktop widths: one row, the menu and search behind one Menu button on narrow screens."""

import pytest
import yaml

from .conftest import Visit
from .imported import imported  # noqa: F401 (fixture)

HEIGHT_LIMIT = {360: 72, 768: 72, 1280: 80}  # px: one row, whatever the menu
TOP_LEVEL = "header .nav-panel .menu > li > a, header .nav-panel .menu > li > details > summary"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_header(page, script):
    """axe-core's WCAG 2.1 A/AA violations in the header (the imported pages' own content is not
    what these tests are about)."""
    page.add_script_tag(path=str(script))
    result = page.evaluate("axe.run('header', {runOnly: {type: 'tag', values: %s}})" % WCAG)
    return [
        f"{v['id']}: {v['help']} -> " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def menu_names(site):
    """The top-level entries of the imported menu (content/data/menu.yaml)."""
    menu = yaml.safe_load(
        (site.output.parent / "content" / "data" / "menu.yaml").read_text(encoding="utf-8")
    )
    return [item["name"] for item in menu]


@pytest.fixture
def tab(browser, imported):
    contexts = []

    def open_tab(width, js=True):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, java_script_enabled=js
        )
        contexts.append(context)
        return Visit(context, imported.siteurl)

    yield open_tab
    for context in contexts:
        context.close()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def middle(b):
    return b["y"] + b["height"] / 2


def focused(page):
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
                summary: e.matches('.nav-button')}; }""")


def test_the_imported_menu_has_seven_entries_with_sub_menus(imported):
    names = menu_names(imported)
    assert len(names) == 7, names
    header = imported.file("/").read_text(encoding="utf-8")
    assert header.count('class="submenu"') == 2


def test_at_1280_logo_menu_and_search_share_one_row(tab, imported, axe_script):
    visit = tab(1280)
    page = visit.goto("/")
    assert box(page, "header.site-header")["height"] <= HEIGHT_LIMIT[1280]
    assert not page.locator(".nav-button").is_visible()
    row = middle(box(page, ".brand"))
    search = box(page, "#site-search-q")
    assert page.locator("#site-search-q").is_visible() and abs(middle(search) - row) < 12, (
        search,
        row,
    )
    entries = page.locator(TOP_LEVEL)
    assert entries.count() == 7
    for i in range(7):
        assert entries.nth(i).is_visible()
        assert abs(middle(entries.nth(i).bounding_box()) - row) < 12, entries.nth(i).inner_text()
    page.locator("header .submenu > summary").first.click()
    assert page.locator("header .submenu[open] a").first.is_visible()
    assert axe_header(page, axe_script) == []
    assert visit.problems == []


@pytest.mark.parametrize("width", [360, 768])
def test_narrow_header_is_one_row_with_a_menu_button(tab, imported, width):
    visit = tab(width)
    page = visit.goto("/")
    assert box(page, "header.site-header")["height"] <= HEIGHT_LIMIT[width]
    button = page.locator(".nav-button")
    assert button.is_visible() and button.inner_text().strip() == "Menu"
    assert not page.locator("header nav a").first.is_visible()
    assert not page.locator("#site-search-q").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert visit.problems == []


@pytest.mark.parametrize("width", [360, 768])
def test_keyboard_opens_the_menu_reaches_every_entry_and_escape_closes_it(
    tab, imported, axe_script, width
):
    visit = tab(width)
    page = visit.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link").bounding_box()
    on_top = f"document.elementFromPoint({skip['x'] + skip['width'] / 2}, {skip['y'] + skip['height'] / 2})"
    assert page.evaluate(f"{on_top}.matches('.skip-link')"), (
        "the focused skip link is hidden under the header"
    )
    for _ in range(3):  # logo, then the Menu button
        page.keyboard.press("Tab")
        if focused(page)["summary"]:
            break
    assert focused(page)["summary"], focused(page)
    page.keyboard.press("Enter")
    assert page.locator(".nav-disclosure").get_attribute("open") is not None
    reached = []
    for _ in range(8):  # the seven entries, then the search box
        page.keyboard.press("Tab")
        reached.append(focused(page))
    names = menu_names(imported)
    assert [r["text"].split("\n")[0].replace(" NEW", "") for r in reached[:7]] == names
    assert reached[7]["tag"] == "input"
    assert page.locator("#site-search-q").is_visible()
    assert axe_header(page, axe_script) == []
    page.keyboard.press("Escape")
    assert page.locator(".nav-disclosure").get_attribute("open") is None
    assert focused(page)["summary"]
    assert not page.locator("header nav a").first.is_visible()
    assert visit.problems == []


def test_sub_menu_opens_inside_the_menu_and_escape_closes_only_it(tab, imported):
    visit = tab(360)
    page = visit.goto("/")
    page.locator(".nav-button").click()
    about = page.locator("header .submenu > summary").first
    about.focus()
    page.keyboard.press("Enter")
    child = page.locator("header .submenu[open] a").first
    assert child.is_visible()
    child_box, about_box = child.bounding_box(), about.bounding_box()
    assert child_box["y"] > about_box["y"] and child_box["x"] + child_box["width"] <= 360
    page.keyboard.press("Escape")
    assert page.locator("header .submenu[open]").count() == 0
    assert page.locator(".nav-disclosure").get_attribute("open") is not None
    assert visit.problems == []


def test_without_javascript_the_menu_button_still_opens_the_menu(tab, imported):
    visit = tab(360, js=False)
    page = visit.goto("/")
    link = page.locator("header nav a").first
    assert not link.is_visible()
    page.locator(".nav-button").click()
    assert link.is_visible()
    with page.expect_navigation() as navigation:
        link.click()
    assert navigation.value.status == 200 and page.url.startswith(imported.siteurl)
