"""What every importer shares: units, Markdown escaping, stamp lines, and the rules of
import (what it recovers of a blog) that turn the units of an entry into a Markdown body.

A *unit* is what the rules look at: a line of plain text, a paragraph of Markdown or HTML
(`Unit.block` False), or a block already structured by its source (a quote, a heading, a
list, an embed: `Unit.block` True), which the rules keep as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from desk.core.embeds import Embed, embed_block, parse_post_url
from desk.core.errors import DeskError
from desk.core.model import MONTHS, Blog, Entry, Labels, new_id

MAX_INPUT = 50 * 1024 * 1024  # characters
MAX_RULE_LINE = 2000  # longer units are paragraphs: no sign-off, no subheading
SUBHEADING_WORDS = 10

IdFactory = Callable[[set[str]], str]


@dataclass
class Unit:
    """A line or paragraph (`md` inline Markdown, `plain` its words) or a ready block."""

    md: str
    plain: str
    block: bool = False
    heading: bool = False  # a heading block: a stamp line may hide in it


@dataclass
class RawEntry:
    """An entry as found: its stamp line's time (or explicit date) and its units."""

    kind: str  # "update" or "original"
    hour: int = 0
    minute: int = 0
    day: date | None = None  # from the other-day form `UPDATE 0015 GMT, 15 March:`
    units: list[Unit] = field(default_factory=list)


@dataclass
class Found:
    """A document cut at its stamp lines: the header's units, then the entries."""

    header: list[Unit] = field(default_factory=list)
    entries: list[RawEntry] = field(default_factory=list)


# ---------------------------------------------------------------- Markdown escaping

_LINE_START = re.compile(r"^([#>=|]|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]{1,32};)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_UNDERSCORE_EDGE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape_inline(text: str) -> str:
    """Text that Markdown shows as it is, escaped only where it would be markup (so that
    the words stay the words: `North_Weather` keeps its underscore bare)."""
    text = text.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*")
    text = text.replace("[", "\\[")
    text = _UNDERSCORE_EDGE.sub(r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    return _TAG_START.sub("&lt;", text)


def escape_line_start(md: str) -> str:
    """A paragraph's Markdown that cannot be read as a heading, quote, list or table."""
    match = _LINE_START.match(md)
    if match is None:
        return md
    mark = match.group(1)
    if mark[0].isdigit():
        return mark + "\\" + md[len(mark) :]
    return "\\" + md


def escape_text(line: str) -> str:
    """A line of plain text as a Markdown paragraph, word for word."""
    return escape_line_start(escape_inline(line.strip()))


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINK = re.compile(r"!?\[((?:\\.|[^\]\\\n]){0,2000})\]\((?:[^()\s]|\([^()\s]*\)){0,2000}\)")
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__|\*|_(?![A-Za-z0-9]))")
_CODE = re.compile(r"`+")
_HTML_TAG = re.compile(r"<[A-Za-z/!?][^<>\n]{0,2000}>")


def md_plain(md: str) -> str:
    """The words of inline Markdown as a reader sees them (for the rules, not for output)."""
    text = _LINK.sub(lambda m: m.group(1), md)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _CODE.sub("", text)
    text = _UNESCAPE.sub(r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"\s+", " ", text).strip()


def md_unescape(md: str) -> str:
    """Markdown-escaped text (as `md_escape` writes it) back to the text."""
    text = _UNESCAPE.sub(r"\1", md)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# ---------------------------------------------------------------- stamp lines

_FIELD = re.compile(r"\{(HH|MM|day|month)\}")
_MONTH_RE = "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS) + "|Sept"
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)})
_MONTH_NUMBER["sept"] = 9
_FIELD_RE = {
    "HH": r"(?P<HH>[01][0-9]|2[0-3])",
    "MM": r"(?P<MM>[0-5][0-9])",
    "day": r"(?P<day>[0-3]?[0-9])",
    "month": rf"(?P<month>{_MONTH_RE})",
}
_DAY_MONTH = (
    rf"(?:(?P<d1>[0-3]?[0-9])[ \t]+(?P<m1>{_MONTH_RE})"
    rf"|(?P<m2>{_MONTH_RE})\.?[ \t]+(?P<d2>[0-3]?[0-9]))(?:,?[ \t]+(?P<year>[0-9]{{4}}))?"
)
_OPEN = r"^[ \t]*(?:\#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*"
_SEP = r"(?P<sep>[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*)"


