"""Signals of fastbuild: settings and the kept objects' policy at ``initialized`` and
``get_generators``, readers wrapped and kept objects offered at ``article_generator_init`` /
``page_generator_init``, logs replayed at ``*_generator_context``, pages rendered together
(``get_writer``, then after each generator's output), the kept objects saved at ``finalized``."""

import functools
import os

from pelican import signals
from pelican.generators import StaticGenerator

from sitelib import session, upstream
from sitelib.digests import DigestCache
from sitelib.paths import link_or_copy
from sitelib.settings import SettingsError, merged, processes, whole

from .objects import ObjectCache
from .reading import ParallelReads, read_capturing, replay
from .stamp import fingerprint
from .writing import DeferringWriter

DEFAULTS = {
    "cache": True,  # posts and pages kept between builds, dropped when plugins/theme/data/settings change
    "workers": 0,  # processes reading Markdown and rendering pages; 0: one per available core; 1: in order
    "min_files": 40,  # fewer files to read or pages to render than this: not worth starting processes
}


# Reset at every initialized: serve builds many times in one process.
STATE = {"reads": None}
DIGESTS = DigestCache()  # path -> md5 of its bytes, this build
OBJECTS = ObjectCache(DIGESTS)  # posts and pages as earlier builds made them


def settings_of(pelican_settings):
    conf = merged("fastbuild", "FASTBUILD", pelican_settings.get("FASTBUILD"), DEFAULTS)
    wrong = [(k, "true or false") for k in ("cache",) if not isinstance(conf[k], bool)]
    wrong += [(k, "a whole number >= 0") for k in ("workers", "min_files") if not whole(conf[k])]
    if wrong:
        key, what = wrong[0]
        raise SettingsError("fastbuild", f"FASTBUILD[{key!r}] must be {what}, not {conf[key]!r}")
    return conf


def configure(pelican):
    """``initialized``: validate FASTBUILD, set up parallel reads."""
    settings = pelican.settings
    conf = settings["FASTBUILD"] = settings_of(settings)
    workers = processes(conf["workers"])
    DIGESTS.reset()
    OBJECTS.reset()
    if STATE["reads"] is not None:
        STATE["reads"].close()
    STATE["reads"] = ParallelReads(workers, conf["min_files"]) if workers > 1 else None


def cache_policy(pelican):
    """``get_generators`` (after every plugin's ``initialized``, before any generator exists):
    keep posts and pages between builds unless something they depend on changed."""
    settings = pelican.settings
    if settings["FASTBUILD"]["cache"]:
        OBJECTS.load(settings["CACHE_PATH"], fingerprint(settings, DIGESTS.digest))
    return []


def save_objects(pelican):
    """``finalized`` (after build_guard swapped a build without errors in): the kept objects
    now match this build's plugins, theme, data and settings."""
    if pelican.settings["FASTBUILD"]["cache"]:
        OBJECTS.save()


def fast_read(reader, original, path):
    reads = STATE["reads"]
    if reads is not None:
        result = reads.take(path, reader.settings)
        if result is not None:
            return result
    return read_capturing(original, path)


def wrap_readers(generator):
    """``*_generator_init``: every read goes through ``fast_read``; queue the generator's files
    that are not kept whole (objects.py)."""
    readers = generator.readers
    if generator.settings["FASTBUILD"]["cache"]:
        OBJECTS.attach(generator)
    for reader in readers.readers.values():
        if not hasattr(reader, "fastbuild_read"):
            reader.fastbuild_read = reader.read
            reader.read = functools.partial(fast_read, reader, reader.fastbuild_read)
    if STATE["reads"] is not None:
        kind = "ARTICLE" if hasattr(generator, "articles") else "PAGE"
        # the set the generator lists again: the same order, so results come as it asks
        files = generator.get_files(
            generator.settings[f"{kind}_PATHS"], exclude=generator.settings[f"{kind}_EXCLUDES"]
        )
        paths = [os.path.abspath(os.path.join(generator.path, f)) for f in files]
        STATE["reads"].add(readers, [p for p in paths if OBJECTS.entry(p) is None])


def deferring_writer(pelican):
    """``get_writer``: pages are queued as generators write them, rendered together once each
    generator has written (``render_after_each_output``)."""
    return DeferringWriter


def render_after_each_output(generators):
    """``all_generators_finalized``: each generator's pages are rendered together once it has
    asked for them all."""
    if STATE["reads"] is not None:
        STATE["reads"].close()
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            keep_static_copies(generator)
        if hasattr(generator, "generate_output"):
            generator.generate_output = functools.partial(
                output_then_render, generator.generate_output
            )


def output_then_render(generate_output, writer):
    generate_output(writer)
    if isinstance(writer, DeferringWriter):
        writer.flush()


def keep_static_copies(generator):
    """In a build session, a static file the previous output has a copy of (same size, made
    since the file last changed) is kept there; another is hard-linked (or copied) there."""
    building = session.current(generator.settings)

    def link_or_keep(static):
        source = os.path.join(generator.path, static.source_path)
        if building.has_copy(static.save_as, source):
            building.kept.add(static.save_as)
        else:
            link_or_copy(source, os.path.join(generator.output_path, static.save_as))

    if building:
        upstream.replace_static_copy(generator, link_or_keep)


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(cache_policy)
    signals.finalized.connect(save_objects)
    signals.article_generator_init.connect(wrap_readers)
    signals.page_generator_init.connect(wrap_readers)
    signals.article_generator_context.connect(replay)
    signals.page_generator_context.connect(replay)
    signals.get_writer.connect(deferring_writer)
    signals.all_generators_finalized.connect(render_after_each_output)
