"""Turn the ways people write a name into one key: 'Damián avila' == 'damian-avila'."""

import functools
import re

from unidecode import unidecode

NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(text):
    """Lowercase ASCII words joined by '-' (accents dropped, punctuation ignored)."""
    return _key(str(text))


@functools.lru_cache(maxsize=4096)  # every author of every post, every build: the same few names
def _key(text):
    return NOT_ALNUM.sub("-", unidecode(text).lower()).strip("-")


def initials(name):
    """Up to two initials for the avatar fallback: 'Chris Holdgraf' -> 'CH'."""
    words = [w for w in re.split(r"[\s\-]+", str(name)) if w[:1].isalnum()]
    if not words:
        return "?"
    picked = words[:1] + words[1:][-1:]
    return "".join(w[0] for w in picked).upper()
