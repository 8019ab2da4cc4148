"""The newsletter archive in Chromium: an issue leads to its posts; the sign-up form posts to
the provider without JavaScript. (test_pages.py checks that /newsletter/ and an issue page
load cleanly, fit phones and desktops and pass axe-core: they are among ``SitePages.named``.)

The served site has a ledger of two issues (conftest.py, ``newsletter_ledger``)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .pages import parse


def test_an_issue_leads_to_its_posts(visit, served):
    page = visit.goto("/newsletter/")
    page.locator("main .issue-list a").first.click()
    page.wait_for_load_state("load")
    cards = page.locator("main .card-title")
    assert cards.count() == 3
    assert (
        cards.nth(2).locator("a").count() == 0
    )  # the post no longer on the site: its URL, no link
    title = cards.first.inner_text()
    cards.first.locator("a").click()
    page.wait_for_load_state("load")
    assert page.locator("main h1").inner_text() == title
    assert visit.problems == []


@pytest.mark.parametrize("path", ["/newsletter/", "post"])
def test_signup_form_posts_to_the_provider_without_javascript(visit_without_js, served, path):
    """The box under a post and the one on the archive page submit to Mailchimp's hosted form;
    the provider is stood in for by a route that records the request."""
    path = served.posts()[0] if path == "post" else path
    action = parse(served.file(path)).select_one("main form.newsletter-form")["action"]
    host = urlsplit(action).netloc
    sent = []

    def provider(route):
        sent.append((route.request.method, route.request.url, route.request.post_data))
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>Thanks</title><h1>Thanks</h1>",
        )

    visit_without_js.context.route(f"https://{host}/**", provider)
    page = visit_without_js.goto(path)
    form = page.locator("main form.newsletter-form")
    form.get_by_label("Email address").fill("reader@example.org")
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state("load")
    assert [(method, url) for method, url, _ in sent] == [("POST", action)]
    fields = parse_qs(sent[0][2], keep_blank_values=True)
    assert fields["EMAIL"] == ["reader@example.org"]
    bot_trap = [name for name in fields if name.startswith("b_")]
    assert len(bot_trap) == 1 and fields[bot_trap[0]] == [""]
    assert visit_without_js.problems == []


@pytest.mark.parametrize(
    "name,where",
    [
        ("home", "main"),
        ("post-with-figure", "main"),
        ("newsletter", "main"),
        ("newsletter-issue", "footer"),
        ("team", "footer"),
        ("jobs", "footer"),
    ],
)
def test_each_page_shows_one_sign_up_box(visit, served, name, where):
    """Every page has the footer's box; a page with its own box in <main> shows only that one."""
    page = visit.goto(served.named()[name]())
    shown = page.locator("form.newsletter-form:visible")
    assert shown.count() == 1
    assert (
        shown.evaluate(
            "form => form.closest('footer.site-footer') ? 'footer' : form.closest('main').localName"
        )
        == where
    )
    assert page.locator("footer.site-footer form.newsletter-form").count() == 1
