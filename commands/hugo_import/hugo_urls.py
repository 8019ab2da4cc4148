"""The address Hugo gave each page, so that an imported page keeps answering there.

Hugo (https://gohugo.io/content-management/urls/): a page's ``url`` front matter wins; else the
``permalinks`` pattern of its section (``/:year/:month/:slug/``...); else its path: the folders,
then the ``slug`` or the file name (a bundle's folder name), lower case. Sections are at their
folder's path. The importer gives a post Hugo's last part as its slug when Hugo did not take it
from the title, and adds every old address that differs from the new one to ``aliases``.
"""

import datetime
import posixpath
import re
import unicodedata

from sitelib.frontmatter.dates import parse_date

TOKEN = re.compile(r":(\w+)(\[[^\]]*\])?")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
UNSAFE = re.compile(r"[^\w\-./%#+~]")


def urlize(text, lower=True, remove_accents=False):
    """Hugo's path sanitising: spaces become hyphens; letters, digits and ``-_./%#+~`` are kept."""
    if remove_accents:
        text = "".join(
            c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
        )
    text = UNSAFE.sub("", re.sub(r"\s", "-", text.strip()))
    return text.lower() if lower else text


class HugoURLs:
    def __init__(self, config):
        permalinks = config.get("permalinks") if isinstance(config.get("permalinks"), dict) else {}
        pages = permalinks.get("page") if isinstance(permalinks.get("page"), dict) else {}
        self.patterns = {**{k: v for k, v in permalinks.items() if isinstance(v, str)}, **pages}
        self.lower = not config.get("disablepathtolower")
        self.remove_accents = bool(config.get("removepathaccents"))

    def url(self, rel, data):
        """Hugo's address for the content file at ``rel`` (relative to the content folder), with ``data``
        its front matter as sitelib.frontmatter.fields reads it; None for files that are no page."""
        folder, name = posixpath.split(rel)
        stem = posixpath.splitext(name)[0].split(".")[0]  # about.en.md → about
        if data.get("url"):
            return data["url"].removesuffix("index.html")
        if stem == "_index":
            return "/" + self._path(folder) + ("/" if folder else "")
        bundle = stem == "index"
        parts = [p for p in folder.split("/") if p]
        filename = parts[-1] if bundle and parts else stem
        section = parts[0] if parts and not (bundle and len(parts) == 1) else ""
        pattern = self.patterns.get(section)
        if pattern:
            return self._expand(
                pattern, rel, data, section, parts[:-1] if bundle else parts, filename
            )
        last = data.get("slug") or filename
        dirs = parts[:-1] if bundle else parts
        return "/" + self._path("/".join(dirs + [last])) + "/"

    def _path(self, path):
        return "/".join(urlize(p, self.lower, self.remove_accents) for p in path.split("/") if p)

    def _expand(self, pattern, rel, data, section, dirs, filename):
        date = data.get("date") or datetime.datetime(1, 1, 1)
        if not isinstance(date, datetime.datetime):
            date = parse_date(date)
        slug = data.get("slug")
        title = data.get("title") or ""
        values = {
            "year": f"{date.year:04d}",
            "month": f"{date.month:02d}",
            "monthname": MONTHS[date.month - 1],
            "day": f"{date.day:02d}",
            "weekday": str(date.isoweekday() % 7),
            "weekdayname": date.strftime("%A"),
            "yearday": str(date.timetuple().tm_yday),
            "section": section,
            "sections": "/".join(dirs),
            "title": urlize(title, self.lower, self.remove_accents),
            "filename": filename,
            "contentbasename": filename,
            "slug": urlize(slug or title, self.lower, self.remove_accents),
            "slugorfilename": slug or filename,
            "slugorcontentbasename": slug or filename,
        }
        url = TOKEN.sub(lambda m: values.get(m.group(1).lower(), m.group(0)), pattern)
        url = "/" + url.strip("/")
        return url if "." in url.rsplit("/", 1)[-1] else url + "/"
