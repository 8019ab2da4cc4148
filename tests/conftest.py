"""Session fixtures shared by every test folder."""

import pytest
from sitetest import FIXTURES, ROOT, build


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The project's own content, built once with the publish settings."""
    out = tmp_path_factory.mktemp("site") / "output"
    build(ROOT / "content", out, check=True)
    return out


@pytest.fixture(scope="session")
def team_site(tmp_path_factory):
    """tests/fixtures/team (people, postings, salary data) built once for the team and careers tests."""
    out = tmp_path_factory.mktemp("team") / "output"
    build(FIXTURES / "team" / "content", out, check=True)
    return out
