"""Related content ranked the way Hugo ranks it (gohugoio/hugo, related/inverted_index.go).

Every index (tags, categories...) maps a keyword to the documents that carry it. A
document found through n keywords of the searched one gets the sum of those indices'
weights; it is kept when its average weight, scaled to 0-100 between the smallest and
the largest index weight (the smallest counting 0), reaches ``threshold / n``. Kept
documents are sorted by summed weight, then newest first, then by name.
"""

import math
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
        self.index = {conf.name: {} for conf in config.indices}
        weights = [conf.weight for conf in config.indices]
        # Hugo starts both bounds at 0: the smallest weight counts as 0 unless one is negative.
        self.min_weight = min([0, *weights])
        self.max_weight = max([0, *weights])

    def add(self, documents):
        for conf in self.config.indices:
            if conf.weight == 0:
                continue
            words = self.index[conf.name]
            for doc in documents:
                for word in doc.keywords(conf):
                    words.setdefault(word, []).append(doc)

    def search(self, document):
        """The documents related to ``document``, best first (the document itself never)."""
        ranks = {}  # id(doc) -> [doc, summed weight, matches]
        for conf in self.config.indices:
            words = self.index[conf.name]
            for word in document.keywords(conf):
                for doc in words.get(word, ()):
                    if doc is document:
                        continue
                    if not self.config.include_newer and doc.date > document.date:
                        continue
                    rank = ranks.get(id(doc))
                    if rank is None:
                        ranks[id(doc)] = [doc, conf.weight, 1]
                    else:
                        rank[1] += conf.weight
                        rank[2] += 1
        kept = []
        for doc, weight, matches in ranks.values():
            average = truncated_division(weight, matches)
            if norm(average, self.min_weight, self.max_weight) >= truncated_division(
                self.config.threshold, matches
            ):
                kept.append((doc, weight))
        kept.sort(key=lambda pair: pair[0].name)
        kept.sort(key=lambda pair: pair[0].date, reverse=True)
        kept.sort(key=lambda pair: pair[1], reverse=True)
        return [doc for doc, _ in kept]
