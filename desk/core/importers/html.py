"""HTML in: Desk's own export (its `section` ids and `time` elements) and a CMS article's
markup with the stamp lines as paragraphs.

The markup is read with the standard library's HTML parser into a small tree whose depth
and size are bounded (past the bounds, text still lands in the deepest element kept, so no
word is lost), then written back as Markdown: paragraphs, quotes with their attribution,
headings, lists, links, emphasis, images, code, tables, and the platforms' embed code
(read by `parse_embed_code`) as embed blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape

from desk.core.embeds import Embed, embed_block, parse_embed_code
from desk.core.errors import DeskError
from desk.core.htmltree import Element, TreeBuilder, defuse
from desk.core.importers.common import Unit, escape_inline, escape_line_start, md_plain

MAX_DEPTH = 128
MAX_NODES = 1_000_000

VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip
SKIP = {
    "head", "script", "style", "template", "noscript", "title", "svg", "math", "button",
    "select", "input", "textarea", "canvas", "object", "iframe", "map",
}  # fmt: skip
CONTAINERS = {
    "html", "body", "main", "article", "section", "div", "header", "footer", "aside", "nav",
    "address", "details", "summary", "form", "fieldset", "legend", "center", "dl", "dt", "dd",
    "figure", "figcaption", "hgroup", "p", "li", "caption", "video", "audio", "picture",
    "tbody", "thead", "tfoot", "tr", "td", "th", "menu", "dialog", "search",
}  # fmt: skip
BLOCKS = CONTAINERS | {
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre", "table", "hr",
    "script", "iframe", "br", "head", "style", "template", "noscript", "title",
}  # fmt: skip
_CLOSES_P = BLOCKS - {"br", "script", "iframe", "style", "template", "noscript", "title", "head"}
_EMBED_CLASSES = {"twitter-tweet", "twitter-video", "bluesky-embed", "instagram-media", "desk-post"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
_SAFE_HREF = re.compile(r"(?:https?:|mailto:|/|#)", re.IGNORECASE)


class _ImportTreeBuilder(TreeBuilder):
    """The bounded tree, with the end tags HTML lets a page leave out put back."""

    def __init__(self) -> None:
        super().__init__(VOID, max_depth=MAX_DEPTH, max_nodes=MAX_NODES, past_bounds="flatten")

    def before_start(self, tag: str) -> None:
        self._implied_ends(tag)

    def _implied_ends(self, tag: str) -> None:
        """A block closes an open paragraph; an item, row or cell closes its sibling."""
        if tag in _CLOSES_P:
            self._close_near("p", stop={"div", "section", "article", "blockquote", "li", "td"})
        if tag == "li":
            self._close_near("li", stop={"ul", "ol"})
        elif tag in ("td", "th"):
            self._close_near("td", stop={"tr", "table"})
            self._close_near("th", stop={"tr", "table"})
        elif tag == "tr":
            self._close_near("tr", stop={"table", "tbody", "thead"})
        elif tag in ("dt", "dd"):
            self._close_near("dt", stop={"dl"})
            self._close_near("dd", stop={"dl"})

    def _close_near(self, tag: str, stop: set[str]) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            name = self.stack[depth].tag
            if name == tag:
                del self.stack[depth:]
                return
            if name in stop:
                return


def parse_html(text: str) -> Element:
    builder = _ImportTreeBuilder()
    try:
        builder.feed(defuse(text, keep_tail=True))
        builder.close()
    except (AssertionError, ValueError, IndexError, RecursionError) as error:
        raise DeskError(f"could not read the HTML: {error}") from None
    return builder.root


def serialise(node: Element | str) -> str:
    """The node as HTML again (to hand to parse_embed_code)."""
    out: list[str] = []
    stack: list[Element | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item.tag.startswith("/"):
            out.append(f"<{item.tag}>")
            continue
        attrs = "".join(f' {k}="{escape(v, quote=True)}"' for k, v in item.attrs.items())
        out.append(f"<{item.tag}{attrs}>")
        if item.tag in VOID:
            continue
        stack.append(Element("/" + item.tag))
        stack.extend(
            reversed([escape(c, quote=False) if isinstance(c, str) else c for c in item.children])
        )
    return "".join(out)


def text_of(node: Element | str) -> str:
    """All the text under a node, exactly (no whitespace collapsed)."""
    if isinstance(node, str):
        return node
    out: list[str] = []
    stack: list[Element | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif item.tag not in ("script", "style", "template"):
            stack.extend(reversed(item.children))
    return "".join(out)


def _code_span(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _wrap(inner: str, mark: str) -> str:
    core = inner.strip()
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def _url(value: str) -> str:
    return value.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


class Converter:
    """HTML elements to Markdown units. `split_lines`: a <br> ends a unit (CMS pages)."""

    def __init__(self, *, split_lines: bool) -> None:
        self.split_lines = split_lines
        self.last_embed = ""

    # ------------------------------------------------------------ inline

    def inline(self, node: Element | str, depth: int = 0) -> str:
        if isinstance(node, str):
            return escape_inline(_SPACE.sub(" ", node))
        tag = node.tag
        if tag in SKIP or depth > MAX_DEPTH:
            return ""
        if tag == "br":
            return "  \n" if not self.split_lines else " "
        if tag == "img":
            src = node.attrs.get("src", "")
            alt = node.attrs.get("alt", "")
            if src and _SAFE_HREF.match(src.strip()):
                shown = escape_inline(alt).replace("]", "\\]")
                return f"![{shown}]({_url(src)})"
            return escape_inline(alt)
        if tag in ("code", "kbd", "samp", "tt"):
            raw = _SPACE.sub(" ", text_of(node))
            return _code_span(raw) if raw.strip() else raw
        inner = "".join(self.inline(c, depth + 1) for c in node.children)
        if tag in ("strong", "b"):
            return _wrap(inner, "**")
        if tag in ("em", "i"):
            return _wrap(inner, "*")
        if tag == "q":
            return f"“{inner}”"
        if tag == "a":
            href = node.attrs.get("href", "").strip()
            if href and inner.strip() and _SAFE_HREF.match(href):
                core = inner.strip()
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                core = core.replace("]", "\\]")
                return f"{lead}[{core}]({_url(href)}){trail}"
            return inner
        return inner

    # ------------------------------------------------------------ blocks

    def units(self, node: Element, depth: int = 0) -> list[Unit]:
        """The units of a node's children: inline runs become paragraphs."""
        out: list[Unit] = []
        run: list[Element | str] = []
        for child in node.children:
            if isinstance(child, str) or child.tag not in BLOCKS:
                run.append(child)
                continue
            if child.tag == "br":
                if self.split_lines:
                    self._flush(run, out)
                else:
                    run.append(child)
                continue
            self._flush(run, out)
            self._block(child, out, depth + 1)
        self._flush(run, out)
        return out

    def _flush(self, run: list[Element | str], out: list[Unit]) -> None:
        if not run:
            return
        md = "".join(self.inline(item) for item in run)
        run.clear()
        md = re.sub(r"[ ]*  \n[ ]*", "  \n", md)
        md = re.sub(r" {2,}(?!\n)", " ", md).strip(" \t\n")
        if not md:
            return
        md = escape_line_start(md)
        self.last_embed = ""
        out.append(Unit(md, md_plain(md)))

    def _embed(self, embed: Embed, out: list[Unit], *, companion: bool = False) -> None:
        if companion and embed.url and embed.url == self.last_embed:
            return  # the script that goes with the post just before it (Telegram)
        out.append(Unit(embed_block(embed), "", block=True))
        self.last_embed = embed.url or "-"

    def _try_embed(self, node: Element) -> Embed | None:
        try:
            return parse_embed_code(serialise(node))
        except DeskError:
            return None

    def _block(self, node: Element, out: list[Unit], depth: int) -> None:
        tag = node.tag
        classes = set(node.classes())
        if depth > MAX_DEPTH:
            md = escape_line_start(escape_inline(_SPACE.sub(" ", text_of(node)).strip()))
            if md:
                out.append(Unit(md, md_plain(md)))
            return
        if tag in ("script", "iframe"):
            if tag == "iframe" or "data-telegram-post" in node.attrs:
                embed = self._try_embed(node)
                if embed is not None:
                    self._embed(embed, out, companion=tag == "script")
            return
        if tag in SKIP or tag == "hr":
            return
        if tag == "figure" and "desk-image" in classes:
            self._embed(_desk_image(node), out)
            return
        if tag == "p" and "desk-link" in classes:
            link = _desk_link(node)
            if link is not None:
                self._embed(link, out)
                return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            md = _SPACE.sub(" ", "".join(self.inline(c) for c in node.children)).strip()
            if md:
                self.last_embed = ""
                out.append(Unit(f"{'#' * int(tag[1])} {md}", md_plain(md), True, heading=True))
            return
        if tag == "blockquote":
            if classes & _EMBED_CLASSES or {"data-bluesky-uri", "data-instgrm-permalink"} & set(
                node.attrs
            ):
                embed = self._try_embed(node)
                if embed is not None:
                    self._embed(embed, out)
                    return
            inner = Converter(split_lines=self.split_lines).units(node, depth)
            md = "\n\n".join(u.md for u in inner)
            if md.strip():
                quoted = "\n".join(f"> {line}".rstrip() for line in md.split("\n"))
                self.last_embed = ""
                out.append(Unit(quoted, md_plain(" ".join(u.plain for u in inner)), True))
            return
        if tag in ("ul", "ol"):
            md = self._list(node, depth)
            if md:
                self.last_embed = ""
                out.append(Unit(md, md_plain(md), True))
            return
        if tag == "pre":
            self._pre(node, out)
            return
        if tag == "table":
            md = self._table(node)
            if md:
                self.last_embed = ""
                out.append(Unit(md, md_plain(md), True))
            return
        out.extend(self.units(node, depth))

    def _list(self, node: Element, depth: int) -> str:
        ordered = node.tag == "ol"
        try:
            number = int(node.attrs.get("start", "1"))
        except ValueError:
            number = 1
        lines: list[str] = []
        for child in node.children:
            if isinstance(child, str) and not child.strip():
                continue
            if _is_list(child) and lines:
                assert isinstance(child, Element)
                lines.extend(
                    "  " + line if line else line
                    for line in self._list(child, depth + 1).split("\n")
                )
                continue
            item = (
                child
                if isinstance(child, Element) and child.tag == "li"
                else Element("li", children=[child])
            )
            marker = f"{number}." if ordered else "-"
            own = Element("li", children=[c for c in item.children if not _is_list(c)])
            inner = Converter(split_lines=False).units(own, depth + 1)
            text = " ".join(u.md.replace("\n", " ") for u in inner)
            lines.append(f"{marker} {text}".rstrip())
            indent = " " * (len(marker) + 1)
            for sub in item.children:
                if isinstance(sub, Element) and _is_list(sub):
                    block = self._list(sub, depth + 1)
                    lines.extend(indent + line if line else line for line in block.split("\n"))
            number += 1
        return "\n".join(lines)

    def _pre(self, node: Element, out: list[Unit]) -> None:
        code = text_of(node)
        if code.endswith("\n"):
            code = code[:-1]
        language = ""
        for child in node.elements():
            for name in child.classes():
                if name.startswith("language-"):
                    language = name[len("language-") :]
        longest = max((len(m) for m in re.findall(r"`{3,}", code)), default=2)
        fence = "`" * (longest + 1)
        self.last_embed = ""
        out.append(Unit(f"{fence}{language}\n{code}\n{fence}", code, block=True))

    def _table(self, node: Element) -> str:
        rows: list[list[str]] = []
        for row in node.walk():
            if row.tag != "tr":
                continue
            cells = [
                _SPACE.sub(" ", self.inline(c)).strip().replace("|", "\\|")
                for c in row.elements()
                if c.tag in ("td", "th")
            ]
            if cells:
                rows.append(cells)
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        lines = []
        for number, cells in enumerate(rows):
            cells = cells + [""] * (width - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
            if number == 0:
                lines.append("|" + " --- |" * width)
        return "\n".join(lines)


def _is_list(item: Element | str) -> bool:
    return isinstance(item, Element) and item.tag in ("ul", "ol")


def _desk_image(node: Element) -> Embed:
    embed = Embed(type="image")
    for child in node.walk():
        if child.tag == "img" and not embed.src:
            embed.src = child.attrs.get("src", "")
            embed.alt = child.attrs.get("alt", "")
        elif child.tag == "figcaption":
            caption: list[str] = []
            for part in child.children:
                if isinstance(part, Element) and "desk-credit" in part.classes():
                    embed.credit = text_of(part).strip()
                elif isinstance(part, Element) and part.tag == "br":
                    caption.append("\n")
                else:
                    caption.append(text_of(part))
            embed.caption = "".join(caption).strip()
    return embed


def _desk_link(node: Element) -> Embed | None:
    anchors = [c for c in node.elements() if c.tag == "a"]
    if len(anchors) != 1:
        return None
    label = "".join(text_of(c) for c in node.children if not isinstance(c, Element))
    label = label.strip()
    if label and not label.endswith(":"):
        return None
    return Embed(
        type="link",
        url=anchors[0].attrs.get("href", ""),
        title=text_of(anchors[0]),
        label=label[:-1] if label else "",
    )


# ---------------------------------------------------------------- Desk's own export


@dataclass
class SectionEntry:
    id: str
    stamp: datetime
    kind: str
    author: str
    headline: str
    body: str
    label: str | None = None
    status: str = "ready"
    key: bool = False
    pinned: bool = False


@dataclass
class DeskPage:
    header: str
    entries: list[SectionEntry]
    title: str
    day: date | None
    original_label: str | None


def desk_sections(root: Element) -> list[Element]:
    return [
        n
        for n in root.walk()
        if n.tag == "section"
        and "desk-entry" in n.classes()
        and n.attrs.get("id", "").startswith("entry-")
    ]


def _label_time(node: Element) -> Element | None:
    """The `time` element of an entry's label: <p><strong><time datetime=…>."""
    if node.tag != "p":
        return None
    strong = next((c for c in node.elements() if c.tag == "strong"), None)
    if strong is None:
        return None
    # The label may be a permalink: <strong><a href="url#entry-id"><time …>.
    holders = [strong, *(c for c in strong.elements() if c.tag == "a")]
    times = (c for h in holders for c in h.elements() if c.tag == "time")
    return next((c for c in times if "datetime" in c.attrs), None)


def read_desk_page(root: Element, sections: list[Element]) -> DeskPage:
    converter = Converter(split_lines=False)
    header_node = next(
        (n for n in root.walk() if n.tag == "div" and "desk-header" in n.classes()), None
    )
    header = ""
    if header_node is not None:
        header = "\n\n".join(u.md for u in converter.units(header_node))
    entries: list[SectionEntry] = []
    original_label: str | None = None
    for number, section in enumerate(sections, start=1):
        entry_id = section.attrs["id"][len("entry-") :]
        kind = "original" if "desk-original" in section.classes() else "update"
        stamp: datetime | None = None
        label: str | None = None
        headline = author = ""
        body_nodes: list[Element | str] = []
        for child in section.children:
            if isinstance(child, Element):
                classes = child.classes()
                if child.tag == "h3" and "desk-headline" in classes and not headline:
                    headline = text_of(child)
                    continue
                if child.tag == "p" and "desk-byline" in classes and not author:
                    author = text_of(child)
                    continue
                if child.tag == "p" and "desk-pinned-line" in classes:
                    continue  # the export's own line: the section's class says pinned
                when = _label_time(child) if stamp is None else None
                if when is not None:
                    stamp = _stamp(when.attrs["datetime"], number)
                    label = text_of(when)
                    if kind == "original":
                        original_label = label
                    rest = _after_label(child)
                    if rest is not None:
                        body_nodes.append(rest)
                    continue
            body_nodes.append(child)
        if stamp is None:
            raise DeskError(f"Desk entry {number} ({entry_id}) has no time element")
        units = Converter(split_lines=False).units(Element("div", children=body_nodes))
        body = "\n\n".join(u.md for u in units)
        flags = set(section.classes())
        entries.append(
            SectionEntry(
                entry_id,
                stamp,
                kind,
                author,
                headline,
                body,
                label,
                status="draft" if "desk-draft" in flags else "ready",
                key="desk-key" in flags,
                pinned="desk-pinned" in flags,
            )
        )
    title = ""
    for node in root.walk():
        if node.tag == "h1" and not title:
            title = _SPACE.sub(" ", text_of(node)).strip()
    if not title:
        found = next((n for n in root.walk() if n.tag == "title"), None)
        title = _SPACE.sub(" ", text_of(found)).strip() if found is not None else ""
    return DeskPage(header, entries, title, _page_date(root), original_label)


def _after_label(paragraph: Element) -> Element | None:
    """The original entry's first paragraph without its label; None when nothing is left."""
    children = list(paragraph.children)
    index = next(i for i, c in enumerate(children) if isinstance(c, Element) and c.tag == "strong")
    rest = children[index + 1 :]
    if rest and isinstance(rest[0], str) and rest[0].startswith(" "):
        rest[0] = rest[0][1:]
    if not any(isinstance(c, Element) or c.strip() for c in rest):
        return None
    return Element("p", children=rest)


def _stamp(value: str, number: int) -> datetime:
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        raise DeskError(f"Desk entry {number}: {value!r} is not a time") from None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp


def _page_date(root: Element) -> date | None:
    for node in root.walk():
        if node.tag == "p" and "desk-date" in node.classes():
            for child in node.walk():
                if child.tag == "time":
                    try:
                        return date.fromisoformat(child.attrs.get("datetime", "").strip())
                    except ValueError:
                        return None
    return None


def cms_units(root: Element) -> list[Unit]:
    """A CMS page's article as units, one per paragraph or line."""
    return Converter(split_lines=True).units(root)
