"""Find the pages the browser tests visit in a built site, by what they contain.

Slugs are discovered (first open posting from content/jobs/, first person linked
from /team/, ...) so the tests follow the content as it changes.
"""

import re
import tomllib
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "content"
NOT_FOUND_PATH = "/this-page-does-not-exist/"


def parse(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


def front_matter(path):
    text = Path(path).read_text(encoding="utf-8")
    for fence, load in (("---", yaml.safe_load), ("+++", tomllib.loads)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end > 0:
                return load(text[len(fence) + 1 : end]) or {}
    return {}


def content_url(path, section):
    """The URL of a content file whose URL mirrors its path: jobs, pages."""
    rel = path.relative_to(CONTENT / section).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] in ("index", "_index"):
        parts.pop()
    prefix = "" if section == "pages" else section + "/"
    return "/" + prefix + "".join(p + "/" for p in parts)


class SitePages:
    """Page paths (``/blog/x/``) of a built site in ``output``."""

    def __init__(self, output, siteurl):
        self.output = Path(output)
        self.siteurl = siteurl.rstrip("/")

    def file(self, path):
        return (
            self.output / path.lstrip("/") / "index.html"
            if path.endswith("/")
            else self.output / path.lstrip("/")
        )

    def exists(self, path):
        return self.file(path).is_file()

    def local(self, href):
        """``http://127.0.0.1:PORT/blog/x/`` -> ``/blog/x/`` (None for other hosts)."""
        if href.startswith(self.siteurl):
            return href[len(self.siteurl) :] or "/"
        return href if href.startswith("/") else None

    def posts(self):
        """Paths of the built posts, sorted so that choices are stable."""
        found = []
        for index in sorted((self.output / "blog").glob("*/index.html")):
            slug = index.parent.name
            if slug == "page" or re.fullmatch(r"\d{4}", slug):
                continue
            found.append(f"/blog/{slug}/")
        return found

    def post_with_figure(self):
        """A post with a <figure>, or else the first post with an image in its article."""
        for selector in ("main figure img", "main article img"):
            for path in self.posts():
                if parse(self.file(path)).select(selector):
                    return path
        raise AssertionError("no post in the build has an image (<figure> or <img>) in <main>")

    def post_linking(self, pattern):
        """The first post whose <main> links to a path matching ``pattern``: (post, href)."""
        for path in self.posts():
            for link in parse(self.file(path)).select("main a[href]"):
                target = self.local(link["href"])
                if target and re.fullmatch(pattern, target):
                    return path, link["href"]
        raise AssertionError(f"no post links to a page matching {pattern!r}")

    def tag(self):
        return self.local(self.post_linking(r"/tag/[^/]+/")[1])

    def person(self):
        doc = parse(self.file("/team/"))
        for link in doc.select("main a[href]"):
            path = self.local(link["href"])
            if path and re.fullmatch(r"/team/[^/]+/", path):
                return path
        raise AssertionError("/team/ links to no person page /team/SLUG/")

    def posting(self, is_open):
        for path in sorted((CONTENT / "jobs").rglob("*.md")):
            meta = front_matter(path)
            state = str(meta.get("open", "")).strip().lower()
            if state in ("true", "false") and (state == "true") == is_open:
                url = content_url(path, "jobs")
                if self.exists(url):
                    return url
        kind = "open" if is_open else "closed"
        raise AssertionError(
            f"no {kind} job posting (open: {str(is_open).lower()}) under content/jobs/ was built"
        )

    def newsletter_issue(self):
        """The newest issue /newsletter/ lists (the served site's ledger: conftest.py)."""
        for link in parse(self.file("/newsletter/")).select("main .issue-list a[href]"):
            return self.local(link["href"])
        raise AssertionError(
            "/newsletter/ lists no issue: the site was built without a newsletter ledger"
        )

    def named(self):
        """The pages of issue 7, by name: name -> path."""
        finders = {
            "home": lambda: "/",
            "blog-page-2": lambda: "/blog/page/2/",
            "post-with-figure": self.post_with_figure,
            "tag": self.tag,
            "team": lambda: "/team/",
            "person": self.person,
            "jobs": lambda: "/jobs/",
            "open-posting": lambda: self.posting(True),
            "closed-posting": lambda: self.posting(False),
            "newsletter": lambda: "/newsletter/",
            "newsletter-issue": self.newsletter_issue,
            "404": lambda: NOT_FOUND_PATH,
        }
        return finders

    def template_examples(self):
        """One built page per kind of template (listing, archive, search, custom page templates)."""
        examples = {}
        for kind, pattern in (
            ("article", "blog/*/index.html"),
            ("category", "category/*/index.html"),
            ("author", "author/*/index.html"),
            ("year-archive", "blog/[0-9][0-9][0-9][0-9]/index.html"),
            ("search", "search/index.html"),
            ("blog-index", "blog/index.html"),
        ):
            for file in sorted(self.output.glob(pattern)):
                doc = parse(file)
                if doc.select_one("meta[http-equiv=refresh]"):
                    continue  # a redirect page, not this template
                examples[kind] = "/" + file.parent.relative_to(self.output).as_posix() + "/"
                break
        for source in (
            sorted((CONTENT / "pages").rglob("*.md")) if (CONTENT / "pages").is_dir() else ()
        ):
            template = front_matter(source).get("template") or "page"
            url = content_url(source, "pages")
            if f"page:{template}" not in examples and self.exists(url):
                examples[f"page:{template}"] = url
        return examples
