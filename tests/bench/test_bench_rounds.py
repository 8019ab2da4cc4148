"""Each measured round of ``bench/build.py`` starts our build without a content cache: the
files in ``cache/`` (fastbuild's objects, the links index) go, the image cache stays."""

from bench import build


def test_a_round_clears_the_content_cache_files_and_folders_but_not_the_images(tmp_path):
    cache = tmp_path / "cache"
    (cache / "images" / "ab12").mkdir(parents=True)
    (cache / "images" / "ab12" / "w400.webp").write_bytes(b"RIFF")
    (cache / "fastbuild-objects.pickle").write_bytes(b"\x80\x05")
    (cache / "links-front-matter.pickle").write_bytes(b"\x80\x05")
    (cache / "search").mkdir()
    (cache / "search" / "digests.json").write_text("{}")
    out = tmp_path / "out-ours"
    (out / "blog").mkdir(parents=True)

    build.clear([out, *build.content_cache(tmp_path)])

    assert sorted(p.name for p in cache.iterdir()) == ["images"]
    assert (cache / "images" / "ab12" / "w400.webp").read_bytes() == b"RIFF"
    assert not out.exists()
    build.clear([out])  # already gone: nothing to do
