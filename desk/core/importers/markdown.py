"""Markdown in: Desk's own export (its `desk:entry` markers give each entry exactly), and
Markdown written by hand, whose stamp lines may be bold or plain.

Both turn the Markdown that Desk's exporter writes for an embed (a quote ending in a
sign-off, an image with its caption line, a link card line) back into an embed block."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from desk.core.clock import parse_time
from desk.core.embeds import (
    LINK_LABEL,
    Embed,
    embed_block,
    iso_date,
    parse_embed_block,
    parse_embed_code,
    parse_post_url,
    render_embed_markdown,
)
from desk.core.errors import DeskError
from desk.core.importers.common import (
    MAX_RULE_LINE,
    StampMatcher,
    Unit,
    closing_punctuation,
    ends_with_colon,
    md_plain,
    md_unescape,
    signoff,
)
from desk.core.mdtext import md_escape
from desk.core.model import EMBED_FENCE, MONTHS, check_id

MARKER = re.compile(r"^<!-- desk:entry (?P<fields>[^\n]{0,20000}?) -->[ \t]*$", re.MULTILINE)
_MARKER_FIELD = re.compile(r'(?P<key>[a-z]{1,20})=(?P<value>"(?:[^"\\\n]|\\.){0,10000}"|\S{1,200})')
_LABEL = re.compile(r"\*\*((?:\\.|[^*\\\n]){1,500})\*\*")
_FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_DATE_TEXT = rf"(?:{'|'.join(MONTHS)}) [0-9]{{1,2}}, [0-9]{{4}}"
_TAIL_LINK = re.compile(r"\[((?:\\.|[^\]\\\n]){0,500})\]\(([^()\s]{1,4096})\)$")
_TAIL_DATE = re.compile(rf"({_DATE_TEXT})$")
_WHO = re.compile(r"^(?P<name>.*?)[ ]?\(@(?P<handle>[^()\s]{1,100})\)$")
_IMAGE = re.compile(r"^!\[((?:\\.|[^\]\\\n]){0,2000})\]\(([^()\s]{1,4096})\)$")
_LINK_CARD = re.compile(r"^(.{1,200}?): \[((?:\\.|[^\]\\\n]){0,2000})\]\(([^()\s]{1,4096})\)$")


@dataclass
class MarkedEntry:
    """An entry as a Desk export gives it: exact fields, and its body's Markdown."""

    id: str | None
    stamp: datetime
    kind: str
    status: str
    author: str
    headline: str
    body: str
    label: str | None = None
    key: bool = False
    pinned: bool = False


# ---------------------------------------------------------------- embeds back


def _quote_post(lines: list[str], *, exact: bool = True) -> Embed | None:
    """A quote as Desk writes a post in Markdown (text, then `— Name (@handle) date`)."""
    content = [line[2:] if line.startswith("> ") else line[1:] for line in lines]
    if not content or not content[-1].startswith("— "):
        return None
    tail = content[-1][2:].strip()
    url = ""
    when = ""
    link = _TAIL_LINK.search(tail)
    if link is not None:
        ref = parse_post_url(link.group(2))
        if ref is None or ref.url != link.group(2):
            return None
        kind = ref.platform
        url = ref.url
        when = iso_date(md_unescape(link.group(1))) or ""
        who = tail[: link.start()].strip()
    else:
        kind = "x"
        date_match = _TAIL_DATE.search(tail)
        if date_match is not None:
            when = iso_date(date_match.group(1)) or ""
            who = tail[: date_match.start()].strip()
        else:
            who = tail
    if who.endswith(","):
        return None
    who = md_unescape(who)
    name, handle = who, ""
    match = _WHO.match(who)
    if match is not None:
        name, handle = match.group("name").strip(), match.group("handle")
    elif who.startswith("@") and " " not in who:
        name, handle = "", who[1:]
    if not url and not when and not handle:
        return None  # an ordinary quote with its attribution
    text_lines = content[:-1]
    if text_lines and text_lines[-1] == "":
        text_lines = text_lines[:-1]
    text = md_unescape("\n".join(text_lines))
    embed = Embed(type=kind, url=url, author=name, handle=handle, date=when, text=text)
    if exact and render_embed_markdown(embed, "plain") != "\n".join(lines):
        return None  # not what Desk writes for that post: keep the quote as it is
    return embed


