"""sitelib.digests: a file is read again only when its stamp changed or it was written too recently to trust."""

import hashlib
import os

from sitelib import digests


def old_enough(path):
    """Set the file's time well outside the racy window, as a file edited a while ago."""
    past = os.stat(path).st_mtime_ns - 3 * digests.RACY_NS
    os.utime(path, ns=(past, past))


def counting_reader():
    reads = []

    def compute(path):
        reads.append(path)
        with open(path, "rb") as f:
            return f.read().upper()

    return compute, reads


def an_old_post(tmp_path, **options):
    """A file last edited a while ago, and a StampCache of it that records every read."""
    path = tmp_path / "post.md"
    path.write_bytes(b"kelp")
    old_enough(path)
    compute, reads = counting_reader()
    return path, digests.StampCache(compute, **options), reads


def test_an_unchanged_file_is_not_read_again(tmp_path):
    path, cache, reads = an_old_post(tmp_path)
    assert cache.value(str(path)) == b"KELP"
    assert cache.value(str(path)) == b"KELP"
    assert reads == [str(path)]


def test_a_changed_file_is_read_again_even_with_the_same_size(tmp_path):
    path, cache, reads = an_old_post(tmp_path)
    cache.value(str(path))
    path.write_bytes(b"reef")  # same size, new modification time
    assert cache.value(str(path)) == b"REEF"
    assert len(reads) == 2


def test_a_racily_clean_file_is_not_recorded(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes(b"kelp")  # written just now: the same tick may hide another write
    compute, reads = counting_reader()
    cache = digests.StampCache(compute)
    cache.value(str(path))
    cache.value(str(path))
    assert len(reads) == 2
    assert str(path) not in cache.known


def test_usable_can_refuse_a_recorded_value(tmp_path):
    wanted = {b"KELP"}
    path, cache, reads = an_old_post(tmp_path, usable=lambda value: value in wanted)
    cache.value(str(path))
    wanted.clear()
    cache.value(str(path))
    assert len(reads) == 2


def test_digest_cache_keeps_the_used_digests_between_builds(tmp_path):
    used, gone = tmp_path / "used.md", tmp_path / "gone.md"
    for p in (used, gone):
        p.write_bytes(p.name.encode())
        old_enough(p)
    store = tmp_path / "cache" / "digests.pickle"
    first = digests.DigestCache()
    first.load(str(store))  # no file yet: nothing known
    assert first.digest(str(used)) == hashlib.md5(b"used.md").digest()
    first.digest(str(gone))
    first.save()

    second = digests.DigestCache()
    second.load(str(store))
    assert set(second.stamps.known) == {str(used), str(gone)}
    second.stamps.compute = lambda path: (_ for _ in ()).throw(AssertionError(f"{path} read again"))
    assert second.digest(str(used)) == hashlib.md5(b"used.md").digest()
    second.save()  # only what this build used is kept

    third = digests.DigestCache()
    third.load(str(store))
    assert set(third.stamps.known) == {str(used)}


def test_an_unreadable_store_means_nothing_known(tmp_path):
    store = tmp_path / "digests.pickle"
    store.write_bytes(b"not a pickle")
    cache = digests.DigestCache()
    cache.load(str(store))
    assert cache.stamps.known == {}
