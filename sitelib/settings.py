"""The one error type for a wrong setting of any plugin or command, and helpers to check one."""

import os


class SettingsError(SystemExit):
    """A wrong setting: stops the build (or the command) with one line, no traceback.

    ``SettingsError("blog", "BLOG['RSS_COPY'] must be ...")`` reads
    ``blog: BLOG['RSS_COPY'] must be ...``: the plugin, then the setting and what to write.
    """

    def __init__(self, plugin, message):
        self.plugin = plugin
        self.message = message
        super().__init__(f"{plugin}: {message}")

    def __str__(self):
        return f"{self.plugin}: {self.message}"


def merged(plugin, name, given, defaults):
    """The ``name`` setting (a dict, or None for all defaults) over ``defaults``; a value that is
    not a dict, or a key ``defaults`` lacks, is a SettingsError."""
    given = {} if given is None else given
    if not isinstance(given, dict):
        raise SettingsError(plugin, f"{name} must be a dict, not {type(given).__name__}")
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise SettingsError(plugin, f"unknown {name} keys {unknown}; known: {sorted(defaults)}")
    return {**defaults, **given}


def whole(value, low=0, high=None):
    """``value`` is a whole number (not True or False) from ``low`` to ``high``."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value >= low
        and (high is None or value <= high)
    )


def processes(workers):
    """What a ``workers`` setting asks for: ``workers``, or for 0 one per core this may use."""
    if workers:
        return workers
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
