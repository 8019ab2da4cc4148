"""Two sources for one output path fail the build, naming every file involved.

Every path the build will write is known once each generator has its context
(``all_generators_finalized``), before anything is written: Pelican's own outputs (posts,
pages, listings with their later pages, archives, feeds, static and theme files) are
listed here; other plugins' generators answer the named signal ``site_outputs``:
connect ``receiver(generators) -> [Output(...), ...]``.

Of two claims on one path the stronger kind keeps it (``KINDS``, strongest first); the
weaker one is reported and parked (not written), so writing cannot fail on it and the
build ends with the list of problems. A redirect may take a Pelican listing's place
(an old ``/author/x/`` page sent to ``/team/x/``).
"""

import logging
import os
import posixpath
from collections import namedtuple
from itertools import chain

from blinker import signal
from pelican.contents import Article
from pelican.generators import (
    ArticlesGenerator,
    PagesGenerator,
    StaticGenerator,
    TemplatePagesGenerator,
)
from pelican.paginator import Paginator

logger = logging.getLogger(__name__)

site_outputs = signal("site_outputs")

# listing: a page Pelican makes from the posts; generated: any other page or file the build
# makes (feeds, the team and jobs pages, the search page, the sitemap); page: a person or
# posting page; content: a post or page; file: a static or bundle file; redirect: an alias.
KINDS = ("listing", "generated", "page", "content", "file", "redirect")
FIX = {
    "page": "give one of them another slug",
    "content": "give this page another path or slug",
    "file": "rename or move this file",
    "redirect": "remove the alias or move that page",
}
PEER_FIX = {
    "page": "give one of them another slug",
    "file": "rename or move one of them",
    "redirect": "keep only one",
}

NAME_MAX = 255  # bytes in one file or folder name (ext4, APFS and NTFS all stop there)
PATH_MAX = 1024  # bytes in a whole address: far beyond any real one, well within what systems take
SHORTER = {
    "page": "give it a shorter slug",
    "content": "give it a shorter slug or title",
    "file": "give the file a shorter name",
    "redirect": "shorten the alias",
}

# label: how an author would name the output ("the blog index", "the person page");
# source, line: the file that asks for it (None for what the build makes by itself);
# park: makes the generator leave it out (None: it cannot be left out).
Output = namedtuple("Output", "save_as label kind source line park", defaults=(None, None, None))


def contents_of(generators):
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            yield from chain(gen.articles, gen.hidden_articles, gen.drafts)
        elif isinstance(gen, PagesGenerator):
            yield from chain(gen.pages, gen.hidden_pages, gen.draft_pages)


def where(content, shown):
    lines = content.metadata.get("source_lines", {})
    line = lines.get("slug") or lines.get("title") or content.metadata.get("source_line", 1)
    return shown(content.source_path), line


def park(content):
    """Leave a post or page out of the output; the build fails anyway."""
    content.override_save_as = ""


def paginated(gen, save_as, url, articles, template):
    """The path of each page of a listing, as Pelican's writer splits it."""
    settings = gen.settings
    if template not in settings["PAGINATED_TEMPLATES"]:
        return [save_as]
    per_page = settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
    paginator = Paginator(save_as, url, articles, settings, per_page)
    return [paginator.page(number).save_as for number in range(1, paginator.num_pages + 1)]


def listing_pages(generators):
    """save_as -> what Pelican writes there from the posts: the blog index and other direct
    templates, archives, taxonomy pages (each with its later pages) and feeds."""
    taken = {}
    for gen in generators:
        if not isinstance(gen, ArticlesGenerator):
            continue
        settings = gen.settings
        for template in settings["DIRECT_TEMPLATES"]:
            save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            if save_as:
                url = settings.get(f"{template.upper()}_URL", f"{template}.html")
                label = "the blog index" if template == "index" else f"the {template} page"
                taken.update(
                    dict.fromkeys(paginated(gen, save_as, url, gen.articles, template), label)
                )
        for periods in gen.period_archives.values():
            for period in periods:
                label = f"the archive of {' '.join(map(str, period['period']))}"
                pages = paginated(
                    gen, period["save_as"], period["url"], period["articles"], "period_archives"
                )
                taken.update(dict.fromkeys(pages, label))
        for kind, items in (
            ("tag", gen.tags.items()),
            ("category", gen.categories),
            ("author", gen.authors),
        ):
            for item, articles in items:
                if item.save_as:
                    label = f"the {kind} page of '{item}'"
                    taken.update(
                        dict.fromkeys(paginated(gen, item.save_as, item.url, articles, kind), label)
                    )
        taken.update(feeds(gen))
    return taken


