"""Render pages on every core.

Pelican renders and writes each page as a generator asks for it. ``DeferringWriter`` lets
Pelican's ``Writer.write_file`` do its bookkeeping (the same paths claimed in the same order,
with the same override rules and log lines) but turns each render into a ``Job``; once a
generator has asked for all its pages, or for ``BATCH`` of them, ``flush`` renders them in a
pool of forked processes (they inherit templates and context as they are), or here, in order,
when there are few or a worker fails (the job is rendered here again, so a template error is
raised as Pelican raises it). Then ``content_written`` is sent for each page, in Pelican's
order: the file exists and the next generator has not started. Feeds are written by Pelican.

In a build session (build_guard), a page whose previous version holds the same text is kept
(sitelib.session), not written, so an edit build writes the pages that changed.
"""

import logging
import os

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from sitelib import session, upstream
from sitelib.settings import processes

from .reading import captured_logs, chunk_size, forked_pool, log_again

logger = logging.getLogger(__name__)
BATCH = 1000  # pages rendered together at most: each holds its context (some KB) until then


class Job:
    __slots__ = ("localcontext", "path", "save_as", "session", "shared", "siteurl", "template")

    def __init__(self, template, localcontext, shared):
        self.template = template
        self.localcontext = localcontext
        self.path = None  # set when Pelican claims the page's path
        self.save_as = self.session = None  # and, in a build session, the page's place in it
        self.shared = shared  # the generator's context, where Pelican sets localsiteurl
        self.siteurl = shared.get("localsiteurl")

    def __call__(self):
        """Render and write the page; True when the previous output's page is kept instead."""
        self.shared["localsiteurl"] = self.siteurl
        text = self.template.render(self.localcontext)
        if self.session and self.session.has_text(self.save_as, text.encode("utf-8")):
            return True
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(text)
        return False


class Deferred:
    """Stands in for a template: ``render`` queues the job and returns no text."""

    def __init__(self, writer, template, context):
        self.writer, self.template, self.context = writer, template, context

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, localcontext):
        self.writer.pending = Job(self.template, localcontext, self.context)
        self.writer.announced.append(localcontext)
        return ""


class DeferringWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.claimed = {}  # path -> the job that writes it (a later override replaces the job)
        self.announced = []  # the localcontext of every page write Pelican made, in order
        self.pending = None

    def write_file(self, name, template, context, *args, **kwargs):
        # Pelican makes each page's folder as it writes the page: the jobs make them instead.
        with upstream.writes_claimed(self.claim), signals.content_written.muted():
            written = super().write_file(
                name, Deferred(self, template, context), context, *args, **kwargs
            )
        if len(self.claimed) >= BATCH:
            self.flush()
        return written

    def claim(self, path):
        job, self.pending = self.pending, None
        if path != os.devnull:  # os.devnull: Pelican skips this write
            job.path = path
            job.session = session.current(self.settings)
            job.save_as = os.path.relpath(path, self.output_path)
            self.claimed[path] = job

    def flush(self):
        """Write the pages claimed so far, then send their ``content_written``."""
        jobs, announced = list(self.claimed.values()), self.announced
        self.claimed, self.announced = {}, []
        conf = self.settings["FASTBUILD"]
        for job in render_all(jobs, processes(conf["workers"]), conf["min_files"]):
            job.session.kept.add(job.save_as)
        for localcontext in announced:
            signals.content_written.send(
                sanitised_join(self.output_path, localcontext["output_file"]), context=localcontext
            )


# --- rendering -------------------------------------------------------------------
JOBS = []  # inherited by forked workers


def worker_render(index):
    try:
        with captured_logs() as records:
            kept = JOBS[index]()
    except Exception:  # noqa: BLE001 - rendered again in the parent, which raises it as Pelican would
        return index, None, False
    return index, records, kept


def render_all(jobs, workers, min_jobs):
    """Render and write every job (in a pool when there are enough of them); returns the
    page jobs whose previous page was kept."""
    if workers < 2 or len(jobs) < min_jobs:
        return [job for job in jobs if job()]
    JOBS[:] = jobs
    failed, kept = [], []
    try:
        with forked_pool(workers) as pool:
            chunk = chunk_size(len(jobs), workers)
            for index, records, same in pool.imap_unordered(
                worker_render, range(len(jobs)), chunksize=chunk
            ):
                if records is None:
                    failed.append(index)
                else:
                    log_again(records)
                    if same:
                        kept.append(jobs[index])
    except OSError as exc:
        logger.warning(
            "fastbuild: rendering in parallel failed (%s); rendering one page at a time", exc
        )
        failed = range(len(jobs))
    finally:
        JOBS.clear()
    return kept + [jobs[index] for index in sorted(failed) if jobs[index]()]
