"""Making the WebP versions and cards the pages refer to, and placing them.

Each job's files are made in ``CACHE_PATH/images/KEY/`` unless already there (several jobs
at once in forked processes when there are more than one); they are then linked (or
copied) to ``OUTPUT/FOLDER/KEY/``. One log line says how many files were made and how
many came from the cache: a build whose images did not change makes none.
"""

import logging
import multiprocessing
import os

from pelican.generators import Generator

from sitelib import session
from sitelib.paths import display_path, link_or_copy
from sitelib.settings import processes

from . import cards, process

logger = logging.getLogger(__name__)

CONTEXT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def cache_folder(settings):
    return os.path.abspath(os.path.join(settings["CACHE_PATH"], "images"))


def job_files(job):
    """The files of a job, in the cache and in the output folder."""
    if job[0] != "image":
        return [cards.FILE]
    return [name for name, _, _ in job[3]]


def run(job, cache, options):
    """Make one job's missing files in the cache. Returns (key, files made, problem or None)."""
    folder = os.path.join(cache, job[1])
    try:
        if job[0] == "image":
            made = process.make(job[2], folder, job[3], options)
        else:
            made = cards.make(folder, *job[2:], options["card_template"], options["card_font"])
    except Exception as exc:  # noqa: BLE001 - reported as one warning naming the file
        return job[1], 0, f"{type(exc).__name__}: {exc}"
    return job[1], made, None


def _run_star(args):
    return run(*args)


def workers(options, count):
    wanted = processes(options["workers"])
    return max(1, min(wanted, count))


def place_job(job, cache, out_root, folder, building):
    """Link a job's files into ``out_root``; in a build session (``building``), a file the
    previous output already links to is kept there."""
    placed = []
    for name in job_files(job):
        source = os.path.join(cache, job[1], name)
        save_as = os.path.join(folder, job[1], name)
        if building and building.has_file(save_as, source):
            building.kept.add(save_as)
        else:
            placed.append((source, name))
    if not placed:
        return
    for source, name in placed:
        link_or_copy(source, os.path.join(out_root, job[1], name))


class ImagesGenerator(Generator):
    """Listed after the posts' and pages' generators: at ``generate_output`` every page the
    build publishes is known."""

    made = 0

    def jobs(self):
        """The jobs of every post and page the build publishes."""
        found = {}
        for name in CONTEXT_LISTS:
            for content in self.context.get(name) or []:
                for item in [content, *getattr(content, "translations", [])]:
                    found.update(getattr(item, "image_jobs", None) or {})
        return [found[k] for k in sorted(found)]

    def make_missing(self, jobs):
        """Make what the cache lacks; returns the keys that failed."""
        options = self.settings["IMAGES"]
        cache = cache_folder(self.settings)
        todo = [
            j
            for j in jobs
            if not all(os.path.exists(os.path.join(cache, j[1], f)) for f in job_files(j))
        ]
        results = []
        if todo:
            count = workers(options, len(todo))
            args = [(job, cache, options) for job in todo]
            if count > 1:
                with multiprocessing.get_context("fork").Pool(count) as pool:
                    results = pool.map(_run_star, args, chunksize=1)
            else:
                results = [run(*a) for a in args]
        failed = set()
        for job, (key, made, problem) in zip(todo, results, strict=True):
            self.made += made
            if problem:
                failed.add(key)
                logger.warning(
                    "%s: image cannot be processed (%s): replace it with a valid PNG, JPEG or WebP file",
                    display_path(job[2]) if job[0] == "image" else "card",
                    problem,
                )
        return failed

    def generate_output(self, writer):
        options = self.settings["IMAGES"]
        cache = cache_folder(self.settings)
        jobs = self.jobs()
        failed = self.make_missing(jobs)
        out_root = os.path.join(self.output_path, options["folder"])
        building = session.current(self.settings)
        for job in jobs:
            if job[1] not in failed:
                place_job(job, cache, out_root, options["folder"], building)
        files = sum(len(job_files(j)) for j in jobs)
        logger.info(
            "images: %d files made, %d from the cache (%d images, %d cards)",
            self.made,
            files - self.made,
            sum(j[0] == "image" for j in jobs),
            sum(j[0] == "card" for j in jobs),
        )