def feeds(gen):
    """save_as -> label of each feed Pelican writes (``generate_feeds``)."""
    settings = gen.settings
    found = {}
    for key in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        if settings.get(key):
            found[settings[key]] = "the feed of every post"
    for kind, items in (
        ("CATEGORY", gen.categories),
        ("AUTHOR", gen.authors),
        ("TAG", gen.tags.items()),
    ):
        for form in ("ATOM", "RSS"):
            pattern = settings.get(f"{kind}_FEED_{form}")
            for item, _articles in items if pattern else ():
                found[str(pattern).format(slug=item.slug)] = f"the feed of {kind.lower()} '{item}'"
    for form in ("ATOM", "RSS"):
        pattern = settings.get(f"TRANSLATION_FEED_{form}")
        for lang in {a.lang for a in chain(gen.articles, gen.translations)} if pattern else ():
            found[str(pattern).format(lang=lang)] = f"the feed of language '{lang}'"
    return found


def check_duplicates(generators, shown):
    """``all_generators_finalized``: one error line per post or page that shares its address
    with another or with a listing."""
    by_save_as = {}
    for content in contents_of(generators):
        if content.save_as:
            by_save_as.setdefault(content.save_as, []).append(content)
    listings = listing_pages(generators)
    for save_as, group in by_save_as.items():
        if save_as in listings:
            for content in group:
                path, line = where(content, shown)
                logger.error(
                    "%s:%d: address /%s is also %s; give this page another path or slug",
                    path,
                    line,
                    content.url,
                    listings[save_as],
                )
                park(content)
            continue
        if len(group) < 2:
            continue
        group.sort(key=lambda c: c.source_path)
        for content in group:
            path, line = where(content, shown)
            others = ", ".join("{}:{}".format(*where(o, shown)) for o in group if o is not content)
            if all(type(c) is type(group[0]) for c in group) and getattr(content, "slug", None):
                what = f"slug {content.slug!r}"
            else:
                what = f"address /{content.url}"
            logger.error(
                "%s:%d: %s is also used by %s; give one of them another slug",
                path,
                line,
                what,
                others,
            )
        # The build fails at the end; park the extra copies so writing them cannot crash it first.
        for content in group[1:]:
            park(content)


def pelican_outputs(generators, shown):
    """What Pelican's own generators will write, once ``check_duplicates`` has parked the
    posts and pages it reported."""
    for path, label in listing_pages(generators).items():
        yield Output(path, label, "listing")
    for content in contents_of(generators):
        if content.save_as:
            path, line = where(content, shown)
            yield Output(
                content.save_as,
                "the post" if isinstance(content, Article) else "the page",
                "content",
                path,
                line,
                lambda c=content: park(c),
            )
    for gen in generators:
        if isinstance(gen, StaticGenerator):
            yield from static_outputs(gen, shown)
        elif isinstance(gen, TemplatePagesGenerator):
            for source, dest in gen.settings["TEMPLATE_PAGES"].items():
                yield Output(dest, f"the template page {source}", "generated")


def static_outputs(gen, shown):
    """Static and bundle files (placed by ``paths.place_static_files``), and the theme's files."""
    for static in list(gen.staticfiles):
        yield Output(
            static.save_as,
            "the file",
            "file",
            shown(static.source_path),
            None,
            lambda s=static: drop_static(gen, s),
        )
    for folder in gen.settings["THEME_STATIC_PATHS"]:
        source = os.path.join(gen.theme, folder)
        target = gen.settings["THEME_STATIC_DIR"]
        if os.path.isfile(source):
            yield Output(
                posixpath.join(target, os.path.basename(source)),
                f"the theme file {shown(source)}",
                "generated",
            )
            continue
        for base, _dirs, files in os.walk(source):
            for name in files:
                relpath = os.path.relpath(os.path.join(base, name), source).replace(os.sep, "/")
                yield Output(
                    posixpath.join(target, relpath),
                    f"the theme file {shown(os.path.join(base, name))}",
                    "generated",
                )


def drop_static(gen, static):
    gen.staticfiles[:] = [s for s in gen.staticfiles if s is not static]
    gen.context["staticfiles"] = gen.staticfiles


