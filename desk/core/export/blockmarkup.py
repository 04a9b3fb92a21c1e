"""WordPress block markup: each core block written exactly as its `save` writes it for the
attributes given, between the block delimiters the editor parses (`<!-- wp:name {…} -->`).

The editor checks a block by saving its attributes again and comparing the HTML; anything
else here (another class, a missing wrapper) and it calls the block invalid. Content is
HTML the caller has escaped."""

from __future__ import annotations

import json
from html import escape

# The embed variations WordPress has for the platforms it can embed: (provider, type).
PROVIDERS = {
    "x": ("twitter", "rich"),
    "youtube": ("youtube", "video"),
    "bluesky": ("bluesky", "rich"),
}


def attributes_json(attributes: dict[str, object]) -> str:
    """Attributes as the block serializer writes them into the comment: JSON with `--`,
    `<`, `>`, `&` and escaped quotes as \\u escapes, so nothing can end the comment."""
    text = json.dumps(attributes, ensure_ascii=False, separators=(",", ":"))
    for plain, escaped in (
        ("--", "\\u002d\\u002d"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ('\\"', "\\u0022"),
    ):
        text = text.replace(plain, escaped)
    return text


def block(name: str, html: str, attributes: dict[str, object] | None = None) -> str:
    """One serialized block: `core/` names are written without their namespace."""
    short = name.removeprefix("core/")
    opening = (
        f"<!-- wp:{short} {attributes_json(attributes)} -->"
        if attributes
        else (f"<!-- wp:{short} -->")
    )
    return f"{opening}\n{html}\n<!-- /wp:{short} -->"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def paragraph(content: str, anchor: str = "") -> str:
    if anchor:
        return block("paragraph", f'<p id="{_attr(anchor)}">{content}</p>', {"anchor": anchor})
    return block("paragraph", f"<p>{content}</p>")


def heading(content: str, level: int = 2) -> str:
    level = min(max(level, 1), 6)
    attributes: dict[str, object] = {"level": level} if level != 2 else {}
    return block("heading", f'<h{level} class="wp-block-heading">{content}</h{level}>', attributes)


def quote(inner: list[str], citation: str = "") -> str:
    """A quote holding blocks (paragraphs, as the editor makes them), its citation last."""
    cite = f"<cite>{citation}</cite>" if citation.strip() else ""
    return block("quote", f'<blockquote class="wp-block-quote">{"".join(inner)}{cite}</blockquote>')


def list_item(content: str, nested: list[str] | None = None) -> str:
    return block("list-item", f"<li>{content}{''.join(nested or [])}</li>")


def list_block(items: list[str], ordered: bool = False, start: int | None = None) -> str:
    attributes: dict[str, object] = {}
    tag, start_attr = "ul", ""
    if ordered:
        tag = "ol"
        attributes["ordered"] = True
        if start is not None and start != 1:
            attributes["start"] = start
            start_attr = f' start="{start}"'
    return block(
        "list", f'<{tag}{start_attr} class="wp-block-list">{"".join(items)}</{tag}>', attributes
    )


def embed(platform: str, url: str) -> str:
    """An embed block for a post of X, YouTube or Bluesky: WordPress fetches the post."""
    provider, kind = PROVIDERS[platform]
    attributes: dict[str, object] = {
        "url": url,
        "type": kind,
        "providerNameSlug": provider,
        "responsive": True,
    }
    classes = f"wp-block-embed is-type-{kind} is-provider-{provider} wp-block-embed-{provider}"
    return block(
        "embed",
        f'<figure class="{classes}"><div class="wp-block-embed__wrapper">\n'
        f"{escape(url, quote=False)}\n</div></figure>",
        attributes,
    )


def image(src: str, alt: str, caption: str = "") -> str:
    figcaption = f'<figcaption class="wp-element-caption">{caption}</figcaption>' if caption else ""
    return block(
        "image",
        f'<figure class="wp-block-image"><img src="{_attr(src)}" alt="{_attr(alt)}"/>'
        f"{figcaption}</figure>",
    )


def code(text: str) -> str:
    return block(
        "code", f'<pre class="wp-block-code"><code>{escape(text, quote=False)}</code></pre>'
    )


def separator() -> str:
    return block("separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>')


def table(head: list[list[str]], body: list[list[str]]) -> str:
    """A table of cells' content, the head rows in `<th>`, the body rows in `<td>`."""

    def rows(cells: list[list[str]], tag: str) -> str:
        return "".join(
            "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in row) + "</tr>" for row in cells
        )

    parts = ['<figure class="wp-block-table"><table class="has-fixed-layout">']
    if head:
        parts.append(f"<thead>{rows(head, 'th')}</thead>")
    if body:
        parts.append(f"<tbody>{rows(body, 'td')}</tbody>")
    parts.append("</table></figure>")
    return block("table", "".join(parts))
