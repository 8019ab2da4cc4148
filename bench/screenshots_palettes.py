"""Screenshots of the imported Hugo sample in both palettes, for the README (a script, not a test).

Imports ../shared/hugo-sample into a temporary project, builds it with publishconf.py, serves it
on 127.0.0.1 and photographs it in Debian Chromium with Playwright:

    docs/screenshots/{home,post,team}-{light,dark}.png    1280 px wide, the first screen
    docs/screenshots/header-360-open.png                  a 360 px phone with the menu open

    .venv/bin/python bench/screenshots_palettes.py [--out docs/screenshots]
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT), str(ROOT / "plugins")]

from browser.pages import SitePages  # noqa: E402
from browser.server import serve  # noqa: E402
from browser.tools import CHROMIUM_ARGS, require_chromium  # noqa: E402
from sitetest import HUGO_SAMPLE, build  # noqa: E402

from commands.hugo_import import import_site  # noqa: E402

PAGES = {"home": "/", "post": None, "team": "/team/"}  # post: the first post with a figure
# Lazy images in the first screen: wait until each has loaded before taking the picture.
IMAGES_SHOWN = """() => [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight)
  .every(i => i.complete && i.naturalWidth > 0)"""


def shoot(siteurl, pages, out):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for name, path in pages.items():
                page.goto(siteurl + path, wait_until="load")
                page.wait_for_function(IMAGES_SHOWN)
                page.screenshot(path=str(out / f"{name}-{scheme}.png"))
            context.close()
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        page = context.new_page()
        page.goto(siteurl + "/", wait_until="load")
        page.get_by_text("Menu", exact=True).click()
        page.locator(".nav-panel summary").first.click()
        page.screenshot(path=str(out / "header-360-open.png"))
        context.close()
        browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNG files"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        content, output = Path(tmp) / "content", Path(tmp) / "output"
        report = import_site(HUGO_SAMPLE, content)
        if report.stopped:
            sys.exit("\n".join(report.lines(HUGO_SAMPLE, content)))
        output.mkdir()
        server = serve(output)
        try:
            build(
                content,
                output,
                check=True,
                settings={"SITEURL": server.url, "FEED_DOMAIN": server.url},
            )
            pages = dict(PAGES, post=SitePages(output, server.url).post_with_figure())
            shoot(server.url, pages, args.out)
        finally:
            server.shutdown()
            server.server_close()
    for path in sorted(args.out.glob("*.png")):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
