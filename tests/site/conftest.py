"""A small blog written into a temporary folder, built once per session."""

import pytest
from blogsite import make_site
from project_helpers import build


@pytest.fixture(scope="session")
def blog_content(tmp_path_factory):
    root = tmp_path_factory.mktemp("blogsite") / "content"
    make_site(root)
    return root


@pytest.fixture(scope="session")
def blog(blog_content):
    """The fixture blog built with publishconf.py (absolute URLs, feeds)."""
    out = blog_content.parent / "output"
    build(blog_content, out, check=True)
    return out


@pytest.fixture(scope="session")
def blog_preview(blog_content):
    """The same content built as ``invoke serve --drafts --future`` builds it."""
    out = blog_content.parent / "preview"
    build(
        blog_content,
        out,
        conf="pelicanconf.py",
        settings={"SHOW_DRAFTS": True, "SHOW_FUTURE": True},
        check=True,
    )
    return out