def _image(line: str, caption_line: str | None) -> Embed | None:
    match = _IMAGE.match(line)
    if match is None:
        return None
    caption, credit = "", ""
    if caption_line is not None:
        before, dash, after = caption_line.rpartition(" — ")
        if not dash:
            return None
        caption, credit = md_unescape(before), md_unescape(after)
    embed = Embed(type="image", src=match.group(2), alt=md_unescape(match.group(1)))
    embed.caption, embed.credit = caption, credit
    expected = line if caption_line is None else f"{line}\n\n{caption_line}"
    return embed if render_embed_markdown(embed, "plain") == expected else None


def _link_card(line: str) -> Embed | None:
    match = _LINK_CARD.match(line)
    if match is None or md_unescape(match.group(1)) != LINK_LABEL:
        return None
    embed = Embed(type="link", url=match.group(3), title=md_unescape(match.group(2)))
    return embed if render_embed_markdown(embed, "plain") == line else None


_EMBED_MARKER = re.compile(
    r"^<!-- desk:embed style=(?P<style>full|url|plain) block=(?P<block>\"(?:[^\"\\\n]|\\.)*\") -->$"
)


def _marked_embed(lines: list[str], index: int) -> tuple[str, int] | None:
    """The embed block an export's `desk:embed` marker at `lines[index]` gives back, and
    the index after what the export wrote for it; None when the lines that follow are not
    what Desk wrote for that block (edited by hand: they are read as they are)."""
    match = _EMBED_MARKER.match(lines[index])
    if match is None:
        return None
    try:
        block = json.loads(match.group("block"))
        source = EMBED_FENCE.fullmatch(block) if isinstance(block, str) else None
        if source is None:
            return None
        rendered = render_embed_markdown(parse_embed_block(source.group(1)), match["style"])
    except (DeskError, ValueError):
        return None
    wanted = rendered.rstrip("\n").split("\n")
    end = index + 1 + len(wanted)
    if lines[index + 1 : end] != wanted or (end < len(lines) and lines[end].strip()):
        return None
    return block, end


