"""Posts to X: the text of a post fitted to X's weighted length, and a narrow tweepy client.

X counts every URL as 23 and wide characters (CJK, emoji) as 2; twitter-text-parser
implements that counting. The title is shortened with an ellipsis, never the URL.
"""

import logging
import re
import time

import requests
from requests.adapters import HTTPAdapter

from .errors import NewsletterError
from .held import Refused
from .limits import X as LIMITS
from .textfit import ELLIPSIS, fit_post, x_weighted  # noqa: F401  (ELLIPSIS: part of this module's face)

logger = logging.getLogger(__name__)

PUBLIC_HOST = "https://api.twitter.com"  # fixed inside tweepy
NAME, LABEL, UNIT = "x", "X", "weighted characters"


def hashtag(word):
    """'Open science' -> 'OpenScience'; '' when nothing usable is left."""
    parts = re.findall(r"\w+", word)
    tag = "".join(p[:1].upper() + p[1:] for p in parts)
    return "" if not tag or tag.isdigit() else tag


def compose(title, url, hashtags=(), limit=LIMITS.TEXT):
    """``title URL #tags`` within ``limit``: drop hashtags from the end first, then shorten the title."""
    return fit_post(title, url, hashtags, limit, x_weighted)[0]


class _Redirect(HTTPAdapter):
    """Sends tweepy's requests to X_API_BASE (tests, sandboxes) and gives each one a timeout.

    The OAuth 1.0a signature was computed for the public URL, as in production.
    """

    def __init__(self, base, timeout):
        super().__init__()
        self.base = base
        self.timeout = timeout

    def send(self, request, **kwargs):
        if self.base:
            request.url = self.base + request.url[len(PUBLIC_HOST) :]
        kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class Duplicate(NewsletterError):
    """X refused the text because the account already posted it."""

    def __init__(self, message, after_retry):
        super().__init__(message)
        self.after_retry = (
            after_retry  # True when our own earlier try of this very request had landed
        )


class X:
    def __init__(self, credentials, retry, timeout, base=None):
        import tweepy  # noqa: PLC0415

        self.tweepy = tweepy
        self.retry = retry
        self.client = tweepy.Client(
            consumer_key=credentials["X_API_KEY"],
            consumer_secret=credentials["X_API_SECRET"],
            access_token=credentials["X_ACCESS_TOKEN"],
            access_token_secret=credentials["X_ACCESS_TOKEN_SECRET"],
            wait_on_rate_limit=False,  # we wait ourselves, within max_wait
        )
        self.client.session.mount(PUBLIC_HOST + "/", _Redirect(base, timeout))

    def _call(self, what, fn, **kwargs):
        tweepy = self.tweepy
        attempt = 0
        while True:
            server_says = None
            try:
                return fn(**kwargs)
            except tweepy.TooManyRequests as exc:
                reason = "HTTP 429"
                reset = exc.response.headers.get("x-rate-limit-reset")
                if reset and reset.isdigit():
                    server_says = max(0, int(reset) - time.time())
            except tweepy.TwitterServerError as exc:
                reason = f"HTTP {exc.response.status_code}"
            except tweepy.Forbidden as exc:
                messages = " ".join(exc.api_messages) or str(exc)
                if "duplicate" in messages.lower():
                    raise Duplicate(
                        f"x: {what}: X says this exact text was already posted", attempt > 0
                    ) from None
                raise NewsletterError(
                    f"x: {what}: HTTP 403 {messages} -- check that the X app has "
                    "Read and Write permission and regenerate X_ACCESS_TOKEN"
                ) from None
            except tweepy.Unauthorized:
                raise NewsletterError(
                    f"x: {what}: HTTP 401 -- check X_API_KEY, X_API_SECRET, "
                    "X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET"
                ) from None
            except tweepy.BadRequest as exc:
                # create_tweet sends only the text: a 400 is about the text, and will not change.
                raise Refused("text", f"HTTP 400 {' '.join(exc.api_messages)}".strip()) from None
            except tweepy.HTTPException as exc:
                messages = " ".join(exc.api_messages)
                raise NewsletterError(
                    f"x: {what}: HTTP {exc.response.status_code} {messages}"
                ) from None
            except requests.RequestException as exc:
                # Safe to repeat: if the first request did land, X answers "duplicate" (see x_posts.py).
                reason = "timeout" if isinstance(exc, requests.Timeout) else "connection lost"
            if not self.retry.wait(attempt, f"x: {what}: {reason}", server_says):
                raise NewsletterError(
                    f"x: {what}: still failing ({reason}) after {attempt + 1} attempts; "
                    "run the command again later and it will finish the job"
                ) from None
            attempt += 1

    def post(self, text):
        """Create the post; returns its id."""
        response = self._call("post", self.client.create_tweet, text=text, user_auth=True)
        return response.data["id"]

    def publish(self, post, attempt, earlier):
        """(post id, how). Repeating a text is safe: X refuses a duplicate, which means it landed."""
        try:
            return self.post(attempt["text"]), "posted"
        except Duplicate as exc:
            if not (earlier or exc.after_retry):
                raise NewsletterError(
                    f"x: X says the post for {post.url} was already posted, but not by this tool. If someone "
                    f"posted it by hand, record it with `invoke newsletter --channel x --backfill={post.url}` "
                    "and run again."
                ) from None
            return None, "posted (an earlier attempt had landed)"


def draft(conf, post, site):
    """What would be posted: {"text", "length", "limit", "notes"} (the attempt recorded before sending)."""
    text, notes = fit_post(
        post.title,
        post.url,
        x_tags(conf, post, site.get("DEFAULT_CATEGORY", "")),
        LIMITS.TEXT,
        x_weighted,
    )
    return {"text": text, "length": x_weighted(text), "limit": LIMITS.TEXT, "notes": notes}


def x_tags(conf, post, default_category):
    tags = list(conf["hashtags"])
    if conf["hashtags_from_tags"]:
        tags += [hashtag(t) for t in post.tags if t.lower() != default_category.lower()]
    return tags
