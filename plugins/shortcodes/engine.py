"""Render parsed shortcodes: templates from the theme or the site, or Python handlers.

A template ``NAME.html`` is looked up in the site's ``content/shortcodes/``
first (where ``invoke import-hugo`` puts a Hugo site's plain fragments), then in
``theme/shortcodes/``. It is rendered with ``args``, ``params``, ``inner``,
``page``, ``DATA`` and the settings. Handlers registered through the
``shortcode_handlers`` signal win over templates of the same name.
"""

import os
import re
import tomllib

import jinja2
import jinja2.meta
import yaml
from markupsafe import Markup

from sitelib.inline import unwrap_paragraph

from .parser import Shortcode, ShortcodeError, parse, unescape

BLOCK = re.compile(
    r"\s*<(p|div|figure|blockquote|ul|ol|dl|aside|video|table|h[1-6]|section|details|pre)\b"
)
MARKDOWN_ATTR = re.compile(r'\s+markdown=(["\'])(?:1|block|span)\1')


def alone(text, sc):
    """True when the shortcode is the only thing on its line(s)."""
    before = text[text.rfind("\n", 0, sc.start) + 1 : sc.start]
    after_end = text.find("\n", sc.end)
    after = text[sc.end : after_end if after_end >= 0 else len(text)]
    return not before.strip() and not after.strip()


class Call:
    """What a Python handler is given: ``handler(sc)`` returns HTML."""

    def __init__(self, engine, sc, page, inner, line, md):
        self.name = sc.name
        self.args = sc.args
        self.params = sc.params
        self.inner = inner
        self.form = sc.form
        self.page = page
        self.line = line
        self.settings = engine.settings
        self.engine = engine
        self._md = md

    def get(self, key, position=None, default=None):
        """A named argument, or a positional one, like Hugo's ``.Get``."""
        if key in self.params:
            return self.params[key]
        if position is not None and position < len(self.args):
            return self.args[position]
        return default

    def render(self, template_name, **context):
        return self.engine.render_template(template_name, self, **context)

    def markdown(self, text, inline=False):
        return self.engine.markdown(text, self.page, self.line, inline=inline)

    def warn(self, message):
        self.page.warn(self.line, f"shortcode {self.name}: {message}")


