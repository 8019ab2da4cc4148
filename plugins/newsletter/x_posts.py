"""One X post per new blog post, in publication order, each recorded right after it is created."""

import logging

from .checkpoint import checkpoint
from .errors import NewsletterError
from .ledger import now_iso
from .x import Duplicate, compose, hashtag, weighted_length

logger = logging.getLogger(__name__)
say = logger.info


def x_text(conf, post, default_category):
    tags = list(conf["hashtags"])
    if conf["hashtags_from_tags"]:
        tags += [hashtag(t) for t in post.tags if t.lower() != default_category.lower()]
    return compose(post.title, post.url, tags)


def announce_x(client, ledger, posts, conf, site):
    channel = ledger.channel("x")
    announced = ledger.announced("x")
    pending = [p for p in posts if p.url not in announced]  # oldest first
    if not pending:
        say("X: no new posts; nothing to post.")
        return
    for number, post in enumerate(pending, 1):
        earlier = channel["attempts"].get(post.url)
        # Re-use an earlier attempt's text: if that attempt landed, X calls this one a duplicate.
        text = earlier["text"] if earlier else x_text(conf, post, site.get("DEFAULT_CATEGORY", ""))
        channel["attempts"][post.url] = {"text": text, "at": now_iso()}
        ledger.save()
        try:
            post_id = client.post(text)
            how = "posted"
        except Duplicate as exc:
            if not (earlier or exc.after_retry):
                raise NewsletterError(
                    f"x: X says the post for {post.url} was already posted, but not by this tool. If someone "
                    f"posted it by hand, record it with `invoke newsletter --channel x --backfill={post.url}` "
                    "and run again.") from None
            post_id, how = None, "posted (an earlier attempt had landed)"
        checkpoint(f"x:posted:{number}")
        ledger.mark("x", post.url, how, post_id=post_id)
        del channel["attempts"][post.url]
        ledger.save()
        say("X: %s %s (%d/280)", how, post.url, weighted_length(text))
        checkpoint(f"x:recorded:{number}")
