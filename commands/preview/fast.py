"""Fast render, as Hugo's server does by default: a saved post or page is drawn again at once,
alone, with what the last build knew of the rest of the site, and served from memory while
the whole site is rebuilt. The rebuild then replaces it (and every listing, feed and index
the change reaches), as ``invoke build`` would write them.

Only one content file saved, and one the last build made a page of: anything else (a new
file, a theme or settings edit, several files at once) waits for the rebuild.
"""

import logging
import os

from pelican import signals
from pelican.contents import Article
from pelican.urlwrappers import URLWrapper
from pelican.utils import get_relative_path, path_to_url

# The generators' lists a post or page of the last build is in (pelican.generators).
LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")


def same_names(new, old):
    """Authors, tags or a category read again, named (or slugged) as the last build read them."""
    if isinstance(new, URLWrapper) and isinstance(old, URLWrapper):
        return str(new) == str(old) or new.slug == old.slug
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        return all(same_names(a, b) for a, b in zip(new, old, strict=True)) and bool(new)
    return False


class LastBuild:
    """The generators of the last build that reached its output (posts, pages, their context)."""

    def __init__(self):
        self.generators = []
        signals.all_generators_finalized.connect(self.remember, weak=False)

    def remember(self, generators):
        self.generators = [g for g in generators if hasattr(g, "readers")]

    def forget(self):
        """Before a rebuild: the objects of the last one are not kept alive beside the new ones."""
        self.generators = []

    def find(self, path):
        for generator in self.generators:
            for name in LISTS:
                for content in getattr(generator, name, None) or []:
                    if os.path.abspath(content.source_path) == path:
                        return generator, content
        return None, None

    def render(self, path):
        """(output file, HTML bytes) of the post or page read from ``path`` again, or None when
        the last build made no page of it or it cannot be read as it is now (the rebuild then
        names the problem)."""
        generator, old = self.find(os.path.abspath(path))
        if old is None:
            return None
        post = isinstance(old, Article)
        kind = "article" if post else "page"
        logging.disable(logging.CRITICAL)  # what reading it logs, the rebuild logs once
        try:
            new = generator.readers.read_file(
                base_path=generator.path,
                path=os.path.relpath(path, generator.path),
                content_class=type(old),
                context=generator.context,
                preread_signal=getattr(signals, f"{kind}_generator_preread"),
                preread_sender=generator,
                context_signal=getattr(signals, f"{kind}_generator_context"),
                context_sender=generator,
            )
            if new is None or new.save_as != old.save_as:
                return None
            # what later steps of the build set (related posts, neighbours, backlinks...), and
            # the authors, tags and category they linked (people point authors at /team/)
            for key, value in vars(old).items():
                if key not in vars(new) or same_names(vars(new)[key], value):
                    vars(new)[key] = value
            page = {"article": new, "category": getattr(new, "category", None), "blog": True}
            html = self.draw(generator, new, page if post else {"page": new})
        except Exception:  # noqa: BLE001 - the rebuild that follows reports it, once
            return None
        finally:
            logging.disable(logging.NOTSET)
        return new.save_as, html.encode("utf-8")

    @staticmethod
    def draw(generator, content, names):
        """The page as Pelican's writer renders it (pelican/writers.py, ``_get_localcontext``)."""
        context = dict(generator.context)
        context["localsiteurl"] = context.get("localsiteurl")
        if generator.settings.get("RELATIVE_URLS"):
            relative = path_to_url(get_relative_path(content.save_as))
            context["SITEURL"] = context["localsiteurl"] = relative
        context["output_file"] = content.save_as
        context.update(names, url=content.url)
        return generator.get_template(content.template).render(context)
