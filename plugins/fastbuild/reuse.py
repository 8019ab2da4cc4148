"""Reuse what the previous build wrote: pages whose content did not change, and static files.

build_guard stages each build in an empty folder beside the previous output; a
page or static file that would be written the same is not written there but
added to build_guard's ``OUTPUT_KEPT``, and stays where it is when the build's
files are moved into the output.
"""

import filecmp
import hashlib
import os
import pickle
import time

from .writing import FeedJob

PAGES_FILE = "fastbuild-pages.pickle"
DIGESTS_FILE = "fastbuild-digests.pickle"
# A file written this recently may be written again within the same tick of its timestamp,
# unseen: it is read again next time (git's "racily clean" entries).
RACY_NS = 2 * 10**9


class Digests(dict):
    """path -> md5 of the file's bytes, this build. ``known`` keeps them between builds
    by (size, modification time, inode), so an unchanged file is not read again (1046
    posts read and hashed took 0.16 s of every build at 1000 posts)."""

    def __init__(self):
        super().__init__()
        self.reset()

    def reset(self):
        self.clear()
        self.known, self.file = {}, None

    def load(self, cache_path):
        self.file = os.path.join(cache_path, DIGESTS_FILE)
        try:
            with open(self.file, "rb") as f:
                self.known = dict(pickle.load(f))
        except (OSError, EOFError, pickle.PickleError, TypeError, ValueError, AttributeError):
            self.known = {}

    def save(self):
        """Keep what this build used (files gone or unused since are dropped)."""
        if self.file:
            write_pickle(self.file, {path: self.known[path] for path in self if path in self.known})


def file_digest(path, memo):
    """md5 of a file's bytes, read once per build (Pelican's cache stamps use the same)."""
    if path not in memo:
        known = getattr(memo, "known", None)
        status = os.stat(path)
        stamp = (status.st_size, status.st_mtime_ns, status.st_ino)
        if known and path in known and known[path][0] == stamp:
            memo[path] = known[path][1]
            return memo[path]
        with open(path, "rb") as f:
            memo[path] = hashlib.md5(f.read()).digest()
        if known is not None and time.time_ns() - status.st_mtime_ns > RACY_NS:
            known[path] = (stamp, memo[path])
    return memo[path]


def write_pickle(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".tmp", path)


def digest_or_none(path, memo):
    try:
        return file_digest(path, memo)
    except OSError:
        return None


class PageCache:
    """Pages the previous build wrote that this build would write again identically.

    ``key`` covers everything but the text of posts: the settings, theme, plugins,
    every other content file (fastbuild.stamp), where every post goes and in which
    order (``incremental.placement``), and the day. With the same key, a page is
    the same when every content file its render read is the same file; it is then
    kept from the previous output instead of rendered.
    """

    def __init__(self, cache_path, key, previous, staging, digests, kept):
        self.file = os.path.join(cache_path, PAGES_FILE)
        self.key, self.previous, self.staging = key, previous, staging
        self.kept = kept  # build_guard's: files of the previous output this build keeps as they are
        self.digests = digests
        self.pages = {}
        self.static_before, self.static_now = {}, {}
        try:
            with open(self.file, "rb") as f:
                saved = pickle.load(f)
            self.static_before = saved["static"]
            if saved["key"] == key:
                self.pages = saved["pages"]
        except (OSError, EOFError, pickle.PickleError, KeyError, TypeError, AttributeError):
            pass

    def relative(self, job):
        prefix = self.staging + os.sep  # Pelican's writer joins the output path and the page's
        return job.path[len(prefix):] if job.path.startswith(prefix) else os.path.relpath(job.path, self.staging)

    def reuse(self, jobs):
        """Keep the pages of the previous output that would be rendered the same; returns the
        jobs still to run."""
        todo = []
        for job in jobs:
            if isinstance(job, FeedJob):  # a feed_written receiver may write more files (blog's RSS copy)
                todo.append(job)
                continue
            rel = self.relative(job)
            saved = self.pages.get(rel)
            old = os.path.join(self.previous, rel)
            if saved is not None and all(digest_or_none(p, self.digests) == d for p, d in saved.items()) and os.path.isfile(old):
                self.kept.add(rel)
                job.shown = set(saved)
                continue
            todo.append(job)
        return todo

    def save(self, jobs):
        pages = {self.relative(job): {p: digest_or_none(p, self.digests) for p in job.shown}
                 for job in jobs if job.shown is not None}
        write_pickle(self.file, {"key": self.key, "pages": pages, "static": self.static_now})

    def keep_static(self, generator):
        """Pelican copies every static file into the empty staging folder (0.6 s for 782 files
        at 1000 posts, creating files is slow): keep the previous output's copy instead when
        neither the source nor that copy changed since the last build (same size, time and,
        for the copy, inode), or when they have the same bytes."""
        copy = generator._copy_staticfile

        def keep_or_copy(sc):
            source = os.path.join(generator.path, sc.source_path)
            old = os.path.join(self.previous, sc.save_as)
            try:
                if self.static_before.get(sc.save_as) == stamps(source, old) or filecmp.cmp(source, old, shallow=False):
                    self.kept.add(os.path.normpath(sc.save_as))
                    self.static_now[sc.save_as] = stamps(source, old)
                    return
            except OSError:
                pass
            copy(sc)  # its stamps are taken next time, from the bytes

        generator._copy_staticfile = keep_or_copy


def stamps(source, copy):
    was, now = os.stat(source), os.stat(copy)
    return was.st_size, was.st_mtime_ns, now.st_ino, now.st_size, now.st_mtime_ns
