"""Fixtures and checks for the newsletter tests: fake services, a feed writer, the command as users run it."""

import os
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from bs4 import BeautifulSoup
from newsletter_fakes import FakeMailchimp, FakeX
from newsletter_fakes_channels import FakeBluesky, FakeButtondown, FakeMastodon
from sitetest import ROOT, SHARED

SPECS = SHARED / "specs"
OUR_SPECS = Path(__file__).parent / "specs"
SECRETS = {
    "MAILCHIMP_API_KEY": "f00dfeedc0ffee5ecret0a1b2c3d4e5f-us21",
    "MAILCHIMP_LIST_ID": "l1st5ecret9",
    "X_API_KEY": "xkey5ecretAAAA",
    "X_API_SECRET": "xsecret5ecretBBBB",
    "X_ACCESS_TOKEN": "42-xtoken5ecretCCCC",
    "X_ACCESS_TOKEN_SECRET": "xtokensecret5ecretDDDD",
    "BUTTONDOWN_API_KEY": "bd5ecret0123456789abcdef",
    "BLUESKY_HANDLE": "2i2c.bsky.social",
    "BLUESKY_APP_PASSWORD": "abcd-5ecr-etbs-kyap",
    "MASTODON_ACCESS_TOKEN": "ma5tod0nt0ken5ecretEEEE",
}
NOT_SECRET = ("BLUESKY_HANDLE",)
ALL_CHANNELS = ["mailchimp", "buttondown", "x", "bluesky", "mastodon"]
FAST = {"timeout": 0.5, "retries": 3, "backoff": 0.05, "max_wait": 3, "lock_wait": 0}


def post(slug, title=None, date="2026-11-02", tags=("blog",), author="Chris Holdgraf"):
    return {
        "slug": slug,
        "title": title or slug.replace("-", " ").capitalize(),
        "date": date,
        "tags": tags,
        "author": author,
        "url": f"https://2i2c.org/blog/{slug}/",
    }


def write_atom(path, posts):
    """A small Atom feed shaped like Pelican's (absolute links, full content, categories)."""
    entries = []
    for p in posts:
        cats = "".join(f"<category term={quoteattr(t)}/>" for t in p["tags"])
        entries.append(
            f'<entry><title>{escape(p["title"])}</title><link href={quoteattr(p["url"])} rel="alternate"/>'
            f"<published>{p['date']}T10:00:00+00:00</published><updated>{p['date']}T10:00:00+00:00</updated>"
            f"<author><name>{escape(p['author'])}</name></author><id>tag:2i2c.org,{p['date']}:/blog/{p['slug']}/</id>"
            f'<summary type="html">{escape("<p>About " + escape(p["title"]) + ".</p>")}</summary>{cats}</entry>'
        )
    Path(path).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        '<title>2i2c</title><link href="https://2i2c.org/" rel="alternate"/><id>https://2i2c.org/</id>'
        f"<updated>2026-11-20T10:00:00+00:00</updated>{''.join(entries)}</feed>\n",
        encoding="utf-8",
    )


def hrefs(html):
    return {a["href"] for a in BeautifulSoup(html or "", "lxml").find_all("a", href=True)}


class Newsletter:
    """Runs ``invoke newsletter`` in a subprocess from the project root, with settings in tmp_path."""

    def __init__(self, tmp_path, mailchimp, x, buttondown=None, bluesky=None, mastodon=None):
        self.tmp = tmp_path
        self.feed = tmp_path / "atom.xml"
        self.ledger = tmp_path / "state" / "ledger.json"
        self.output = tmp_path / "output"
        self.mailchimp, self.x = mailchimp, x
        self.buttondown, self.bluesky, self.mastodon = buttondown, bluesky, mastodon
        self.outputs = []

    def conf(self, **newsletter):
        settings = {"ledger": str(self.ledger), **FAST, **newsletter}
        if self.feed is not None:  # None: the default, blog/atom.xml under OUTPUT_PATH
            settings.setdefault("feed", str(self.feed))
        path = self.tmp / f"conf{len(list(self.tmp.glob('conf*.py')))}.py"
        path.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa\n"
            f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\nOUTPUT_PATH = {str(self.output)!r}\n"
            f"NEWSLETTER = {settings!r}\n",
            encoding="utf-8",
        )
        return path

    def env(self, secrets=True, **extra):
        env = {k: v for k, v in os.environ.items() if k not in SECRETS}
        env.update(
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
            PYTHONDONTWRITEBYTECODE="1",
            MAILCHIMP_API_BASE=self.mailchimp.base + "/3.0",
            X_API_BASE=self.x.base,
        )
        if self.buttondown:
            env["BUTTONDOWN_API_BASE"] = self.buttondown.base + "/v1"
        if self.bluesky:
            env["BLUESKY_API_BASE"] = self.bluesky.base
        if self.mastodon:
            env["MASTODON_API_BASE"] = self.mastodon.base
        if secrets:
            env.update(SECRETS)
        env.update(extra)
        return env

    def command(self, *args, conf=None):
        return [
            sys.executable,
            "-m",
            "invoke",
            "newsletter",
            "--conf",
            str(conf or self.conf()),
            *args,
        ]

    def start(self, *args, conf=None, env=None):
        return subprocess.Popen(
            self.command(*args, conf=conf),
            cwd=ROOT,
            env=env or self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self, process, timeout=60):
        stdout, stderr = process.communicate(timeout=timeout)
        self.outputs.append(stdout + stderr)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def run(self, *args, conf=None, env=None):
        return self.finish(self.start(*args, conf=conf, env=env))


