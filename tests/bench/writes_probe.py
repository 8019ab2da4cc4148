"""A test plugin that writes the pages the ``WRITES_PROBE`` setting lists, in order, through
Pelican's writer: ``[[save_as, template text, override_output], ...]``. With it a test sets
off Pelican's rules for two writes to one path, or a template that fails as it renders."""

import jinja2
from pelican import signals
from pelican.generators import Generator


class WritesProbe(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        for save_as, text, override in self.settings.get("WRITES_PROBE", []):
            writer.write_file(
                save_as, jinja2.Template(text), self.context, override_output=override
            )


def generators(pelican):
    return WritesProbe


def register():
    signals.get_generators.connect(generators)
