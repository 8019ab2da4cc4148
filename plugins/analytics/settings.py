"""The ``ANALYTICS`` setting: off (``{}``) unless a provider is given; checked when the build starts.

``ANALYTICS = {"plausible": {"domain": "2i2c.org", "script": "analytics/script.js"}}`` copies the
script file (a path relative to the folder the build runs from, the project root) to
``/analytics/<its name>`` and adds ``<script defer data-domain=... src=...>`` to every page, so that
no page loads anything from another host. ``"api"`` (optional) is where the script sends its events
(Plausible's ``data-api`` attribute, for a proxy on the site's own host).
"""

import os

from sitelib.settings import SettingsError

PROVIDERS = {"plausible": {"domain": None, "script": None, "api": ""}}
SAVE_IN = "analytics"


def checked(given):
    """The ``ANALYTICS`` setting as templates use it: ``{}``, or ``{"plausible": {..., "save_as": ...}}``."""
    if not given:
        return {}
    if not isinstance(given, dict):
        raise SettingsError(
            "analytics",
            "ANALYTICS must be a dict like {'plausible': {'domain': ..., 'script': ...}}",
        )
    unknown = sorted(set(given) - set(PROVIDERS))
    if unknown:
        raise SettingsError(
            "analytics",
            f"unknown provider ANALYTICS[{unknown[0]!r}]; known: {', '.join(PROVIDERS)}",
        )
    result = {}
    for provider, options in given.items():
        name = f"ANALYTICS[{provider!r}]"
        if not isinstance(options, dict):
            raise SettingsError("analytics", f"{name} must be a dict with 'domain' and 'script'")
        unknown = sorted(set(options) - set(PROVIDERS[provider]))
        if unknown:
            raise SettingsError(
                "analytics",
                f"unknown setting {name}[{unknown[0]!r}]; known: {', '.join(PROVIDERS[provider])}",
            )
        merged = {**PROVIDERS[provider], **options}
        for key in ("domain", "script"):
            if not isinstance(merged[key], str) or not merged[key].strip():
                raise SettingsError("analytics", f"{name}[{key!r}] must be a non-empty string")
        if not isinstance(merged["api"], str) or "://" in merged["api"]:
            raise SettingsError(
                "analytics",
                f"{name}['api'] must be a path on this site like '/api/event', "
                f"not {merged['api']!r}",
            )
        script = os.path.abspath(merged["script"])
        if not os.path.isfile(script):
            raise SettingsError(
                "analytics",
                f"{name}['script']: no file at {script}; "
                "download the provider's script into the project and give its path",
            )
        merged["script"] = script
        merged["save_as"] = f"{SAVE_IN}/{os.path.basename(script)}"
        result[provider] = merged
    return result
