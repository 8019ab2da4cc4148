"""Which post URLs each channel has announced: a versioned JSON file, rewritten atomically.

Every write goes to a temporary file that is fsynced, renamed over the ledger, and the
folder fsynced, so a crash leaves either the old or the new ledger, never half of one.
A lock file (flock) keeps two runs from working at the same time.
"""

import contextlib
import datetime
import fcntl
import json
import os
import re
import time

from sitelib.atomic import replacing

from .errors import Busy, NewsletterError

VERSION = 2
EMAIL_CHANNELS = ("mailchimp", "buttondown")
POST_CHANNELS = ("x", "bluesky", "mastodon")
_ISSUE = re.compile(r"(\d{4})-W(\d{2})$")


def now_iso():
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def empty():
    """The shape of the ledger (docs/newsletter.md, "Ledger format").

    Every channel: started (when it was first used, once it was), announced (url -> {"at", "how", ...}) and held (url -> why the service refused
    the post, until it changes or is skipped). Email channels: campaigns (id -> {"title",
    "subject", "issue", "posts", "state", "send_at", "at"}). Post channels: attempts (url ->
    the text about to be sent, written just before sending).
    """
    channels = {name: {"announced": {}, "campaigns": {}, "held": {}} for name in EMAIL_CHANNELS}
    channels.update({name: {"announced": {}, "attempts": {}, "held": {}} for name in POST_CHANNELS})
    return {"version": VERSION, "channels": channels}


def _from_v1(data):
    """A version-1 ledger in version 2's shape; nothing it recorded is dropped."""
    for record in data.get("channels", {}).get("mailchimp", {}).get("campaigns", {}).values():
        state = record.get("state")
        record["state"] = {"schedule": "scheduled", "sending": "sent"}.get(state, state)
        match = _ISSUE.search(record.get("title") or "")
        record.setdefault("issue", f"{match[1]}-w{match[2]}" if match else "")
        # Version 1 recorded neither the subject nor the send time: left out rather than guessed
        # ("at" is when the campaign was made); readers fall back on "title" and the issue's week.
    data["version"] = VERSION
    return data


class Ledger:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        self.existed = os.path.exists(self.path)
        self.data = self._read() if self.existed else empty()

    def _read(self):
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
        except json.JSONDecodeError as exc:
            raise NewsletterError(
                f"{self.path}:{exc.lineno}: the ledger is not valid JSON ({exc.msg}); "
                "restore it from the newsletter-state branch"
            ) from None
        version = data.get("version") if isinstance(data, dict) else None
        if version == 1:
            data = _from_v1(data)
            version = VERSION
        if version != VERSION:
            raise NewsletterError(
                f"{self.path}:1: ledger version {version!r} is not {VERSION}, "
                "the version this tool reads; update the tool or restore the ledger"
            )
        base = empty()
        for name, channel in base["channels"].items():
            channel.update(data.get("channels", {}).get(name, {}))
        return base

    def channel(self, name):
        return self.data["channels"][name]

    def announced(self, name):
        return set(self.channel(name)["announced"])

    def mark(self, name, url, how, **info):
        self.channel(name)["announced"][url] = {"at": now_iso(), "how": how, **info}
        self.channel(name)["held"].pop(url, None)

    def save(self):
        with replacing(self.path, "w", encoding="utf-8") as f:
            json.dump(self.data, f, indent=2, sort_keys=True)
            f.write("\n")
        self.existed = True


@contextlib.contextmanager
def locked(path, wait, say=None):
    """Hold an exclusive lock next to the ledger; wait up to ``wait`` seconds for another run."""
    lock_path = os.path.abspath(path) + ".lock"
    os.makedirs(os.path.dirname(lock_path), exist_ok=True)
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(
                        f"{lock_path}: another newsletter run is working; this run stopped "
                        "without contacting anything. Run again when it has finished."
                    ) from None
                if say and not told:
                    say(
                        f"Another newsletter run is working; waiting up to {wait}s for it to finish."
                    )
                    told = True
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock
