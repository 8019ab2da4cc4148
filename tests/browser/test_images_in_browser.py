"""A post with responsive images, in Chromium on a 390 px wide phone screen: the browser picks
a small WebP version, and nothing moves while the images load."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .server import serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "images"))
from imagesite import build, make_site

# Sum of the layout shifts of the whole page not caused by input, as Chrome's CLS counts them
# (one window is enough here): images without their size, or the header's palette toggle shown
# late, would each count.
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries())
      if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture(scope="module")
def image_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("images-browser")
    output = root / "output"
    output.mkdir()
    server = serve(output)
    build(make_site(root / "content"), output, root / "cache", settings={"SITEURL": server.url})
    yield server.url
    server.shutdown()
    server.server_close()


@pytest.fixture
def phone(browser, image_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    host = urlsplit(image_server).netloc
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == host else route.abort()
        ),
    )  # the post's image on another host stays unloaded
    page = context.new_page()
    # A phone's CPU: Lighthouse's mobile runs slow the CPU down 4x. The parser then yields
    # mid-page more often, and a first paint of a half-parsed page would show as a shift.
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    yield page
    context.close()


def test_phone_gets_the_small_webp_and_nothing_shifts(phone, image_server):
    phone.goto(image_server + "/blog/pictures/", wait_until="load")
    first = phone.locator("main picture img").first
    assert first.get_attribute("alt") == "A screenshot"
    assert first.evaluate("img => img.complete")
    assert first.evaluate("img => img.currentSrc").endswith("/screen-480.webp")
    # scroll down so that every lazy image loads, then back: the boxes were reserved
    for img in phone.locator("main img[loading=lazy]").all():
        img.scroll_into_view_if_needed()
    phone.wait_for_function(
        "() => [...document.querySelectorAll('main img')]"
        ".filter(i => i.src.startsWith(location.origin)).every(i => i.complete)"
    )
    assert phone.evaluate(CLS) == 0
    logo = phone.locator("main img[alt='Our logo']")
    assert logo.evaluate("img => img.currentSrc").endswith("/logo-300.webp")
    box = logo.bounding_box()
    assert box["width"] == pytest.approx(300, abs=1) and box["height"] == pytest.approx(100, abs=1)
