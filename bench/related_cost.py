"""Time rank_related on N posts shaped like the replicated benchmark (bench/replicate.py):
the 20 posts of 2i2c's Hugo sample, their tags and categories copied N/20 times.

    .venv/bin/python bench/related_cost.py 1000 5000 10000
"""

import datetime
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(ROOT / "bench")]

from related.plugin import rank_related  # noqa: E402
from related.settings import related_settings  # noqa: E402
from replicate import replicated_posts  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "hugo-sample"


def posts(n):
    made = []
    for _, _, meta, _, _ in replicated_posts(SAMPLE, n):
        date = meta["date"]
        if not isinstance(date, datetime.datetime):
            date = datetime.datetime.combine(date, datetime.time())
        metadata = {key: meta[key] for key in ("tags", "categories") if meta.get(key)}
        made.append(SimpleNamespace(title=meta["title"], date=date, metadata=metadata))
    return made


def main(sizes):
    conf, ranking = related_settings({})
    for n in sizes:
        made = posts(n)
        start = time.perf_counter()
        rank_related(made, [], ranking, conf["limit"])
        seconds = time.perf_counter() - start
        print(f"{n:>6} posts: rank_related {seconds:.3f} s")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 5000, 10000])
