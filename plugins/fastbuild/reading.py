"""Read content files on every core, and keep what a read logged with what it returned.

Pelican reads one file after another; Python-Markdown is about half of a
build. Once the article and page generators know their files, the first read
converts all Markdown files that the kept objects (objects.py) cannot answer in a pool of
forked processes (they inherit the readers, plugins and settings as they are),
and each ``read`` then takes its result. A result that cannot be sent back, or
a crash in a worker, falls back to reading that file here, in order.

Warnings and errors logged while reading (by Markdown extensions of any plugin)
are kept in the metadata under ``fastbuild_log`` and logged again when Pelican
processes that metadata, in the main process, whether the file was read here or
in a worker (objects.py keeps them with the post, to log them again when it is kept).
"""

import contextlib
import io
import logging
import multiprocessing
import os
import pickle
import sys

from pelican.urlwrappers import URLWrapper

from sitelib import upstream

LOG_KEY = "fastbuild_log"
# What reading the file Pelican is making an object of logged (objects.py keeps it with the object).
LAST_READ = {"records": ()}
logger = logging.getLogger(__name__)


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        self.records.append((record.name, record.levelno, message))


@contextlib.contextmanager
def captured_logs():
    """Every warning or error logged inside the block is kept aside, not shown: the yielded
    list fills with (logger name, level, message), for ``log_again`` where it belongs."""
    root = logging.getLogger()
    saved = root.handlers[:]
    capture = Capture()
    root.handlers = [capture]
    try:
        yield capture.records
    finally:
        root.handlers = saved
        # Pelican drops a message it has seen before; these were kept aside, not seen.
        for _, level, message in capture.records:
            upstream.forget_logged(level, message)


def log_again(records):
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)


def read_capturing(read, path):
    """Call ``read(path)`` with every warning or error it logs kept in the metadata."""
    with captured_logs() as records:
        content, metadata = read(path)
    metadata = dict(metadata)
    metadata[LOG_KEY] = records
    return content, metadata


def replay(generator, metadata):
    """``*_generator_context``: log again what reading this file logged (fresh or cached)."""
    records = LAST_READ["records"] = tuple(metadata.pop(LOG_KEY, ()))
    log_again(records)


# --- sending content between processes and builds -------------------------------
# The settings and the generator's context go by reference; tags, authors and categories
# (which hold the settings) by name and slug (slugify is slow, and their settings are the same).
OTHER = object()  # no settings or context: a worker sends only what a read returned


class Keeper(pickle.Pickler):
    def __init__(self, file, settings=OTHER, context=OTHER):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.settings, self.context = settings, context

    def persistent_id(self, obj):
        if obj is self.settings:
            return "settings"
        if obj is self.context:
            return "context"
        if type(obj) is str and not obj.isascii():  # pickle would keep a UTF-8 copy in the str
            return ("text", obj.encode())
        if isinstance(obj, URLWrapper):
            return (
                "wrapper",
                type(obj).__module__,
                type(obj).__qualname__,
                obj.name,
                obj.slug,
                upstream.slug_from_name(obj),
            )
        return None


class Restorer(pickle.Unpickler):
    def __init__(self, file, settings, context=OTHER):
        super().__init__(file)
        self.settings, self.context = settings, context
        self.wrappers = {}  # one object per tag name within a post, as a reader makes them

    def persistent_load(self, pid):
        if pid == "settings":
            return self.settings
        if pid == "context":
            return self.context
        if pid[0] == "text":
            return pid[1].decode()
        if pid not in self.wrappers:
            _, module, name, value, slug, from_name = pid
            wrapper = self.wrappers[pid] = getattr(sys.modules[module], name)(value, self.settings)
            if slug:  # none: made again, and warned about again
                upstream.set_wrapper_slug(wrapper, slug, from_name)
        return self.wrappers[pid]


# --- the pool ------------------------------------------------------------------
def forked_pool(workers):
    """Worker processes forked from this one: they inherit readers, templates and content.
    They log nothing themselves: what they log is sent back, to be logged here in order."""
    return multiprocessing.get_context("fork").Pool(
        workers, initializer=logging.getLogger().handlers.clear
    )


def chunk_size(count, workers):
    """Tasks handed to a worker at a time: about eight rounds per worker, at most 16."""
    return max(1, min(16, count // (workers * 8)))


WORK = {}  # absolute path -> the reader's original read(), inherited by forked workers
WINDOW = 250  # files read at a time


def worker_read(path):
    try:
        content, metadata = read_capturing(WORK[path], path)
        data = io.BytesIO()
        Keeper(data).dump((content, metadata))
        return path, data.getvalue()
    except Exception:  # noqa: BLE001 - a content error or anything else: the parent reads the file itself
        return path, None


class ParallelReads:
    """Files the generators will read, read ahead in a pool from the first read on, in the
    order the generators will ask for them (the files Pelican lists, listed again), so the
    generators turn each result into a post while the workers read the next ones."""

    def __init__(self, workers, min_files):
        self.workers = workers
        self.min_files = min_files
        self.pending = []  # (readers, [absolute paths])
        self.started = False
        self.results = {}  # path -> pickled result, read ahead of its turn
        self.waiting = set()  # paths the pool has yet to return
        self.stream = self.pool = None

    def add(self, readers, paths):
        self.pending.append((readers, paths))

    def take(self, path, settings):
        """The pool's result for ``path`` (content, metadata), or None: read it here."""
        if not self.started:
            self.start()
        while path not in self.results and path in self.waiting:
            if not self.next_result():
                break
        raw = self.results.pop(path, None)
        return None if raw is None else Restorer(io.BytesIO(raw), settings).load()

    def next_result(self):
        try:
            path, raw = next(self.stream)
        except (StopIteration, OSError, pickle.PickleError) as exc:
            if not isinstance(exc, StopIteration):
                logger.warning(
                    "fastbuild: reading in parallel failed (%s); reading one file at a time", exc
                )
            self.close()
            return False
        self.waiting.discard(path)
        if raw is not None:
            self.results[path] = raw
        if not self.waiting:
            self.close()
        return True

    def start(self):
        self.started = True
        WORK.clear()
        for readers, paths in self.pending:
            for path in paths:
                reader = readers.readers.get(os.path.splitext(path)[1][1:])
                if reader is not None and hasattr(reader, "fastbuild_read"):
                    WORK[path] = reader.fastbuild_read
        self.pending = []
        if len(WORK) < self.min_files or self.workers < 2:
            WORK.clear()
            return
        paths = list(WORK)  # in the order they will be asked for
        # The first read here imports what Markdown's extensions load lazily, once, before forking.
        first = paths.pop(0)
        self.results[first] = worker_read(first)[1]
        try:
            self.pool = forked_pool(self.workers)
        except OSError as exc:
            logger.warning(
                "fastbuild: reading in parallel failed (%s); reading one file at a time", exc
            )
            WORK.clear()
            return
        self.stream = self.windows(paths, chunk_size(len(paths), self.workers))
        self.waiting = set(paths)

    def windows(self, paths, size):
        """Results in order, with the pool at most two windows ahead (each waits in memory)."""
        running = iter(())
        for i in range(0, len(paths), WINDOW):
            ahead = self.pool.imap(worker_read, paths[i : i + WINDOW], chunksize=size)
            yield from running
            running = ahead
        yield from running

    def close(self):
        """Stop the pool (every result is in, or the build is over)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool = self.stream = None
        self.waiting = set()
        WORK.clear()
