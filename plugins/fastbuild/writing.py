"""Render pages on every core, and remember which content each page showed.

Pelican renders and writes each page as a generator asks for it, one after
another. ``DeferringWriter`` keeps Pelican's bookkeeping (the same files are
claimed, in the same order, with the same override rules and log lines) but
turns each render into a ``Job``; once the last generator has asked for its
pages, ``render_all`` renders the jobs in a pool of forked processes (they inherit
the templates and the whole context as they are), or here, in order, for a
small site or when anything goes wrong in a worker (the job is then rendered
here again, so a template error is raised as Pelican raises it).

While a job renders, every content object it reads an attribute of is noted
(``Job.shown``: source paths). The preview server uses that to re-render only
the pages that show a post that changed.
"""

import io
import logging
import os

from pelican import writers as pelican_writers
from pelican.contents import Content
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .reading import captured_logs, chunk_size, forked_pool, log_again

logger = logging.getLogger(__name__)


class Job:
    __slots__ = ("template", "localcontext", "path", "shared", "siteurl", "shown")

    def __init__(self, template, localcontext, path, shared):
        self.template = template
        self.localcontext = localcontext
        self.path = path
        self.shared = shared  # the generator's context, where Pelican sets localsiteurl
        self.siteurl = shared.get("localsiteurl")
        self.shown = None

    def run(self, path=None):
        self.shared["localsiteurl"] = self.siteurl
        text = self.template.render(self.localcontext)
        path = path or self.path
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


class FeedJob:
    """A feed, written by a plain Writer once its path has been claimed here."""

    __slots__ = ("output_path", "settings", "args", "kwargs", "path", "shown")

    def __init__(self, writer, args, kwargs, path):
        self.output_path, self.settings = writer.output_path, writer.settings
        self.args, self.kwargs, self.path = args, kwargs, path
        self.shown = None

    def run(self, path=None):
        assert path is None, "feeds are only written where Pelican put them"
        Writer(self.output_path, settings=self.settings).write_feed(*self.args, **self.kwargs)


class CopyJob:
    """A static file Pelican would copy while the generators run, copied with the pages instead."""

    __slots__ = ("copy", "static", "path", "shown")

    def __init__(self, copy, static, path):
        self.copy, self.static, self.path = copy, static, path
        self.shown = None

    def run(self, path=None):
        assert path is None, "static files are only copied where Pelican put them"
        self.copy(self.static)


class Deferred:
    """Stands in for a template: ``render`` queues the job and returns the placeholder text."""

    def __init__(self, writer, template, context):
        self.writer, self.template, self.context = writer, template, context

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, localcontext):
        path = os.path.join(self.writer.output_path, localcontext["output_file"])
        self.writer.pending = Job(self.template, localcontext, path, self.context)
        return ""


class FoldersMadeByJobs:
    """``os`` as pelican.writers sees it while a page is queued: ``makedirs`` does nothing."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def makedirs(name, mode=0o777, exist_ok=False):
        pass


FOLDERS_MADE_BY_JOBS = FoldersMadeByJobs()


class DeferringWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.claimed = {}  # path -> the job that writes it (a later override replaces the job)
        self.pending = None

    @property
    def jobs(self):
        return list(self.claimed.values())

    def write_file(self, name, template, context, *args, **kwargs):
        # Pelican makes each page's folder as it writes the page: one mkdir per post, 0.45 s
        # on one core at 1000 posts. The jobs make them instead, on every core.
        pelican_writers.os = FOLDERS_MADE_BY_JOBS
        try:
            return super().write_file(name, Deferred(self, template, context), context, *args, **kwargs)
        finally:
            pelican_writers.os = os

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                   feed_title=None):
        if not path:  # Pelican only returns the feed object: nothing to write
            return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
        complete_path = sanitised_join(self.output_path, path)
        os.makedirs(os.path.dirname(complete_path), exist_ok=True)
        self.pending = FeedJob(self, (elements, context), {
            "path": path, "url": url, "feed_type": feed_type, "feed_title": feed_title}, complete_path)
        with self._open_w(complete_path, "utf-8", override_output):
            logger.info('Writing "%s"', complete_path)
        return None

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rules for a second write to one path, without creating the file yet: the
        job writes it (or the previous build's file is kept) when the jobs run."""
        job, self.pending = self.pending, None
        if job is None:
            return super()._open_w(filename, encoding, override)
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time '
                                               "(was previously overwritten)")
            logger.info('Skipping "%s", not overwriting', filename)
            return io.StringIO()
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already written '
                                               "to it previously (set `override=True` if intended)")
            logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        job.path = filename
        self.claimed[filename] = job
        return io.StringIO()


