"""Related posts under each post, and backlinks on person and collaborator pages.

Signal ``initialized``: ``RELATED`` checked (settings.py).
Signal ``all_generators_finalized`` (every post, page and person read, nothing written yet):
- each post gets ``related_posts``, ranked as Hugo ranks ``.Related`` (ranking.py);
- each person, and each page under ``RELATED['backlinks']``, gets ``backlinks``: the posts
  whose links the links plugin resolved to its address (``links_to``), and for a person the
  posts naming them as author; newest first.
"""

from pelican import signals

from .ranking import Document, RelatedIndex
from .settings import related_settings

STATE = {"conf": None, "ranking": None}
DATES = ("date", "publishdate", "lastmod")


def configure(pelican):
    STATE["conf"], STATE["ranking"] = related_settings(pelican.settings)
    pelican.settings["RELATED"] = STATE["conf"]


def values_of(post):
    """The front matter values Hugo's indices read: any field by name, dates as dates."""
    meta = post.metadata
    values = {key: value for key, value in meta.items() if isinstance(value, (str, list, tuple))}
    values["date"] = post.date
    values["publishdate"] = meta.get("publish_date") or post.date
    values["lastmod"] = meta.get("modified") or post.date
    if "tags" in meta:
        values["tags"] = [str(tag) for tag in meta["tags"]]
    values["categories"] = [
        str(c) for c in meta.get("categories", [])
    ]  # not Pelican's default category
    return values


def document(post):
    return Document(
        post.title, post.metadata.get("publish_date") or post.date, values_of(post), post
    )


def rank_related(posts, unlisted, config, limit):
    """Set ``related_posts`` (at most ``limit``) on each post, and on each unlisted post (hidden:
    Hugo's ``build: {list: never}``), which is never listed as related itself."""
    documents = [document(post) for post in posts]
    index = RelatedIndex(config)
    index.add(documents)
    for doc in documents + [document(post) for post in unlisted]:
        doc.item.related_posts = [found.item for found in index.search(doc, limit)]


def site_path(url):
    return "/" + url.lstrip("/")


def link_back(posts, people, pages, prefixes):
    """Set ``backlinks`` on people and on pages under ``prefixes``."""
    linking = {}  # site path -> posts linking to it
    for post in posts:
        for path in post.metadata.get("links_to", []):
            linking.setdefault(path, []).append(post)
    newest_first = lambda found: sorted(found, key=lambda p: (p.date, p.title), reverse=True)  # noqa: E731
    for person in people:
        found = {
            id(p): p
            for p in [*linking.get(site_path(person.url), []), *getattr(person, "posts", [])]
        }
        person.backlinks = newest_first(found.values())
    for page in pages:
        path = site_path(page.url)
        if any(path.startswith(prefix) for prefix in prefixes):
            page.backlinks = newest_first({id(p): p for p in linking.get(path, [])}.values())


def finalize(generators):
    conf = STATE["conf"]
    if conf is None:
        return
    context = generators[0].context
    posts = list(context.get("articles", []))
    rank_related(posts, context.get("hidden_articles", []), STATE["ranking"], conf["limit"])
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    link_back(posts, context.get("people", []), pages, conf["backlinks"])


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(finalize)