def make_fakes(secrets=SECRETS):
    """All five fakes, each enforcing its service's documented limits."""
    return {
        "mailchimp": FakeMailchimp(
            SPECS / "mailchimp-marketing-subset.json",
            secrets["MAILCHIMP_API_KEY"],
            secrets["MAILCHIMP_LIST_ID"],
            OUR_SPECS / "mailchimp-limits.json",
        ),
        "x": FakeX(
            SPECS / "x-api-v2-tweets-subset.json",
            secrets["X_API_KEY"],
            secrets["X_API_SECRET"],
            secrets["X_ACCESS_TOKEN"],
            secrets["X_ACCESS_TOKEN_SECRET"],
            OUR_SPECS / "x-limits.json",
        ),
        "buttondown": FakeButtondown(
            OUR_SPECS / "buttondown-subset.json", secrets["BUTTONDOWN_API_KEY"]
        ),
        "bluesky": FakeBluesky(
            OUR_SPECS / "bluesky-subset.json",
            secrets["BLUESKY_HANDLE"],
            secrets["BLUESKY_APP_PASSWORD"],
        ),
        "mastodon": FakeMastodon(
            OUR_SPECS / "mastodon-subset.json", secrets["MASTODON_ACCESS_TOKEN"]
        ),
    }


@pytest.fixture
def fakes():
    made = make_fakes()
    yield made
    for fake in made.values():
        fake.close()


@pytest.fixture
def mailchimp(fakes):
    return fakes["mailchimp"]


@pytest.fixture
def x(fakes):
    return fakes["x"]


@pytest.fixture
def buttondown(fakes):
    return fakes["buttondown"]


@pytest.fixture
def bluesky(fakes):
    return fakes["bluesky"]


@pytest.fixture
def mastodon(fakes):
    return fakes["mastodon"]


@pytest.fixture
def newsletter(tmp_path, fakes):
    return Newsletter(
        tmp_path,
        fakes["mailchimp"],
        fakes["x"],
        fakes["buttondown"],
        fakes["bluesky"],
        fakes["mastodon"],
    )


def secret_values():
    values = [v for k, v in SECRETS.items() if k not in NOT_SECRET]
    values.append(SECRETS["MAILCHIMP_API_KEY"].rsplit("-", 1)[0])
    return values


def assert_no_secrets(texts):
    for text in texts:
        for value in secret_values():
            assert value not in text, "a secret value appears in the command's output"


def sent_counts(newsletter, url):
    """How many times each fake service carried ``url`` to its readers."""
    counts = {}
    done = [
        c for c in newsletter.mailchimp.campaigns.values() if c["status"] in ("schedule", "sent")
    ]
    html_count = sum(url in hrefs(c["content"].get("html")) for c in done)
    text_count = sum(url in c["content"].get("plain_text", "").split() for c in done)
    assert html_count == text_count, url  # the HTML and the text part of an email agree
    counts["mailchimp"] = html_count
    counts["x"] = sum(url in t["text"].split() for t in newsletter.x.posts)
    if newsletter.buttondown:
        counts["buttondown"] = sum(
            url in hrefs(e["body"].split("-->", 1)[-1])
            for e in newsletter.buttondown.emails.values()
            if e["status"] in ("scheduled", "sent")
        )
    if newsletter.bluesky:
        counts["bluesky"] = sum(
            r["embed"]["external"]["uri"] == url for r in newsletter.bluesky.records.values()
        )
    if newsletter.mastodon:
        counts["mastodon"] = sum(url in s["text"].split() for s in newsletter.mastodon.statuses)
    return counts


def assert_exactly_once(newsletter, new_posts, old_posts=(), channels=("mailchimp", "x")):
    """Every new post exactly once on each of ``channels`` (none elsewhere); old ones nowhere."""
    for p in new_posts:
        counts = sent_counts(newsletter, p["url"])
        assert {c: n for c, n in counts.items() if n or c in channels} == {
            c: 1 for c in channels
        }, p["url"]
    for p in old_posts:
        assert not any(sent_counts(newsletter, p["url"]).values()), p["url"]
    assert_no_secrets(newsletter.outputs)