def _format_regex(template: str) -> str:
    """A label format (`UPDATE {HH}{MM} GMT:`) as a regex, its closing colon left out."""
    core = template.strip().rstrip(":").rstrip()
    parts: list[str] = []
    last = 0
    for match in _FIELD.finditer(core):
        parts.append(_literal(core[last : match.start()]))
        name = match.group(1)
        if name in [m.group(1) for m in _FIELD.finditer(core[: match.start()])]:
            parts.append(r"(?:[0-9]{1,2}|[A-Za-z]{3,9})")  # a field twice: any value
        else:
            parts.append(_FIELD_RE[name])
        last = match.end()
    parts.append(_literal(core[last:]))
    return "".join(parts)


def _literal(text: str) -> str:
    return r"[ \t]+".join(re.escape(word) for word in text.split(" ")) if text else ""


@dataclass
class StampLine:
    kind: str
    hour: int = 0
    minute: int = 0
    day: int | None = None
    month: int | None = None
    year: int | None = None
    rest: str = ""  # what follows the label on its line (inline Markdown)


class StampMatcher:
    """Recognises stamp lines: the update label (same-day and other-day forms) and the
    original entry's label, bold, as a heading or plain, with or without the colon."""

    def __init__(self, update: str | None = None, original: str = "ORIGINAL ENTRY:") -> None:
        update = update or Labels().update
        if "{HH}" not in update or "{MM}" not in update:
            raise DeskError(f"the label format {update!r} needs both {{HH}} and {{MM}}")
        core = _format_regex(update)
        flags = re.IGNORECASE
        self.same_day = re.compile(f"{_OPEN}(?:{core}){_SEP}(?P<rest>.*)$", flags | re.DOTALL)
        self.other_day = re.compile(
            f"{_OPEN}(?:{core})[ \t]*,[ \t]*{_DAY_MONTH}{_SEP}(?P<rest>.*)$", flags | re.DOTALL
        )
        self.original = re.compile(
            f"{_OPEN}(?:{_format_regex(original)}){_SEP}(?P<rest>.*)$", flags | re.DOTALL
        )

    def match(self, unit: Unit) -> StampLine | None:
        if unit.block and not unit.heading:
            return None
        for text in (unit.md, unit.plain):
            found = self._match(text)
            if found is not None:
                if text is not unit.md:
                    found.rest = escape_text(found.rest)
                return found
        return None

    def _match(self, text: str) -> StampLine | None:
        if len(text) > MAX_INPUT:
            return None
        match = self.original.match(text)
        if match is not None and _closed(match):
            return StampLine("original", rest=match.group("rest").strip())
        match = self.other_day.match(text)
        if match is not None and _closed(match):
            found = self._times(match)
            month = match.group("m1") or match.group("m2")
            found.day = int(match.group("d1") or match.group("d2"))
            found.month = _MONTH_NUMBER[month.lower()]
            found.year = int(match.group("year")) if match.group("year") else None
            return found
        match = self.same_day.match(text)
        if match is not None and _closed(match):
            return self._times(match)
        return None

    @staticmethod
    def _times(match: re.Match[str]) -> StampLine:
        return StampLine(
            "update",
            hour=int(match.group("HH")),
            minute=int(match.group("MM")),
            rest=match.group("rest").strip(),
        )


def _closed(match: re.Match[str]) -> bool:
    """A label followed by more text on its line must end with a colon or a bold close."""
    rest = match.group("rest").strip()
    sep = match.group("sep")
    if not rest:
        return True
    return ":" in sep or "**" in sep or "__" in sep


def other_day_format(update: str) -> str:
    """The other-day form of an update label: `, {day} {month}` before its closing colon."""
    core = update.rstrip()
    if core.endswith(":"):
        return core[:-1].rstrip() + ", {day} {month}:"
    return core + ", {day} {month}"


def labels_for(update: str | None) -> Labels:
    if not update:
        return Labels()
    return Labels(update=update, update_other_day=other_day_format(update))