def check_outputs(generators, shown):
    """``all_generators_finalized``, last: every path claimed by two sources is an error
    naming both; the weaker claim is parked."""
    claims = {}
    outputs = list(pelican_outputs(generators, shown))
    for _receiver, found in site_outputs.send(generators):
        outputs.extend(Output(*output) for output in found or ())
    for output in outputs:
        if not output.save_as:
            continue
        save_as = posixpath.normpath(output.save_as).lstrip("/")
        reason = too_long(save_as)
        if reason and output.source is not None:
            logger.error(
                "%s: address %s is too long (%s); %s",
                place(output),
                shortened(url_of(save_as)),
                reason,
                SHORTER[output.kind],
            )
            if output.park:
                output.park()
            continue
        claims.setdefault(save_as, []).append(output)
    for save_as, group in sorted(claims.items()):
        if len(group) > 1:
            report_clash(save_as, group)


def url_of(save_as):
    return "/" + (save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as)


def too_long(save_as):
    """Why a file cannot be written at ``save_as``, or None."""
    encoded = save_as.encode("utf-8", "surrogateescape")
    longest = max(len(part) for part in encoded.split(b"/"))
    if longest > NAME_MAX:
        return f"one part of it is {longest} bytes long; a file system takes {NAME_MAX}"
    if len(encoded) > PATH_MAX:
        return f"{len(encoded)} bytes; at most {PATH_MAX}"
    return None


def shortened(text, length=60):
    return text if len(text) <= length else text[:length] + "…"


def drop_long_names(generators, shown):
    """A tag, category or author whose page cannot be written (its name is too long for a
    file name): an error on each post naming it, and it is dropped from the site."""
    for gen in generators:
        if not isinstance(gen, ArticlesGenerator):
            continue
        for kind, field in (("tags", "tags"), ("categories", "categories"), ("authors", "authors")):
            items = list(gen.tags.items()) if kind == "tags" else getattr(gen, kind)
            dropped = {item for item, _articles in items if item.save_as and too_long(item.save_as)}
            for item, articles in items:
                if item not in dropped:
                    continue
                for article in articles:
                    line = article.metadata.get("source_lines", {}).get(field, 1)
                    logger.error(
                        "%s:%d: %s name %s is too long for its page's address (%s); shorten it",
                        shown(article.source_path),
                        line,
                        kind[:-1].replace("categorie", "category"),
                        shortened(repr(str(item))),
                        too_long(item.save_as),
                    )
            if not dropped:
                continue
            kept = [(item, articles) for item, articles in items if item not in dropped]
            if kind == "tags":
                gen.tags = dict(kept)
            else:
                setattr(gen, kind, kept)
            gen.context[kind] = kept
            for article in chain(gen.articles, gen.hidden_articles, gen.drafts):
                if isinstance(getattr(article, kind, None), list):
                    setattr(
                        article,
                        kind,
                        [item for item in getattr(article, kind) if item not in dropped],
                    )


def named(output):
    """How a line names the claim that keeps a path: 'the search page', 'the page FILE:LINE'."""
    if output.source is None:
        return output.label
    return f"{output.label} {output.source}" + (f":{output.line}" if output.line else "")


def place(output):
    return output.source + (f":{output.line}" if output.line else "")


def report_clash(save_as, group):
    """One line per weaker claim, naming the one that keeps the path (every claim of equal
    strength names the others); the weaker ones are parked."""
    if any(o.kind == "redirect" for o in group):  # an old listing's path sent elsewhere
        group = [o for o in group if o.kind != "listing"]
    group = sorted(group, key=lambda o: KINDS.index(o.kind))
    if len(group) < 2:
        return
    url = url_of(save_as)
    strongest = [o for o in group if o.kind == group[0].kind]
    if len(strongest) > 1 and strongest[0].source is not None:
        for output in strongest:
            others = ", ".join(place(o) for o in strongest if o is not output)
            logger.error(
                "%s: address %s is also used by %s; %s",
                place(output),
                url,
                others,
                PEER_FIX[output.kind],
            )
            if output is not strongest[0] and output.park:
                output.park()
    keeper = strongest[0]
    for output in group[len(strongest) :]:
        if output.source is None:  # an address kept for continuity yields quietly; two of the
            if output.park:  # build's own pages are a setting, which the writer reports
                output.park()
            continue
        what = output.label if output.kind == "redirect" else f"address {url}"
        logger.error("%s: %s is also %s; %s", place(output), what, named(keeper), FIX[output.kind])
        if output.park:
            output.park()
