"""rank_related against a plain transcription of Hugo's search (related/inverted_index.go,
InvertedIndex.Add and searchDate), over generated posts whose keywords overlap.

Ties: Hugo sorts by summed weight (heaviest first), then publish date (newest first), then
name; what is still tied (same title, same date) keeps the order of the posts given to
rank_related (in Hugo it follows Go's map order).
"""

import datetime
import math
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from related.plugin import document, rank_related
from related.ranking import Config, IndexConfig


def go_division(a, b):
    """Go's integer division, rounding toward zero."""
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def hugo_related(listed, searched, config):
    """Every document of ``listed`` related to ``searched``, in Hugo's order, one pair at a time."""
    index = {conf.name: {} for conf in config.indices}
    for conf in config.indices:
        if conf.weight == 0:  # Hugo: a weight of 0 disables the index
            continue
        for doc in listed:
            for word in doc.keywords(conf):
                index[conf.name].setdefault(word, []).append(doc)
    low = min(0, *(conf.weight for conf in config.indices))
    high = max(0, *(conf.weight for conf in config.indices))
    ranks = {}
    for conf in config.indices:
        for word in searched.keywords(conf):
            for doc in index[conf.name].get(word, []):
                if doc is searched:
                    continue
                if not config.include_newer and doc.date > searched.date:
                    continue
                rank = ranks.setdefault(id(doc), {"doc": doc, "weight": 0, "matches": 0})
                rank["weight"] += conf.weight
                rank["matches"] += 1
    kept = []
    for rank in ranks.values():
        average = go_division(rank["weight"], rank["matches"])
        normalised = math.floor((average - low) / (high - low) * 100 + 0.5)
        if normalised >= go_division(config.threshold, rank["matches"]):
            kept.append(rank)
    position = {id(doc): number for number, doc in enumerate(listed)}
    kept.sort(key=lambda rank: position[id(rank["doc"])])
    kept.sort(key=lambda rank: rank["doc"].name)
    kept.sort(key=lambda rank: rank["doc"].date, reverse=True)
    kept.sort(key=lambda rank: rank["weight"], reverse=True)
    return [rank["doc"] for rank in kept]


TAGS = st.lists(st.sampled_from(["a", "b", "c", "d", "A"]), max_size=3)
CATEGORIES = st.lists(st.sampled_from(["news", "events", "News"]), max_size=2)
DATES = st.builds(
    datetime.datetime, st.sampled_from([2023, 2024]), st.integers(1, 2), st.integers(1, 3)
)


@st.composite
def posts(draw):
    date = draw(DATES)
    metadata = {"tags": draw(TAGS), "categories": draw(CATEGORIES)}
    if draw(st.booleans()):
        metadata["publish_date"] = draw(DATES)
    return SimpleNamespace(
        title=draw(st.sampled_from(["Alpha", "Beta", "Gamma"])), date=date, metadata=metadata
    )


INDICES = st.lists(
    st.builds(
        IndexConfig,
        name=st.sampled_from(["tags", "categories", "date", "publishdate"]),
        weight=st.sampled_from([0, -40, 1, 30, 70, 100]) | st.integers(-100, 100),
        to_lower=st.booleans(),
        pattern=st.sampled_from(["", "2006-01"]),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(
    listed=st.lists(posts(), max_size=14),
    unlisted=st.lists(posts(), max_size=3),
    indices=INDICES,
    threshold=st.integers(0, 100),
    include_newer=st.booleans(),
    limit=st.integers(1, 5),
)
def test_rank_related_is_hugos_search(listed, unlisted, indices, threshold, include_newer, limit):
    config = Config(indices, threshold, include_newer)
    listed_docs = [document(post) for post in listed]
    expected = {
        id(doc.item): [found.item for found in hugo_related(listed_docs, doc, config)[:limit]]
        for doc in listed_docs + [document(post) for post in unlisted]
    }
    rank_related(listed, unlisted, config, limit)
    for post in listed + unlisted:
        assert post.related_posts == expected[id(post)]


def test_full_ties_keep_the_order_the_posts_are_listed_in():
    # Two posts named alike on the same day, both one tag away: listed order decides.
    same = [
        SimpleNamespace(title="Twin", date=datetime.datetime(2024, 1, 1), metadata={"tags": ["a"]})
        for _ in range(2)
    ]
    me = SimpleNamespace(title="Me", date=datetime.datetime(2024, 2, 1), metadata={"tags": ["a"]})
    config = Config([IndexConfig("tags", 100)], 80, True)
    rank_related([same[1], me, same[0]], [], config, 3)
    assert me.related_posts == [same[1], same[0]]
    rank_related([same[0], me, same[1]], [], config, 3)
    assert me.related_posts == [same[0], same[1]]
