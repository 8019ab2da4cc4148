"""Make N real-shaped blog posts out of the 20 in 2i2c's Hugo site, in three forms.

Copy ``k`` of the bundle ``blog/2022/q1-update/`` becomes
``blog/2022/q1-update-rk/`` (images beside it), with ``slug: q1-update-rk``, a
title ending in ``(k)``, a date ``k`` times 73 days earlier (so 1000 posts span
about ten years, like a real archive) and every link to another sample post
pointed at that post's copy ``k``, so links stay as valid as in the original.

- :func:`hugo_site` writes the Hugo-shaped tree: the whole sample site with the
  replicated blog, which our importer turns into our content, and a minimal
  Hugo project (stub layouts and shortcodes) that Hugo itself renders;
- :func:`stock_content` writes the same posts for stock Pelican: front matter
  turned into ``Key: value`` metadata, bodies as they are (shortcodes as text).
"""

import datetime
import os
import re
import shutil
from pathlib import Path

import yaml

try:  # as bench.replicate (tests) or as replicate (the bench scripts)
    from . import imagemix
except ImportError:
    import imagemix

DAYS_BETWEEN_COPIES = 73
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def sample_posts(sample):
    """The sample's post bundles: [(year, slug-folder, bundle path)], in a stable order."""
    blog = Path(sample) / "content" / "blog"
    return sorted(
        (index.parent.parent.name, index.parent.name, index.parent)
        for index in blog.glob("*/*/index.md")
    )


def copy_name(folder, k):
    return folder if k == 0 else f"{folder}-r{k}"


def link_rewriter(folders, k):
    """Point links to another sample post (by folder, in any of the shapes used) at copy k."""
    if k == 0:
        return lambda body: body
    names = "|".join(re.escape(f) for f in sorted(folders, key=len, reverse=True))
    # blog/2022/slug/index.md, ../slug/index.md, ../slug/, ../slug
    pattern = re.compile(rf"(\]\((?:blog/\d{{4}}/|\.\./))({names})(?=[/)#\s])")
    return lambda body: pattern.sub(lambda m: m.group(1) + copy_name(m.group(2), k), body)


def replicate_post(text, k, rewrite):
    """The front matter and body of copy k of one post."""
    match = FRONT.match(text)
    meta = yaml.safe_load(match.group(1))
    body = text[match.end() :]
    slug = str(meta.get("slug") or "").strip()
    if k:
        meta["title"] = f"{meta['title']} ({k})"
        meta["slug"] = copy_name(slug, k)
        date = meta["date"]
        if isinstance(date, datetime.datetime):
            date = date.date()
        meta["date"] = date - datetime.timedelta(days=DAYS_BETWEEN_COPIES * k)
        if meta.get("aliases"):
            meta["aliases"] = [f"{a.rstrip('/')}-r{k}" for a in meta["aliases"]]
    return meta, rewrite(body)


def with_figures(body, images):
    """The body with ``images`` ((number, bytes, extension)) shown at its end, and their
    files: [(file name, bytes)]. An image keeps its name whatever the number of posts, so an
    image cache made at one size serves another (build.py --image-cache)."""
    if not images:
        return body, []
    files = [(f"bench-figure-{n}.{ext}", data) for n, data, ext in images]
    figures = "".join(
        f"\n\n![Figure {i} of this post]({name})" for i, (name, _) in enumerate(files)
    )
    return body.rstrip("\n") + figures + "\n", files


def replicated_posts(sample, n, images=False):
    """Yield (relative bundle folder, bundle source, metadata, body, extra files) for n posts.
    With ``images``, each post also shows its share of the real blog's image mix (imagemix.py),
    files beside it: [(file name, bytes)]."""
    posts = sample_posts(sample)
    folders = {folder for _, folder, _ in posts}
    figures = imagemix.post_images(n) if images else iter(lambda: [], None)
    made = 0
    k = 0
    while made < n:
        rewrite = link_rewriter(folders, k)
        for year, folder, bundle in posts:
            if made == n:
                return
            text = (bundle / "index.md").read_text(encoding="utf-8")
            meta, body = replicate_post(text, k, rewrite)
            body, extra = with_figures(body, next(figures))
            yield f"blog/{year}/{copy_name(folder, k)}", bundle, meta, body, extra
            made += 1
        k += 1


