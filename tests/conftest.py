"""Session fixtures shared by every test folder."""

import pytest

from sitetest import ROOT, build


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The project's own content, built once with the publish settings."""
    out = tmp_path_factory.mktemp("site") / "output"
    build(ROOT / "content", out, check=True)
    return out
