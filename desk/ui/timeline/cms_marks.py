"""The marks an entry carries in the timeline for the CMS: key event, pinned, and whether
it went out (published) or changed since it went out. The model lists them; the delegate
draws them; the tooltip and the screen reader say them."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desk.core.model import MONTHS, Entry

KEY = "key"
PINNED = "pinned"
PUBLISHED = "published"
CHANGED = "changed"

# mark: (what the row shows, what a screen reader says, what a tooltip says)
MARKS = {
    PINNED: ("PINNED", "pinned", "Pinned: leads the exports, in either order"),
    KEY: ("★ KEY", "key event", "Key event: listed under “Key events” in exports"),
    PUBLISHED: ("✓ PUB", "published", "Copied for the CMS {moment}"),
    CHANGED: (
        "✎ CHANGED",
        "changed since published",
        "Changed since it was copied for the CMS {moment}: copy it again",
    ),
}


# Quiet colours that read on white, on the light selection and in the dark theme's rows.
COLOURS = {
    PINNED: QColor("#5b4bb7"),
    KEY: QColor("#b3261e"),
    PUBLISHED: QColor("#2e7d32"),
    CHANGED: QColor("#b45309"),
}
GAP = 4


def entry_marks(entry: Entry) -> list[str]:
    """The entry's marks, in the order the row shows them."""
    marks = []
    if entry.pinned and not entry.is_original:
        marks.append(PINNED)
    if entry.key:
        marks.append(KEY)
    if entry.changed_since_published:
        marks.append(CHANGED)
    elif entry.published is not None:
        marks.append(PUBLISHED)
    return marks


def marks_text(entry: Entry) -> str:
    """The marks in words, one sentence a line ("" when none)."""
    moment = ""
    if entry.published is not None:
        when = entry.published
        moment = f"at {when:%H%M} GMT, {when.day} {MONTHS[when.month - 1]}"
    return "\n".join(MARKS[m][2].format(moment=moment) for m in entry_marks(entry))


def marks_spoken(entry: Entry) -> str:
    """The marks as a screen reader reads them after the row: ", key event, published"."""
    return "".join(f", {MARKS[m][1]}" for m in entry_marks(entry))
