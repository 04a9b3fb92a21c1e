"""Two versions of an entry compared as an editor reads them: by words, not lines, and
combined by paragraphs (a blank line apart). Used by the conflict view, which builds a
result from the blog's version and the conflict copy, and by the entry history."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from desk.core.errors import DeskError
from desk.core.exchange import CONFLICT_OF, Resolution
from desk.core.model import Blog

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n+")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*(?:\n|$)))+")
SIMILAR = 0.6  # paragraphs this alike (by words) are one paragraph edited, not two

Span = tuple[int, int]


@dataclass(frozen=True)
class Piece:
    """A run of text and whether it is in one version only (`changed`)."""

    text: str
    changed: bool


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def word_changes(left: str, right: str) -> tuple[list[Span], list[Span]]:
    """The character spans of `left` not in `right` and of `right` not in `left`, compared
    word by word (whitespace alone never counts as a change)."""
    a, b = _tokens(left), _tokens(right)
    matcher = difflib.SequenceMatcher(
        None, [t.group() for t in a], [t.group() for t in b], autojunk=False
    )
    only_left: list[Span] = []
    only_right: list[Span] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for tokens, first, last, spans in ((a, a1, a2, only_left), (b, b1, b2, only_right)):
            words = [t for t in tokens[first:last] if not t.group().isspace()]
            if words:
                spans.append((words[0].start(), words[-1].end()))
    return _joined_spans(left, only_left), _joined_spans(right, only_right)


def _joined_spans(text: str, spans: list[Span]) -> list[Span]:
    """Changed words only spaces apart (within a paragraph) marked as one run, so that a
    changed phrase reads as one."""
    joined_spans: list[Span] = []
    for start, end in spans:
        gap = text[joined_spans[-1][1] : start] if joined_spans else "x"
        if not gap.strip() and "\n\n" not in gap:
            joined_spans[-1] = (joined_spans[-1][0], end)
        else:
            joined_spans.append((start, end))
    return joined_spans


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """`text` cut into runs, those in `spans` marked changed."""
    result, position = [], 0
    for start, end in sorted(spans):
        if start > position:
            result.append(Piece(text[position:start], False))
        result.append(Piece(text[start:end], True))
        position = end
    if position < len(text):
        result.append(Piece(text[position:], False))
    return result


# ---------------------------------------------------------------- paragraphs


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a body, blank lines between them taken off."""
    stripped = text.strip("\n")
    return [p for p in _BLANK_LINE.split(stripped) if p.strip()] if stripped.strip() else []


def joined(parts: list[str]) -> str:
    return "\n\n".join(parts)


def paragraph_at(text: str, position: int) -> str:
    """The paragraph of `text` that holds `position` ("" on a blank line or outside)."""
    for match in _PARAGRAPH.finditer(text):
        if match.start() <= position <= match.end() and match.group().strip():
            return match.group().strip("\n")
    return ""


def _similar(one: str, other: str) -> bool:
    return difflib.SequenceMatcher(None, one.split(), other.split()).ratio() >= SIMILAR


def keep_both_additions(ours: str, theirs: str) -> str:
    """The blog's body with every paragraph only the copy has put in at its place. Where
    both changed one paragraph a little, the blog's wording stays (take the copy's with
    Take this paragraph); where they wrote different paragraphs, both are kept."""
    a, b = paragraphs(ours), paragraphs(theirs)
    result: list[str] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("equal", "delete"):
            result += a[a1:a2]
        elif tag == "insert":
            result += b[b1:b2]
        else:
            for k in range(max(a2 - a1, b2 - b1)):
                mine = a[a1 + k] if a1 + k < a2 else None
                other = b[b1 + k] if b1 + k < b2 else None
                if mine is not None:
                    result.append(mine)
                if other is not None and (mine is None or not _similar(mine, other)):
                    result.append(other)
    return joined(result)


def take_paragraph(result: str, source: str, other: str, paragraph: str) -> str:
    """`result` with `paragraph` (of the version `source`) in it: in place of its
    counterpart (the other version's wording of that paragraph) when the result holds it,
    else after the
    paragraph before it in `source` (or before the one after it), else at the end.
    Unchanged when the result already holds it."""
    parts = paragraphs(result)
    mine = paragraphs(source)
    paragraph = paragraph.strip("\n")
    if not paragraph.strip() or paragraph in parts or paragraph not in mine:
        return result
    index = mine.index(paragraph)
    theirs = paragraphs(other)
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "replace" and a1 <= index < a2:
            counterparts = theirs[b1:b2]
            paired = b1 + (index - a1)
            if b1 <= paired < b2:  # the one at the same place first
                counterparts = [theirs[paired]] + [c for c in counterparts if c != theirs[paired]]
            for counterpart in counterparts:
                if counterpart in parts and _similar(counterpart, paragraph):
                    parts[parts.index(counterpart)] = paragraph
                    return joined(parts)
    for before in reversed(mine[:index]):
        if before in parts:
            parts.insert(parts.index(before) + 1, paragraph)
            return joined(parts)
    for after in mine[index + 1 :]:
        if after in parts:
            parts.insert(parts.index(after), paragraph)
            return joined(parts)
    return joined([*parts, paragraph])


# ---------------------------------------------------------------- saving a combination


def apply_combination(blog: Blog, copy_id: str, headline: str, body: str) -> Resolution:
    """Settle a conflict copy with a version made of both: the blog's entry takes
    `headline` and `body` (its stamp, author and status stay), the copy goes to the
    trash (restorable). Nothing saved: see `Resolution`."""
    conflict = blog.entries.get(copy_id)
    if conflict is None:
        raise DeskError(f"no entry {copy_id!r} in the blog")
    original_id = conflict.extra.get(CONFLICT_OF)
    original = blog.entries.get(original_id) if isinstance(original_id, str) else None
    if original is None:
        raise DeskError(f"entry {copy_id!r} is not a conflict copy of an entry in the blog")
    original.headline = headline.strip()
    original.body = body
    return Resolution(changed=[original.id], removed=[copy_id])
