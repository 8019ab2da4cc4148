"""Visitors move around by clicking and by keyboard: header menu, pagination, tags, authors."""

import re

import pytest

MENU_LINKS = "header nav a[href]"
TOGGLES = "header nav summary, header nav button[aria-expanded], header button[aria-controls]"


def open_ancestors(page, link):
    """Make a menu link visible the way a visitor would: open its disclosure, or hover its item."""
    if link.is_visible():
        return
    for toggle in page.locator(TOGGLES).all():
        if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
            if link.is_visible():
                return
    link.locator("xpath=ancestor::li[last()]").hover()


def test_header_menu_links_lead_to_their_pages(visit, served):
    page = visit.goto("/")
    hrefs = [a.get_attribute("href") for a in page.locator(MENU_LINKS).all()]
    local = [h for h in hrefs if served.local(h)]
    assert local, "the header menu has no links to pages of the site"
    for href in dict.fromkeys(local):
        visit.goto("/")
        link = page.locator(f'{MENU_LINKS}[href="{href}"]').first
        open_ancestors(page, link)
        with page.expect_navigation() as navigation:
            link.click()
        assert navigation.value.status == 200, href
        assert page.url.split("#")[0] == (served.siteurl + served.local(href)).split("#")[0]
    assert visit.problems == []


def test_pagination_by_clicking(visit):
    page = visit.goto("/blog/")
    page.locator("a[rel=next]").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/blog/page/2/")
    page.locator("a[rel=prev]").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/blog/")
    assert visit.problems == []


def test_tag_link_leads_to_a_listing_of_the_post(visit, served):
    post, href = served.post_linking(r"/tag/[^/]+/")
    page = visit.goto(post)
    page.locator(f'main a[href="{href}"]').first.click()
    page.wait_for_url(served.siteurl + served.local(href))
    assert page.locator(f'main a[href="{served.siteurl}{post}"]').count() >= 1, (
        f"{href} does not list {post}"
    )
    assert visit.problems == []


def test_author_link_leads_to_the_author(visit, served):
    post, href = served.post_linking(r"/(author|team)/[^/]+/")
    page = visit.goto(post)
    link = page.locator(f'main a[href="{href}"]').first
    name = link.inner_text().strip()
    link.click()
    page.wait_for_url(re.compile(r".*/(author|team)/[^/]+/$"))
    page.wait_for_load_state()
    refresh = page.locator("meta[http-equiv=refresh]")
    if refresh.count():  # /author/SLUG/ of a team member redirects to /team/SLUG/
        target = re.search(r"url=(\S+)", refresh.get_attribute("content"), re.I).group(1)
        page.wait_for_url(target)
        page.wait_for_load_state()
    assert name in page.locator("main h1").first.inner_text(), f"{page.url} is not about {name}"
    assert visit.problems == []


def focused(page):
    return page.evaluate("""() => { const e = document.activeElement;
      return {tag: e.tagName.toLowerCase(), href: e.getAttribute('href'), inNav: !!e.closest('header'),
              expanded: e.matches('summary') ? String(e.parentElement.open) : e.getAttribute('aria-expanded'), toggle: e.matches('summary, button[aria-expanded]'),
              visible: !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)}; }""")


@pytest.mark.parametrize("width", [1280, 360])
def test_menu_works_by_keyboard(visit, width):
    page = visit.goto("/")
    page.set_viewport_size({"width": width, "height": 800})
    wanted = {a.get_attribute("href") for a in page.locator(MENU_LINKS).all()}
    reached = set()
    for _ in range(4 * len(wanted) + 20):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["inNav"] and element["toggle"] and element["expanded"] != "true":
            page.keyboard.press(
                "Enter"
            )  # open the sub-menu (or the phone menu) like a keyboard user
            element = focused(page)
        if element["href"] in wanted:
            assert element["visible"], (
                f"{element['href']} has focus but cannot be seen at {width} px"
            )
            reached.add(element["href"])
        if reached == wanted:
            break
    assert reached == wanted, f"Tab never reaches {sorted(wanted - reached)} at {width} px"

    # Enter on a focused menu link follows it.
    first = page.locator(MENU_LINKS).first.get_attribute("href")
    visit.goto("/")
    page.set_viewport_size({"width": width, "height": 800})
    for _ in range(4 * len(wanted) + 20):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["inNav"] and element["toggle"] and element["expanded"] != "true":
            page.keyboard.press("Enter")
        elif element["href"] == first:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            break
    assert page.url.rstrip("/") == (
        first if first.startswith("http") else visit.siteurl + first
    ).rstrip("/")
    assert visit.problems == []