def derender_embeds(text: str) -> str:
    """Desk's Markdown for its embeds turned back into embed blocks (exactly, where the
    export marked them; plain style otherwise); every other line kept exactly as it is."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    count = len(lines)
    fence: str | None = None
    while index < count:
        line = lines[index]
        if fence is None and line.startswith("<!-- desk:embed "):
            marked = _marked_embed(lines, index)
            if marked is not None:
                out.append(marked[0])
                index = marked[1]
                continue
            if _EMBED_MARKER.match(line):
                index += 1  # the marker of a post edited since: the text is read as it is
                continue
        if fence is not None:
            out.append(line)
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            index += 1
            continue
        opened = _FENCE_OPEN.match(line)
        starts_block = index == 0 or not lines[index - 1].strip()
        if opened is not None:
            fence = opened.group(1)
            out.append(line)
            index += 1
            continue
        if starts_block and line.startswith(">"):
            end = index
            while end < count and lines[end].startswith(">"):
                end += 1
            if end == count or not lines[end].strip():
                embed = _quote_post(lines[index:end])
                if embed is not None:
                    out.append(embed_block(embed))
                    index = end
                    continue
            out.extend(lines[index:end])
            index = end
            continue
        alone = starts_block and (index + 1 == count or not lines[index + 1].strip())
        if alone and line.startswith("!["):
            caption = None
            if (
                index + 3 <= count
                and index + 1 < count
                and not lines[index + 1].strip()
                and index + 2 < count
                and lines[index + 2].strip()
                and (index + 3 == count or not lines[index + 3].strip())
            ):
                caption = lines[index + 2]
            embed = _image(line, caption)
            if embed is not None:
                out.append(embed_block(embed))
                index += 3 if caption is not None else 1
                continue
            embed = _image(line, None)
            if embed is not None:
                out.append(embed_block(embed))
                index += 1
                continue
        if alone:
            embed = _link_card(line)
            if embed is not None:
                out.append(embed_block(embed))
                index += 1
                continue
        out.append(line)
        index += 1
    return "\n".join(out)


# ---------------------------------------------------------------- Desk's own export


# What the export adds above the entries and import must not take for header text: the
# closing line of an ended blog and the key events list, each opened by its marker.
_EXPORT_EXTRAS = re.compile(
    r"^<!-- desk:(?:ended|key-events) -->\n(?:.+\n)*?(?:\n(?=- )(?:- .*\n?)+)?(?:\n|\Z)",
    re.MULTILINE,
)


def has_markers(text: str) -> bool:
    return MARKER.search(text) is not None


BLOG_MARKER = re.compile(
    r"^<!-- desk:blog (?P<fields>\{[^\n]{0,1000000}\}) -->[ \t]*(?:\n|\Z)", re.MULTILINE
)


def without_blog_marker(text: str) -> str:
    return BLOG_MARKER.sub("", text, count=1)


def blog_fields(text: str) -> dict[str, object]:
    """The blog's own fields from the last line of Desk's Markdown export ({} when the
    export has none, or it cannot be read)."""
    match = BLOG_MARKER.search(text)
    if match is None:
        return {}
    try:
        fields = json.loads(match.group("fields"))
    except (ValueError, RecursionError):
        return {}
    return fields if isinstance(fields, dict) else {}


def _marker_fields(raw: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for match in _MARKER_FIELD.finditer(raw):
        value = match.group("value")
        if value.startswith('"'):
            try:
                decoded = json.loads(value)
            except ValueError:
                continue
            if not isinstance(decoded, str):
                continue
            value = decoded
        fields.setdefault(match.group("key"), value)
    return fields


def _strip_block(rest: str, block: str) -> str | None:
    """`rest` without `block` as its first block, or None when it does not start so."""
    if rest == block:
        return ""
    if rest.startswith(block + "\n\n"):
        return rest[len(block) + 2 :]
    return None


_PINNED_LINE = re.compile(r"\*(?:\\.|[^*\\\n]){1,500}\*")


def _strip_extras(rest: str, headline: str, author: str, pinned: bool = False) -> str:
    if pinned:  # the export's pinned line comes first, in the blog's own words
        line = _PINNED_LINE.match(rest)
        cut = _strip_block(rest, line.group(0)) if line is not None else None
        if cut is not None:
            rest = cut
    if headline:
        cut = _strip_block(rest, f"### {md_escape(headline)}")
        if cut is not None:
            rest = cut
    if author:
        cut = _strip_block(rest, f"*{md_escape(author)}*")
        if cut is not None:
            rest = cut
    return rest


def _entry_body(
    chunk: str, headline: str, author: str, pinned: bool = False
) -> tuple[str, str | None]:
    """The body of one marked entry's Markdown, and its label (as it reads)."""
    label = _LABEL.match(chunk)
    if label is not None:
        after = chunk[label.end() :]
        if after == "" or after.startswith("\n\n"):
            body = _strip_extras(after[2:], headline, author, pinned)
            return body, md_unescape(label.group(1))
    rest = _strip_extras(chunk, headline, author)
    label = _LABEL.match(rest)
    if label is not None and rest[label.end() : label.end() + 1] in (" ", ""):
        return rest[label.end() + 1 :], md_unescape(label.group(1))
    return rest, None