class Engine:
    """One per build: templates, handlers, data files, section listings (all cached)."""

    def __init__(self, settings, handlers):
        self.settings = settings
        self.handlers = dict(handlers)
        self.folders = [
            os.path.join(settings["PATH"], d) for d in settings["SHORTCODES"]["site_folders"]
        ]
        self.folders += [os.path.join(settings["THEME"], "shortcodes")]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.folders),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.ChainableUndefined,
        )
        self.env.filters["markdownify"] = lambda text: Markup(
            self.markdown(str(text), None, 0, inline=True)
        )
        self.env.filters["truthy"] = truthy
        self.env.filters["text"] = lambda value: Markup.escape(
            str(value)
        )  # raw inner content shown as text
        self.env.filters["inline"] = lambda html: Markup(unwrap_paragraph(str(html)))
        self.env.globals.update(
            section_pages=self.section_pages,
            team_people=self.team_people,
            page_url=page_url,
            fail=fail,
            warn=warn,
            page_param=self.page_param,
            bundle_file=bundle_file,
        )
        self._needs_inner = {}
        self._sections = {}
        self._warned = set()
        self._last_html = ""
        self._idle_md = None

    # --- lookup ---------------------------------------------------------
    def template_name(self, name):
        filename = f"{name}.html"
        if any(os.path.isfile(os.path.join(folder, filename)) for folder in self.folders):
            return filename
        return None

    def known(self, name):
        return name in self.handlers or self.template_name(name) is not None

    def needs_inner(self, name):
        """Hugo's rule: a shortcode whose template uses the inner content must be closed."""
        if name not in self._needs_inner:
            handler = self.handlers.get(name)
            if handler is not None:
                needs = bool(getattr(handler, "needs_inner", False))
            elif self.template_name(name):
                source = self.env.loader.get_source(self.env, f"{name}.html")[0]
                needs = "inner" in jinja2.meta.find_undeclared_variables(self.env.parse(source))
            else:
                needs = False
            self._needs_inner[name] = needs
        return self._needs_inner[name]

    # --- data the templates may use ------------------------------------
    @property
    def data(self):
        """The data files, as the website plugin loaded them for templates (``DATA``)."""
        return self.settings.get("DATA") or {}

    def warn_once(self, key, page, line, message):
        if key not in self._warned:
            self._warned.add(key)
            page.warn(line, message)

    # --- rendering ------------------------------------------------------
    def expand(self, text, page, base_line, md, stash):
        """Replace every shortcode in text; ``stash`` keeps ``<`` output away from Markdown."""
        try:
            items = parse(text, self.needs_inner)
        except ShortcodeError as exc:
            page.error(base_line + exc.line - 1, f"shortcode {exc.name or '?'}: {exc.message}")
            return unescape(text)
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(unescape(item))
            elif isinstance(item, tuple):  # a comment escape: shown literally
                out.append(stash(Markup.escape(item[1])) if stash else str(Markup.escape(item[1])))
            else:
                html = self.call(item, page, base_line, md, stash)
                if stash and item.form == "<" and BLOCK.match(self._last_html):
                    if not alone(text, item):
                        html = (
                            "\n\n" + html + "\n\n"
                        )  # a block inside a paragraph line would nest <p>s
                    elif not text.startswith("\n\n", item.end) and item.end < len(text.rstrip()):
                        # CommonMark ends the block at the next list item; Python-Markdown needs a blank line
                        html += "\n"
                out.append(html)
        return "".join(out)

    def call(self, sc: Shortcode, page, base_line, md, stash):
        line = base_line + sc.line - 1
        if not self.known(sc.name):
            page.error(
                line,
                f"shortcode {sc.name}: unknown shortcode: add theme/shortcodes/{sc.name}.html "
                f"(or content/shortcodes/{sc.name}.html), or register a handler",
            )
            return ""
        inner = None
        if sc.inner is not None:
            inner_line = base_line + sc.inner_line - 1
            if sc.form == "%":
                inner = Markup(self.markdown(sc.inner, page, inner_line))
            else:
                inner = Markup(self.expand(sc.inner, page, inner_line, md, None))
        call = Call(self, sc, page, inner, line, md)
        try:
            handler = self.handlers.get(sc.name)
            if handler is not None:
                html = str(handler(call))
            else:
                html = self.render_template(f"{sc.name}.html", call)
        except ValueError as exc:
            page.error(line, f"shortcode {sc.name}: {exc}")
            return ""
        except jinja2.TemplateError as exc:
            page.error(line, f"shortcode {sc.name}: template error: {exc}")
            return ""
        self._last_html = html
        if not html.strip():
            return ""  # nothing to show: no empty paragraph either
        if getattr(self.handlers.get(sc.name), "inline_text", False):
            return html
        if sc.form == "<" and stash:
            return stash(MARKDOWN_ATTR.sub("", html))
        if sc.form == "<":
            return MARKDOWN_ATTR.sub("", html)
        return html

    def render_template(self, template_name, call, **context):
        values = {key: value for key, value in self.settings.items() if key.isupper()}
        values.update(
            DATA=self.data,
            args=call.args,
            params=call.params,
            inner=call.inner,
            page=call.page,
            sc=call,
            name=call.name,
            form=call.form,
        )
        values.update(context)
        return self.env.get_template(template_name).render(values)

    def markdown(self, text, page, line, inline=False):
        """Markdown → HTML with the site's extensions; shortcodes inside keep their file lines."""
        from markdown import Markdown  # noqa: PLC0415

        from sitelib.frontmatter.inline import speed_up  # noqa: PLC0415

        # one converter kept between calls (building one costs more than a short text);
        # a fresh one when this call is nested in another (a shortcode inside a %-shortcode)
        md, self._idle_md = self._idle_md, None
        md = md or speed_up(Markdown(**self.settings["MARKDOWN"]))
        md.page = page
        md.shortcode_base_line = line if page is not None else None
        try:
            html = md.convert(text).strip()
        finally:
            self._idle_md = md.reset()
        return unwrap_paragraph(html) if inline else html

    def page_param(self, page, key):
        """Hugo's ``.Page.Param``: the page's front matter (or its ``params:``), then the
        site's parameters (``content/data/params.yaml``); dotted keys reach into maps,
        case-insensitively. A key found nowhere is an error, as in Hugo."""
        if not key:
            raise ValueError('missing key: write {{< param "key" >}}')
        metadata = page.metadata if page is not None else {}
        for source in (metadata, metadata.get("params"), self.data.get("params")):
            value = dig(source, str(key))
            if value is not None:
                return value
        raise ValueError(
            f"no parameter '{key}' in the page's front matter or in content/data/params.yaml"
        )

    def team_people(self, groups=()):
        """People of ``content/team/`` in any of ``groups`` (all when empty), by name."""
        if "__team__" not in self._sections:
            self._sections["__team__"] = read_people(self.settings)
        wanted = {g.lower() for g in groups}
        return [
            p
            for p in self._sections["__team__"]
            if not wanted or wanted & {str(g).lower() for g in p["groups"]}
        ]

    # --- a section's pages (for list-collaborators and friends) ---------
    def section_pages(self, section):
        """Pages under ``content/pages/SECTION/`` read from their front matter (cached per build)."""
        if section not in self._sections:
            self._sections[section] = read_section(self.settings, section)
        return self._sections[section]


def bundle_file(page, name):
    """The first file beside the page whose name contains ``name`` (Hugo's ``Resources.GetMatch "**NAME*"``)."""
    folder = os.path.dirname(page.source_path)
    for filename in sorted(os.listdir(folder)):
        if name and name in filename and not filename.endswith((".md", ".html")):
            return filename
    raise ValueError(f"no file named like '{name}' beside {os.path.basename(page.source_path)}")


