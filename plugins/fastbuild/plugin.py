"""Signals of fastbuild: settings and cache policy at ``initialized``, readers wrapped and
kept objects offered at ``article_generator_init`` / ``page_generator_init``, logs replayed at
``*_generator_context``, pages rendered together (``get_writer``, then after the last
generator's output; in an edit build the posts' changed pages at ``article_writer_finalized``)."""

import datetime
import functools
import hashlib
import logging
import os
import pickle
import time

import jinja2
from blinker import signal
from pelican import signals
from pelican.contents import Content
from pelican.generators import StaticGenerator
from pelican.readers import BaseReader

from sitelib import session

from . import incremental, listing
from .objects import ObjectCache, keep_plugin_reads
from .reading import ParallelReads, pack, read_capturing, replay, unpack
from .reuse import Digests, PageCache, file_digest
from .stamp import fingerprint
from .writing import CopyJob, DeferringWriter, render_all

logger = logging.getLogger(__name__)

DEFAULTS = {
    "cache": True,  # Pelican's content cache, keyed by file hash, dropped when plugins/theme/data/settings change
    "workers": 0,  # processes reading Markdown and rendering pages; 0: one per available core; 1: in order
    "min_files": 40,  # fewer files to read or pages to render than this: not worth starting processes
}
STAMP_FILE = "fastbuild-stamp"


class SettingsError(SystemExit):
    """A bad FASTBUILD value stops the build before anything is read."""


# Reset at every initialized: serve builds many times in one process.
STATE = {"reads": None, "workers": 1, "writer": None, "listing": listing.Listing(), "handled": set()}
DIGESTS = Digests()  # path -> md5 of its bytes, this build (and what earlier builds knew)
OBJECTS = ObjectCache(DIGESTS)  # posts and pages as earlier builds made them