def cut_at_stamps(units: list[Unit], matcher: StampMatcher) -> Found:
    """The header (units above the first stamp line) and the entries the stamp lines open."""
    found = Found()
    current: RawEntry | None = None
    has_original = False
    for unit in units:
        stamp = matcher.match(unit)
        if stamp is not None and stamp.kind == "original" and has_original:
            stamp = None  # one original entry per blog: a second label is text
        if stamp is None:
            (current.units if current is not None else found.header).append(unit)
            continue
        current = RawEntry(stamp.kind, stamp.hour, stamp.minute)
        if stamp.kind == "original":
            has_original = True
        if stamp.month is not None and stamp.day is not None:
            current.day = _explicit_day(stamp)
        if stamp.rest:
            current.units.append(Unit(stamp.rest, md_plain(stamp.rest)))
        found.entries.append(current)
    if not found.entries:
        raise DeskError("no stamp line found (like 'UPDATE 2141 GMT:' or 'ORIGINAL ENTRY:')")
    return found


def _explicit_day(stamp: StampLine) -> date | None:
    """The day an other-day label names (its year found later, from the blog's date)."""
    try:
        return date(stamp.year or 2000, stamp.month or 1, stamp.day or 1)
    except ValueError:
        return None


# ---------------------------------------------------------------- dates


def assign_stamps(found: Found, day: date, original_at: time | None) -> list[datetime]:
    """The stamp of each entry: `day` is the oldest update's; reading upwards, a time
    earlier than the one below it moves to the next day; an other-day label gives its day."""
    stamps: list[datetime | None] = [None] * len(found.entries)
    current = day
    below: time | None = None
    for index in range(len(found.entries) - 1, -1, -1):
        entry = found.entries[index]
        if entry.kind == "original":
            continue
        moment = time(entry.hour, entry.minute)
        if entry.day is not None:
            current = _nearest_year(entry.day, current)
        elif below is not None and moment < below:
            current += timedelta(days=1)
        below = moment
        stamps[index] = datetime.combine(current, moment, tzinfo=UTC)
    updates = [s for s in stamps if s is not None]
    for index, entry in enumerate(found.entries):
        if entry.kind != "original":
            continue
        if original_at is not None:
            stamps[index] = datetime.combine(day, original_at, tzinfo=UTC)
        elif updates:
            stamps[index] = min(updates) - timedelta(minutes=1)
        else:
            stamps[index] = datetime.combine(day, time(0, 0), tzinfo=UTC)
    return [s for s in stamps if s is not None]


def _nearest_year(named: date, near: date) -> date:
    """`named`'s day and month in the year that puts it nearest to `near`."""
    best: date | None = None
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidate = named.replace(year=year)
        except ValueError:
            continue
        if best is None or abs((candidate - near).days) < abs((best - near).days):
            best = candidate
    return best or near


# ---------------------------------------------------------------- the rules

