"""In an edit build, the posts' search bundle that changed is indexed while the other
generators still write their pages, and only once; the bundles are those of a clean build."""

import json
import os
import subprocess
import sys

from test_incremental import contents, snapshot

from searchsite import manifest, write_site
from sitetest import ROOT

# Two builds with `invoke build`'s settings, in a process of their own (plugins connect to
# Pelican's signals for the life of a process); the second one, after an edit, reports what
# the search plugin did.
DRIVER = """
import json, sys
import search.bundles
import tasks

content, out, cache, report = sys.argv[1:]

def build():
    assert tasks.run_pelican(tasks.pelican_settings(False, out, PATH=content, CACHE_PATH=cache))

build()
runs, early = [], []
index_pages, index_posts_early = search.bundles.index_pages, search.bundles.index_posts_early

def counting(site, paths, *args, **kwargs):
    runs.append(len(paths))
    return index_pages(site, paths, *args, **kwargs)

def watching(*args, **kwargs):
    index_posts_early(*args, **kwargs)
    early.extend(search.bundles.EARLY["bundles"])

search.bundles.index_pages = counting
search.plugin.index_posts_early = watching
with open(content + "/blog/post9.md", "a") as post:
    post.write("\\nA new line about kelp.\\n")
build()
with open(report, "w") as f:
    json.dump({"runs": runs, "early": early}, f)
"""


def write_post(content, number, text):
    """Post ``number`` of 36 more: half in 2023, half in 2024, five tags."""
    date = f"{2023 + number % 2}-{1 + number % 12:02d}-{1 + number % 28:02d}"
    (content / "blog" / f"post{number}.md").write_text(
        f"---\ntitle: Post number {number}\ndate: {date}\ntags: [tag{number % 5}]\n---\n\n{text}\n")


CLEAN = "import sys, tasks; assert tasks.run_pelican(tasks.pelican_settings(False, sys.argv[2], PATH=sys.argv[1], CACHE_PATH=sys.argv[3]))"


def python(code, *args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "plugins")]))
    subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, env=env, check=True, capture_output=True)


def test_an_edited_posts_bundle_is_indexed_once_while_the_build_goes_on(tmp_path):
    content = write_site(tmp_path)
    for number in range(4, 40):
        write_post(content, number, f"Text of post {number}.")
    out, report = tmp_path / "output", tmp_path / "report.json"
    python(DRIVER, content, out, tmp_path / "cache", report)  # a build, then post 9 (2024) edited and built again
    did = json.loads(report.read_text())

    assert did["early"] == ["posts-2024"]
    assert did["runs"] == [len(manifest(out, "posts-2024")["pages"])] == [20]  # once, on the 2024 posts
    assert "kelp" in (out / "blog" / "post-number-9" / "index.html").read_text()
    # the same bundles as a clean build with the same settings
    python(CLEAN, content, tmp_path / "clean", tmp_path / "no-cache")
    assert contents(snapshot(out)) == contents(snapshot(tmp_path / "clean"))
