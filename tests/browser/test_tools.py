"""A missing browser or Node package stops the tests with what to install (never a skip)."""

import pytest

from .tools import AXE, MissingTool, require_chromium, require_node_package


def test_missing_chromium_says_how_to_install_it(tmp_path):
    with pytest.raises(MissingTool, match=r"Chromium not found at .*apt-get install chromium"):
        require_chromium(str(tmp_path / "chromium"))


def test_missing_node_package_says_to_run_npm_ci(tmp_path):
    with pytest.raises(MissingTool, match=r"axe.min.js is missing: run `npm ci --prefix tests`"):
        require_node_package(tmp_path / "axe.min.js")


def test_installed_tools_are_found():
    assert require_chromium().endswith("chromium")
    assert require_node_package(AXE) == AXE
