"""Hugo Blox landing pages keep their text in front matter ``sections:`` blocks.

Our pages are Markdown bodies, so each block becomes Markdown appended to the
body: headings (with the block ``id`` kept as the anchor), text, feature lists,
call-to-action links, and a ``list-collaborators`` shortcode for a portfolio of
a section's pages. Block types we do not know keep their title and text.
"""


def heading(title, block_id, level=2):
    anchor = f" {{: #{block_id} }}" if block_id else ""
    return f"{'#' * level} {str(title).strip()}{anchor}"


def link(item):
    if isinstance(item, dict) and item.get("url") and (item.get("label") or item.get("text")):
        return f"[{item.get('label') or item.get('text')}]({item['url']})"
    return None


def block_markdown(block):
    content = block.get("content") or {}
    kind = block.get("block", "")
    block_id = block.get("id")
    parts = []
    if content.get("title"):
        parts.append(heading(content["title"], block_id))
    elif block_id:
        parts.append(f'<div id="{block_id}"></div>')
    if content.get("subtitle"):
        parts.append(str(content["subtitle"]).strip())
    if content.get("text"):
        parts.append(str(content["text"]).strip("\n"))
    if kind == "features":
        items = content.get("items") or []
        parts.append("\n".join(
            f"- **{item.get('name', '').strip()}**: {str(item.get('description', '')).strip()}"
            for item in items if isinstance(item, dict)))
    elif kind in ("portfolio", "collection"):
        folders = ((content.get("filters") or {}).get("folders") or [])
        for folder in folders:
            if folder == "blog" or folder.startswith("blog/"):
                parts.append("[See all our posts](/blog/)")
            else:
                parts.append(f'{{{{< list-collaborators section="{folder}" >}}}}')
    links = [link(content.get(key)) for key in ("cta", "cta_alt")]
    links = [x for x in links if x]
    if links:
        parts.append(" · ".join(links))
    return "\n\n".join(p for p in parts if p.strip())


def sections_to_markdown(sections, body):
    """The body followed by every block as Markdown; (new body, number of blocks converted)."""
    if not isinstance(sections, list):
        return body, 0
    texts = [block_markdown(b) for b in sections if isinstance(b, dict)]
    texts = [t for t in texts if t]
    if not texts:
        return body, 0
    start = body.rstrip("\n")
    joined = "\n\n".join(texts)
    return (f"{start}\n\n{joined}\n" if start.strip() else f"\n{joined}\n"), len(texts)


def widget_part(data, body, level=2):
    """One headless part of a Hugo Blox ``widget_page`` as Markdown (None when inactive)."""
    if data.get("active") is False or str(data.get("active", "")).lower() == "false":
        return None
    parts = []
    if str(data.get("title") or "").strip():
        parts.append(heading(data["title"], data.get("id"), level))
    elif data.get("id"):
        parts.append(f'<div id="{data["id"]}"></div>')
    if data.get("subtitle"):
        parts.append(str(data["subtitle"]).strip())
    if body.strip():
        parts.append(body.strip("\n"))
    if data.get("widget") == "people" or data.get("type") == "people":
        groups = (data.get("content") or {}).get("user_groups") or []
        parts.append("{{< people groups=\"" + ", ".join(str(g) for g in groups) + "\" >}}")
    return "\n\n".join(parts) if parts else None
