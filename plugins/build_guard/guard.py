"""Collect every problem of a build, and only replace the output when there are none.

Pelican logs a reader error and skips the file; the run still "succeeds" with a
page missing, and ``DELETE_OUTPUT_DIRECTORY`` wipes the old site before a build
that may fail. Instead we build into a sibling temporary folder, gather every
error logged during the run, and at the end either swap the new folder in or
throw it away and list all problems, one ``file:line: message`` per line.
"""

import logging
import os
import shutil
import subprocess
import sys
import tempfile

from blinker import signal

logger = logging.getLogger(__name__)


# Sent at ``finalized`` with the Pelican object, while ``settings["OUTPUT_PATH"]``
# is still the staging folder and errors logged by receivers still fail the build.
OUTPUT_READY = signal("build_guard_output_ready")


class BuildFailed(SystemExit):
    """Raised at the end of a build that logged errors (exit status 1)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(1)

    def __str__(self):
        return "\n".join(self.problems)


class ProblemCollector(logging.Handler):
    """Keeps each error (and each distinct warning) logged during one build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors = []
        self.warnings = {}

    def emit(self, record):
        lines = problem_lines(record)
        if record.levelno >= logging.ERROR:
            self.errors.extend(line for line in lines if line not in self.errors)
        else:
            for line in lines:
                self.warnings[line] = self.warnings.get(line, 0) + 1


def active_exception(record):
    """Pelican logs reader failures from inside its ``except`` block, without exc_info."""
    return record.exc_info[1] if record.exc_info else sys.exc_info()[1]


def problem_lines(record):
    """One line per problem; a reader's ContentError carries ready-made lines."""
    exc = active_exception(record)
    if hasattr(exc, "problems"):
        return [f"{p}:{n}: {m}" for p, n, m in exc.problems]
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        message = str(record.msg)
    message = " ".join(message.split())
    if exc is not None and record.levelno >= logging.ERROR:
        message += f": {exc.__class__.__name__}: {exc}"
    return [message]


class HideCollected(logging.Filter):
    """Keep warnings, and Pelican's 'Could not process' lines for our own errors, off the
    console while building: they are listed at the end, one plain line each, in file order
    (and printing hundreds of warnings through Pelican's rich console took 1.6 s)."""

    def filter(self, record):
        if record.levelno == logging.WARNING:
            return False
        return not hasattr(active_exception(record), "problems")


def sort_key(line):
    path, _, rest = line.partition(":")
    number = rest.split(":", 1)[0]
    return (path, int(number) if number.isdigit() else 0, line)


class Guard:
    def __init__(self):
        self.collector = None
        self.hider = HideCollected()
        self.target = None
        self.staging = None
        self.kept = set()

    def start(self, pelican):
        """``initialized``: redirect output to a staging folder, start collecting."""
        self.stop_logging()
        self.discard()  # a previous in-process build that crashed
        self.collector = ProblemCollector()
        root = logging.getLogger()
        for handler in root.handlers:
            handler.addFilter(self.hider)
        root.addHandler(self.collector)

        self.target = os.path.abspath(pelican.output_path)
        parent = os.path.dirname(self.target)
        os.makedirs(parent, exist_ok=True)
        for name in os.listdir(parent):  # replaced sites whose removal was interrupted
            if name.startswith(f".{os.path.basename(self.target)}.old-"):
                remove_later(os.path.join(parent, name))
        self.staging = tempfile.mkdtemp(prefix=f".{os.path.basename(self.target)}.building-", dir=parent)
        pelican.output_path = self.staging
        pelican.settings["OUTPUT_PATH"] = self.staging
        pelican.settings["FINAL_OUTPUT_PATH"] = self.target
        # Files of the previous output that a plugin found unchanged and did not write again
        # (paths relative to it); see ``merge``.
        self.kept = pelican.settings["OUTPUT_KEPT"] = set()

    def finish(self, pelican):
        """``finalized``: swap the new site in, or keep the old one and fail."""
        # Receivers of one signal run in no fixed order: plugins that post-process
        # the staged output (search index) use this signal to run before the swap.
        OUTPUT_READY.send(pelican)
        errors = list(self.collector.errors) if self.collector else []
        warnings = dict(self.collector.warnings) if self.collector else {}
        self.stop_logging()
        for line in sorted(warnings, key=sort_key):
            count = warnings[line]
            sys.stderr.write(f"warning: {line}\n" if count == 1 else f"warning ({count}x): {line}\n")
        if errors:
            self.discard()
            noun = "problem" if len(errors) == 1 else "problems"
            sys.stderr.write(f"Build failed with {len(errors)} {noun}; {self.target} was left as it was:\n")
            for line in sorted(errors, key=sort_key):
                sys.stderr.write(line + "\n")
            raise BuildFailed(errors)
        self.swap()

    def abort(self):
        """The build crashed before ``finalized``: leave the old output alone."""
        self.stop_logging()
        self.discard()

    def stop_logging(self):
        root = logging.getLogger()
        if self.collector:
            root.removeHandler(self.collector)
        for handler in root.handlers:
            handler.removeFilter(self.hider)

    def discard(self):
        if self.staging and os.path.isdir(self.staging):
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None

    def swap(self):
        if self.kept and os.path.isdir(self.target) and not os.path.islink(self.target):
            self.merge()
            return
        old = None
        if os.path.lexists(self.target):
            old = tempfile.mkdtemp(prefix=f".{os.path.basename(self.target)}.old-", dir=os.path.dirname(self.target))
            os.rename(self.target, os.path.join(old, "site"))
        os.rename(self.staging, self.target)
        os.chmod(self.target, 0o755)
        self.staging = None
        if old:
            remove_later(old)

    def merge(self):
        """Move what this build wrote into the previous output, then delete what it neither
        wrote nor kept. An edit build writes a few pages and keeps the rest, so this is a
        few renames instead of a whole new tree (1700 folders and 3300 links at 1000 posts).
        A crash in the middle leaves some pages new and the others old, each one whole."""
        written = set()
        for base, dirs, files in os.walk(self.staging):
            folder = base[len(self.staging) + 1:]  # os.walk gives the folders under it
            target = os.path.join(self.target, folder)
            written.add(folder)
            if os.path.lexists(target) and not os.path.isdir(target):
                os.remove(target)
            os.makedirs(target, exist_ok=True)
            for name in files:
                path = os.path.join(target, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                os.replace(os.path.join(base, name), path)
                written.add(os.path.join(folder, name))
        emptied = set()  # folders something was removed from
        for base, dirs, files in os.walk(self.target, topdown=False):
            folder = base[len(self.target) + 1:]
            for name in files:
                path = os.path.join(folder, name)
                if path not in written and path not in self.kept:
                    os.remove(os.path.join(base, name))
                    emptied.add(folder)
            for name in dirs:
                path = os.path.join(folder, name)
                if path in emptied and path not in written and not os.listdir(os.path.join(base, name)):
                    os.rmdir(os.path.join(base, name))
                    emptied.add(folder)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None


def remove_later(path):
    """Delete the replaced site in a detached process, at the lowest priority: removing thousands
    of folders takes seconds on some disks (5 s for 1666 folders here), and nobody needs to wait."""
    try:
        subprocess.Popen(
            [sys.executable, "-c", "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)",
             path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


GUARD = Guard()
