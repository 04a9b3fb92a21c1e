"""What an editor fears before publishing, found in the entries themselves: newsroom
placeholders left in a ready entry (`TK`, `XX`, `@Leyla to CHECK …`), and stamps outside
the coverage. Shared by the export's checks, `desk check` and the Problems panel.

A check names its entry, so that a window can go to it, and has its message twice: in the
command line's words and in the window's (a window has no `--embeds` flag)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from desk.core.model import EMBED_FENCE, Blog, Entry

# Written in capitals, as newsrooms write them, so that "tk" or "xx" in a word never counts.
PLACEHOLDERS = ("TKTK", "TK", "XX", "CHECK")
# A note to a colleague left in the text: "@Leyla to CHECK name of ship".
_NOTE = re.compile(r"@[A-Za-z][\w.-]*\s+to\s+[A-Z]{2,}\b[^\n]*")
BEFORE = timedelta(days=1)
# Without an end of coverage, a stamp this long after the coverage date is a typo.
AFTER_WITHOUT_END = timedelta(days=7)

# Command-line words in a check's message, and what the window calls the same choice.
_WINDOW_WORDS = {
    "--embeds plain": "Embeds: “Quoted text with a link”",
    "--embeds url": "Embeds: “The post's address only”",
    "--embeds full": "Embeds: “Platforms' embed code”",
    "--all": "Entries: “All entries, drafts too”",
}


def in_window_words(message: str) -> str:
    """A check's message as the window says it."""
    for flag, words in _WINDOW_WORDS.items():
        message = message.replace(flag, words)
    return message


@dataclass(frozen=True)
class Check:
    """One thing to look at before publishing; `entry_id` is '' for the blog's header."""

    message: str  # in the command line's words, with the entry named first
    entry_id: str = ""
    kind: str = ""  # "placeholder", "stamp", or '' for the export's own checks

    @property
    def in_window(self) -> str:
        return in_window_words(self.message)


def where(blog: Blog, entry: Entry) -> str:
    return f"{blog.label(entry).rstrip(':')} ({entry.id})"


def blog_placeholders(blog: Blog) -> list[str]:
    """The placeholders this blog looks for: the newsroom's usual ones and its own."""
    return list(dict.fromkeys([*PLACEHOLDERS, *(p.strip() for p in blog.placeholders)]))


def _pattern(placeholder: str) -> str:
    start = r"(?<![\w])" if placeholder[:1].isalnum() else ""
    end = r"(?![\w])" if placeholder[-1:].isalnum() else ""
    return start + re.escape(placeholder) + end


@functools.lru_cache(maxsize=256)
def _word(placeholder: str) -> re.Pattern[str]:
    return re.compile(_pattern(placeholder))


def placeholders_in(entry: Entry, placeholders: Iterable[str]) -> list[str]:
    """The placeholders the entry's headline and text hold (embeds, which quote others,
    left out), each once, in the order of the list; a note to a colleague as it reads."""
    wanted = tuple(placeholders)
    text = f"{entry.headline}\n{entry.body}"
    if "@" not in text:
        for placeholder in wanted:
            if placeholder in text:
                break
        else:
            return []  # most entries: a few plain searches, and done
    if "```" in text:
        text = EMBED_FENCE.sub("", text)
    found = [p for p in wanted if _word(p).search(text)]
    notes = [m.group(0).strip() for m in _NOTE.finditer(text)]
    return found + notes[:1]


def placeholder_checks(blog: Blog, entries: Iterable[Entry]) -> list[Check]:
    """Ready entries that still hold a placeholder or a note."""
    placeholders = blog_placeholders(blog)
    checks = []
    for entry in entries:
        if not entry.is_ready:
            continue
        found = placeholders_in(entry, placeholders)
        if found:
            quoted = ", ".join(f"“{f}”" for f in found)
            checks.append(
                Check(
                    f"{where(blog, entry)}: ready, but holds {quoted}: finish it first",
                    entry.id,
                    "placeholder",
                )
            )
    return checks


def coverage_window(blog: Blog) -> tuple[datetime, datetime]:
    """The stamps a blog's entries may have: from a day before its date to its end (or a
    week after its date while coverage goes on)."""
    start = datetime.combine(blog.date, time(0, 0), UTC)
    end = blog.ended if blog.ended is not None else start + timedelta(days=1) + AFTER_WITHOUT_END
    return start - BEFORE, end


