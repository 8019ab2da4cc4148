"""Related content ranked the way Hugo ranks it (gohugoio/hugo, related/inverted_index.go).

Every index (tags, categories...) maps a keyword to the documents that carry it. A
document found through n keywords of the searched one gets the sum of those indices'
weights; it is kept when its average weight, scaled to 0-100 between the smallest and
the largest index weight (the smallest counting 0), reaches ``threshold / n``. Kept
documents are sorted by summed weight, then newest first, then by name, then by their
position in the list given to ``add`` (Hugo leaves that last tie in map order).

Documents with the same keywords in every index score the same against any search, so
the index holds groups of them, counts matches per group with ``Counter`` and ranks
each distinct search once; within a group, documents are kept in the order above.
"""

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class IndexConfig:
    name: str
    weight: int
    to_lower: bool = False
    pattern: str = ""  # for date values: Hugo's layout, "2006" (the year) by default


@dataclass
class Config:
    indices: list
    threshold: int = 80
    include_newer: bool = False


@dataclass(eq=False)
class Document:
    """What ranking needs of a post: its values per index name, its publish date, its name (title)."""

    name: str
    date: object
    values: dict = field(default_factory=dict)
    item: object = None  # the post itself, handed back in results

    def keywords(self, index):
        value = self.values.get(index.name)
        if value is None:
            return []
        if hasattr(value, "strftime"):
            return [value.strftime(go_layout(index.pattern or "2006"))]
        values = [value] if isinstance(value, str) else list(value)
        words = [str(v) for v in values]
        return [w.lower() for w in words] if index.to_lower else words


GO_LAYOUT = (
    ("January", "%B"),
    ("Jan", "%b"),
    ("2006", "%Y"),
    ("01", "%m"),
    ("02", "%d"),
    ("06", "%y"),
)


def go_layout(layout):
    """strftime pattern for a Go date layout of years, months and days ('2006', '2006-01')."""
    out, i = "", 0
    while i < len(layout):
        for go, strf in GO_LAYOUT:
            if layout.startswith(go, i):
                out, i = out + strf, i + len(go)
                break
        else:
            out, i = out + layout[i].replace("%", "%%"), i + 1
    return out


def truncated_division(a, b):
    """Go's integer division: rounds toward zero (Python's // rounds down)."""
    return int(a / b) if (a < 0) != (b < 0) else a // b


def norm(num, low, high):
    return math.floor((num - low) / (high - low) * 100 + 0.5)


class RelatedIndex:
    def __init__(self, config):
        self.config = config
        # Hugo keeps one keyword map per index name and fills it only from weighted indices.
        self.index = {conf.name: {} for conf in config.indices}  # name -> keyword -> [group]
        self.filled = [conf for conf in config.indices if conf.weight != 0]
        weights = [conf.weight for conf in config.indices]
        # Hugo starts both bounds at 0: the smallest weight counts as 0 unless one is negative.
        self.min_weight = min([0, *weights])
        self.max_weight = max([0, *weights])
        self.listed = []  # every document added, in order
        self.members = []  # per group: [(-date rank, name, position, document)], best first
        self.dates = []  # every distinct date, oldest first
        self.ranked = {}  # keywords in each index searched -> its groups by summed weight

    def add(self, documents):
        """Index ``documents`` after those added before (the index is rebuilt from them all)."""
        self.listed.extend(documents)
        self.index = {conf.name: {} for conf in self.config.indices}
        self.dates = sorted({doc.date for doc in self.listed})
        rank = {date: number for number, date in enumerate(self.dates)}
        groups = {}  # keywords in each filled index -> members
        for position, doc in enumerate(self.listed):
            keywords = keywords_of(doc, self.filled)
            if keywords not in groups:
                groups[keywords] = []
                for conf, words in zip(self.filled, keywords, strict=True):
                    for word in words:
                        self.index[conf.name].setdefault(word, []).append(len(groups) - 1)
            groups[keywords].append((-rank[doc.date], doc.name, position, doc))
        self.members = [sorted(members) for members in groups.values()]
        self.ranked = {}

    def rank_groups(self, keywords):
        """[(summed weight, [group])] of the groups kept for a search by ``keywords``, heaviest first."""
        ranks = {}  # group -> (summed weight, matches)
        for conf, words in zip(self.config.indices, keywords, strict=True):
            found = Counter()
            for word in words:
                found.update(self.index[conf.name].get(word, ()))
            for group, count in found.items():
                weight, matches = ranks.get(group, (0, 0))
                ranks[group] = (weight + conf.weight * count, matches + count)
        passes = {}  # (summed weight, matches) -> kept?
        levels = {}  # summed weight -> kept groups
        for group, rank in ranks.items():
            kept = passes.get(rank)
            if kept is None:
                kept = passes[rank] = self.passes(*rank)
            if kept:
                levels.setdefault(rank[0], []).append(group)
        return sorted(levels.items(), reverse=True)

    def passes(self, weight, matches):
        """Whether a document found through ``matches`` keywords of summed ``weight`` is kept."""
        average = truncated_division(weight, matches)
        return norm(average, self.min_weight, self.max_weight) >= truncated_division(
            self.config.threshold, matches
        )

    def search(self, document, limit=None):
        """The documents related to ``document``, best first (never itself), at most ``limit``."""
        keywords = keywords_of(document, self.config.indices)
        if keywords not in self.ranked:
            self.ranked[keywords] = self.rank_groups(keywords)
        # Members are newest first: those not newer than the document (date rank below
        # ``upper``) start at the first -rank above -upper.
        upper = len(self.dates)
        if not self.config.include_newer:
            upper = bisect_right(self.dates, document.date)
        first = (1 - upper,)
        more = None if limit is None else limit + 1  # one more, in case it is the document
        found = []
        for _, groups in self.ranked[keywords]:
            level = []
            for group in groups:
                entries = self.members[group]
                start = bisect_left(entries, first)
                stop = None if more is None else start + more
                level.extend(e for e in entries[start:stop] if e[3] is not document)
            found.extend(entry[3] for entry in sorted(level))
            if limit is not None and len(found) >= limit:
                break
        return found[:limit]


def keywords_of(doc, indices):
    """A document's keywords in each of ``indices``, sorted: counting ignores their order."""
    return tuple(tuple(sorted(doc.keywords(conf))) for conf in indices)
