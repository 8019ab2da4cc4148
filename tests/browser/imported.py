"""2i2c's Hugo site (../shared/hugo-sample) imported into a temporary project, built with
publishconf.py and served on 127.0.0.1: the header tests need its real, seven-entry menu."""

import pytest
from sitetest import HUGO_SAMPLE, build

from commands.hugo_import import import_site

from .pages import SitePages
from .server import serve


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("imported")
    report = import_site(HUGO_SAMPLE, root / "content")
    assert not report.stopped, "\n".join(report.lines(HUGO_SAMPLE, root / "content"))
    output = root / "output"
    output.mkdir()
    server = serve(output)
    build(
        root / "content",
        output,
        check=True,
        settings={"SITEURL": server.url, "FEED_DOMAIN": server.url},
    )
    yield SitePages(output, server.url)
    server.shutdown()
    server.server_close()
