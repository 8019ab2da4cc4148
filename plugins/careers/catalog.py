"""The postings and salary data of one build, loaded on first use.

Shortcodes (``open_jobs`` in a page, ``job_details`` in a posting) run while
pages are read, before the careers generator; they and the generator share
this one catalog, so each file is read and each problem reported once. It is
replaced at ``initialized``, so ``invoke serve`` rebuilds see fresh data.
"""

import datetime
import logging
import os

import jinja2
from pelican.readers import Readers

from sitelib.paths import display_path, markdown_files

from .jobs import BUNDLE_INDEX, Job, job_info
from .salaries import SalaryTable, load

logger = logging.getLogger(__name__)


class Catalog:
    def __init__(self, settings, conf):
        self.settings = settings
        self.conf = conf
        self.folder = os.path.join(settings["PATH"], conf["path"])
        self._table = None
        self._jobs = None
        self.intro = None
        self.loading = False
        self._env = None

    @property
    def table(self):
        if self._table is None:
            path = os.path.join(self.settings["PATH"], self.conf["salaries"])
            if os.path.isfile(path):
                self._table, problems = load(path, display_path(path))
                if self.site_loads(path):
                    # the site plugin's data loader already reports a file that is not YAML
                    problems = [p for p in problems if not p[2].startswith("invalid YAML")]
                for shown, line, message in problems:
                    logger.error("%s:%d: %s", shown, line, message)
            else:
                self._table = SalaryTable(display_path(path))
        return self._table

    def site_loads(self, path):
        folder = (self.settings.get("SITE") or {}).get("DATA_PATH")
        if not folder or self.settings.get("DATA") is None:
            return False
        return os.path.dirname(os.path.abspath(path)) == os.path.abspath(
            os.path.join(self.settings["PATH"], folder)
        )

    def jobs(self):
        """Every posting, newest first (the /jobs/ intro file is kept apart)."""
        if self._jobs is None:
            self.loading = True
            try:
                self._jobs = self.read_jobs()
            finally:
                self.loading = False
            # Read after the postings: the intro may list them with {{< open_jobs >}}.
            intro = [
                os.path.join(self.folder, n)
                for n in BUNDLE_INDEX
                if os.path.isfile(os.path.join(self.folder, n))
            ]
            if intro:
                self.intro = self.read(Readers(self.settings), intro[0])
        return self._jobs

    def read(self, readers, path):
        try:
            return readers.read_file(base_path=self.settings["PATH"], path=path, content_class=Job)
        except Exception as exc:  # noqa: BLE001 (as Pelican does: the posting is reported, the build goes on)
            logger.error("Could not process %s\n%s", display_path(path), exc)
            return None

    def read_jobs(self):
        readers = Readers(self.settings)
        table = self.table
        jobs = []
        for path in markdown_files(self.folder):
            if os.path.dirname(path) == self.folder and os.path.basename(path) in BUNDLE_INDEX:
                continue  # the text at the top of /jobs/, read by jobs()
            relpath = os.path.relpath(path, self.settings["PATH"]).replace(os.sep, "/")
            job = self.read(readers, path)
            if job is None:
                continue
            if job.metadata.get("draft") and not self.settings.get("SHOW_DRAFTS"):
                continue
            job.info, problems = job_info(job.metadata, relpath, table, self.settings)
            for line, message in problems:
                logger.error("%s:%d: %s", display_path(path), line, message)
            job.override_url = job.info.url
            job.override_save_as = job.info.url + "index.html"
            job.bundle_dir = (
                os.path.dirname(path) if os.path.basename(path) in BUNDLE_INDEX else None
            )
            jobs.append(job)
        jobs.sort(key=posted, reverse=True)
        return jobs

    def render(self, template, **context):
        """A theme template, for the shortcodes (their engine only looks in theme/shortcodes/)."""
        if self._env is None:
            folders = [
                *self.settings.get("THEME_TEMPLATES_OVERRIDES", []),
                os.path.join(self.settings["THEME"], "templates"),
            ]
            self._env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(folders),
                autoescape=True,
                trim_blocks=True,
                lstrip_blocks=True,
            )
        values = {key: value for key, value in self.settings.items() if key.isupper()}
        return self._env.get_template(template).render({**values, **context})

    def open_jobs(self):
        return [job for job in self.jobs() if job.info.is_open]

    def closed_jobs(self):
        return [job for job in self.jobs() if not job.info.is_open]


CURRENT = {"catalog": None}


def posted(job):
    """Sort key: dated postings newest first; a date with a time zone and one without compare
    (the second is taken as UTC, the site's TIMEZONE)."""
    date = job.info.date
    if not isinstance(date, datetime.datetime):
        return (False, datetime.datetime.min)
    if date.tzinfo is not None:
        date = date.astimezone(datetime.UTC).replace(tzinfo=None)
    return (True, date)


def start(settings, conf):
    CURRENT["catalog"] = Catalog(settings, conf)


def current():
    return CURRENT["catalog"]
