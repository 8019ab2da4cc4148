"""The one error type for a wrong setting of any plugin or command."""


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
