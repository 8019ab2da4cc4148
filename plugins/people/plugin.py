"""Signals of the people plugin.

- ``initialized``: check PEOPLE, keep Pelican's generators out of the team folder.
- ``get_generators``: PeopleGenerator reads the person files and links post authors
  (it runs after the articles generator, so every post is known).
- ``site_redirects`` (named signal of the site plugin): old /author/SLUG/ pages.
- ``site_outputs`` (named signal of the site plugin): the pages and files it will write.
"""

from blinker import signal
from pelican import signals

from .config import exclude_from_pelican, people_settings
from .generator import PeopleGenerator


def check_settings(pelican):
    conf = people_settings(pelican.settings)
    exclude_from_pelican(pelican.settings, conf["path"])
    PeopleGenerator.redirects = {}  # a new build (invoke serve rebuilds in one process)


def get_generators(pelican):
    return PeopleGenerator


def outputs(generators):
    for generator in generators:
        if isinstance(generator, PeopleGenerator):
            yield from generator.outputs()


def author_redirects(sender):
    return [
        (old, new, source, line)
        for old, (new, source, line) in sorted(PeopleGenerator.redirects.items())
    ]


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
    signal("site_redirects").connect(author_redirects)
    signal("site_outputs").connect(outputs)
