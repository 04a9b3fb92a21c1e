"""What an import guesses, said out loud: the blog's title and its coverage date, read from
the text itself where it says them, each with the words that say where it came from.

- The title: a Markdown `# ` heading or an HTML page's `<h1>`/`<title>`, else the text's
  first line above its first stamp line, else the file's name.
- The coverage date: the latest date on a post's sign-off line (`— Name (@handle)
  December 26, 2024`), moved on to the weekday that a `Thursday's Coverage` line implies;
  a weekday line alone gives the latest such day up to today; else today, with a warning.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta

from desk.core.importers.common import StampMatcher, Unit, md_plain
from desk.core.model import MONTHS

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_TITLE = 100

_MONTH = "|".join(MONTHS)
_US_DATE = re.compile(rf"\b({_MONTH}) ([0-9]{{1,2}}),? ([0-9]{{4}})\b")
_UK_DATE = re.compile(rf"\b([0-9]{{1,2}}) ({_MONTH}),? ([0-9]{{4}})\b")
_SIGNOFF = re.compile(r"^\s*(?:>\s*)?(?:—|&mdash;|–|-{1,2})\s*\S")
_COVERAGE_DAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})(?:'|’)s [Cc]overage\b")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]{0,2000}>")
_MD_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")


@dataclass(frozen=True)
class Guess:
    """A value the text suggested, and where it was found, in a reader's words."""

    value: str | date
    found: str


def short(text: str, limit: int = MAX_TITLE) -> str:
    """One line of at most `limit` characters, cut at a word."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—- ")


def guess_title(text: str, fmt: str, labels: str | None = None) -> Guess | None:
    """The title the text gives: its heading, else its first line above the first stamp
    line; None when it gives none."""
    if fmt == "html":
        for pattern, where in ((_H1, "the page's heading"), (_TITLE, "the page's title")):
            match = pattern.search(text)
            if match is not None:
                title = short(html.unescape(_TAG.sub(" ", match.group(1))))
                if title:
                    return Guess(title, where)
        return None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    matcher = StampMatcher(labels)
    for line in lines:
        if line.startswith("<!--"):
            continue
        if fmt == "md":
            heading = _MD_HEADING.match(line)
            if heading is not None:
                return Guess(short(md_plain(heading.group(1))), "the text's heading")
        plain = md_plain(line) if fmt == "md" else line
        if matcher.match(Unit(line, plain)) is not None:
            return None  # the text opens with its first update: no title line above it
        title = short(plain)
        return Guess(title, "the text's first line") if title else None
    return None


def _dates_in(line: str) -> list[date]:
    found = []
    for month, day, year in _US_DATE.findall(line):
        found.append((int(year), MONTHS.index(month) + 1, int(day)))
    for day, month, year in _UK_DATE.findall(line):
        found.append((int(year), MONTHS.index(month) + 1, int(day)))
    dates = []
    for year, month, day in found:
        try:
            dates.append(date(year, month, day))
        except ValueError:
            continue  # "February 30": not a date, so no guess from it
    return dates


def guess_date(text: str, today: date) -> Guess | None:
    """The coverage date the text's own dates give, or None."""
    signed: list[tuple[date, str]] = []
    weekday: tuple[int, str] | None = None
    for raw in html.unescape(_TAG.sub(" ", text)).split("\n"):
        line = raw.strip()
        if weekday is None:
            match = _COVERAGE_DAY.search(line)
            if match is not None:
                weekday = ((WEEKDAYS.index(match.group(1)) + 1) % 7, short(line, 80))
        if _SIGNOFF.match(line):
            signed.extend((d, short(line, 80)) for d in _dates_in(line))
    if signed:
        latest, line = max(signed)
        if weekday is None or latest.weekday() == weekday[0]:
            return Guess(latest, f"the sign-off line “{line}”")
        moved = latest + timedelta(days=(weekday[0] - latest.weekday()) % 7)
        return Guess(
            moved,
            f"the sign-off line “{line}” and the line “{weekday[1]}” (a {WEEKDAYS[weekday[0]]})",
        )
    if weekday is not None:
        day = today - timedelta(days=(today.weekday() - weekday[0]) % 7)
        return Guess(
            day,
            f"the line “{weekday[1]}”: the latest {WEEKDAYS[weekday[0]]} up to today",
        )
    return None


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
