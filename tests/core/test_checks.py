"""Checks an editor fears: placeholders left in ready entries (the newsroom's and the
blog's own), notes to colleagues, stamps outside the coverage; messages in the window's
words; `desk check` lists them with the file and line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desk.core.checks import (
    KeptChecks,
    blog_checks,
    checks_of,
    in_window_words,
    placeholders_in,
)
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.model import Entry
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk
from tests.helpers import at, make_blog_folder, small_blog


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("The ship, the TK, sank.", ["TK"]),
        ("Casualties: TKTK.", ["TKTK"]),
        ("Waves of XX metres.", ["XX"]),
        ("CHECK the figure.", ["CHECK"]),
        ("@Leyla to CHECK name of ship", ["CHECK", "@Leyla to CHECK name of ship"]),
        ("@amir to CONFIRM with the coastguard", ["@amir to CONFIRM with the coastguard"]),
    ],
)
def test_placeholders_are_found(body: str, found: list[str]) -> None:
    entry = Entry("e1", at(12, 0), status="ready", body=body)
    assert placeholders_in(entry, ["TKTK", "TK", "XX", "CHECK"]) == found


@pytest.mark.parametrize(
    "body",
    [
        "The TKO of the champion; a tkt; xx-large; checks; Check-in closes at noon.",
        "Write to @Leyla about it.",
        "```embed\ntype: x\nurl: ''\nauthor: A\ntext: TK XX\n```",
    ],
)
def test_words_that_only_look_like_placeholders_pass(body: str) -> None:
    entry = Entry("e1", at(12, 0), status="ready", body=body)
    assert placeholders_in(entry, ["TKTK", "TK", "XX", "CHECK"]) == []


def test_only_ready_entries_are_checked_for_placeholders() -> None:
    blog = small_blog()
    blog.entries["n0d2aft"].body = "TK: how many."  # a draft: still being written
    blog.entries["k7f3c2a"].headline = "Ferry terminal reopens at XX"
    messages = [c.message for c in blog_checks(blog)]
    assert messages == [
        "UPDATE 2141 GMT (k7f3c2a): ready, but holds “XX”: finish it first",
    ]


def test_the_blog_extends_the_list() -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].body = "Ferries resume at [time]."
    assert blog_checks(blog) == []
    blog.placeholders = ["[time]", "FIXME"]
    assert blog.extra["placeholders"] == ["[time]", "FIXME"]
    (check,) = blog_checks(blog)
    assert check.entry_id == "k7f3c2a" and "“[time]”" in check.message


def test_stamps_outside_the_coverage() -> None:
    blog = small_blog()  # dated 14 March 2025
    blog.entries["k7f3c2a"].stamp = datetime(2027, 3, 14, 21, 41, tzinfo=UTC)
    blog.entries["m1dn1te"].stamp = datetime(2025, 3, 12, 23, 0, tzinfo=UTC)
    blog.entries["n0d2aft"].stamp = datetime(2025, 3, 13, 8, 0, tzinfo=UTC)  # a day before
    messages = {c.entry_id: c.message for c in blog_checks(blog)}
    assert set(messages) == {"k7f3c2a", "m1dn1te"}
    assert (
        "stamped 14 Mar 2027 21:41 GMT, more than a week after the coverage date"
        in (messages["k7f3c2a"])
    )
    assert "more than a day before the coverage date (14 Mar 2025)" in messages["m1dn1te"]
    blog.ended = datetime(2025, 3, 15, 1, 0, tzinfo=UTC)
    blog.entries["k7f3c2a"].stamp = datetime(2025, 3, 15, 1, 30, tzinfo=UTC)
    after = {c.entry_id: c.message for c in blog_checks(blog)}
    assert "after coverage ended (15 Mar 2025 01:00 GMT)" in after["k7f3c2a"]


def test_kept_checks_are_the_blogs_checks_after_every_kind_of_change() -> None:
    blog = small_blog()
    kept = KeptChecks()
    changes = [
        lambda: setattr(blog.entries["k7f3c2a"], "body", "Ferries resume at TK."),
        lambda: setattr(blog.entries["n0d2aft"], "body", "XX dead."),  # a draft: not yet
        lambda: setattr(blog.entries["n0d2aft"], "status", "ready"),
        lambda: setattr(blog.entries["k7f3c2a"], "stamp", datetime(2027, 3, 14, 9, tzinfo=UTC)),
        lambda: setattr(blog, "placeholders", ["Ferries"]),
        lambda: setattr(blog.labels, "update_other_day", "{HH}{MM} GMT on {day} {month}"),
        lambda: setattr(blog, "ended", datetime(2025, 3, 14, 22, tzinfo=UTC)),
        lambda: blog.order.reverse(),
        lambda: (blog.order.remove("n0d2aft"), blog.entries.pop("n0d2aft")),
        lambda: setattr(blog.entries["k7f3c2a"], "headline", "CHECK"),
    ]
    assert kept.of(blog) == blog_checks(blog) == []
    for change in changes:
        change()
        assert kept.of(blog) == blog_checks(blog)
    assert [c.message for c in blog_checks(blog)] == [
        "0900 GMT on 14 March (k7f3c2a): ready, but holds “TK”, “CHECK”, “Ferries”: finish it first",
        "0900 GMT on 14 March (k7f3c2a): stamped 14 Mar 2027 09:00 GMT, "
        "after coverage ended (14 Mar 2025 22:00 GMT)",
        "0015 GMT on 15 March (m1dn1te): stamped 15 Mar 2025 00:15 GMT, "
        "after coverage ended (14 Mar 2025 22:00 GMT)",
    ]


def test_export_checks_name_their_entry_and_speak_the_windows_words() -> None:
    blog = small_blog()
    blog.entries[
        "k7f3c2a"
    ].body = "TK\n\n```embed\ntype: telegram\nurl: https://t.me/port/12\ntext: Hi\n```"
    result = export_blog(blog, ExportOptions(format="html", embeds="full"))
    assert any("--embeds plain" in w for w in result.warnings)  # the command line's words
    checks = result.checks(blog)
    telegram = next(c for c in checks if "Telegram" in c.message)
    assert telegram.entry_id == "k7f3c2a"
    assert "--embeds" not in telegram.in_window
    assert "Embeds: “Quoted text with a link”" in telegram.in_window
    assert any(c.entry_id == "k7f3c2a" and "“TK”" in c.message for c in checks)
    drafts = next(c for c in checks if "left out" in c.message)
    assert drafts.entry_id == ""
    assert in_window_words("try --all") == "try Entries: “All entries, drafts too”"
    assert checks_of(blog, ["header: an image in the text has no alt text"])[0].entry_id == ""


def test_desk_check_lists_the_entries_checks_with_file_and_line(
    desk: RunDesk, tmp_path: Path
) -> None:
    blog = small_blog()
    blog.entries["k7f3c2a"].body = "The ferry\n\nleft at 2100.\n\n@Leyla to CHECK name of ship"
    blog.entries["m1dn1te"].stamp = datetime(2027, 3, 15, 0, 15, tzinfo=UTC)
    store = make_blog_folder(tmp_path / "blog", blog)
    run = desk("check", store.root)
    assert run.code == 1, run.err
    lines = run.out.splitlines()
    ferry = store.entry_path("k7f3c2a")
    text = ferry.read_text().split("\n")
    (line,) = [n for n, t in enumerate(text, 1) if t.startswith("@Leyla")]
    assert f"{ferry}:{line}: UPDATE 2141 GMT (k7f3c2a): ready, but holds “CHECK”, " in lines[0]
    midnight = store.entry_path("m1dn1te")
    stamp_line = next(n for n, t in enumerate(midnight.read_text().split("\n"), 1)
                      if t.startswith("stamp:"))  # fmt: skip
    assert lines[1].startswith(f"{midnight}:{stamp_line}: UPDATE 0015 GMT, 15 March (m1dn1te)")
    assert len(lines) == 2
    assert BlogStore.open(store.root)[1].entries["k7f3c2a"].body.endswith("name of ship")
