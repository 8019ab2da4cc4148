"""Signals of the careers plugin.

- ``initialized``: check CAREERS, keep Pelican's generators out of the jobs folder,
  start a fresh catalog (postings and salary data, loaded on first use).
- ``shortcode_handlers`` (named signal of the shortcodes plugin): ``open_jobs``, ``job_details``.
- ``get_generators``: CareersGenerator writes each posting and /jobs/.
- ``site_redirects`` (named signal of the site plugin): /careers/ and postings' ``aliases``.
- ``site_outputs`` (named signal of the site plugin): the pages and files it will write.
"""

from blinker import signal
from pelican import signals

from .catalog import current, display_path, start
from .config import careers_settings, exclude_from_pelican
from .generator import CareersGenerator
from .shortcodes import handlers


def check_settings(pelican):
    conf = careers_settings(pelican.settings)
    pelican.settings["CAREERS"] = conf  # complete, for templates ({{ CAREERS.path }})
    exclude_from_pelican(pelican.settings, conf["path"])
    start(pelican.settings, conf)


def get_generators(pelican):
    return CareersGenerator


def outputs(generators):
    for generator in generators:
        if isinstance(generator, CareersGenerator):
            yield from generator.outputs()


def redirects(sender):
    catalog = current()
    if catalog is None:
        return []
    target = f"/{catalog.conf['path']}/"
    found = [(old, target, "pelicanconf.py", 1) for old in catalog.conf["redirects"]]
    urls = {f"/{job.info.url}" for job in catalog.jobs()}
    for job in catalog.jobs():
        aliases = job.metadata.get("aliases") or []
        line = job.metadata.get("source_lines", {}).get("aliases", 1)
        for alias in aliases if isinstance(aliases, list) else [aliases]:
            alias = "/" + str(alias).strip("/") + "/"
            # Hugo's postings alias a page that still exists: the real page wins.
            if alias not in urls:
                found.append((alias, f"/{job.info.url}", display_path(job.source_path), line))
    return found


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signal("shortcode_handlers").connect(handlers)
    signal("site_redirects").connect(redirects)
    signal("site_outputs").connect(outputs)
