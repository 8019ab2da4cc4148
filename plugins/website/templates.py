"""A post or page whose ``template:`` the theme does not have is an error naming the line."""

import logging

from pelican.generators import PelicanTemplateNotFound

from sitelib.theme_templates import templates_folder, templates_of

from .duplicates import contents_of, park

logger = logging.getLogger(__name__)


def check_templates(generators, shown):
    """``all_generators_finalized``: every template asked for by name exists; a page asking
    for one that does not is parked (not written), so the build goes on to list every problem."""
    for gen in generators:
        for content in contents_of([gen]):
            if "template" not in content.metadata or not content.save_as:
                continue
            try:
                gen.get_template(content.template)
            except PelicanTemplateNotFound:
                line = content.metadata.get("source_lines", {}).get("template", 1)
                logger.error(
                    "%s:%d: template %r does not exist in %s (available: %s)",
                    shown(content.source_path),
                    line,
                    content.template,
                    templates_folder(gen),
                    ", ".join(templates_of(gen)),
                )
                park(content)
