"""Collect every problem of a build, and only replace the output when there are none.

Pelican logs a reader error and skips the file; the run still "succeeds" with a
page missing, and ``DELETE_OUTPUT_DIRECTORY`` wipes the old site before a build
that may fail. Instead we build into a sibling temporary folder, gather every
error logged during the run, and at the end either swap the new folder in or
throw it away and list all problems, one ``file:line: message`` per line.

An exception that ends the build half-way is one more problem (explain.py): Pelican's
command line logs it, the tasks hand it to ``Guard.crashed``; the old output stays.
"""

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile

from blinker import signal
from pelican.contents import Content

from sitelib.session import open_session

from .explain import content_place, describe, in_words, write_log

logger = logging.getLogger(__name__)


# Sent at ``finalized`` with the Pelican object, while ``settings["OUTPUT_PATH"]``
# is still the staging folder and errors logged by receivers still fail the build.
OUTPUT_READY = signal("build_guard_output_ready")

ERROR_LOG = ".build-error.log"  # beside the output: the Python details of internal errors
PROBLEM_LINE = re.compile(r"^\S[^\n]*?:\d+: ")


class BuildFailed(SystemExit):
    """Raised at the end of a build that logged errors (exit status 1)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(1)

    def __str__(self):
        return "\n".join(self.problems)


class ProblemCollector(logging.Handler):
    """Keeps each error (and each distinct warning) logged during one build."""

    def __init__(self, content_root=None):
        super().__init__(logging.WARNING)
        self.content_root = content_root
        self.errors = []
        self.warnings = {}
        self.internal = []  # (problem line, exception) of internal errors, for the log file
        self.staged = None  # (staging folder, output folder): messages name the output

    def emit(self, record):
        lines = problem_lines(record, self)
        if record.levelno >= logging.ERROR:
            self.errors.extend(line for line in lines if line not in self.errors)
        else:
            for line in lines:
                self.warnings[line] = self.warnings.get(line, 0) + 1

    def add_exception(self, exc):
        """An exception that ended the build or one of its reads: its problem line."""
        line, internal = describe(exc, self.content_root)
        if self.staged:
            line = line.replace(*self.staged)
        if internal and all(e is not exc for _, e in self.internal):
            self.internal.append((line, exc))
        if line not in self.errors:
            self.errors.append(line)
        return line


def active_exception(record):
    """Pelican logs reader failures from inside its ``except`` block, without exc_info."""
    return record.exc_info[1] if record.exc_info else sys.exc_info()[1]


def is_crash(record, exc):
    """Pelican's "Could not process FILE" after a read raised, or its command line's last
    word on an exception that ended the build: both are logged while handling ``exc``."""
    return exc is not None and (
        record.levelno >= logging.CRITICAL or str(record.msg).startswith("Could not process")
    )


def problem_lines(record, collector=None):
    """One line per problem; a reader's ContentError carries ready-made lines."""
    exc = active_exception(record)
    if hasattr(exc, "problems"):  # one line each, whatever the message holds
        return [f"{p}:{n}: {' '.join(str(m).split())}" for p, n, m in exc.problems]
    if collector is not None and record.levelno >= logging.ERROR and is_crash(record, exc):
        return [collector.add_exception(exc)]
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        message = str(record.msg)
    message = " ".join(message.split())
    if not PROBLEM_LINE.match(message):
        args = record.args if isinstance(record.args, tuple) else ()
        content = next((arg for arg in args if isinstance(arg, Content)), None)
        if content is not None:  # Pelican names the file somewhere in its sentence
            message = f"{content_place(content)}: {message}"
    if exc is not None and record.levelno >= logging.ERROR and not PROBLEM_LINE.match(message):
        message += f": {in_words(exc)}"
    return [message]


class HideCollected(logging.Filter):
    """Keep warnings, and errors logged with an exception, off the console while building:
    they are listed at the end, one plain line each, in file order (printing hundreds of
    warnings through Pelican's rich console took 1.6 s; an exception would show Python's
    traceback)."""

    def __init__(self, only_crashes=False):
        super().__init__()
        self.only_crashes = only_crashes  # once the site is swapped in: an exception still

    def filter(self, record):
        if record.levelno == logging.WARNING and not self.only_crashes:
            return False
        exc = active_exception(record)
        return not ((hasattr(exc, "problems") and not self.only_crashes) or is_crash(record, exc))


def sort_key(line):
    path, _, rest = line.partition(":")
    number = rest.split(":", 1)[0]
    return (path, int(number) if number.isdigit() else 0, line)