def settings_of(pelican_settings):
    given = pelican_settings.get("FASTBUILD") or {}
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise SettingsError(f"fastbuild: unknown FASTBUILD keys {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    conf = {**DEFAULTS, **given}
    for key in ("cache",):
        if not isinstance(conf[key], bool):
            raise SettingsError(f"fastbuild: FASTBUILD[{key!r}] must be true or false, not {conf[key]!r}")
    for key in ("workers", "min_files"):
        if not isinstance(conf[key], int) or isinstance(conf[key], bool) or conf[key] < 0:
            raise SettingsError(f"fastbuild: FASTBUILD[{key!r}] must be a whole number >= 0, not {conf[key]!r}")
    return conf


def available_cores():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def configure(pelican):
    """``initialized``: validate FASTBUILD, set up parallel reads."""
    settings = pelican.settings
    conf = settings["FASTBUILD"] = settings_of(settings)
    STATE.pop("stamp", None)
    STATE["load_reads"] = False
    workers = STATE["workers"] = conf["workers"] or available_cores()
    STATE["writer"] = STATE["generators"] = STATE["fingerprint"] = STATE["pages"] = None
    STATE["copies"] = []
    STATE["handled"] = set()  # the jobs rendered or kept before the last generator's output
    STATE["listing"] = listing.Listing()
    incremental.forget()
    DIGESTS.reset()
    OBJECTS.reset()
    if STATE["reads"] is not None:
        STATE["reads"].close()
    STATE["reads"] = ParallelReads(workers, conf["min_files"]) if workers > 1 else None


def cache_policy(pelican):
    """``get_generators`` (after every plugin's ``initialized``, before any reader exists):
    use the content cache unless something it depends on changed."""
    settings = pelican.settings
    if settings["FASTBUILD"]["cache"]:
        settings["CACHE_CONTENT"] = True
        settings["CONTENT_CACHING_LAYER"] = "reader"
        settings["CHECK_MODIFIED_METHOD"] = "md5"
        settings["GZIP_CACHE"] = False  # compressing the whole cache again took 0.4 s per build at 1000 posts
        # Every generator has its own Jinja environment and compiled the same templates again
        # (38 compiles, 0.3 s under cProfile); the bytecode cache keys on each template's source.
        compiled = os.path.join(settings["CACHE_PATH"], "jinja")
        os.makedirs(compiled, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = dict(settings["JINJA_ENVIRONMENT"],
                                             bytecode_cache=jinja2.FileSystemBytecodeCache(compiled))
        stamp_path = os.path.join(settings["CACHE_PATH"], STAMP_FILE)
        DIGESTS.load(settings["CACHE_PATH"])
        stamp = STATE["fingerprint"] = fingerprint(settings, functools.partial(file_digest, memo=DIGESTS))
        try:
            with open(stamp_path) as f:
                same = f.read() == stamp
        except OSError:
            same = False
        settings["LOAD_CONTENT_CACHE"] = False  # Pelican's readers would load theirs at once: see portable_cache
        STATE["load_reads"] = same
        OBJECTS.load(settings["CACHE_PATH"], same)
        if not same:
            # written back only once this build has finished, with the cache it saved
            STATE["stamp"] = (stamp_path, stamp)
            if os.path.exists(stamp_path):
                os.remove(stamp_path)
    return []


def save_stamp(pelican):
    """``finalized`` (after build_guard swapped a build without errors in): the cache now
    matches this build's plugins, theme, data and settings; the build is kept for ``update``."""
    settings = pelican.settings
    if STATE["writer"] is not None and STATE.get("generators"):
        incremental.remember(STATE["generators"], STATE["writer"], settings["OUTPUT_PATH"], session.final(settings))
    if STATE["pages"] is not None:
        STATE["pages"].save(STATE["writer"].jobs)
    if settings["FASTBUILD"]["cache"]:
        DIGESTS.save()
        OBJECTS.save()
    pending = STATE.pop("stamp", None)
    if pending:
        path, stamp = pending
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(stamp)


def fast_read(reader, original, path):
    reads = STATE["reads"]
    if reads is not None:
        result = reads.take(path, reader.settings)
        if result is not None:
            return result
    return read_capturing(original, path)


def portable_cache(readers):
    """Keep tags, authors and categories in the content cache by name: they hold the settings,
    which hold objects of other plugins that cannot be pickled.

    With posts and pages kept whole (objects.py), this cache answers only files whose object
    is not kept (touched, dated in the future, unpicklable): it is read from disk on the first
    question it may answer, and written only when it took a new entry. An edited post was kept
    whole before: its new read is kept that way, not here (an edit build neither reads nor
    writes this cache, 0.05 s at 1000 posts)."""
    if hasattr(readers, "fastbuild_cache"):
        return
    readers.fastbuild_cache = True
    cache_data, get_cached_data, save_cache = readers.cache_data, readers.get_cached_data, readers.save_cache
    state = {"due": STATE["load_reads"], "added": False}

    def load():
        if state["due"]:
            state["due"] = False
            try:
                with open(readers._cache_path, "rb") as f:
                    saved = pickle.load(f)
            except (OSError, EOFError, pickle.PickleError, AttributeError, ImportError, TypeError, ValueError):
                saved = {}
            readers._cache = {**saved, **readers._cache}

    def cache_packed(filename, data):
        if OBJECTS.replaced(filename):
            return
        load()
        state["added"] = True
        content, metadata = data
        cache_data(filename, (content, {k: pack(v) for k, v in metadata.items()}))

    def get_unpacked(filename, default=None):
        if OBJECTS.replaced(filename):
            return default
        load()
        data = get_cached_data(filename, None)
        if data is None or data[0] is None:
            return default
        content, metadata = data
        return content, {k: unpack(v, readers.settings) for k, v in metadata.items()}

    def save_or_warn():
        if not state["added"]:
            return
        try:
            save_cache()
        except Exception as exc:  # noqa: BLE001 - Pelican only catches some pickling errors
            logger.warning("fastbuild: content cache not saved (%s: %s); the next build reads everything",
                           type(exc).__name__, exc)

    readers.cache_data, readers.get_cached_data, readers.save_cache = cache_packed, get_unpacked, save_or_warn


def wrap_readers(generator):
    """``*_generator_init``: every read goes through ``fast_read``; queue the generator's files
    that are not kept whole (objects.py)."""
    readers = generator.readers
    portable_cache(readers)
    share_digests(generator)
    if generator.settings["FASTBUILD"]["cache"]:
        OBJECTS.attach(generator)
    for reader in readers.readers.values():
        if not hasattr(reader, "fastbuild_read"):
            reader.fastbuild_read = reader.read
            reader.read = functools.partial(fast_read, reader, reader.fastbuild_read)
    if STATE["reads"] is not None:
        kind = "ARTICLE" if hasattr(generator, "articles") else "PAGE"
        files = generator.get_files(generator.settings[f"{kind}_PATHS"], exclude=generator.settings[f"{kind}_EXCLUDES"])
        paths = [os.path.abspath(os.path.join(generator.path, f)) for f in files]
        STATE["reads"].add(readers, [p for p in paths if OBJECTS.entry(p) is None])


def deferring_writer(pelican):
    """``get_writer``: pages are queued as generators write them, rendered by ``render_all``
    once the last generator has written (``render_after_last_output``)."""
    return DeferringWriter


def page_cache(settings, generators):
    """Pages (and static files) of the previous build to reuse: with the content cache on,
    when build_guard stages the build beside the previous output."""
    staging, previous = settings["OUTPUT_PATH"], session.final(settings)
    if not STATE["fingerprint"] or previous == staging or session.kept(settings) is None:
        return None
    places = sorted((c.source_path, c.fastbuild_placement) for g in generators
                    for c in (*getattr(g, "articles", ()), *getattr(g, "drafts", ()), *getattr(g, "hidden_articles", ()))
                    if hasattr(c, "fastbuild_placement"))
    key = hashlib.sha256(repr((STATE["fingerprint"], places, datetime.date.today().isoformat())).encode()).hexdigest()
    pages = PageCache(settings["CACHE_PATH"], key, previous, staging, DIGESTS, session.kept(settings))
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            pages.keep_static(generator)
    return pages


def render_after_last_output(generators):
    """``all_generators_finalized``: render the queued pages once the last generator has written."""
    STATE["generators"] = generators
    if STATE["reads"] is not None:
        STATE["reads"].close()
    for generator in generators:  # first: the page cache decides here which files need a copy
        if isinstance(generator, StaticGenerator):
            copy_with_the_pages(generator)
    STATE["pages"] = page_cache(generators[0].settings, generators)
    last = [g for g in generators if hasattr(g, "generate_output")][-1]
    original = last.generate_output

    def generate_output(writer):
        original(writer)
        if isinstance(writer, DeferringWriter):
            STATE["writer"] = writer
            started = time.perf_counter()
            pages, handled = STATE["pages"], STATE["handled"]
            waiting = [job for job in writer.jobs if job not in handled]
            jobs = pages.reuse(waiting) if pages else waiting
            render_all(jobs + STATE["copies"], STATE["workers"], writer.settings["FASTBUILD"]["min_files"])
            logger.debug("fastbuild: %d pages rendered, %d reused, in %.2f s", len(jobs), len(waiting) - len(jobs),
                         time.perf_counter() - started)

    last.generate_output = generate_output


def render_posts_first(generator, writer):
    """``article_writer_finalized``: when the previous output is kept but for a few pages (an
    edit), the posts' pages that changed are rendered now, as Pelican would have as it wrote
    them, rather than after every generator; then the named signal ``fastbuild_posts_written``
    tells the search plugin that every post page is in place, so it can index the posts again
    while the other generators work (0.35 s of Pagefind at 1000 posts)."""
    pages = STATE["pages"]
    if not isinstance(writer, DeferringWriter) or pages is None or not pages.pages:
        return
    jobs = writer.jobs
    todo = pages.reuse(jobs)
    if len(todo) * 4 > len(jobs):  # not an edit: the pages to render wait for the pool, as in a full build
        waiting = set(todo)
        STATE["handled"].update(job for job in jobs if job not in waiting)  # kept: not asked again
        return
    render_all(todo, STATE["workers"], writer.settings["FASTBUILD"]["min_files"])
    STATE["handled"].update(jobs)
    signal("fastbuild_posts_written").send(generator, settings=writer.settings)


def copy_with_the_pages(generator):
    """Pelican copies static files one after another before any page is rendered (0.35 s for
    782 images at 1000 posts, on one core); they are copied by the rendering workers instead."""
    copy = generator._copy_staticfile

    def queue(static):
        STATE["copies"].append(CopyJob(copy, static, os.path.join(generator.output_path, static.save_as)))

    generator._copy_staticfile = queue


def update_in_place(sender, paths):
    """``fastbuild_update`` (sent by the preview server): edited posts applied to the last build."""
    for path in paths:
        DIGESTS.pop(os.path.abspath(path), None)
        DIGESTS.pop(path, None)
    return incremental.update(paths)


def remember_relative_paths():
    """Pelican works out a content file's path relative to PATH (two abspath and a relpath)
    for every url and save_as it formats: 13,700 times in a 1000-post build, 0.7 s under
    cProfile. It is a function of PATH and the source path alone, so it is remembered."""
    original = Content.get_relative_source_path
    if getattr(original, "fastbuild_memo", False):
        return
    memo = {}

    def get_relative_source_path(self, source_path=None):
        key = (self.settings["PATH"], source_path or self.source_path)
        if key not in memo:
            memo[key] = original(self, source_path)
        return memo[key]

    get_relative_source_path.fastbuild_memo = True
    Content.get_relative_source_path = get_relative_source_path


def walk_less(generator):
    """``*_generator_init``: fastbuild lists a generator's files to queue them and the
    generator lists them again to read them; the content does not change during a build, so
    a listing is remembered for the generator, and each folder is walked once for all the
    generators (listing.py). Pelican also walks every generator's folders to warn about files
    whose reader is disabled: with no reader disabled, there is nothing to find."""
    memo = {}

    def get_files(paths, exclude=None, extensions=None):
        key = (paths if isinstance(paths, str) else tuple(paths), tuple(exclude or ()),
               extensions if extensions is None or extensions is False else tuple(extensions))
        if key not in memo:  # the same frozenset every time: the same order (reading.ParallelReads)
            memo[key] = frozenset(listing.get_files(generator, STATE["listing"], paths, exclude, extensions))
        return memo[key]

    generator.get_files = get_files
    if not generator.readers.disabled_extensions:
        generator._check_disabled_readers = lambda paths, exclude=None: None


def remember_static_links():
    """Pelican finds the static files a post links to when it adds the post to the site, and
    fastbuild did so first for the post's placement: a regular expression over every post's
    HTML, twice (0.09 s at 1000 posts). The answer depends on the text alone, so it is kept
    with the text it was found in."""
    original = Content.get_static_links
    if getattr(original, "fastbuild_memo", False):
        return

    def get_static_links(self):
        text, links = self.__dict__.get("fastbuild_static_links", (None, None))
        if text is None or text is not self._content:
            links = original(self)
            self.__dict__["fastbuild_static_links"] = (self._content, links)
        return set(links)

    get_static_links.fastbuild_memo = True
    Content.get_static_links = get_static_links


def share_digests(generator):
    """``*_generator_init``: the cache stamps Pelican checks, in the generator and again in its
    readers (twice per file, 782 images and 1046 posts at 1000 posts), are this build's md5s,
    one per file, shared with the page cache."""
    if generator.settings["CHECK_MODIFIED_METHOD"] != "md5":
        return
    if isinstance(generator, StaticGenerator) and type(generator.readers.readers.get("static")) is BaseReader:
        # Pelican's static reader never opens the file: what it caches is the same whatever
        # the bytes, so their md5 (56 MB of images at 1000 posts) is not worth reading
        generator.readers._filestamp_func = static_stamp
        return
    generator.readers._filestamp_func = generator._filestamp_func = functools.partial(file_digest, memo=DIGESTS)


def static_stamp(path):
    return b"static"


def register():
    keep_plugin_reads(OBJECTS)
    remember_relative_paths()
    remember_static_links()
    signals.static_generator_init.connect(share_digests)
    for init in (signals.article_generator_init, signals.page_generator_init, signals.static_generator_init):
        init.connect(walk_less)
    signals.initialized.connect(configure)
    signals.get_generators.connect(cache_policy)
    signals.finalized.connect(save_stamp)
    signals.article_generator_init.connect(wrap_readers)
    signals.page_generator_init.connect(wrap_readers)
    signals.article_generator_context.connect(replay)
    signals.page_generator_context.connect(replay)
    signals.get_writer.connect(deferring_writer)
    signals.all_generators_finalized.connect(render_after_last_output)
    signals.article_writer_finalized.connect(render_posts_first)
    signals.content_object_init.connect(incremental.note_placement)
    signal("fastbuild_update").connect(update_in_place)