_SIGNOFF = re.compile(
    r"^[ \t]*(?:—|–|--)[ \t]*(?P<name>[^()\n]{0,200}?)[ \t]*"
    r"\([ \t]*@(?P<handle>[A-Za-z0-9_.\-]{1,100})"
    rf"[ \t]*\)[ \t]+(?P<month>{'|'.join(MONTHS)})[ \t]+(?P<day>[0-9]{{1,2}}),[ \t]*"
    r"(?P<year>[0-9]{4})[ \t.]*$"
)
_SIGNOFF_URL = re.compile(r"\]\((https?://[^()\s]{1,2000})\)")
_QUOTED = re.compile(r'"[^"]*(?:"|$)|“[^”]*(?:”|$)|«[^»]*(?:»|$)|‘[^’]*(?:’|$)')
_REPORTING = re.compile(r"\b(?:said|says|told|added|according[ \t]+to)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_FIRST_PERSON = {"we", "me", "us", "my", "our"}
_CLOSING_MARKS = "\"'”’»)]*_ \t"
_CLOSING_PUNCTUATION = ".!?:;,…"


def signoff(unit: Unit) -> Embed | None:
    """The post a sign-off line `— Name (@handle) Month D, YYYY` closes, without its text."""
    if unit.block or len(unit.plain) > MAX_RULE_LINE:
        return None
    match = _SIGNOFF.match(unit.plain)
    if match is None:
        return None
    try:
        when = date(
            int(match.group("year")),
            MONTHS.index(match.group("month")) + 1,
            int(match.group("day")),
        )
    except ValueError:
        return None
    kind, url = "x", ""
    link = _SIGNOFF_URL.search(unit.md)
    if link is not None:
        ref = parse_post_url(link.group(1))
        if ref is not None:
            kind, url = ref.platform, ref.url
    return Embed(
        type=kind,
        url=url,
        author=match.group("name").strip(),
        handle=match.group("handle"),
        date=when.isoformat(),
    )


def reports(line: str) -> bool:
    """A line that reports rather than quotes: a reporting verb outside quotation marks,
    and no first-person word."""
    outside = _QUOTED.sub(" ", line)
    if _REPORTING.search(outside) is None:
        return False
    return not any(
        w == "I" or (w.lower() in _FIRST_PERSON and w != "US") for w in _WORD.findall(line)
    )


def ends_with_colon(unit: Unit) -> bool:
    return not unit.block and unit.plain.rstrip().rstrip("*_ \t").endswith(":")


def closing_punctuation(text: str) -> bool:
    stripped = text.rstrip(_CLOSING_MARKS)
    return not stripped or stripped[-1] in _CLOSING_PUNCTUATION


def could_be_subheading(unit: Unit) -> bool:
    """At most 10 words and no closing punctuation (where it sits is checked by the caller)."""
    if unit.block or len(unit.plain) > MAX_RULE_LINE:
        return False
    words = unit.plain.split()
    if not words or len(words) > SUBHEADING_WORDS:
        return False
    if not any(c.isalnum() for c in unit.plain) or signoff(unit) is not None:
        return False
    return not closing_punctuation(unit.plain)


def _posts(units: list[Unit]) -> dict[int, tuple[int, Embed]]:
    """Where each post starts: {first index: (sign-off index, embed with its text)}."""
    posts: dict[int, tuple[int, Embed]] = {}
    floor = -1  # nothing at or above a previous sign-off or a block belongs to a post
    for index, unit in enumerate(units):
        if unit.block:
            floor = index
            continue
        embed = signoff(unit)
        if embed is None:
            continue
        colon = next((j for j in range(index - 1, floor, -1) if ends_with_colon(units[j])), None)
        if colon is not None:
            first = colon + 1
        elif index - 1 > floor:
            first = index - 1
        else:
            first = index
        if first == index:
            floor = index
            continue  # a sign-off with no text above it stays a paragraph
        embed.text = "\n".join(u.plain for u in units[first:index])
        posts[first] = (index, embed)
        floor = index
    return posts


def entry_body(units: list[Unit]) -> str:
    """The Markdown body the rules make of an entry's units."""
    posts = _posts(units)
    blocks: list[str] = []
    quote: list[str] = []

    def close_quote() -> None:
        if quote:
            blocks.append("\n>\n".join("> " + line for line in quote))
            quote.clear()

    pending = False  # the unit above ended with a colon: this one is quoted
    quoting = False
    index = 0
    count = len(units)
    while index < count:
        unit = units[index]
        if index in posts:
            close_quote()
            end, embed = posts[index]
            blocks.append(embed_block(embed))
            pending = quoting = False
            index = end + 1
            continue
        if unit.block:
            close_quote()
            blocks.append(unit.md)
            pending = quoting = False
            index += 1
            continue
        subheading = index > 0 and index < count - 1 and could_be_subheading(unit)
        if pending or (quoting and not subheading and not reports(unit.plain)):
            quote.append(unit.md)
            quoting = True
            pending = False
        else:
            close_quote()
            quoting = False
            if subheading:
                blocks.append("### " + unit.md.lstrip("\\"))
            else:
                blocks.append(unit.md)
                pending = ends_with_colon(unit)
        index += 1
    close_quote()
    return "\n\n".join(blocks)


def header_markdown(units: list[Unit]) -> str:
    return "\n\n".join(u.md for u in units)


def build_blog(
    found: Found,
    *,
    title: str,
    day: date,
    original_at: time | None,
    labels: Labels,
    id_factory: IdFactory | None = None,
) -> Blog:
    """A Blog of ready entries, fresh ids, updates in the document's order, original last."""
    make_id = id_factory or (lambda taken: new_id(taken))
    blog = Blog(title=title, date=day, header=header_markdown(found.header), labels=labels)
    stamps = assign_stamps(found, day, original_at)
    taken: set[str] = set()
    original: Entry | None = None
    for raw, stamp in zip(found.entries, stamps, strict=True):
        entry_id = make_id(taken)
        taken.add(entry_id)
        entry = Entry(
            id=entry_id, stamp=stamp, kind=raw.kind, status="ready", body=entry_body(raw.units)
        )
        if raw.kind == "original":
            original = entry
            continue
        blog.entries[entry.id] = entry
        blog.order.append(entry.id)
    if original is not None:
        blog.entries[original.id] = original
        blog.order.append(original.id)
    return blog