class Guard:
    def __init__(self):
        self.collector = None
        self.hider = None
        self.content_root = None
        self.target = None
        self.staging = None
        self.kept = set()
        self.swapped = (
            False  # an exception after the swap (another finalized receiver) cannot undo it
        )

    def start(self, pelican):
        """``initialized``: redirect output to a staging folder, start collecting."""
        self.stop_logging()
        self.discard()  # a previous in-process build that crashed
        self.swapped = False
        self.content_root = os.path.abspath(pelican.settings["PATH"])
        self.collect(ProblemCollector(self.content_root), HideCollected())

        self.target = os.path.abspath(pelican.output_path)
        parent = os.path.dirname(self.target)
        os.makedirs(parent, exist_ok=True)
        for name in os.listdir(parent):  # replaced sites whose removal was interrupted
            if name.startswith(f".{os.path.basename(self.target)}.old-"):
                remove_later(os.path.join(parent, name))
        if os.path.exists(self.error_log()):
            os.remove(self.error_log())
        self.staging = tempfile.mkdtemp(
            prefix=f".{os.path.basename(self.target)}.building-", dir=parent
        )
        self.collector.staged = (self.staging, self.target)
        pelican.output_path = self.staging
        pelican.settings["OUTPUT_PATH"] = self.staging
        # what plugins found unchanged in the previous output and kept (see ``merge``)
        self.kept = open_session(self.staging, self.target).kept

    def finish(self, pelican):
        """``finalized``: swap the new site in, or keep the old one and fail."""
        # Receivers of one signal run in no fixed order: plugins that post-process
        # the staged output (search index) use this signal to run before the swap.
        OUTPUT_READY.send(pelican)
        if self.collector and self.collector.errors:
            raise BuildFailed(self.fail())
        self.report_warnings(self.stop_logging())
        self.swap()
        self.swapped = True
        # A later receiver of ``finalized`` may still raise: Pelican's command line logs it
        # as CRITICAL, and it is listed like any other exception (``abort``).
        late = ProblemCollector(self.content_root)
        late.setLevel(logging.CRITICAL)
        self.collect(late, HideCollected(only_crashes=True))

    def collect(self, collector, hider):
        """Gather what the build logs into ``collector``; ``hider`` keeps it off the console."""
        self.collector, self.hider = collector, hider
        root = logging.getLogger()
        for handler in root.handlers:
            handler.addFilter(hider)
        root.addHandler(collector)

    def crashed(self, exc):
        """An exception ended the build before ``finalized`` (``invoke`` builds in-process):
        list it with the other problems and leave the old output alone."""
        if self.collector is None:
            self.collector = ProblemCollector()
        self.collector.add_exception(exc)
        return self.fail()

    def abort(self):
        """At exit: a build that never reached ``finalized`` (Pelican's command line logged
        the exception that ended it, so the collector has it): leave the old output alone."""
        if self.collector is not None and self.collector.errors:
            self.fail()
        self.stop_logging()
        self.discard()

    def fail(self):
        """Throw the staged build away and list every problem; returns them."""
        collector = self.stop_logging()
        self.report_warnings(collector)
        self.discard()
        errors = collector.errors
        noun = "problem" if len(errors) == 1 else "problems"
        if self.swapped:
            sys.stderr.write(
                f"Build failed with {len(errors)} {noun} after {self.target} was replaced:\n"
            )
        else:
            sys.stderr.write(
                f"Build failed with {len(errors)} {noun}; {self.target} was left as it was:\n"
            )
        for line in sorted(errors, key=sort_key):
            sys.stderr.write(line + "\n")
        if collector.internal and self.target:
            write_log(self.error_log(), collector.internal)
            sys.stderr.write(
                f"The Python details of the internal errors are in {self.error_log()}\n"
            )
        sys.stderr.flush()
        return errors

    def error_log(self):
        return os.path.join(os.path.dirname(self.target), ERROR_LOG)

    @staticmethod
    def report_warnings(collector):
        warnings = collector.warnings if collector else {}
        for line in sorted(warnings, key=sort_key):
            count = warnings[line]
            sys.stderr.write(
                f"warning: {line}\n" if count == 1 else f"warning ({count}x): {line}\n"
            )

    def stop_logging(self):
        """Stop collecting; returns the collector of the build that was running, if any."""
        collector, self.collector = self.collector, None
        root = logging.getLogger()
        if collector:
            root.removeHandler(collector)
        for handler in root.handlers:
            handler.removeFilter(self.hider)
        self.hider = None
        return collector

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
            old = tempfile.mkdtemp(
                prefix=f".{os.path.basename(self.target)}.old-", dir=os.path.dirname(self.target)
            )
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
        for base, _dirs, files in os.walk(self.staging):
            folder = base[len(self.staging) + 1 :]  # os.walk gives the folders under it
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
            folder = base[len(self.target) + 1 :]
            for name in files:
                path = os.path.join(folder, name)
                if path not in written and path not in self.kept:
                    os.remove(os.path.join(base, name))
                    emptied.add(folder)
            for name in dirs:
                path = os.path.join(folder, name)
                if (
                    path in emptied
                    and path not in written
                    and not os.listdir(os.path.join(base, name))
                ):
                    os.rmdir(os.path.join(base, name))
                    emptied.add(folder)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None


def remove_later(path):
    """Delete the replaced site in a detached process, at the lowest priority: removing thousands
    of folders takes seconds on some disks (5 s for 1666 folders here), and nobody needs to wait."""
    try:
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)",
                path,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


GUARD = Guard()
