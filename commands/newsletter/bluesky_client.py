"""Posts to Bluesky through the ``atproto`` client: text with a link facet, and a link card.

Each post's record key is derived from the post URL (a valid TID, the key type of
app.bsky.feed.post), so a post exists at most once: before creating it after any doubt, and
whenever creating it is refused, the run reads that key first. Lengths as the lexicon counts
them: at most 300 grapheme clusters and 3000 UTF-8 bytes; facet offsets are UTF-8 byte offsets.
"""

import datetime
import hashlib
import logging

from . import held
from .errors import NewsletterError
from .limits import Bluesky as LIMITS
from .textfit import clip, fit_post, grapheme_count, utf8_bytes

logger = logging.getLogger(__name__)

NAME, LABEL, UNIT = "bluesky", "Bluesky", "graphemes"
PUBLIC_BASE = "https://bsky.social"
COLLECTION = "app.bsky.feed.post"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"  # base32-sortable, https://atproto.com/specs/tid
_TID_EPOCH_US = 1_600_000_000_000_000  # keys sort in September 2020, clear of any real post's key


def record_key(url):
    """A TID for ``url``: 13 base32-sortable characters, the same for the same URL on every run."""
    digest = int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], "big")
    value = ((_TID_EPOCH_US + digest % 2**40) << 10) | (digest >> 54)  # timestamp, 10-bit clock id
    return "".join(_TID_ALPHABET[(value >> (5 * i)) & 31] for i in range(12, -1, -1))


def _length(text):
    return grapheme_count(text) if utf8_bytes(text) <= LIMITS.TEXT_BYTES else LIMITS.TEXT_BYTES + 1


def draft(conf, post, site):
    """The record (text, link facet, link card) and its length in graphemes."""
    url = post.url
    notes = []
    if grapheme_count(url) > LIMITS.TEXT_GRAPHEMES - 2:
        url = ""
        notes.append("URL longer than the text limit: it is only in the link card")
    text, cut = fit_post(post.title, url, (), LIMITS.TEXT_GRAPHEMES, _length)
    notes += cut
    record = {
        "$type": COLLECTION,
        "text": text,
        "createdAt": datetime.datetime.now(datetime.UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z"),
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": post.url,
                "title": clip(post.title, LIMITS.CARD_TITLE_GRAPHEMES, grapheme_count),
                "description": clip(
                    post.summary, LIMITS.CARD_DESCRIPTION_GRAPHEMES, grapheme_count
                ),
            },
        },
    }
    if url:
        start = utf8_bytes(text[: text.rindex(url)])
        record["facets"] = [
            {
                "index": {"byteStart": start, "byteEnd": start + utf8_bytes(url)},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}],
            }
        ]
    return {
        "text": text,
        "record": record,
        "rkey": record_key(post.url),
        "length": grapheme_count(text),
        "limit": LIMITS.TEXT_GRAPHEMES,
        "notes": notes,
    }


class Bluesky:
    def __init__(self, handle, app_password, retry, timeout, base=None):
        import httpx  # noqa: PLC0415  (atproto's transport)
        from atproto import Client  # noqa: PLC0415  (slow to import; runs without Bluesky skip it)
        from atproto_client import exceptions  # noqa: PLC0415
        from atproto_client.request import Request  # noqa: PLC0415

        self.errors = exceptions
        self.transport_errors = (
            httpx.TransportError
        )  # atproto passes some on unwrapped (a dropped connection)
        self.retry = retry
        self.client = Client(
            base_url=(base or PUBLIC_BASE) + "/xrpc", request=Request(timeout=timeout)
        )
        session = self._call(
            "log in",
            lambda: (
                self.client.login(handle, app_password, fetch_bsky_profile=False)
                or self.client._session
            ),
        )
        self.did = session.did

    def _call(self, what, fn):
        errors = self.errors
        attempt = 0
        while True:
            server_says = None
            try:
                return fn()
            except errors.UnauthorizedError:
                raise NewsletterError(
                    f"bluesky: {what}: refused (401/403) -- check BLUESKY_HANDLE and "
                    "BLUESKY_APP_PASSWORD (Settings > Privacy and security > App passwords)"
                ) from None
            except errors.RateLimitExceededError as exc:
                reason = "HTTP 429"
                if exc.reset_at:
                    server_says = (
                        exc.reset_at - datetime.datetime.now(datetime.UTC)
                    ).total_seconds()
            except errors.BadRequestError:
                raise
            except errors.NetworkError as exc:  # also timeouts, 409, 413, 502
                reason = (
                    "timeout"
                    if isinstance(exc, errors.InvokeTimeoutError)
                    else "connection lost or HTTP error"
                )
            except self.transport_errors:
                reason = "connection lost"
            except errors.RequestException as exc:
                status = exc.response.status_code if exc.response is not None else 0
                if status and status < 500:
                    raise NewsletterError(f"bluesky: {what}: HTTP {status} {_said(exc)}") from None
                reason = f"HTTP {status}"
            if not self.retry.wait(attempt, f"bluesky: {what}: {reason}", server_says):
                raise NewsletterError(
                    f"bluesky: {what}: still failing ({reason}) after {attempt + 1} attempts; "
                    "run the command again later and it will finish the job"
                ) from None
            attempt += 1

    def _existing(self, rkey):
        """The record at our key, or None."""

        def get():
            try:
                return self.client.com.atproto.repo.get_record(
                    {"repo": self.did, "collection": COLLECTION, "rkey": rkey}
                )
            except self.errors.BadRequestError as exc:
                if "RecordNotFound" in _said(exc) or "not found" in _said(exc).lower():
                    return None
                raise NewsletterError(
                    f"bluesky: read record {rkey}: HTTP 400 {_said(exc)}"
                ) from None

        return self._call("read record", get)

    def publish(self, post, attempt, earlier):
        """(record URI, how); a record already at the post's key means an earlier run made it."""
        rkey = attempt["rkey"]
        if earlier and self._existing(rkey):
            return f"at://{self.did}/{COLLECTION}/{rkey}", "posted (an earlier attempt had landed)"
        data = {
            "repo": self.did,
            "collection": COLLECTION,
            "rkey": rkey,
            "record": attempt["record"],
        }
        try:
            created = self._call("post", lambda: self.client.com.atproto.repo.create_record(data))
        except self.errors.BadRequestError as exc:
            if self._existing(
                rkey
            ):  # the key is taken: by our own earlier request that got no answer
                return (
                    f"at://{self.did}/{COLLECTION}/{rkey}",
                    "posted (an earlier attempt had landed)",
                )
            said = _said(exc)
            field = "text" if "text" in said.lower() else "record"
            raise held.Refused(field, f"HTTP 400 {said}") from None
        return created.uri, "posted"


def _said(exc):
    content = getattr(exc.response, "content", None)
    error = getattr(content, "error", None)
    message = getattr(content, "message", None)
    return ": ".join(str(p) for p in (error, message) if p) or str(exc)
