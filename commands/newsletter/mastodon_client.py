"""Posts to Mastodon through ``Mastodon.py``: one status per new post, never two.

Each status is sent with an ``Idempotency-Key`` derived from the post URL: the instance answers
a repeated request (a retry after a timeout) with the status it already made. Instances keep
those keys for an hour, so a run that finds an earlier run's attempt first looks through the
account's latest statuses for the post's link. Length as Mastodon counts it: grapheme clusters,
every URL counting ``characters_reserved_per_url`` (23), within the instance's
``max_characters`` (500 unless the instance says otherwise).
"""

import hashlib
import logging

from . import held
from .errors import NewsletterError
from .limits import Mastodon as LIMITS
from .textfit import fit_post, mastodon_length
from .x import x_tags

logger = logging.getLogger(__name__)

NAME, LABEL, UNIT = "mastodon", "Mastodon", "characters"


def idempotency_key(url):
    return "2i2c-newsletter-" + hashlib.sha256(url.encode()).hexdigest()


def draft(conf, post, site, limit=None, per_url=LIMITS.CHARACTERS_PER_URL):
    limit = limit or conf["mastodon_max_characters"]
    tags = x_tags(conf, post, site.get("DEFAULT_CATEGORY", ""))
    text, notes = fit_post(post.title, post.url, tags, limit, lambda t: mastodon_length(t, per_url))
    return {
        "text": text,
        "key": idempotency_key(post.url),
        "length": mastodon_length(text, per_url),
        "limit": limit,
        "notes": notes,
    }


class Mastodon:
    def __init__(self, access_token, base, retry, timeout, conf):
        import mastodon  # noqa: PLC0415  (Mastodon.py; runs without Mastodon skip it)

        self.errors = mastodon
        self.retry = retry
        self.conf = conf
        self.api = mastodon.Mastodon(
            access_token=access_token,
            api_base_url=base,
            request_timeout=timeout,
            ratelimit_method="throw",
            version_check_mode="none",
        )
        self.account = self._call("check the access token", self.api.account_verify_credentials)[
            "id"
        ]
        statuses = (
            self._call("read the instance's limits", self.api.instance_v2).get("configuration")
            or {}
        ).get("statuses") or {}
        self.limit = statuses.get("max_characters") or conf["mastodon_max_characters"]
        self.per_url = statuses.get("characters_reserved_per_url") or LIMITS.CHARACTERS_PER_URL

    def draft(self, conf, post, site):
        return draft(conf, post, site, self.limit, self.per_url)

    def _call(self, what, fn, *args, **kwargs):
        m = self.errors
        attempt = 0
        while True:
            try:
                return fn(*args, **kwargs)
            except m.MastodonRatelimitError:
                reason = "HTTP 429"
            except m.MastodonServerError as exc:
                reason = f"HTTP {exc.args[1]}"
            except m.MastodonNetworkError as exc:
                # Safe to repeat: the Idempotency-Key makes the instance answer with the same status.
                reason = "timeout" if "timed out" in str(exc).lower() else "connection lost"
            except m.MastodonUnauthorizedError:
                raise NewsletterError(
                    f"mastodon: {what}: HTTP 401 -- check MASTODON_ACCESS_TOKEN (Preferences > "
                    "Development > your application, scope write:statuses)"
                ) from None
            except m.MastodonNotFoundError:
                raise NewsletterError(
                    f"mastodon: {what}: HTTP 404 -- check MASTODON_API_BASE (the instance's "
                    "address, like https://hachyderm.io)"
                ) from None
            except m.MastodonAPIError as exc:
                status, said = exc.args[1], exc.args[3] if len(exc.args) > 3 else exc
                if status in (400, 422):
                    raise held.Refused("status", f"HTTP {status} {said}") from None
                raise NewsletterError(f"mastodon: {what}: HTTP {status} {said}") from None
            if not self.retry.wait(attempt, f"mastodon: {what}: {reason}"):
                raise NewsletterError(
                    f"mastodon: {what}: still failing ({reason}) after {attempt + 1} attempts; "
                    "run the command again later and it will finish the job"
                ) from None
            attempt += 1

    def _find(self, url):
        """Our own recent status that links to ``url``, or None."""
        for status in self._call(
            "read the account's statuses", self.api.account_statuses, self.account, limit=40
        ):
            if f'href="{url}"' in (status.get("content") or "") or url in (
                status.get("content") or ""
            ):
                return status
        return None

    def publish(self, post, attempt, earlier):
        if earlier:
            found = self._find(post.url)
            if found:
                return found["id"], "posted (an earlier attempt had landed)"
        status = self._call(
            "post",
            self.api.status_post,
            attempt["text"],
            idempotency_key=attempt["key"],
            visibility=self.conf["mastodon_visibility"],
        )
        return status["id"], "posted"
