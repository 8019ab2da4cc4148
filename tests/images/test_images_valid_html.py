"""The pages with <picture> elements, cards and featured images pass html-validate."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "htmlvalidate"))
from test_valid_html import validate


def test_image_pages_are_valid(image_site):
    assert validate(image_site) == []
