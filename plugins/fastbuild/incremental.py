"""Update a finished build in place when only the text of some posts changed.

The preview server keeps the last build in memory: its generators, the content
objects, and every page job with the posts it showed (``writing.Job.shown``).
When an author saves a post, ``update`` reads that post again and, if nothing
that places it on the site changed (address, date, status, tags, categories,
authors, static files it links: see ``placement``), copies the new text, title
and summary into the existing content object, so every listing, neighbour and
feed that holds it sees the change, and renders again only the pages that showed
it. Anything else (a new or deleted file, a moved post, the theme, settings,
data, pages, people) returns False: the caller rebuilds the whole site.

The written files are the same, byte for byte, as a full build of the changed
content (tests/bench/test_same_output.py checks it).
"""

import logging
import os
import tempfile
import threading

from blinker import signal
from pelican import signals
from pelican.contents import Article, Content
from pelican.urlwrappers import URLWrapper

from .writing import Job, Noting, run_noting

logger = logging.getLogger(__name__)

# Metadata that may change without moving the post: shown where the post is shown.
IN_PLACE = {"title", "summary", "description", "subtitle", "reading_time", "word_count", "source_line",
            "source_lines", "image_alt", "image_caption"}


class Session:
    """The last successful build: what ``update`` needs to change it in place."""

    def __init__(self, generators, jobs, staging, target):
        self.articles = next(g for g in generators if hasattr(g, "articles") and hasattr(g, "drafts"))
        self.jobs = jobs
        self.staging, self.target = staging, target
        self.by_path = {a.source_path: a for a in self.articles.articles}


SESSION = {"last": None, "search": None}


def remember(generators, writer, staging, target):
    SESSION["last"] = Session(generators, writer.jobs, staging, target)


def forget():
    """A new build starts: it replaces the last one (and waits for its search refresh)."""
    wait_for_search()
    SESSION["last"] = None


def wait_for_search():
    if SESSION["search"] is not None:
        SESSION["search"].join()
        SESSION["search"] = None


def refresh_search(output, settings):
    """Index the updated pages for search (``search_refresh``), after the reload, not before it."""
    wait_for_search()
    thread = threading.Thread(target=signal("search_refresh").send, args=(output,), kwargs={"settings": settings},
                              daemon=True)
    thread.start()
    SESSION["search"] = thread


def placement(article):
    """Everything about a post that decides where it and other pages go, as read (plugins
    change authors and tags later, at generator signals)."""
    meta = {k: v for k, v in article.metadata.items() if k not in IN_PLACE}
    # (the address follows from the metadata and the settings, which the fingerprint covers)
    return (article.status, repr(sorted(meta.items(), key=first)), sorted(article.get_static_links()))


def first(item):
    return item[0]  # metadata keys are distinct strings: no need to turn whole items into text


def note_placement(content):
    """``content_object_init``: remember where a post goes, before any plugin changes it."""
    if isinstance(content, Article):
        content.fastbuild_placement = placement(content)


def holds_wrappers(value):
    if isinstance(value, (list, tuple)):
        return any(isinstance(v, URLWrapper) for v in value)
    return isinstance(value, URLWrapper)


def carry_over(old, new):
    """The new text, title and summary into the object every listing holds; its tags, category
    and authors (same names: placement is equal) stay the objects other plugins completed."""
    forget_memoized(old)
    for key, value in vars(new).items():
        if key == "metadata":
            value = {k: old.metadata.get(k, v) if holds_wrappers(v) else v for k, v in value.items()}
        elif holds_wrappers(value):
            continue
        setattr(old, key, value)


def forget_memoized(content):
    """Pelican memoizes get_content / get_summary per object: drop this object's entries."""
    for name in ("get_content", "get_summary"):
        cache = getattr(Content.__dict__.get(name), "cache", None)
        if cache:
            for key in [k for k in cache if k and k[0] is content]:
                del cache[key]


def read_again(generator, path):
    return generator.readers.read_file(
        base_path=generator.path, path=os.path.relpath(path, generator.path), content_class=Article,
        context=generator.context, preread_signal=signals.article_generator_preread, preread_sender=generator,
        context_signal=signals.article_generator_context, context_sender=generator,
    )


def write_atomically(path, run):
    """Run a job writing to a temporary file beside ``path``, then put it in place."""
    folder = os.path.dirname(path)
    fd, temporary = tempfile.mkstemp(prefix=".preview-", dir=folder)
    os.close(fd)
    try:
        run(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def update(paths):
    """Apply edits of ``paths`` (absolute) to the last build; False when a full build is needed.

    A post that cannot be read raises, like a build would (nothing is written then).
    """
    session = SESSION["last"]
    if session is None or not paths:
        return False
    wait_for_search()
    generator = session.articles
    olds = [session.by_path.get(os.path.abspath(p)) for p in paths]
    if None in olds:
        return False
    news = [read_again(generator, p) for p in paths]
    for old, new in zip(olds, news):
        if not isinstance(new, Article) or not new.is_valid():
            return False
        new.refresh_metadata_intersite_links()
        if getattr(new, "fastbuild_placement", 1) != getattr(old, "fastbuild_placement", 2):
            return False
    changed = {old.source_path for old in olds}
    jobs = [job for job in session.jobs if job.shown is None or job.shown & changed]
    if any(not isinstance(job, Job) for job in jobs):  # feeds are written by Pelican's writer, in place
        return False
    for old, new in zip(olds, news):
        carry_over(old, new)
    with Noting():
        for job in jobs:
            final = os.path.join(session.target, os.path.relpath(job.path, session.staging))
            write_atomically(final, lambda temporary, job=job: run_noting(job, temporary))
    logger.info("Updated %d page(s) showing %s", len(jobs), ", ".join(sorted(os.path.relpath(p) for p in changed)))
    refresh_search(session.target, generator.settings)
    return jobs
