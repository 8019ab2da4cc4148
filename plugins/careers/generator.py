"""The careers generator: one page per posting, and /jobs/ with cards, archive and salary tables."""

import logging
import os

from pelican.generators import Generator

from sitelib import upstream
from sitelib.bundle_outputs import bundle_page_outputs, copy_bundle_file, park_bundle

from .catalog import current, display_path
from .jsonld import job_posting, script_json

# Rendered by includes/job_details.html and includes/job_cards.html: when the body
# already holds them (through a shortcode), the page does not add its own copy.
DETAILS_MARK = 'class="job-details"'
CARDS_MARK = 'class="job-cards"'

logger = logging.getLogger(__name__)


class CareersGenerator(Generator):
    def generate_context(self):
        catalog = current()
        self.conf = catalog.conf
        self.jobs = catalog.jobs()
        self.table = catalog.table
        self.intro = catalog.intro
        for job in [*self.jobs, *([self.intro] if self.intro else [])]:
            upstream.set_content_context(job, self.context)  # so {filename} links in bodies resolve
        for job in self.jobs:
            job.has_details = DETAILS_MARK in job.content
            job.jsonld = (
                script_json(job_posting(job, self.settings, self.conf))
                if job.info.is_open
                else None
            )
        self.context["jobs"] = self.jobs
        self.context["open_jobs"] = [job for job in self.jobs if job.info.is_open]
        self.context["salary_roles"] = list(self.table.roles.values())
        self.check_addresses(catalog.folder)

    def check_addresses(self, folder):
        """Two postings, or a page and a posting, at one address: report instead of overwriting."""
        ours = {f"{self.conf['path']}/index.html": display_path(os.path.join(folder, "index.md"))}
        for job in self.jobs:
            if job.save_as in ours:
                logger.error(
                    "%s:%d: posting address /%s is also used by %s; rename one of them",
                    display_path(job.source_path),
                    job.metadata.get("source_line", 1),
                    job.url,
                    ours[job.save_as],
                )
                park_bundle(job)  # written once; the build fails anyway
            else:
                ours[job.save_as] = display_path(job.source_path)
        for key in ("articles", "hidden_articles", "pages", "hidden_pages"):
            for content in self.context.get(key, []):
                if content.save_as in ours:
                    logger.error(
                        "%s:%d: address /%s is the careers plugin's (%s); move this text there or give the page another slug",
                        display_path(content.source_path),
                        content.metadata.get("source_line", 1),
                        content.url,
                        ours[content.save_as],
                    )
                    content.override_save_as = ""  # not written: the build fails anyway

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        template = self.get_template("job")
        for job in self.jobs:
            writer.write_file(
                job.save_as, template, self.context, relative_urls=relative, url=job.url, job=job
            )
            self.copy_bundle_files(job)
        open_jobs = [job.info for job in self.jobs if job.info.is_open]
        intro_html = self.intro.content if self.intro else ""
        writer.write_file(
            f"{self.conf['path']}/index.html",
            self.get_template("jobs"),
            self.context,
            relative_urls=relative,
            url=f"{self.conf['path']}/",
            intro=self.intro,
            intro_html=intro_html,
            intro_has_cards=CARDS_MARK in intro_html,
            jobs=open_jobs,
            closed_jobs=[job for job in self.jobs if not job.info.is_open],
            roles=list(self.table.roles.values()),
            step_percent=self.table.percent,
            steps=self.table.steps,
        )

    def outputs(self):
        """What ``generate_output`` will write, for the check of duplicate addresses."""
        return bundle_page_outputs(
            f"{self.conf['path']}/index.html",
            "the jobs page",
            self.jobs,
            "the posting",
            bundle_files,
            display_path,
        )

    def copy_bundle_files(self, job):
        for source, save_as in bundle_files(job):
            copy_bundle_file(self.settings, self.output_path, source, save_as)


def bundle_files(job):
    """(file, save_as) of each file beside a posting's index.md."""
    if not job.bundle_dir or not job.save_as:
        return
    for name in sorted(os.listdir(job.bundle_dir)):
        source = os.path.join(job.bundle_dir, name)
        if os.path.isfile(source) and not name.endswith(".md") and not name.startswith("."):
            yield source, job.info.url + name
