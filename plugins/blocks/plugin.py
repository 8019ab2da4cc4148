"""Landing pages written as blocks in front matter (docs/blocks.md).

Signals:
- ``initialized``: the BLOCKS settings are checked; the ``block_pages`` filter is added.
- ``generator_init``: templates named ``blocks/TYPE.html`` are found in the site's block
  folders (``content/blocks/``), then in ``theme/blocks/``: a site adds a block type with a file.
- ``content_object_init``: a page's ``blocks:`` are checked (``file:line`` for each wrong
  field, a warning for an unknown type), their Markdown rendered with the body's pipeline,
  and the page gets the landing template unless it names its own.
- ``all_generators_finalized``: the messages of each page's blocks are logged (here, so that a
  page fastbuild kept from the last build logs them too); a collection or logos block that
  selects no page is a warning.
"""

import logging
import os
from itertools import chain

import jinja2
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import pelican_open

from sitelib.frontmatter.parse import split
from sitelib.paths import display_path
from sitelib.settings import SettingsError, merged

from .places import Places
from .render import render_markdown
from .schema import Problems, check_blocks
from .selection import block_pages

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Folders inside the content folder searched for TYPE.html before theme/blocks/.
    "site_folders": ["blocks"],
    # The template of a page with blocks and no ``template:`` of its own.
    "template": "landing",
}


def configure(pelican):
    settings = pelican.settings
    conf = merged("blocks", "BLOCKS", settings.get("BLOCKS"), DEFAULTS)
    if not isinstance(conf["site_folders"], list) or not all(
        isinstance(f, str) for f in conf["site_folders"]
    ):
        raise SettingsError("blocks", "BLOCKS['site_folders'] must be a list of folder names")
    if not isinstance(conf["template"], str) or not conf["template"]:
        raise SettingsError("blocks", "BLOCKS['template'] must be a template name, e.g. 'landing'")
    settings["BLOCKS"] = conf
    settings.setdefault("JINJA_FILTERS", {})["block_pages"] = selected_pages


def folders(settings):
    site = [os.path.join(settings["PATH"], folder) for folder in settings["BLOCKS"]["site_folders"]]
    return [*site, os.path.join(settings["THEME"], "blocks")]


def known_types(settings):
    names = set()
    for folder in folders(settings):
        if os.path.isdir(folder):
            names.update(
                n[:-5]
                for n in os.listdir(folder)
                if n.endswith(".html") and not n.startswith(("_", "."))
            )
    return sorted(names)


def add_loader(generator):
    """``generator_init``: ``blocks/TYPE.html`` comes from the block folders."""
    env = getattr(generator, "env", None)
    if env is None or "BLOCKS" not in generator.settings:
        return
    blocks = jinja2.PrefixLoader({"blocks": jinja2.FileSystemLoader(folders(generator.settings))})
    env.loader = jinja2.ChoiceLoader([env.loader, blocks])


def read_blocks(content):
    """``content_object_init``: check and render the page's blocks."""
    if (
        not isinstance(content, (Article, Page))
        or "blocks" not in content.metadata
        or "BLOCKS" not in content.settings
    ):
        return
    shown = display_path(content.source_path)
    with pelican_open(content.source_path) as text:
        front, _body = split(text, shown)
    problems = Problems()
    blocks = check_blocks(
        content.metadata["blocks"], known_types(content.settings), Places(front), problems
    )
    errors, warnings = render_markdown(blocks, content, front)
    # logged at all_generators_finalized: an object fastbuild keeps between builds skips this signal
    content.block_messages = [
        (logging.WARNING, shown, line, message)
        for line, message in sorted(problems.warnings + warnings)
    ]
    content.block_messages += [
        (logging.ERROR, shown, line, message) for line, message in sorted(problems.errors + errors)
    ]
    content.blocks = blocks
    if "template" not in content.metadata:
        content.template = content.settings["BLOCKS"]["template"]


@jinja2.pass_context
def selected_pages(context, block, articles=None, pages=None):
    """``{{ block | block_pages(articles, pages) }}``: what a collection or logos block lists."""
    return block_pages(block, articles, pages, context)


def report(generators):
    """``all_generators_finalized``: each page's block messages; a warning for a collection or
    logos block that lists nothing."""
    articles = next((g.articles for g in generators if isinstance(g, ArticlesGenerator)), [])
    pages = next((g.pages for g in generators if isinstance(g, PagesGenerator)), [])
    for gen in generators:
        for content in chain(*(getattr(gen, name, []) for name in CONTENT_LISTS)):
            for level, shown, line, message in getattr(content, "block_messages", None) or []:
                logger.log(level, "%s:%d: %s", shown, line, message)
            for block in getattr(content, "blocks", None) or []:
                if (
                    block["type"] in ("collection", "logos")
                    and not block.get("items")
                    and not block_pages(block, articles, pages, gen.settings)
                ):
                    tag = f" with tag '{block['tag']}'" if block.get("tag") else ""
                    logger.warning(
                        "%s:%d: block %d (%s) lists no page: no published page in section '%s'%s",
                        display_path(content.source_path),
                        block["line"],
                        block["index"] + 1,
                        block["type"],
                        block.get("section") or "blog",
                        tag,
                    )


CONTENT_LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")  # of Pelican's generators


def register():
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_loader)
    signals.content_object_init.connect(read_blocks)
    signals.all_generators_finalized.connect(report)
