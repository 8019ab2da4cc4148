"""The public newsletter archive, built from the ledger (the build never contacts a provider).

- ``/newsletter/``: every issue that reached subscribers, newest first;
- ``/newsletter/2026-w48/``: one issue's posts, the page the emails link to as "view in browser";
- ``/newsletter/atom.xml``: one entry per issue (publish builds, since a feed needs absolute
  URLs, once there is an issue).

The folder is ``NEWSLETTER["archive"]``. A post the ledger lists is found among the site's
posts by its path, so a preview build (no SITEURL) shows the same posts as the live site.
"""

import dataclasses
import datetime
import logging
import os
import urllib.parse

from feedgenerator import Atom1Feed
from markupsafe import escape
from pelican import signals
from pelican.generators import Generator

from . import archive_ledger, signup

logger = logging.getLogger(__name__)
UTC = datetime.UTC


@dataclasses.dataclass
class Entry:
    url: str  # as the ledger has it
    article: object  # the post on the site, or None when it is no longer there


@dataclasses.dataclass
class ShownIssue:
    issue: str
    subject: str
    date: datetime.datetime
    url: str  # site path: "newsletter/2026-w48/"
    entries: list


def shown_path(path):
    """The ledger's path as messages show it: relative to the project when inside it."""
    return os.path.relpath(path) if path.startswith(os.getcwd() + os.sep) else path


def visible_issues(settings):
    """The issues to show at this moment, newest first. An unreadable ledger is an error (the
    build stops: the live archive stays as it was) and a record left out a warning."""
    conf = signup.site_settings(settings)
    path = os.path.abspath(conf["ledger"])
    try:
        data = archive_ledger.read(path)
    except archive_ledger.LedgerUnreadable as exc:
        logger.error("%s", str(exc).replace(path, shown_path(path), 1))
        data = None
    now = datetime.datetime.now(UTC)
    return conf, archive_ledger.issues(data, conf, now, shown_path(path), logger.warning)


def post_key(url):
    """A URL's path, which is what a post's address has in common between builds."""
    path = urllib.parse.urlsplit(url).path or "/"
    return path[: -len("index.html")] if path.endswith("/index.html") else path


class NewsletterArchiveGenerator(Generator):
    def generate_context(self):
        conf, issues = visible_issues(self.settings)
        self.folder = conf["archive"].strip("/")
        base = urllib.parse.urlsplit(self.settings.get("SITEURL") or "").path.rstrip("/")
        posts = {
            post_key(f"{base}/{article.url}"): article
            for article in self.context.get("articles", [])
        }
        self.issues = [
            ShownIssue(
                i.issue,
                i.subject,
                i.date,
                f"{self.folder}/{i.issue}/",
                [Entry(url, posts.get(post_key(url))) for url in i.posts],
            )
            for i in issues
        ]
        self.check_addresses()

    def check_addresses(self):
        ours = {f"{self.folder}/index.html"} | {f"{issue.url}index.html" for issue in self.issues}
        for key in ("articles", "pages", "hidden_pages"):
            for content in self.context.get(key, []):
                if content.save_as in ours:
                    logger.error(
                        "%s: address /%s is the newsletter archive's; give this page another slug "
                        "or set NEWSLETTER['archive'] to another folder",
                        shown_path(content.source_path),
                        content.url,
                    )

    def feed_url(self):
        """Only with issues (an empty feed's date would be the build's time: every build would
        differ) and an absolute SITEURL."""
        siteurl = self.settings.get("SITEURL") or ""
        absolute = siteurl.startswith(("https://", "http://"))
        return f"{siteurl}/{self.folder}/atom.xml" if absolute and self.issues else None

    def generate_output(self, writer):
        feed = self.feed_url()
        common = {"relative_urls": self.settings["RELATIVE_URLS"], "newsletter_feed": feed}
        writer.write_file(
            f"{self.folder}/index.html",
            self.get_template("newsletter"),
            self.context,
            url=f"{self.folder}/",
            archive_url=f"{self.folder}/",
            issues=self.issues,
            **common,
        )
        template = self.get_template("newsletter_issue")
        for issue in self.issues:
            writer.write_file(
                f"{issue.url}index.html",
                template,
                self.context,
                url=issue.url,
                archive_url=f"{self.folder}/",
                issue=issue,
                **common,
            )
        if feed:
            self.write_feed(feed)

    def write_feed(self, feed):
        siteurl = self.settings["SITEURL"]
        name = self.settings.get("SITENAME", "")
        atom = Atom1Feed(
            title=f"{name} newsletter",
            link=f"{siteurl}/{self.folder}/",
            feed_url=feed,
            feed_guid=feed,
            description=f"Every issue of the {name} newsletter",
            language=self.settings.get("DEFAULT_LANG"),
            author_name=name,
        )
        for issue in self.issues:
            items = "".join(
                f'<li><a href="{escape(f"{siteurl}/{entry.article.url}")}">{escape(entry.article.title)}</a></li>'
                if entry.article
                else f"<li>{escape(entry.url)}</li>"  # gone from the site: no link
                for entry in issue.entries
            )
            atom.add_item(
                title=issue.subject,
                link=f"{siteurl}/{issue.url}",
                unique_id=f"{siteurl}/{issue.url}",
                pubdate=issue.date,
                updateddate=issue.date,
                description=f"<ul>{items}</ul>",
            )
        path = os.path.join(self.output_path, self.folder, "atom.xml")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            atom.write(f, "utf-8")


def get_generators(pelican):
    return NewsletterArchiveGenerator


def register():
    signals.initialized.connect(signup.configure)
    signals.get_generators.connect(get_generators)
