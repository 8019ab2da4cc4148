"""What the images plugin costs: a build without it, with an empty image cache, and warm.

    python bench/image_cost.py [--posts 155] [--runs 3] [--real DIR] [--keep DIR]

Copies the project's content into a temporary folder and adds ``--posts`` posts with
images. By default the images are a synthetic mix drawn with Pillow from a fixed seed,
shaped like 2i2c's blog of 2023-2026 (about 0.8 images per post and 0.27 MB of images
per post, one image in nine over 1 MB, nearly all PNG screenshots, a few JPEG photos).
With ``--real DIR`` the PNG and JPEG files found under DIR (for example a checkout's
``content/blog``) are used instead, in sorted order, spread over the posts the same way.

Times whole publish builds (``pelican content -s publishconf.py``), median of ``--runs``:
(a) the images plugin left out of PLUGINS, (b) cold: CACHE_PATH/images emptied before
each run (the rest of the cache kept, so only the images' cost is new), (c) warm: nothing
emptied. Then the bytes: the original images, what the build wrote, and what a 390 px
phone and a desktop download for the posts' images.
"""

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build import PYTHON, ensure_venv  # noqa: E402

if __name__ == "__main__":
    ensure_venv()

import measure  # noqa: E402
from imagemix import IMAGES_PER_POST, synthetic_images  # noqa: E402


def real_images(folder, count):
    files = sorted(
        p for p in Path(folder).rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg")
    )
    if not files:
        sys.exit(f"no PNG or JPEG files under {folder}")
    for i in range(count):
        path = files[i % len(files)]
        yield path.read_bytes(), path.suffix.lower().lstrip(".")


def write_post(content, n, images):
    """Post ``bench-images-N`` under content/blog/bench/ with the (bytes, extension) images given."""
    folder = content / "blog" / "bench" / f"images-{n:04d}"
    folder.mkdir(parents=True)
    body = []
    for k, (data, ext) in enumerate(images):
        (folder / f"figure-{k}.{ext}").write_bytes(data)
        body.append(
            f"![Figure {k} of the benchmark post](figure-{k}.{ext})\n\nA paragraph about figure {k}.\n"
        )
    (folder / "index.md").write_text(
        f"---\ntitle: Images benchmark post {n}\ndate: 2024-01-{n % 28 + 1:02d}\n"
        f"slug: bench-images-{n:04d}\n---\nIntroduction.\n\n" + "\n".join(body)
    )
    return f"/blog/bench-images-{n:04d}/"


def add_posts(content, posts, images):
    """``posts`` posts, the images spread over them at random (seeded), 0.8 a post."""
    per_post = [0] * posts
    rng = random.Random(7)
    for _ in range(round(posts * IMAGES_PER_POST)):
        per_post[rng.randrange(posts)] += 1
    source = iter(images)
    for n, count in enumerate(per_post):
        write_post(content, n, [next(source) for _ in range(count)])
    return sum(per_post)


def folder_bytes(folder, pattern="*"):
    return sum(p.stat().st_size for p in Path(folder).rglob(pattern) if p.is_file())


def downloaded(output, phone):
    """Bytes of the posts' images a browser picks: the 480 w WebP (or the smallest) for a
    390 px phone, the fallback (as wide as 1440 px) for a desktop without WebP."""
    total = 0
    for page in sorted((output / "blog").glob("bench-images-*/index.html")):
        text = page.read_text(encoding="utf-8")
        for srcset, src in re.findall(
            r'<source type="image/webp" srcset="([^"]*)"[^>]*><img [^>]*?src="([^"]*)"', text
        ):
            path = urlsplit(srcset.split(", ")[0].split()[0] if phone else src).path
            total += (
                (output / path.lstrip("/") if path.startswith("/") else page.parent / path)
                .stat()
                .st_size
            )
    return total


def timed_builds(project, content, runs, work):
    base = [
        PYTHON,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(project / "publishconf.py"),
        "-o",
        str(work / "out"),
    ]
    cache = work / "cache"
    from pelicanconf import PLUGINS

    without = json.dumps([p for p in PLUGINS if p != "images"])
    results = {}
    for name, extra, empty in (
        ("without the plugin", ["-e", f"PLUGINS={without}"], False),
        ("cold (no image cache)", [], True),
        ("warm", [], False),
    ):
        cmd = [*base, "-e", f"CACHE_PATH={json.dumps(str(cache))}", *extra]
        measure.run(cmd, project, log=work / "bench.log")  # warm-up: the other caches filled
        times = []
        for _ in range(runs):
            if empty:
                shutil.rmtree(cache / "images", ignore_errors=True)
            r = measure.run(cmd, project, log=work / "bench.log")
            if r.code != 0:
                sys.exit(f"build failed ({name}); see {work / 'bench.log'}")
            times.append(r)
        results[name] = times
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--posts", type=int, default=155, help="posts with images to add (default 155: 124 images)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--real", metavar="DIR", help="take the images from DIR instead of drawing them"
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-images-"))
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    count = round(args.posts * IMAGES_PER_POST)
    images = real_images(args.real, count) if args.real else synthetic_images(count)
    added = add_posts(content, args.posts, images)
    originals = folder_bytes(content / "blog" / "bench")
    sys.path.insert(0, str(ROOT))
    results = timed_builds(ROOT, content, args.runs, work)
    print(measure.machine())
    print(
        f"{args.posts} posts with {added} images ({'from ' + args.real if args.real else 'synthetic, seeded'}), "
        f"{originals / 1e6:.1f} MB, {originals / args.posts / 1e6:.2f} MB per post, "
        f"{sum(1 for p in (content / 'blog' / 'bench').rglob('figure-*') if p.stat().st_size > 1e6)} over 1 MB"
    )
    print(f"{'build':<24} {'wall s (median)':>16} {'CPU s':>8} {'runs':>24}")
    for name, runs in results.items():
        print(
            f"{name:<24} {measure.median(runs, 'wall'):>16.2f} {measure.median(runs, 'cpu'):>8.2f} "
            f"{' '.join(f'{r.wall:.2f}' for r in runs):>24}"
        )
    out = work / "out"
    print(
        f"output/resized: {folder_bytes(out / 'resized') / 1e6:.1f} MB; the posts' images a 390 px phone downloads: "
        f"{downloaded(out, True) / 1e6:.1f} MB, a browser without WebP: {downloaded(out, False) / 1e6:.1f} MB "
        f"(originals {originals / 1e6:.1f} MB)"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
