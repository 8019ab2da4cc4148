"""Lengths as each service counts them, and titles shortened at a word boundary to fit.

A title is cut whole words first, then (a single overlong word) whole grapheme clusters, so an
emoji with its modifiers or a letter with its combining accents is never split; the cut ends
in an ellipsis. URLs are never cut: callers build the text around the title.
"""

import bisect

import regex

ELLIPSIS = "\u2026"
_GRAPHEME = regex.compile(r"\X")
# What Mastodon's own link finder treats as a URL, near enough for counting.
_URL = regex.compile(r"https?://[^\s<>\"]+")


def graphemes(text):
    return _GRAPHEME.findall(text)


def grapheme_count(text):
    return len(graphemes(text))


def utf16_units(text):
    """Length as JavaScript (and most web forms) count it: characters outside the BMP count 2."""
    return len(text.encode("utf-16-le")) // 2


def utf8_bytes(text):
    return len(text.encode("utf-8"))


def x_weighted(text):
    from twitter_text import parse_tweet  # noqa: PLC0415  (slow to import; runs without X skip it)

    return parse_tweet(text).weightedLength


def mastodon_length(text, per_url):
    """Mastodon: grapheme clusters, every URL counting ``per_url`` whatever its length."""
    return grapheme_count(_URL.sub("x" * per_url, text))


def _candidates(title):
    """Shorter forms of ``title``, longest first: whole words, then graphemes of the first word."""
    words = title.split()
    out = [
        " ".join(words[:n]).rstrip(",;:.-\u2013\u2014 ") + ELLIPSIS
        for n in range(len(words) - 1, 0, -1)
    ]
    first = graphemes(words[0]) if words else []
    out += ["".join(first[:n]) + ELLIPSIS for n in range(len(first) - 1, 0, -1)]
    return out


def shorten(title, fits):
    """(the longest form of ``title`` for which ``fits(text)`` holds, whether it was shortened).

    Gives ("", True) when not even one grapheme and the ellipsis fit.
    """
    if fits(title):
        return title, False
    candidates = _candidates(title)
    # fits() is monotone in length: binary search for the first (longest) candidate that fits.
    index = bisect.bisect_left(range(len(candidates)), True, key=lambda i: fits(candidates[i]))
    return (candidates[index], True) if index < len(candidates) else ("", True)


def clip(text, limit, measure=len):
    """``text`` shortened at a word boundary so that ``measure`` of it is at most ``limit``."""
    return shorten(text, lambda t: measure(t) <= limit)[0]


def fit_post(title, url, tags, limit, measure):
    """(text, notes): ``title URL #tags`` within ``limit`` as ``measure`` counts.

    Hashtags go first, from the end; then the title is shortened. The URL is never cut: an empty
    ``url`` leaves it out of the text (a link card carries it). ``notes`` say what was cut and why.
    """
    tags = [t for t in dict.fromkeys(tags) if t]
    notes = []
    dropped = 0
    while True:
        tail = " ".join(([url] if url else []) + ["#" + t for t in tags])
        text = f"{title} {tail}".strip()
        if measure(text) <= limit or not tags:
            break
        tags.pop()
        dropped += 1
    if dropped:
        notes.append(f"{dropped} hashtag(s) dropped to fit {limit}")
    if measure(text) > limit:
        short, _ = shorten(title, lambda t: measure(f"{t} {tail}".strip()) <= limit)
        text = f"{short} {tail}".strip()
        notes.append(f"title shortened to fit {limit}")
    return text, notes