def dig(data, key):
    """``data["a"]["b"]`` for key ``"a.b"``, matching names case-insensitively; None when absent."""
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = next((v for k, v in data.items() if str(k).lower() == part.lower()), None)
    return data


def truthy(value):
    """Hugo authors write "false" for false: only true-ish words count."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "on")
    return bool(value)


def fail(message):
    """Lets a template stop with a message: ``{{ fail("missing src") }}``."""
    raise ValueError(message)


@jinja2.pass_context
def warn(context, message):
    """Lets a template warn at this use, and go on: ``{{ warn("shortcode x: ...") }}`` logs
    ``file:line: shortcode x: ...`` (the whole message after the file and line)."""
    call = context["sc"]
    call.page.warn(call.line, str(message))
    return ""


def page_url(page):
    """Site path of the page being read: /blog/SLUG/ for posts, the folder path for pages."""
    rel = page.relpath
    for prefix in page.settings.get("ARTICLE_PATHS", []):
        if rel.startswith(prefix.rstrip("/") + "/") and page.metadata.get("slug"):
            return "/" + page.settings["ARTICLE_URL"].format(slug=page.metadata["slug"])
    stem = os.path.splitext(rel)[0]
    for prefix in page.settings.get("PAGE_PATHS", []):
        if stem.startswith(prefix.rstrip("/") + "/"):
            stem = stem[len(prefix.rstrip("/")) + 1 :]
    parts = [p for p in stem.split("/") if p not in ("index", "_index")]
    return "/" + "".join(p + "/" for p in parts)


FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.S)


def front_matter(path):
    """(front matter dict, body) of a content file; ({}, text) when there is none or it is broken."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    match = FRONT.match(text)
    if not match:
        return {}, text
    try:
        data = (
            yaml.safe_load(match.group(2))
            if match.group(1) == "---"
            else tomllib.loads(match.group(2))
        )
    except (yaml.YAMLError, tomllib.TOMLDecodeError):
        data = {}  # the reader reports it with its line
    return (data if isinstance(data, dict) else {}), text[match.end() :]


FIRST_PARAGRAPH = re.compile(r"(?:^|\n\n)([^\n#<{!|>-][^\n]*(?:\n[^\n]+)*)")


def plain_text(markdown_text):
    """A short Markdown field as plain text (for cards and truncation)."""
    from markdown import markdown  # noqa: PLC0415

    return re.sub(r"\s+", " ", Markup(markdown(markdown_text)).striptags()).strip()


def read_people(settings):
    root = os.path.join(settings["PATH"], "team")
    people = []
    if not os.path.isdir(root):
        return people
    for name in sorted(os.listdir(root)):
        path = (
            os.path.join(root, name, "index.md")
            if os.path.isdir(os.path.join(root, name))
            else os.path.join(root, name)
        )
        if name.startswith((".", "_")) or not path.endswith(".md") or not os.path.isfile(path):
            continue
        data, _body = front_matter(path)
        slug = str(data.get("slug") or os.path.splitext(name)[0])
        people.append(
            {
                "name": str(data.get("name") or data.get("title") or slug),
                "role": str(data.get("role") or ""),
                "groups": data.get("groups") or data.get("user_groups") or [],
                "url": f"/team/{slug}/",
            }
        )
    people.sort(key=lambda p: p["name"].lower())
    return people


def read_section(settings, section):
    root = os.path.join(settings["PATH"], "pages", section)
    pages = []
    if not os.path.isdir(root):
        return pages
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for filename in sorted(filenames):
            if not filename.endswith((".md", ".html")) or filename == "README.md":
                continue
            path = os.path.join(dirpath, filename)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            stem = os.path.splitext(rel)[0]
            if stem in ("index", "_index"):
                continue  # the section's own page
            if filename.startswith("_") and not stem.endswith("/_index"):
                continue
            folder = stem.rsplit("/", 1)[0] if stem.endswith(("/index", "/_index")) else stem
            data, body = front_matter(path)
            if data.get("draft") in (True, "true") or data.get("headless") in (True, "true"):
                continue
            summary = data.get("summary")
            if not summary:
                match = FIRST_PARAGRAPH.search(body.strip())
                summary = match.group(1) if match else ""
            pages.append(
                {
                    "title": str(data.get("title") or folder.rsplit("/", 1)[-1]),
                    "url": f"/{section}/{folder}/",
                    "summary": plain_text(str(summary)),
                    "tags": [str(t) for t in (data.get("tags") or [])],
                    "weight": data.get("weight") or 0,
                    "metadata": data,
                }
            )
    pages.sort(
        key=lambda p: (
            p["weight"] if isinstance(p["weight"], (int, float)) else 0,
            p["title"].lower(),
        )
    )
    return pages


__all__ = ["Call", "Engine", "front_matter"]