def stamp_checks(blog: Blog, entries: Iterable[Entry]) -> list[Check]:
    """Entries stamped outside the coverage (a typo in the year or the day, most often)."""
    earliest, latest = coverage_window(blog)
    before = f"more than a day before the coverage date ({blog.date:%d %b %Y})"
    after = (
        f"after coverage ended ({blog.ended:%d %b %Y %H:%M} GMT)"
        if blog.ended is not None
        else f"more than a week after the coverage date ({blog.date:%d %b %Y})"
    )
    checks = []
    months = [f"{date(2000, month, 1):%b}" for month in range(1, 13)]  # in the locale's words
    for entry in entries:
        if earliest <= entry.stamp <= latest:
            continue
        s = entry.stamp
        if s.year >= 1000:  # as %d %b %Y %H:%M writes it, without strftime's cost
            stamp = f"{s.day:02d} {months[s.month - 1]} {s.year} {s.hour:02d}:{s.minute:02d} GMT"
        else:
            stamp = f"{s:%d %b %Y %H:%M} GMT"
        outside = before if entry.stamp < earliest else after
        checks.append(Check(f"{where(blog, entry)}: stamped {stamp}, {outside}", entry.id, "stamp"))
    return checks


def entry_checks(blog: Blog, entries: Iterable[Entry]) -> list[Check]:
    listed = list(entries)
    return placeholder_checks(blog, listed) + stamp_checks(blog, listed)


def checks_of(blog: Blog, messages: Iterable[str]) -> list[Check]:
    """Checks for messages that name their entry first (as the export writes them)."""
    prefixes = [(f"{where(blog, e)}: ", e.id) for e in blog.entries.values()]
    checks = []
    for message in messages:
        entry_id = next((i for p, i in prefixes if message.startswith(p)), "")
        checks.append(Check(message, entry_id))
    return checks


def blog_checks(blog: Blog) -> list[Check]:
    """Every entry check over the whole blog, in timeline order (`desk check`, Problems)."""
    return entry_checks(blog, blog.timeline())


class KeptChecks:
    """A blog's checks as `blog_checks` finds them, found again only for the entries whose
    text, stamp or status changed since the last look: the Problems panel looks after every
    save, and finding every check of 10,000 entries takes about 90 ms."""

    def __init__(self) -> None:
        self._blog: tuple[object, ...] | None = None
        # Per entry: the fields its checks were found from; its placeholder and stamp checks.
        self._entries: dict[str, tuple[tuple[object, ...], list[Check], list[Check]]] = {}

    def of(self, blog: Blog) -> list[Check]:
        made_of = (blog.date, blog.ended, tuple(blog.labels.all_formats().items()),
                   tuple(blog.placeholders))  # fmt: skip
        if made_of != self._blog:
            self._blog, self._entries = made_of, {}
        timeline, held = blog.timeline(), self._entries
        fields = {e.id: (e.headline, e.body, e.stamp, e.status, e.kind) for e in timeline}
        changed = [e for e in timeline if (h := held.get(e.id)) is None or h[0] != fields[e.id]]
        if changed:  # found together: a check's words are made once per call, not per entry
            placeholders = _by_entry(placeholder_checks(blog, changed))
            stamps = _by_entry(stamp_checks(blog, changed))
            for entry in changed:
                held[entry.id] = (
                    fields[entry.id],
                    placeholders.get(entry.id, []),
                    stamps.get(entry.id, []),
                )
        if len(held) > len(fields):  # entries gone from the blog are forgotten
            self._entries = held = {i: held[i] for i in fields}
        kept = [held[e.id] for e in timeline]
        return [c for k in kept for c in k[1]] + [c for k in kept for c in k[2]]


def _by_entry(checks: list[Check]) -> dict[str, list[Check]]:
    found: dict[str, list[Check]] = {}
    for check in checks:
        found.setdefault(check.entry_id, []).append(check)
    return found


def line_of(text: str, check: Check, blog: Blog) -> int:
    """The line of an entry's file `text` where a check's trouble is (1: the file's start)."""
    entry = blog.entries.get(check.entry_id)
    lines = text.split("\n")
    if entry is None:
        return 1
    if check.kind == "stamp":
        return next((n for n, line in enumerate(lines, 1) if line.startswith("stamp:")), 1)
    wanted = placeholders_in(entry, blog_placeholders(blog))
    for number, line in enumerate(lines[1:], start=2):
        if line.startswith(("id:", "stamp:", "notes:")):
            continue
        if any(w in line if " " in w else _word(w).search(line) for w in wanted):
            return number
    return 1
