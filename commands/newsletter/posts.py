"""One post per new blog post on X, Bluesky and Mastodon, oldest first, each exactly once.

For each post: the text about to be sent is recorded in the ledger, then sent, then the post is
marked, the ledger written after each step. A run killed in between finds the recorded attempt
and lets the channel settle it (channel modules: ``publish(post, attempt, earlier)``): X refuses
the same text as a duplicate, Bluesky finds the record under its key, Mastodon finds the status
on the account. A post the service refuses for good is held back (held.py); the others go on.
"""

import logging

from . import held
from .checkpoint import checkpoint
from .ledger import now_iso

logger = logging.getLogger(__name__)
say = logger.info


def announce_posts(module, client, ledger, posts, conf, site):
    """Post every pending post on one channel; returns the messages about posts held back."""
    name = module.NAME
    channel = ledger.channel(name)
    pending, _ = held.split(ledger, name, posts)
    if not pending:
        say("%s: no new posts; nothing to post.", module.LABEL)
        return []
    compose = getattr(
        client, "draft", module.draft
    )  # a client that knows its instance's limits says so
    problems = []
    for number, post in enumerate(pending, 1):
        attempt = channel["attempts"].get(post.url)
        earlier = attempt is not None
        if not earlier:
            attempt = {**compose(conf, post, site), "at": now_iso()}
            channel["attempts"][post.url] = attempt
            ledger.save()
        try:
            post_id, how = client.publish(post, attempt, earlier)
        except held.Refused as refusal:
            del channel["attempts"][post.url]
            problems.append(held.hold(ledger, name, post, refusal))
            continue
        checkpoint(f"{name}:posted:{number}")
        ledger.mark(name, post.url, how, post_id=post_id)
        del channel["attempts"][post.url]
        ledger.save()
        say(
            "%s: %s %s [%d/%d %s]",
            module.LABEL,
            how,
            post.url,
            attempt["length"],
            attempt["limit"],
            module.UNIT,
        )
        checkpoint(f"{name}:recorded:{number}")
    return problems
