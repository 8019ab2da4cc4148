"""Values computed from a file's bytes, kept between builds by the file's stat stamp.

A file whose size, modification time and inode are those recorded is not read again. A file
modified within the last ``RACY_NS`` may change again within the same tick of its timestamp,
unseen (git calls such index entries "racily clean"): its value is not recorded, so it is
read again next time.
"""

import hashlib
import os
import pickle
import time

from sitelib.atomic import replacing

RACY_NS = 2 * 10**9


def stat_stamp(status):
    return status.st_size, status.st_mtime_ns, status.st_ino


class StampCache:
    """path -> ``compute(path)``, recomputed only when the file's stamp changed.

    ``usable(value)`` may refuse a recorded value (for instance one whose parsed data is no
    longer at hand). ``known`` (path -> (stamp, value)) is what ``load`` and ``save`` keep.
    """

    def __init__(self, compute, usable=None):
        self.compute = compute
        self.usable = usable
        self.known = {}

    def value(self, path, status=None):
        status = status or os.stat(path)
        stamp = stat_stamp(status)
        entry = self.known.get(path)
        if (
            entry is not None
            and entry[0] == stamp
            and (self.usable is None or self.usable(entry[1]))
        ):
            return entry[1]
        value = self.compute(path)
        if time.time_ns() - status.st_mtime_ns > RACY_NS:
            self.known[path] = (stamp, value)
        else:
            self.known.pop(path, None)
        return value

    def load(self, file):
        """What an earlier build saved in ``file`` (nothing when it is missing or unreadable)."""
        known = read_cache(file)
        self.known = known if isinstance(known, dict) else {}

    def save(self, file, paths=None):
        """Write what is known (only ``paths``, when given: files gone or unused are dropped)."""
        known = (
            self.known if paths is None else {p: self.known[p] for p in paths if p in self.known}
        )
        with replacing(file) as f:
            pickle.dump(known, f, protocol=pickle.HIGHEST_PROTOCOL)


def read_cache(file):
    """What an earlier build pickled into ``file``, or None when it is missing, cut short or
    written by other code (a cache is only ever a shortcut: a bad one is rebuilt)."""
    try:
        with open(file, "rb") as f:
            return pickle.load(f)
    except UNREADABLE:
        return None


# What unpickling a file cut short, or pickled by other code, raises.
UNREADABLE = (
    OSError,
    EOFError,
    pickle.PickleError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
)


def md5_of_file(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).digest()


class DigestCache(dict):
    """path -> md5 of the file's bytes (Pelican's cache stamps use the same), each file read
    at most once per build, and not at all when its stamp is the one an earlier build saved.

    ``digest(path)`` fills the dict; ``reset()`` starts a build; ``load(file)`` and ``save()``
    keep the digests of the files this build used.
    """

    def __init__(self):
        super().__init__()
        self.stamps = StampCache(md5_of_file)
        self.file = None

    def digest(self, path):
        if path not in self:
            self[path] = self.stamps.value(path)
        return self[path]

    def reset(self):
        self.clear()
        self.stamps.known, self.file = {}, None

    def load(self, file):
        self.file = file
        self.stamps.load(file)

    def save(self):
        if self.file:
            self.stamps.save(self.file, paths=list(self))
