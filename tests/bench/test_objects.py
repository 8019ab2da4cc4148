"""fastbuild keeps each post as Pelican made it and gives it back, with this build's
settings, context and tags, while its file is the same; otherwise the post is made again."""

import copy
import logging
import os
import time
from types import SimpleNamespace

from fastbuild.objects import ObjectCache
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Tag
from pelican.utils import SafeDatetime

from sitelib.digests import DigestCache

OLD = time.time_ns() - 3600 * 10**9  # an hour ago: not "racily clean"


def generator(folder):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PATH"] = str(folder)
    return SimpleNamespace(settings=settings, context={"build": object()}, path=str(folder))


MAY_DAY = SafeDatetime(2021, 5, 1)


def post(gen, name, text="Hello", date=MAY_DAY):
    path = os.path.join(gen.path, name)
    with open(path, "w") as f:
        f.write(text)
    os.utime(path, ns=(OLD, OLD))
    named = Tag("Hubs", gen.settings)
    named.slug = "hub-services"  # set by hand: kept as it is
    metadata = {
        "title": text,
        "date": date,
        "tags": [Tag("Jupyter Book", gen.settings), named],
        "author": Author("Ada", gen.settings),
    }
    return Article(
        f"<p>{text}</p>",
        metadata=metadata,
        settings=gen.settings,
        source_path=path,
        context=gen.context,
    )


def made(first, gen, name, obj, records=()):
    first.put(os.path.join(gen.path, name), obj, gen.settings, gen.context, records)


def given(cache, gen, name):
    return cache.get(os.path.join(gen.path, name), gen.settings, gen.context)


def next_build(cache_dir, before, use=True):
    before.save()
    after = ObjectCache(DigestCache())
    after.load(str(cache_dir), "the same fingerprint" if use else "another")
    return after


def first_build(cache_dir):
    cache = ObjectCache(DigestCache())
    cache.load(str(cache_dir), "the same fingerprint")
    return cache


def test_an_unchanged_post_comes_back_with_this_builds_settings_context_and_tags(tmp_path, caplog):
    gen = generator(tmp_path)
    first = first_build(tmp_path / "cache")
    original = post(gen, "a.md")
    made(first, gen, "a.md", original, records=(("bench", logging.WARNING, "a.md:3: look here"),))
    now = generator(tmp_path)  # the next build's settings and context: other objects
    with caplog.at_level(logging.WARNING):
        again = given(next_build(tmp_path / "cache", first), now, "a.md")
    assert type(again) is Article
    assert (again.title, again.content, again.date) == ("Hello", "<p>Hello</p>", original.date)
    assert again.date.year == 2021 and again.url == original.url
    assert again.settings is now.settings and again._context is now.context
    assert [(t.name, t.slug) for t in again.tags] == [
        ("Jupyter Book", "jupyter-book"),
        ("Hubs", "hub-services"),
    ]
    again.tags[1].name = "Hub services"
    assert again.tags[1].slug == "hub-services"
    assert (
        all(t.settings is now.settings for t in again.tags)
        and again.author.settings is now.settings
    )
    assert again.author is again.authors[0] and again.metadata["author"] is again.author
    assert [r.getMessage() for r in caplog.records] == ["a.md:3: look here"]  # its warning, again


def test_a_changed_or_touched_file_is_made_again(tmp_path):
    gen = generator(tmp_path)
    first = first_build(tmp_path / "cache")
    for name in ("changed.md", "touched.md", "same.md"):
        made(first, gen, name, post(gen, name))
    with open(tmp_path / "changed.md", "w") as f:
        f.write("Hullo")  # same size
    os.utime(tmp_path / "changed.md", ns=(OLD, OLD))
    os.utime(
        tmp_path / "touched.md"
    )  # same bytes, new time: what was made from its time may differ
    second = next_build(tmp_path / "cache", first)
    assert given(second, gen, "changed.md") is None
    assert given(second, gen, "touched.md") is None
    assert given(second, gen, "same.md").title == "Hello"
    # once given, its bytes are in the new store only; asked again, it is made again
    assert str(tmp_path / "same.md") not in second.saved
    assert given(second, gen, "same.md") is None
    # kept are the objects this build used: the others are made again and kept then
    third = next_build(tmp_path / "cache", second)
    assert set(third.saved) == {str(tmp_path / "same.md")}
    assert given(third, gen, "same.md").title == "Hello"


def test_posts_dated_in_the_future_and_dropped_caches_are_not_used(tmp_path):
    gen = generator(tmp_path)
    first = first_build(tmp_path / "cache")
    made(
        first,
        gen,
        "later.md",
        post(
            gen,
            "later.md",
            date=SafeDatetime.now() + (SafeDatetime(2021, 1, 2) - SafeDatetime(2021, 1, 1)),
        ),
    )
    made(first, gen, "now.md", post(gen, "now.md"))
    second = next_build(tmp_path / "cache", first)
    assert given(second, gen, "later.md") is None
    assert given(second, gen, "now.md") is not None
    # the fingerprint changed (plugins, theme, settings, data): nothing is used
    assert given(next_build(tmp_path / "cache", second, use=False), gen, "now.md") is None
