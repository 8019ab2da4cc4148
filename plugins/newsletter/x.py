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

logger = logging.getLogger(__name__)

LIMIT = 280
PUBLIC_HOST = "https://api.twitter.com"  # fixed inside tweepy
ELLIPSIS = "\u2026"


def weighted_length(text):
    from twitter_text import parse_tweet  # noqa: PLC0415  (slow to import; runs without X skip it)

    return parse_tweet(text).weightedLength


def hashtag(word):
    """'Open science' -> 'OpenScience'; '' when nothing usable is left."""
    parts = re.findall(r"\w+", word)
    tag = "".join(p[:1].upper() + p[1:] for p in parts)
    return "" if not tag or tag.isdigit() else tag


def compose(title, url, hashtags=(), limit=LIMIT):
    """``title URL #tags`` within ``limit``: drop hashtags from the end first, then shorten the title."""
    tags = [t for t in dict.fromkeys(hashtags) if t]
    while True:
        tail = " ".join([url] + ["#" + t for t in tags])
        text = f"{title} {tail}"
        if weighted_length(text) <= limit:
            return text
        if not tags:
            break
        tags.pop()
    words = title.split()
    # Cut whole words while possible; a single overlong word is cut by characters.
    while len(words) > 1:
        words.pop()
        text = f"{' '.join(words).rstrip(',;:.-')}{ELLIPSIS} {tail}"
        if weighted_length(text) <= limit:
            return text
    word = words[0] if words else ""
    while word:
        word = word[:-1]
        text = f"{word}{ELLIPSIS} {tail}"
        if weighted_length(text) <= limit:
            return text
    return tail


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
            request.url = self.base + request.url[len(PUBLIC_HOST):]
        kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class Duplicate(NewsletterError):
    """X refused the text because the account already posted it."""

    def __init__(self, message, after_retry):
        super().__init__(message)
        self.after_retry = after_retry  # True when our own earlier try of this very request had landed


class X:
    def __init__(self, credentials, retry, timeout, base=None):
        import tweepy  # noqa: PLC0415

        self.tweepy = tweepy
        self.retry = retry
        self.client = tweepy.Client(
            consumer_key=credentials["X_API_KEY"], consumer_secret=credentials["X_API_SECRET"],
            access_token=credentials["X_ACCESS_TOKEN"], access_token_secret=credentials["X_ACCESS_TOKEN_SECRET"],
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
                    raise Duplicate(f"x: {what}: X says this exact text was already posted", attempt > 0) from None
                raise NewsletterError(f"x: {what}: HTTP 403 {messages} -- check that the X app has "
                                      "Read and Write permission and regenerate X_ACCESS_TOKEN") from None
            except tweepy.Unauthorized:
                raise NewsletterError(f"x: {what}: HTTP 401 -- check X_API_KEY, X_API_SECRET, "
                                      "X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET") from None
            except tweepy.HTTPException as exc:
                messages = " ".join(exc.api_messages)
                raise NewsletterError(f"x: {what}: HTTP {exc.response.status_code} {messages}") from None
            except requests.RequestException as exc:
                # Safe to repeat: if the first request did land, X answers "duplicate" (see x_posts.py).
                reason = "timeout" if isinstance(exc, requests.Timeout) else "connection lost"
            if not self.retry.wait(attempt, f"x: {what}: {reason}", server_says):
                raise NewsletterError(f"x: {what}: still failing ({reason}) after {attempt + 1} attempts; "
                                      "run the command again later and it will finish the job") from None
            attempt += 1

    def post(self, text):
        """Create the post; returns its id."""
        response = self._call("post", self.client.create_tweet, text=text, user_auth=True)
        return response.data["id"]
