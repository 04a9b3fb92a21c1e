"""Import guesses out loud: the title from the text's first line or heading, the coverage
date from the text's own dates (a sign-off line, a "Thursday's Coverage" line), else today
with a warning; Desk's own exports need no guess. `desk import` prints each guess."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.importers.guess import guess_date, guess_title
from desk.core.importers.importing import preview_file, preview_import
from desk.core.importers.options import ImportOptions
from tests.desk_run import RunDesk
from tests.helpers import small_blog

EXAMPLES = Path("/work/shared/examples")
DATA = Path(__file__).resolve().parents[2] / "data"
HARBOUR = DATA / "harbour-storm.txt"
TODAY = date(2026, 12, 2)  # a Wednesday

CHRISTMAS = """Flooding closes the coast road
Thursday's Coverage: The Storm Makes Landfall
UPDATE 1900 GMT:
The coast road is closed at Bray.
Water is over the road at the harbour. Stay away.
— County Council (@CountyCouncil) December 26, 2024
ORIGINAL ENTRY: Heavy rain has flooded the coast road.
"""


def test_the_harbour_example_guesses_its_date_and_title() -> None:
    preview = preview_file(HARBOUR, ImportOptions(), today_is=TODAY)
    blog = preview.blog
    assert blog.date == date(2025, 3, 14)
    assert blog.title == (
        "Drone image, from the Coastal Rescue Service, of the flooded quay at Port Elvan"
    )
    assert [kind for kind, _ in preview.guesses] == ["date", "title"]
    date_said, title_said = (sentence for _, sentence in preview.guesses)
    assert date_said.startswith("coverage date 14 March 2025, from the sign-off line “— Northern")
    assert title_said == f"title “{blog.title}”, from the text's first line"
    assert [f"{e.stamp:%Y-%m-%d %H%M}" for e in blog.timeline()][:2] == [
        "2025-03-14 2141",
        "2025-03-14 1958",
    ]
    assert blog.header.startswith("Drone image")  # the line stays in the header too


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="the shared examples are not here")
def test_the_shared_example_reads_as_the_test_copy() -> None:
    shared = preview_file(EXAMPLES / "harbour-storm.txt", ImportOptions(), today_is=TODAY)
    assert shared.blog.date == date(2025, 3, 14)


def test_a_sign_off_and_a_weekday_coverage_line() -> None:
    found = guess_date(CHRISTMAS, TODAY)
    # December 26, 2024 is a Thursday; "Thursday's Coverage" is the day before: a Friday.
    assert found is not None and found.value == date(2024, 12, 27)
    assert "December 26, 2024" in found.found and "Thursday's Coverage" in found.found
    alone = CHRISTMAS.replace("Thursday's Coverage", "Yesterday's Coverage")
    signed = guess_date(alone, TODAY)
    assert signed is not None and signed.value == date(2024, 12, 26)


def test_a_weekday_line_alone_gives_the_latest_such_day() -> None:
    text = "Friday's Coverage: more rain\nUPDATE 1200 GMT:\nRain.\n"
    found = guess_date(text, TODAY)
    assert found is not None and found.value == date(2026, 11, 28)  # the latest Saturday
    assert "the latest Saturday up to today" in found.found


def test_no_date_in_the_text_is_today_with_a_warning() -> None:
    preview = preview_import("UPDATE 1200 GMT:\nRain.\n", ImportOptions(), today_is=TODAY)
    assert preview.blog.date == TODAY
    assert ("date", "no date in the text: the coverage date is today, 2 December 2026") in (
        preview.guesses
    )


def test_given_options_are_not_guessed() -> None:
    options = ImportOptions(date=date(2025, 3, 14), title="Storm")
    preview = preview_import(HARBOUR.read_text(), options, today_is=TODAY)
    assert preview.guesses == [] and preview.blog.title == "Storm"


@pytest.mark.parametrize(
    ("text", "fmt", "title"),
    [
        ("# Storm Maren: live\n\nUPDATE 1200 GMT:\n\nRain.\n", "md", "Storm Maren: live"),
        ("<html><head><title>Site</title></head><h1>Storm &amp; tide</h1></html>", "html",
         "Storm & tide"),
        ("<html><head><title>Live: storm</title></head><p>x</p></html>", "html", "Live: storm"),
        ("UPDATE 1200 GMT:\nRain.\n", "text", None),
    ],
)  # fmt: skip
def test_titles_from_headings_and_first_lines(text: str, fmt: str, title: str | None) -> None:
    found = guess_title(text, fmt)
    assert (found.value if found else None) == title


def test_a_desk_export_needs_no_guess() -> None:
    text = export_blog(small_blog(), ExportOptions(format="md")).text
    preview = preview_import(text, ImportOptions(format="md"), today_is=TODAY)
    assert preview.guesses == []
    assert preview.blog.title == "Storm Maren: live" and preview.blog.date == date(2025, 3, 14)


def test_desk_import_prints_what_it_guessed(desk: RunDesk, tmp_path: Path) -> None:
    source = tmp_path / "christmas-floods.txt"
    source.write_text(CHRISTMAS, encoding="utf-8")
    run = desk("import", source, "--drafts", tmp_path / "drafts", now="2026-12-02T10:00:00Z")
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        "desk: warning: coverage date 27 December 2024, from the sign-off line “— County "
        "Council (@CountyCouncil) December 26, 2024” and the line “Thursday's Coverage: The "
        "Storm Makes Landfall” (a Friday) (--date sets it)",
        "desk: warning: title “Flooding closes the coast road”, from the text's first line "
        "(--title sets it)",
    ]
    assert Path(run.out.strip()).name == "flooding-closes-the-coast-road-2024-12-27"
    quiet = desk("import", source, "--date", "2024-12-27", "--title", "Floods",
                 "--drafts", tmp_path / "other")  # fmt: skip
    assert (quiet.code, quiet.err) == (0, "")


def test_desk_import_without_any_date_warns_of_today(desk: RunDesk, tmp_path: Path) -> None:
    source = tmp_path / "rain.txt"
    source.write_text("UPDATE 1200 GMT:\nRain.\n", encoding="utf-8")
    run = desk("import", source, "--drafts", tmp_path, now="2026-12-02T10:00:00Z")
    assert run.code == 0, run.err
    assert (
        "desk: warning: no date in the text: the coverage date is today, 2 December 2026 "
        "(--date sets it)"
    ) in run.err.splitlines()
    assert "title “Rain”, from the file's name" in run.err
