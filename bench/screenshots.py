"""Screenshots of the imported landing pages (docs/screenshots/landing-PAGE-WIDTH.png).

Imports 2i2c's Hugo site (../shared/hugo-sample) into a temporary copy of the content folder,
builds it with publishconf.py and SITEURL on a local server, and photographs the home,
platform and membership pages in headless Debian Chromium at 360 and 1280 px wide: the whole
page, cut at ``--max-height`` pixels.

    .venv/bin/python bench/screenshots.py
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT), str(ROOT / "plugins")]

from browser.server import serve  # noqa: E402
from browser.tools import CHROMIUM_ARGS, require_chromium  # noqa: E402
from sitetest import HUGO_SAMPLE, build  # noqa: E402

from commands.hugo_import import import_site  # noqa: E402

PAGES = {"home": "/", "platform": "/platform/", "membership": "/membership/"}
WIDTHS = (360, 1280)
OUT = ROOT / "docs" / "screenshots"


def imported_site(tmp):
    """The Hugo sample imported and built under ``tmp``; returns the output folder."""
    content, output = Path(tmp) / "content", Path(tmp) / "output"
    report = import_site(HUGO_SAMPLE, content)
    if report.stopped:
        sys.exit("\n".join(report.lines(HUGO_SAMPLE, content)))
    return content, output


def scroll_through(page):
    page.evaluate("""async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
            scrollTo(0, y);
            await new Promise(requestAnimationFrame);
        }
        scrollTo(0, 0);
    }""")
    page.wait_for_load_state("networkidle")
    page.evaluate(
        "Promise.all([...document.images].map(i => i.complete || new Promise(r => i.onload = i.onerror = r)))"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--max-height", type=int, default=3000, help="cut each page at this height (px)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        content, output = imported_site(tmp)
        output.mkdir()
        server = serve(output)
        try:
            build(
                content,
                output,
                check=True,
                settings={"SITEURL": server.url, "FEED_DOMAIN": server.url},
            )
            args.out.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=require_chromium(), args=CHROMIUM_ARGS
                )
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 800})
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(server.url + path, wait_until="load")
                        scroll_through(page)  # images below the first screen load lazily
                        height = min(
                            page.evaluate("document.documentElement.scrollHeight"), args.max_height
                        )
                        target = args.out / f"landing-{name}-{width}.png"
                        page.screenshot(
                            path=str(target),
                            full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": height},
                        )
                        print(
                            f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                            f"{width}x{height}, {target.stat().st_size // 1024} KB"
                        )
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
