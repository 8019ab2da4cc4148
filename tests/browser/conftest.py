"""A publish build of the project served on 127.0.0.1, and Chromium driven by Playwright.

Missing tools make these fixtures raise (never skip): see tools.py.
"""

import json
from urllib.parse import urlsplit

import feedparser
import pytest
from sitetest import ROOT, build

from .pages import SitePages
from .server import serve
from .tools import AXE, CHROMIUM_ARGS, require_chromium, require_node_package

ARTIFACTS = ROOT / "tests" / "artifacts"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Package scope: Playwright's sync API keeps an event loop and a greenlet running on the
# main thread; they must be gone before other folders' tests (asyncio, tracebacks) run.
@pytest.fixture(scope="package")
def served(tmp_path_factory, site):
    """The project's content built with publishconf.py, with SITEURL on the local server, and
    a newsletter ledger (outside the project) from which the newsletter archive is built."""
    output = tmp_path_factory.mktemp("served") / "output"
    output.mkdir()
    ledger = newsletter_ledger(output.parent / "ledger.json", site / "blog" / "atom.xml")
    server = serve(output)
    build(
        ROOT / "content",
        output,
        check=True,
        settings={
            "SITEURL": server.url,
            "FEED_DOMAIN": server.url,
            "NEWSLETTER": {"ledger": str(ledger)},
        },
    )
    yield SitePages(output, server.url)
    server.shutdown()
    server.server_close()


def newsletter_ledger(path, feed):
    """Two sent issues listing the site's newest posts (by the feed's URLs, as the newsletter
    records them), one also listing a post no longer on the site."""
    urls = [entry.link for entry in feedparser.parse(str(feed)).entries]
    assert len(urls) >= 3, f"{feed}: the browser tests need at least 3 posts in the feed"
    gone = "https://2i2c.org/blog/a-post-no-longer-here/"
    campaigns = {
        "c1": {
            "title": "2i2c weekly 2026-W10",
            "subject": "2i2c weekly: three posts",
            "issue": "2026-w10",
            "posts": urls[:2] + [gone],
            "state": "sent",
            "send_at": "2026-03-05T15:00:00+00:00",
        },
        "c2": {
            "title": "2i2c weekly 2026-W08",
            "at": "2026-02-19T15:00:00+00:00",
            "posts": urls[2:3],
            "state": "sent",
        },
    }
    path.write_text(
        json.dumps(
            {"version": 1, "channels": {"mailchimp": {"announced": {}, "campaigns": campaigns}}}
        )
    )
    return path


@pytest.fixture(scope="package")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script():
    return require_node_package(AXE)


class Visit:
    """One browser tab that records every console error, failed request and off-site request."""

    def __init__(self, context, siteurl):
        self.context = context
        self.siteurl = siteurl
        self.host = urlsplit(siteurl).netloc
        self.problems = []
        self.expected_404 = set()
        context.route("**/*", self.only_local)
        self.page = context.new_page()
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("requestfailed", self.on_failed)
        self.page.on("response", self.on_response)

    def only_local(self, route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == self.host:
            route.continue_()
        else:
            self.problems.append(f"request to another host: {url}")
            route.abort()

    def on_console(self, message):
        if message.type != "error":
            return
        location = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and location in self.expected_404:
            return  # Chromium reports the 404 status of a page we meant to miss
        self.problems.append(f"console error: {message.text} ({location})")

    def on_failed(self, request):
        # ERR_ABORTED: the page navigated away first (a favicon still loading); a missing
        # file shows up as an HTTP error status in on_response instead.
        if request.failure != "net::ERR_ABORTED" or urlsplit(request.url).netloc != self.host:
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def on_response(self, response):
        if response.status >= 400 and response.url not in self.expected_404:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def goto(self, path, status=200):
        url = self.siteurl + path
        if status == 404:
            self.expected_404.add(url)
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == status, (
            f"{path}: HTTP {response and response.status}"
        )
        return self.page

    def axe(self, script):
        self.page.add_script_tag(path=str(script))
        result = self.page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: %s}})" % WCAG
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"]
        ]

    def screenshot(self, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def visit(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = Visit(context, served.siteurl)
    yield tab
    context.close()


@pytest.fixture
def visit_without_js(browser, served):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    tab = Visit(context, served.siteurl)
    yield tab
    context.close()
