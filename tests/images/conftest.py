"""The image blog (imagesite.py) built twice with one cache, and once more with an empty one."""

import pytest
from imagesite import build, make_site


@pytest.fixture(scope="session")
def image_builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("imagesite")
    content = make_site(root / "content")
    first = build(content, root / "first", root / "cache")
    second = build(content, root / "second", root / "cache")
    fresh = build(content, root / "fresh", root / "fresh-cache")
    return {"root": root, "content": content, "first": first, "second": second, "fresh": fresh}


@pytest.fixture(scope="session")
def image_site(image_builds):
    return image_builds["root"] / "first"
