"""Posts and pages kept between builds as they were made.

Pelican's reader-level content cache keeps what a reader returned, so every build
would still make each post again from it (``Article.__init__``, the
``*_generator_context`` and ``content_object_init`` receivers), and its
generator-level cache pickles the settings and the context with each object.
This keeps each content object as it stood when it was made, its attributes
pickled, with the settings, the shared context, and tags, authors and categories
(which hold the settings) by reference. Whoever asks for a file whose size,
modification time and bytes are the same as then gets the object back as it was;
the warnings its reading logged are logged again. Posts and pages are asked for
by their generators (Pelican hands an object to ``cache_data`` only after it was
made, checked and not skipped, before any generator signal changed it).

Objects dated in the future are not kept (Pelican may make them drafts once
their date has come or not). The whole store is dropped when the fingerprint
(plugins, theme, settings, data, other content: stamp.py) changed.
"""

import datetime
import io
import logging
import os
import pickle

from sitelib import upstream
from sitelib.atomic import replacing
from sitelib.digests import read_cache, stat_stamp

from .reading import LAST_READ, Keeper, Restorer, log_again

logger = logging.getLogger(__name__)

OBJECTS_FILE = "fastbuild-objects.pickle"


class ObjectCache:
    """source path -> (size and time, md5, class, pickled attributes, logged records)."""

    def __init__(self, digests):
        self.digests = digests
        self.reset()

    def reset(self):
        self.saved, self.now, self.file = {}, {}, None
        self.checked = {}  # path -> its entry if still the same, else None: this build's answer

    def load(self, cache_path, use):
        self.file = os.path.join(cache_path, OBJECTS_FILE)
        if not use:
            return
        saved = read_cache(self.file)
        try:
            self.saved = dict(saved or {})
        except (TypeError, ValueError):
            self.saved = {}

    def save(self):
        if self.file:
            with replacing(self.file) as f:
                pickle.dump(self.now, f, protocol=pickle.HIGHEST_PROTOCOL)

    def attach(self, generator):
        """``*_generator_init``: the generator asks here for its files' objects (Pelican calls
        ``cache_data`` only after the object was made, checked and not skipped)."""

        def get(filename, default=None):
            obj = self.get(
                os.path.join(generator.path, filename), generator.settings, generator.context
            )
            return default if obj is None else obj

        def put(filename, obj):
            self.put(
                os.path.join(generator.path, filename),
                obj,
                generator.settings,
                generator.context,
                LAST_READ["records"],
            )

        upstream.answer_reads(generator, get, put)

    def entry(self, path):
        """The saved entry of ``path`` if the file is still the same (asked when its reads are
        queued, then when the generator reads it: the files are looked at once)."""
        if path not in self.checked:
            entry = self.saved.get(path)
            try:
                same = (
                    entry is not None
                    and entry[0] == stat_stamp(os.stat(path))
                    and entry[1] == self.digests.digest(path)
                )
            except OSError:
                same = False
            self.checked[path] = entry if same else None
        return self.checked[path]

    def get(self, path, settings, context):
        """The object made from ``path`` when it was as it is, or None."""
        path = os.path.abspath(path)
        entry = self.entry(path)
        if entry is None:
            return None
        _, _, kind, attributes, records = entry
        obj = upstream.content_from_state(
            kind, Restorer(io.BytesIO(attributes), settings, context).load()
        )
        log_again(records)
        self.now[path] = entry
        return obj

    def put(self, path, obj, settings, context, records):
        """``obj`` was made from ``path`` just now; reading it logged ``records``."""
        path = os.path.abspath(path)
        date = getattr(obj, "date", None)
        if isinstance(date, datetime.datetime) and date > datetime.datetime.now(date.tzinfo):
            return
        try:
            data = io.BytesIO()
            Keeper(data, settings, context).dump(upstream.content_state(obj))
            self.now[path] = (
                stat_stamp(os.stat(path)),
                self.digests.digest(path),
                type(obj),
                data.getvalue(),
                tuple(records),
            )
        except Exception as exc:  # noqa: BLE001 - an object a plugin made unpicklable is made again next time
            logger.debug("fastbuild: %s not kept whole (%s: %s)", path, type(exc).__name__, exc)