def parse_marked(text: str) -> tuple[str, list[MarkedEntry], str | None]:
    """Desk's Markdown export: the header, the entries, the original entry's label."""
    text = without_blog_marker(text)
    markers = list(MARKER.finditer(text))
    header = derender_embeds(_EXPORT_EXTRAS.sub("", text[: markers[0].start()]).strip("\n"))
    entries: list[MarkedEntry] = []
    original_label: str | None = None
    for number, match in enumerate(markers):
        end = markers[number + 1].start() if number + 1 < len(markers) else len(text)
        chunk = text[match.end() : end].strip("\n")
        fields = _marker_fields(match.group("fields"))
        line = text.count("\n", 0, match.start()) + 1
        stamp = _marker_stamp(fields.get("stamp", ""), line)
        kind = "original" if fields.get("kind") == "original" else "update"
        status = fields.get("status", "ready")
        status = status if status in ("draft", "ready") else "ready"
        headline, author = fields.get("headline", ""), fields.get("author", "")
        pinned = fields.get("pinned") == "true" and kind != "original"
        body, label = _entry_body(chunk, headline, author, pinned)
        if kind == "original" and label is not None:
            original_label = label
        entry_id: str | None = fields.get("id")
        try:
            check_id(entry_id)
        except DeskError:
            entry_id = None
        entries.append(
            MarkedEntry(
                entry_id,
                stamp,
                kind,
                status,
                author,
                headline,
                derender_embeds(body),
                label,
                key=fields.get("key") == "true",
                pinned=fields.get("pinned") == "true",
            )
        )
    return header, entries, original_label


def _marker_stamp(value: str, line: int) -> datetime:
    try:
        return parse_time(value)
    except DeskError:
        raise DeskError(f"line {line}: the desk:entry marker has no valid stamp") from None


# ---------------------------------------------------------------- Markdown by hand


def _is_break(line: str) -> bool:
    """A line that starts a block of its own (it interrupts a paragraph)."""
    return bool(
        _FENCE_OPEN.match(line)
        or _HEADING.match(line)
        or line.lstrip().startswith(">")
        or _LIST_ITEM.match(line)
    )


def markdown_units(text: str, matcher: StampMatcher) -> list[Unit]:
    """Hand-written Markdown as units: paragraphs (split where a line closes a sentence,
    and around stamp lines and sign-offs) and blocks kept as they are."""
    lines = text.split("\n")
    units: list[Unit] = []
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            index += 1
            continue
        opened = _FENCE_OPEN.match(line)
        if opened is not None:
            fence = opened.group(1)
            end = index + 1
            while end < count:
                inner = lines[end].strip()
                if inner.startswith(fence) and not inner.strip(fence[0]):
                    end += 1
                    break
                end += 1
            block = "\n".join(lines[index:end])
            units.append(Unit(block, "", block=True))
            index = end
            continue
        if _HEADING.match(line):
            plain = md_plain(stripped.lstrip("#"))
            units.append(Unit(stripped, plain, block=True, heading=True))
            index += 1
            continue
        if stripped.startswith(">"):
            end = index
            while end < count and lines[end].strip().startswith(">"):
                end += 1
            quote = [lines[i].strip() for i in range(index, end)]
            embed = _quote_post(quote, exact=False)
            block = embed_block(embed) if embed is not None else "\n".join(quote)
            units.append(Unit(block, md_plain(" ".join(q.lstrip(">") for q in quote)), True))
            index = end
            continue
        if _LIST_ITEM.match(line) or stripped.startswith(("<", "|")):
            end = index
            while end < count and lines[end].strip():
                end += 1
            block = "\n".join(lines[index:end]).rstrip()
            if stripped.startswith("<"):
                try:
                    embed = parse_embed_code(block)
                except DeskError:
                    embed = None
                if embed is not None:
                    block = embed_block(embed)
            units.append(Unit(block, md_plain(block), block=True))
            index = end
            continue
        end = index
        while end < count and lines[end].strip() and (end == index or not _is_break(lines[end])):
            end += 1
        units.extend(_paragraph_units([lines[i].strip() for i in range(index, end)], matcher))
        index = end
    return units


def _paragraph_units(lines: list[str], matcher: StampMatcher) -> list[Unit]:
    units: list[Unit] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            md = "\n".join(current)
            units.append(Unit(md, md_plain(md)))
            current.clear()

    for line in lines:
        alone = Unit(line, md_plain(line))
        if matcher.match(alone) is not None or signoff(alone) is not None:
            flush()
            units.append(alone)
            continue
        current.append(line)
        if len(line) > MAX_RULE_LINE or closing_punctuation(alone.plain) or ends_with_colon(alone):
            flush()
    flush()
    return units


__all__ = [
    "BLOG_MARKER",
    "MARKER",
    "MarkedEntry",
    "blog_fields",
    "derender_embeds",
    "has_markers",
    "markdown_units",
    "parse_marked",
]
