"""What a Markdown extension may know about the file it is converting (``md.page``)."""

from sitelib.paths import display_path


class PageInfo:
    """What a Markdown extension may know about the file it is converting."""

    def __init__(self, source_path, relpath, front, metadata, settings):
        self.source_path = source_path
        self.relpath = relpath  # relative to the content folder, with '/'
        self.display_path = display_path(source_path)
        self.front = front
        self.metadata = metadata
        self.settings = settings
        self.problems = []  # (line, message)
        self.warnings = []  # (line, message)

    @property
    def body_line(self):
        return self.front.body_line

    def error(self, line, message):
        self.problems.append((line, message))

    def warn(self, line, message):
        self.warnings.append((line, message))