# --- which content a render showed ---------------------------------------------
SHOWN = []  # the set being filled while a job renders, if any
# A content object is noted at its first attribute read in a job; it then wears a subclass
# that reads attributes directly until the job ends (a render reads 560,000 attributes of
# content objects at 1000 posts, but only about 15 objects per page).
SWAPPED = []  # (object, its own class) while it wears the plain subclass
PLAIN = {}  # class -> its subclass without the noting hook, or None when it has its own hook


def plain_class(cls):
    if cls not in PLAIN:
        own_hook = any("__getattribute__" in vars(c) for c in cls.__mro__[:cls.__mro__.index(Content)])
        PLAIN[cls] = None if own_hook else type(cls.__name__, (cls,), {
            "__getattribute__": object.__getattribute__, "__slots__": (), "__module__": cls.__module__,
            "__qualname__": cls.__qualname__})
    return PLAIN[cls]


def noting_getattribute(self, name):
    if SHOWN:
        SHOWN[-1].add(object.__getattribute__(self, "source_path"))
        cls = type(self)
        plain = plain_class(cls)
        if plain is not None:
            object.__setattr__(self, "__class__", plain)
            SWAPPED.append((self, cls))
    return object.__getattribute__(self, name)


def unswap():
    for obj, cls in SWAPPED:
        object.__setattr__(obj, "__class__", cls)
    SWAPPED.clear()


def run_noting(job, path=None):
    unswap()
    SHOWN.append(set())
    try:
        job.run(path)
    finally:
        unswap()
        job.shown = SHOWN.pop()


class Noting:
    """While active, every attribute read on a content object is noted (in this process)."""

    def __enter__(self):
        Content.__getattribute__ = noting_getattribute

    def __exit__(self, *exc):
        del Content.__getattribute__


# --- rendering -------------------------------------------------------------------
JOBS = []  # inherited by forked workers


def worker_init():
    logging.getLogger().handlers = []
    Content.__getattribute__ = noting_getattribute


def worker_render(index):
    job = JOBS[index]
    try:
        with captured_logs() as records:
            run_noting(job)
    except Exception:  # noqa: BLE001 - rendered again in the parent, which raises it as Pelican would
        return index, None, None
    return index, job.shown, records


def render_here(jobs):
    with Noting():
        for job in jobs:
            run_noting(job)


def render_all(jobs, workers, min_jobs):
    """Render and write every job; in a pool when there are enough of them."""
    if workers < 2 or len(jobs) < min_jobs:
        render_here(jobs)
        return
    JOBS[:] = jobs
    failed = []
    try:
        with forked_pool(workers, worker_init) as pool:
            chunk = chunk_size(len(jobs), workers)
            for index, shown, records in pool.imap_unordered(worker_render, range(len(jobs)), chunksize=chunk):
                if shown is None:
                    failed.append(index)
                    continue
                jobs[index].shown = shown
                log_again(records)
    except OSError as exc:
        logger.warning("fastbuild: rendering in parallel failed (%s); rendering one page at a time", exc)
        failed = [i for i, job in enumerate(jobs) if job.shown is None]
    finally:
        JOBS.clear()
    render_here([jobs[i] for i in sorted(failed)])