def copy_bundle_files(bundle, target, extra=()):
    """Images beside index.md, hard-linked when possible (they are never edited), and the
    ``extra`` files [(name, bytes)]."""
    for name, data in extra:
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    for src in bundle.rglob("*"):
        if src.is_dir() or src.name == "index.md":
            continue
        dest = target / src.relative_to(bundle)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dest)
        except OSError:
            shutil.copy2(src, dest)


def dump_front_matter(meta):
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def hugo_site(sample, n, target, images=False):
    """The sample Hugo site with its blog replaced by n posts (with ``images``, the real
    blog's image mix added to them); returns the post folders."""
    sample, target = Path(sample), Path(target)
    shutil.copytree(sample, target, ignore=shutil.ignore_patterns("blog"), copy_function=os.link)
    (target / "content" / "blog").mkdir(parents=True)
    shutil.copy2(
        sample / "content" / "blog" / "_index.md", target / "content" / "blog" / "_index.md"
    )
    folders = []
    for rel, bundle, meta, body, extra in replicated_posts(sample, n, images):
        dest = target / "content" / rel
        dest.mkdir(parents=True)
        (dest / "index.md").write_text(dump_front_matter(meta) + body, encoding="utf-8")
        copy_bundle_files(bundle, dest, extra)
        folders.append(rel)
    return folders


def pelican_metadata(meta):
    """Hugo front matter as Pelican's ``Key: value`` Markdown metadata (one line each)."""

    def one_line(value):
        return " ".join(str(value).split())

    lines = [f"Title: {one_line(meta['title'])}", f"Slug: {meta['slug']}", f"Date: {meta['date']}"]
    if meta.get("tags"):
        lines.append("Tags: " + ", ".join(one_line(t) for t in meta["tags"]))
    if meta.get("categories"):
        lines.append(f"Category: {one_line(meta['categories'][0])}")
    if meta.get("authors"):
        lines.append("Authors: " + ", ".join(one_line(a) for a in meta["authors"]))
    for key in ("summary", "subtitle"):
        if meta.get(key):
            lines.append(f"{key.capitalize()}: {one_line(meta[key])}")
    if meta.get("draft"):
        lines.append("Status: draft")
    return "\n".join(lines) + "\n\n"


def stock_content(sample, n, target, images=False):
    """The same n posts as stock Pelican content (``target/blog/...``)."""
    target = Path(target)
    for rel, bundle, meta, body, extra in replicated_posts(sample, n, images):
        dest = target / rel
        dest.mkdir(parents=True)
        (dest / "index.md").write_text(pelican_metadata(meta) + body.lstrip("\n"), encoding="utf-8")
        copy_bundle_files(bundle, dest, extra)


def hugo_project(hugo_tree, target):
    """A minimal Hugo project rendering the replicated posts (stub layouts and shortcodes)."""
    target = Path(target)
    shutil.copytree(
        Path(hugo_tree) / "content" / "blog", target / "content" / "blog", copy_function=os.link
    )
    (target / "hugo.yaml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = target / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    used, closed = set(), set()
    for md in (target / "content").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        used.update(re.findall(r"\{\{[<%]\s*([\w-]+)", text))
        closed.update(re.findall(r"\{\{[<%]\s*/\s*([\w-]+)", text))
    for name in sorted(used):
        stub = target / "layouts" / "shortcodes" / f"{name}.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        # Hugo insists on a closing tag when the template reads .Inner
        stub.write_text(
            HUGO_SHORTCODE_STUB.replace("INNER", "{{ .Inner }}" if name in closed else ""),
            encoding="utf-8",
        )


HUGO_CONFIG = """\
baseURL: https://2i2c.org/
title: 2i2c
disableKinds: [sitemap, robotsTXT, 404]
permalinks:
  blog: /blog/:slug/
  tags: /tag/:slug/
  categories: /category/:slug/
  authors: /author/:slug/
taxonomies:
  tag: tags
  category: categories
  author: authors
pagination:
  pagerSize: 10
markup:
  goldmark:
    renderer:
      unsafe: true
  highlight:
    noClasses: false
"""

HUGO_BASE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="/">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": HUGO_BASE,
    "_default/single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "January 2, 2006" }}</time>
{{ range .GetTerms "authors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ .Content }}
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</article>{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ .Summary }}</article>{{ end }}
{{ with .Paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Data.Terms.Alphabetical }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}{{ end }}
""",
}

HUGO_SHORTCODE_STUB = """\
<div class="shortcode">{{ range .Params }}<span>{{ . }}</span>{{ end }}INNER</div>
"""
