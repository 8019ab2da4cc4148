"""Lighthouse scores of the home page, a post and an image-heavy post (a benchmark, not a test).

Builds the site with publishconf.py and SITEURL on a local server (from a copy of
content/ with one more post of eight screenshots and photos drawn as bench/image_cost.py
draws them, two over 1 MB), runs
Lighthouse 12 (tests/node_modules) in headless Debian Chromium, offline, and
prints the four scores per page. Reports go to tests/artifacts/lighthouse-*.json.

    .venv/bin/python bench/lighthouse.py            # mobile (Lighthouse's default)
    .venv/bin/python bench/lighthouse.py --desktop
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from browser.pages import SitePages  # noqa: E402
from browser.server import serve  # noqa: E402
from browser.tools import CHROMIUM_ARGS, LIGHTHOUSE, require_chromium, require_node_package  # noqa: E402
from sitetest import build  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from image_cost import real_images, synthetic_images, write_post  # noqa: E402

HEAVY_IMAGES = 8

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ARTIFACTS = ROOT / "tests" / "artifacts"


def lighthouse(url, desktop=False):
    command = [
        "node",
        str(require_node_package(LIGHTHOUSE)),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=require_chromium())
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)


def weak_audits(report):
    """Audits that cost points: (category, audit id, title) where the score is below 1."""
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                yield name, ref["id"], audit["title"], audit.get("displayValue", "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--desktop", action="store_true", help="Lighthouse's desktop preset (default: mobile)"
    )
    parser.add_argument(
        "--real",
        metavar="DIR",
        help="draw the image-heavy post's images from the PNG and JPEG files under DIR "
        "(for example a clone of 2i2c's Hugo site) instead of the synthetic mix",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        output.mkdir()
        server = serve(output)
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        drawn = real_images(args.real, 24) if args.real else synthetic_images(24)
        images = sorted(drawn, key=lambda image: -len(image[0]))  # the largest first
        heavy = write_post(content, 0, [*images[:2], *images[-(HEAVY_IMAGES - 2) :]])
        build(
            content,
            output,
            check=True,
            settings={
                "SITEURL": server.url,
                "FEED_DOMAIN": server.url,
                "CACHE_PATH": str(Path(tmp) / "cache"),
            },
        )
        site = SitePages(output, server.url)
        pages = {"home": "/", "post": site.post_with_figure(), "images": heavy}
        if pages["post"] == heavy:  # no post of content/ has an image of its own
            del pages["post"]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        print(
            f"Lighthouse ({'desktop' if args.desktop else 'mobile'}), Chromium headless, served on 127.0.0.1"
        )
        print(f"{'page':<6} {'path':<40} " + " ".join(f"{c:>14}" for c in CATEGORIES))
        worst = 100
        for name, path in pages.items():
            report = lighthouse(server.url + path, desktop=args.desktop)
            (ARTIFACTS / f"lighthouse-{name}.json").write_text(json.dumps(report))
            scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
            worst = min(worst, *scores)
            print(f"{name:<6} {path:<40} " + " ".join(f"{s:>14}" for s in scores))
            for category, audit, title, value in weak_audits(report):
                print(f"       - {category}: {audit}: {title} {value}".rstrip())
        server.shutdown()
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main())
