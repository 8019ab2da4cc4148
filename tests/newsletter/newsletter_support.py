"""Fixtures and checks for the newsletter tests: fake services, a feed writer, the command as users run it."""

import os
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from bs4 import BeautifulSoup

from sitetest import ROOT, SHARED
from newsletter_fakes import FakeMailchimp, FakeX

SPECS = SHARED / "specs"
SECRETS = {
    "MAILCHIMP_API_KEY": "f00dfeedc0ffee5ecret0a1b2c3d4e5f-us21",
    "MAILCHIMP_LIST_ID": "l1st5ecret9",
    "X_API_KEY": "xkey5ecretAAAA",
    "X_API_SECRET": "xsecret5ecretBBBB",
    "X_ACCESS_TOKEN": "42-xtoken5ecretCCCC",
    "X_ACCESS_TOKEN_SECRET": "xtokensecret5ecretDDDD",
}
FAST = {"timeout": 0.5, "retries": 3, "backoff": 0.05, "max_wait": 3, "lock_wait": 0}


def post(slug, title=None, date="2026-11-02", tags=("blog",), author="Chris Holdgraf"):
    return {"slug": slug, "title": title or slug.replace("-", " ").capitalize(), "date": date, "tags": tags,
            "author": author, "url": f"https://2i2c.org/blog/{slug}/"}


def write_atom(path, posts):
    """A small Atom feed shaped like Pelican's (absolute links, full content, categories)."""
    entries = []
    for p in posts:
        cats = "".join(f"<category term={quoteattr(t)}/>" for t in p["tags"])
        entries.append(
            f"<entry><title>{escape(p['title'])}</title><link href={quoteattr(p['url'])} rel=\"alternate\"/>"
            f"<published>{p['date']}T10:00:00+00:00</published><updated>{p['date']}T10:00:00+00:00</updated>"
            f"<author><name>{escape(p['author'])}</name></author><id>tag:2i2c.org,{p['date']}:/blog/{p['slug']}/</id>"
            f"<summary type=\"html\">{escape('<p>About ' + escape(p['title']) + '.</p>')}</summary>{cats}</entry>")
    Path(path).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        '<title>2i2c</title><link href="https://2i2c.org/" rel="alternate"/><id>https://2i2c.org/</id>'
        f"<updated>2026-11-20T10:00:00+00:00</updated>{''.join(entries)}</feed>\n", encoding="utf-8")


def hrefs(html):
    return {a["href"] for a in BeautifulSoup(html or "", "lxml").find_all("a", href=True)}


class Newsletter:
    """Runs ``invoke newsletter`` in a subprocess from the project root, with settings in tmp_path."""

    def __init__(self, tmp_path, mailchimp, x):
        self.tmp = tmp_path
        self.feed = tmp_path / "atom.xml"
        self.ledger = tmp_path / "state" / "ledger.json"
        self.output = tmp_path / "output"
        self.mailchimp, self.x = mailchimp, x
        self.outputs = []

    def conf(self, **newsletter):
        settings = {"ledger": str(self.ledger), **FAST, **newsletter}
        if self.feed is not None:  # None: the default, blog/atom.xml under OUTPUT_PATH
            settings.setdefault("feed", str(self.feed))
        path = self.tmp / f"conf{len(list(self.tmp.glob('conf*.py')))}.py"
        path.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa\n"
            f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\nOUTPUT_PATH = {str(self.output)!r}\n"
            f"NEWSLETTER = {settings!r}\n", encoding="utf-8")
        return path

    def env(self, secrets=True, **extra):
        env = {k: v for k, v in os.environ.items() if k not in SECRETS}
        env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", PYTHONDONTWRITEBYTECODE="1",
                   MAILCHIMP_API_BASE=self.mailchimp.base + "/3.0", X_API_BASE=self.x.base)
        if secrets:
            env.update(SECRETS)
        env.update(extra)
        return env

    def command(self, *args, conf=None):
        return [sys.executable, "-m", "invoke", "newsletter", "--conf", str(conf or self.conf()), *args]

    def start(self, *args, conf=None, env=None):
        return subprocess.Popen(self.command(*args, conf=conf), cwd=ROOT, env=env or self.env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(self, process, timeout=60):
        stdout, stderr = process.communicate(timeout=timeout)
        self.outputs.append(stdout + stderr)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def run(self, *args, conf=None, env=None):
        return self.finish(self.start(*args, conf=conf, env=env))


@pytest.fixture
def mailchimp():
    fake = FakeMailchimp(SPECS / "mailchimp-marketing-subset.json", SECRETS["MAILCHIMP_API_KEY"],
                         SECRETS["MAILCHIMP_LIST_ID"])
    yield fake
    fake.close()


@pytest.fixture
def x():
    fake = FakeX(SPECS / "x-api-v2-tweets-subset.json", SECRETS["X_API_KEY"], SECRETS["X_API_SECRET"],
                 SECRETS["X_ACCESS_TOKEN"], SECRETS["X_ACCESS_TOKEN_SECRET"])
    yield fake
    fake.close()


@pytest.fixture
def newsletter(tmp_path, mailchimp, x):
    return Newsletter(tmp_path, mailchimp, x)


def secret_values():
    values = list(SECRETS.values())
    values.append(SECRETS["MAILCHIMP_API_KEY"].rsplit("-", 1)[0])
    return values


def assert_no_secrets(texts):
    for text in texts:
        for value in secret_values():
            assert value not in text, "a secret value appears in the command's output"


def assert_exactly_once(newsletter, new_posts, old_posts=()):
    """Every new post in exactly one sent-or-scheduled campaign and one X post; old ones in none."""
    mailchimp, x = newsletter.mailchimp, newsletter.x
    done = [c for c in mailchimp.campaigns.values() if c["status"] in ("schedule", "sent")]
    for p in new_posts:
        assert sum(p["url"] in hrefs(c["content"].get("html")) for c in done) == 1, p["url"]
        assert sum(p["url"] in c["content"].get("plain_text", "") for c in done) == 1, p["url"]
        assert sum(p["url"] in t["text"].split() for t in x.posts) == 1, p["url"]
    for p in old_posts:
        assert not any(p["url"] in hrefs(c["content"].get("html")) for c in done), p["url"]
        assert not any(p["url"] in t["text"].split() for t in x.posts), p["url"]
    assert_no_secrets(newsletter.outputs)
