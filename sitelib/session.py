"""The build session: what one build knows about its own output, in one object.

build_guard opens a session at ``initialized`` (it stages the build in a new folder beside
the output) and closes it when the build ends; plugins that reuse or index the output read
it with ``current(settings)``. Without build_guard there is no session and the build
writes straight into ``OUTPUT_PATH``: ``final(settings)`` and ``kept(settings)`` answer
for both cases. The session stays open after the build (``finalized`` receivers still
read it) and is replaced by the next one; a build whose OUTPUT_PATH is not the session's
staging folder is not in it.
"""

import dataclasses
import os


@dataclasses.dataclass
class BuildSession:
    staging: str  # the folder this build writes into (Pelican's OUTPUT_PATH while it runs)
    final: str  # the output folder: the previous site, replaced by the staged one on success
    # Files of the previous output (paths relative to ``final``) that a plugin found unchanged
    # and did not write again: they stay when the staged files are moved in.
    kept: set = dataclasses.field(default_factory=set)

    def previous(self, save_as):
        """Where the previous output has the file this build would write as ``save_as``."""
        return os.path.join(self.final, save_as)

    # A writer that finds the previous output already holding what it would write adds the
    # path to ``kept`` instead of writing it (an edit build then writes a few files, not the
    # whole tree).

    def has_text(self, save_as, data):
        """The previous output's file holds exactly ``data`` (bytes)."""
        try:
            with open(self.previous(save_as), "rb") as f:
                return f.read(len(data) + 1) == data
        except OSError:
            return False

    def has_copy(self, save_as, source):
        """The previous output's file is a copy of ``source``: the same size, and made since
        ``source`` last changed (Pelican's own rule for static files,
        ``STATIC_CHECK_IF_MODIFIED``, with the size checked too)."""
        try:
            a, b = os.stat(source), os.stat(self.previous(save_as))
        except OSError:
            return False
        return a.st_size == b.st_size and a.st_mtime_ns <= b.st_mtime_ns

    def has_file(self, save_as, source):
        """The previous output's file is ``source`` itself (a hard link)."""
        try:
            return os.path.samefile(source, self.previous(save_as))
        except OSError:
            return False


_current = None


def open_session(staging, final):
    """build_guard, at ``initialized``: this process's build writes into ``staging``."""
    global _current
    _current = BuildSession(staging, final)
    return _current


def current(settings):
    """The session of the build with these settings, or None (a build without build_guard,
    or one that is not the session's: another build in the same process, e.g. a test's)."""
    if _current is not None and settings.get("OUTPUT_PATH") == _current.staging:
        return _current
    return None


def final(settings):
    """Where the previous build's output is: the session's final folder, or OUTPUT_PATH itself."""
    session = current(settings)
    return session.final if session else settings["OUTPUT_PATH"]


def kept(settings):
    """The session's set of kept files, or None without a session (then nothing can be kept)."""
    session = current(settings)
    return session.kept if session else None
