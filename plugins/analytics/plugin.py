"""Signals of the analytics plugin."""

import os
import shutil

from blinker import signal
from pelican import signals
from pelican.generators import Generator

from .settings import checked


def configure(pelican):
    """``initialized``: ``ANALYTICS`` checked, with each script's output path."""
    pelican.settings["ANALYTICS"] = checked(pelican.settings.get("ANALYTICS"))


class AnalyticsScriptGenerator(Generator):
    """Copies each provider's script into the site, where the pages' <script src> points."""

    def generate_output(self, writer):
        for options in self.settings["ANALYTICS"].values():
            target = os.path.join(self.output_path, options["save_as"])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(options["script"], target)


def add_generator(pelican):
    return AnalyticsScriptGenerator


def outputs(generators):
    """``site_outputs`` (named signal of the website plugin): the scripts it copies."""
    for options in generators[0].settings.get("ANALYTICS", {}).values():
        yield (options["save_as"], "the analytics script", "generated")


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    signal("site_outputs").connect(outputs)
