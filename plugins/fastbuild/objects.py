"""Posts and pages kept between builds as they were made.

Pelican's reader-level content cache would still make each post again from what a reader
returned (``Article.__init__`` and the receivers of its signals), and its generator-level cache
pickles the settings and the context with each object. This keeps each object's attributes as
they stood when it was made (settings, context, tags, authors and categories by reference):
whoever asks for a file whose size, modification time and bytes are the same gets the object
back, and what its reading logged is logged again. Generators ask for posts and pages (Pelican
hands an object to ``cache_data`` once made, checked and not skipped, before other signals).

Objects dated in the future are not kept (Pelican may make them drafts once
their date has come or not). The whole store is dropped when the fingerprint
(plugins, theme, settings, data, other content: stamp.py) changed: the file starts with it.
"""

import contextlib
import datetime
import glob
import io
import logging
import os
import pickle
import time

from sitelib import upstream
from sitelib.atomic import replacing
from sitelib.digests import UNREADABLE, stat_stamp

from .reading import LAST_READ, Keeper, Restorer, log_again

logger = logging.getLogger(__name__)

OBJECTS_FILE = "fastbuild-objects.pickle"
STAMP = "fingerprint"  # the first record's key: no content path is a bare word


def read_entries(file):
    """The (path, entry) pairs an earlier build wrote to ``file``, up to the first unreadable."""
    try:
        with open(file, "rb") as f:
            while True:
                path, entry = pickle.load(f)
                yield path, entry
    except UNREADABLE:
        return


class ObjectCache:
    """source path -> (size and time, md5, class, pickled attributes, logged records); this
    build's entries go to a new file as each object is made or kept, not held in memory."""

    def __init__(self, digests):
        self.digests = digests
        self.writing = None
        self.reset()

    def reset(self):
        if self.writing:  # the last build in this process did not finish: its file goes
            self.writing.__exit__(RuntimeError, RuntimeError("build stopped"), None)
        self.saved, self.file, self.writing, self.out = {}, None, None, None
        self.checked = {}  # path -> its entry if still the same, else None: this build's answer

    def load(self, cache_path, fingerprint):
        """The entries the last finished build made, if its fingerprint (stamp.py) was the same."""
        self.file = os.path.join(cache_path, OBJECTS_FILE)
        entries = read_entries(self.file)
        self.saved = dict(entries) if next(entries, None) == (STAMP, fingerprint) else {}
        for left in glob.glob(os.path.join(cache_path, f".{OBJECTS_FILE}.*.tmp")):
            with contextlib.suppress(OSError):  # another build's, just removed by it
                if os.stat(left).st_mtime < time.time() - 86400:  # stopped a day ago
                    os.remove(left)
        self.writing = replacing(self.file)  # entered here, left by save (or reset)
        self.out = self.writing.__enter__()
        self.keep(STAMP, fingerprint)

    def keep(self, path, entry):
        self.out.write(pickle.dumps((path, entry), protocol=pickle.HIGHEST_PROTOCOL))

    def save(self):
        if self.writing:
            self.writing.__exit__(None, None, None)
            self.writing = self.out = None

    def attach(self, generator):
        """``*_generator_init``: the generator asks here for its files' objects (Pelican calls
        ``cache_data`` only after the object was made, checked and not skipped)."""

        def get(filename, default=None):
            path = os.path.join(generator.path, filename)
            obj = self.get(path, generator.settings, generator.context)
            return default if obj is None else obj

        def put(filename, obj):
            path = os.path.join(generator.path, filename)
            self.put(path, obj, generator.settings, generator.context, LAST_READ["records"])

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
        """The object made from ``path`` when it was as it is, or None; its bytes then stay
        in the new store only (the old store is not held beside the objects made from it)."""
        path = os.path.abspath(path)
        entry = self.entry(path)
        if entry is None:
            return None
        self.keep(path, entry)
        self.saved.pop(path, None)
        self.checked[path] = None  # asked again: made again
        _, _, kind, attributes, records = entry
        obj = upstream.content_from_state(
            kind, Restorer(io.BytesIO(attributes), settings, context).load()
        )
        log_again(records)
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
            entry = (stat_stamp(os.stat(path)), self.digests.digest(path), type(obj))
            self.keep(path, (*entry, data.getvalue(), tuple(records)))
        except Exception as exc:  # noqa: BLE001 - an object a plugin made unpicklable is made again next time
            logger.debug("fastbuild: %s not kept whole (%s: %s)", path, type(exc).__name__, exc)
