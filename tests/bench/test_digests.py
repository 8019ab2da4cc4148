"""fastbuild remembers each file's md5 between builds by size, modification time and inode,
and reads a file again when any of them changed or when it was written very recently."""

import hashlib
import os
import time

from fastbuild.reuse import Digests, file_digest

OLD = time.time_ns() - 3600 * 10**9  # an hour ago


def write(path, text, mtime_ns=None):
    path.write_text(text)
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return str(path)


def next_build(cache, digests=None):
    if digests is not None:
        digests.save()
    fresh = Digests()
    fresh.load(str(cache))
    return fresh


def test_an_unchanged_file_is_not_read_again(tmp_path):
    path = write(tmp_path / "post.md", "first", OLD)
    first = Digests()
    first.load(str(tmp_path / "cache"))
    assert file_digest(path, first) == hashlib.md5(b"first").digest()
    # same size and times, other bytes: only a file that was not read again gives the old digest
    write(tmp_path / "post.md", "fir5t", OLD)
    assert file_digest(path, next_build(tmp_path / "cache", first)) == hashlib.md5(b"first").digest()


def test_a_changed_size_or_time_is_read_again(tmp_path):
    path = write(tmp_path / "post.md", "first", OLD)
    first = Digests()
    first.load(str(tmp_path / "cache"))
    file_digest(path, first)
    write(tmp_path / "post.md", "fir5t", OLD + 10**9)  # same size, a second later
    second = next_build(tmp_path / "cache", first)
    assert file_digest(path, second) == hashlib.md5(b"fir5t").digest()
    write(tmp_path / "post.md", "first!", OLD + 10**9)  # same time, another size
    assert file_digest(path, next_build(tmp_path / "cache", second)) == hashlib.md5(b"first!").digest()


def test_a_file_written_just_now_is_read_again_next_time(tmp_path):
    path = write(tmp_path / "post.md", "first")  # its time is now: another write could share it
    first = Digests()
    first.load(str(tmp_path / "cache"))
    file_digest(path, first)
    stamp = os.stat(path).st_mtime_ns
    write(tmp_path / "post.md", "fir5t", stamp)  # same size, same time
    assert file_digest(path, next_build(tmp_path / "cache", first)) == hashlib.md5(b"fir5t").digest()


def test_files_not_used_by_a_build_are_forgotten(tmp_path):
    kept, gone = write(tmp_path / "a.md", "a", OLD), write(tmp_path / "b.md", "b", OLD)
    first = Digests()
    first.load(str(tmp_path / "cache"))
    file_digest(kept, first), file_digest(gone, first)
    second = next_build(tmp_path / "cache", first)
    file_digest(kept, second)
    assert set(next_build(tmp_path / "cache", second).known) == {kept}
