"""Replace a file whole: a reader (or a crash) sees the old file or the new one, never half.

The data goes to a temporary file with a unique name in the same folder (so two writers never
share it and ``os.replace`` stays on one file system), is fsynced, renamed over the target, and
the folder is fsynced so the rename itself survives a power cut.
"""

import contextlib
import os
import tempfile

# mkstemp makes files only their owner can read; the result gets the mode ``open`` would give.
# Read once, at import: os.umask can only be read by setting it, which is not thread-safe.
UMASK = os.umask(0o022)
os.umask(UMASK)


@contextlib.contextmanager
def replacing(path, mode="wb", encoding=None):
    """``with replacing(path) as f: f.write(...)``: ``path`` is replaced when the block ends
    without an exception; otherwise it is left as it was and the temporary file removed."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, temporary = tempfile.mkstemp(
        prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder
    )
    try:
        with os.fdopen(fd, mode, encoding=encoding) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o666 & ~UMASK)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    sync_folder(folder)


def write_bytes(path, data):
    with replacing(path, "wb") as f:
        f.write(data)


def write_text(path, text, encoding="utf-8"):
    with replacing(path, "w", encoding=encoding) as f:
        f.write(text)


def sync_folder(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a platform without directory handles: the rename is as durable as it gets
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
