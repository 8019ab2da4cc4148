"""Posts a service refused for good: held back on that channel so the others still go out.

A refusal that retrying cannot fix (a 4xx about one post's content) holds that post back on
that channel: the ledger records why, every later run lists it, and it is tried again as soon
as the post changes in the feed (its fingerprint: title, summary, tags, authors). Otherwise it
stays held until ``--skip URL --channel NAME`` records it as deliberately left out.
"""

import hashlib
import json
import logging

from .errors import NewsletterError
from .ledger import now_iso

logger = logging.getLogger(__name__)

WHAT_TO_CHANGE = {
    "subject": "its title",
    "subject_line": "its title",
    "text": "its title or tags",
    "status": "its title or tags",
    "body": "its title or summary",
    "html": "its title or summary",
    "embed": "its title or summary",
}


class Refused(NewsletterError):
    """The service refused what was sent for one post (a 4xx retrying cannot fix)."""

    def __init__(self, field, said):
        super().__init__(f"{field}: {said}")
        self.field = field
        self.said = said


class ServiceRefusal(NewsletterError):
    """An email service refused a request (a 4xx retrying cannot fix); subclasses read its fields."""

    status = 0

    def fields(self):
        """[(field, message)] the service named."""
        return []

    def said(self):
        return str(self)


def culprit(refusal, posts):
    """(post, field) a 400 is about: the subject line is the newest title's; else a post the refusal names."""
    if refusal.status not in (400, 422):
        return None, None
    for field, _ in refusal.fields():
        if field.rsplit(".", 1)[-1] in ("subject_line", "subject"):
            return posts[0], field
    text = refusal.said()
    for post in posts:
        if post.url in text or post.title in text:
            return post, next((f for f, _ in refusal.fields()), "content")
    return None, None


def send_email(ledger, channel, posts, label, send):
    """Call ``send(pending posts, newest first)`` until the service takes the email, holding back
    each post a refusal is about. Returns the messages about the posts held back."""
    problems = []
    while True:
        pending = list(reversed(split(ledger, channel, posts)[0]))
        if not pending:
            if not problems:
                logger.info("%s: no new posts since the last newsletter; nothing to send.", label)
            return problems
        try:
            send(pending)
            return problems
        except ServiceRefusal as exc:
            post, field = culprit(exc, pending)
            if post is None:
                raise
            problems.append(hold(ledger, channel, post, Refused(field, exc.said())))


def fingerprint(post):
    """What was sent about a post: a change to any of it may make the service accept it."""
    data = json.dumps(
        [post.title, post.summary, list(post.tags), list(post.authors)], ensure_ascii=False
    )
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def split(ledger, channel, posts):
    """(to send, held back): the posts not yet announced on ``channel``, oldest first.

    A held-back post that has changed since it was refused goes back to "to send".
    """
    announced = ledger.announced(channel)
    held = ledger.channel(channel)["held"]
    to_send, still_held = [], []
    for post in posts:
        if post.url in announced:
            continue
        entry = held.get(post.url)
        (still_held if entry and entry["fingerprint"] == fingerprint(post) else to_send).append(
            post
        )
    return to_send, still_held


def skip_command(channel, url):
    return f"invoke newsletter --skip {url} --channel {channel}"


def explain(channel, post_or_entry, field, said):
    title = getattr(post_or_entry, "title", None) or post_or_entry.get("title")
    url = getattr(post_or_entry, "url", None) or post_or_entry.get("url")
    change = WHAT_TO_CHANGE.get(field.rsplit(".", 1)[-1], "the post")
    return (
        f'{channel}: held back "{title}" <{url}>: {channel} refused the field {field!r} ({said}). '
        f"The other posts went out. Change {change} and publish; the next run sends it. "
        f"Or leave it out of {channel}: {skip_command(channel, url)}"
    )


def hold(ledger, channel, post, refusal):
    """Record the refusal; returns the message that names the post, the field and what to do."""
    ledger.channel(channel)["held"][post.url] = {
        "at": now_iso(),
        "title": post.title,
        "url": post.url,
        "field": refusal.field,
        "said": refusal.said,
        "fingerprint": fingerprint(post),
    }
    ledger.save()
    return explain(channel, post, refusal.field, refusal.said)


def report(ledger, channels, log=logger.warning, only=None):
    """List every post still held back (each run, the dry run too); ``only``: those (channel, url)."""
    count = 0
    for channel in channels:
        for url, entry in ledger.channel(channel)["held"].items():
            if url in ledger.announced(channel) or (
                only is not None and (channel, url) not in only
            ):
                continue
            log(
                '%s: still held back since %s: "%s" <%s>: %s refused %r (%s). Change the post, or: %s',
                channel,
                entry["at"][:10],
                entry["title"],
                url,
                channel,
                entry["field"],
                entry["said"],
                skip_command(channel, url),
            )
            count += 1
    return count
