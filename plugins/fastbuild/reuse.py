"""Reuse what the previous build wrote: pages whose content did not change, and static files.

build_guard stages each build in an empty folder beside the previous output and
deletes the previous output only after the swap; nothing writes into a page or a
static file in place, so hard links from the previous output are safe.
"""

import filecmp
import hashlib
import os
import pickle

from .writing import FeedJob

PAGES_FILE = "fastbuild-pages.pickle"


def file_digest(path, memo):
    """md5 of a file's bytes, read once per build (Pelican's cache stamps use the same)."""
    if path not in memo:
        with open(path, "rb") as f:
            memo[path] = hashlib.md5(f.read()).digest()
    return memo[path]


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
    hard-linked from the previous output instead of rendered.
    """

    def __init__(self, cache_path, key, previous, staging, digests):
        self.file = os.path.join(cache_path, PAGES_FILE)
        self.key, self.previous, self.staging = key, previous, staging
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
        return os.path.relpath(job.path, self.staging)

    def reuse(self, jobs):
        """Link the pages that can be reused; returns the jobs still to run."""
        todo = []
        for job in jobs:
            if isinstance(job, FeedJob):  # a feed_written receiver may write more files (blog's RSS copy)
                todo.append(job)
                continue
            rel = self.relative(job)
            saved = self.pages.get(rel)
            old = os.path.join(self.previous, rel)
            if saved is not None and all(digest_or_none(p, self.digests) == d for p, d in saved.items()) and os.path.isfile(old):
                try:
                    os.makedirs(os.path.dirname(job.path), exist_ok=True)
                    os.link(old, job.path)
                    job.shown = set(saved)
                    continue
                except OSError:
                    pass
            todo.append(job)
        return todo

    def save(self, jobs):
        pages = {self.relative(job): {p: digest_or_none(p, self.digests) for p in job.shown}
                 for job in jobs if job.shown is not None}
        os.makedirs(os.path.dirname(self.file), exist_ok=True)
        temporary = self.file + ".tmp"
        with open(temporary, "wb") as f:
            pickle.dump({"key": self.key, "pages": pages, "static": self.static_now}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)


    def link_static(self, generator):
        """Pelican copies every static file into the empty staging folder (0.6 s for 782 files
        at 1000 posts, creating files is slow): link the previous output's copy instead when
        neither the source nor that copy changed since the last build (same size, time and,
        for the copy, inode), or when they have the same bytes."""
        copy = generator._copy_staticfile

        def link_or_copy(sc):
            source = os.path.join(generator.path, sc.source_path)
            old = os.path.join(self.previous, sc.save_as)
            target = os.path.join(generator.output_path, sc.save_as)
            try:
                if self.static_before.get(sc.save_as) == stamps(source, old) or filecmp.cmp(source, old, shallow=False):
                    generator._mkdir(os.path.dirname(target))
                    os.link(old, target)
                else:
                    copy(sc)
            except OSError:
                copy(sc)
            try:
                self.static_now[sc.save_as] = stamps(source, target)
            except OSError:
                pass

        generator._copy_staticfile = link_or_copy


def stamps(source, copy):
    was, now = os.stat(source), os.stat(copy)
    return was.st_size, was.st_mtime_ns, now.st_ino, now.st_size, now.st_mtime_ns
