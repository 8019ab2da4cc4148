"""FASTBUILD is validated at start-up: a bad value stops the build naming the key."""

import pytest
from sitetest import build


@pytest.mark.parametrize(
    "value, message",
    [
        ({"workers": -1}, "fastbuild: FASTBUILD['workers'] must be a whole number >= 0, not -1"),
        ({"cache": "yes"}, "fastbuild: FASTBUILD['cache'] must be true or false, not 'yes'"),
        ({"paralel": 2}, "fastbuild: unknown FASTBUILD keys ['paralel']"),
    ],
)
def test_bad_settings_stop_the_build(tmp_path, value, message):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "a.md").write_text("---\ntitle: A\ndate: 2024-01-02\n---\n\nText.\n")
    result = build(
        content,
        tmp_path / "out",
        settings={"FASTBUILD": value, "CACHE_PATH": str(tmp_path / "cache")},
    )
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
    assert not (tmp_path / "out" / "blog").exists()
