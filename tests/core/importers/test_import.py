"""Import: the example blog against an expected folder, no word lost, dates past
midnight, other label formats, hand-written Markdown, a CMS page's HTML, bad input."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from desk.core.embeds import parse_embed_block
from desk.core.errors import DeskError
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.importers.importing import (
    detect_format,
    import_file,
    import_to_folder,
    parse_import,
    sniff_format,
    title_from_name,
)
from desk.core.importers.options import ImportOptions
from desk.core.model import Blog

TESTS = Path(__file__).resolve().parents[2]
EXAMPLE = TESTS / "data" / "harbour-storm.txt"
EXPECTED = TESTS / "expected" / "harbour-storm"
DAY = date(2025, 3, 14)
EMBED = re.compile(r"```embed\n(.*?)```", re.DOTALL)


def counter() -> Callable[[set[str]], str]:
    numbers = itertools.count(1)
    return lambda taken: f"e{next(numbers)}"


def stamp(hhmm: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time(int(hhmm[:2]), int(hhmm[2:])), tzinfo=UTC)


def embeds_in(body: str) -> list[object]:
    return [parse_embed_block(m.group(1)) for m in EMBED.finditer(body)]


@pytest.fixture
def harbour() -> Blog:
    return import_file(EXAMPLE, ImportOptions(date=DAY), id_factory=counter())


# ---------------------------------------------------------------- the example


def test_example_matches_the_expected_folder(harbour: Blog, tmp_path: Path) -> None:
    root = import_to_folder(harbour, tmp_path)
    assert root.name == "harbour-storm-2025-03-14"
    assert (root / "blog.yaml").read_text() == (EXPECTED / "blog.yaml").read_text()
    written = sorted(p.name for p in (root / "entries").glob("*.md"))
    expected = sorted(p.name for p in (EXPECTED / "entries").glob("*.md"))
    assert written == expected
    for name in expected:
        assert (root / "entries" / name).read_text() == (EXPECTED / "entries" / name).read_text(), (
            name
        )


def test_example_structure(harbour: Blog) -> None:
    assert harbour.header.split("\n\n") == [
        "Drone image, from the Coastal Rescue Service, of the flooded quay at Port Elvan",
        "Yesterday's Coverage: Storm Maren Reaches the Western Isles",
        "Map: Northern Weather Office",
    ]
    timeline = harbour.timeline()
    assert [e.stamp for e in timeline[:4]] == [stamp(s) for s in ("2141", "1958", "1712", "1530")]
    assert [harbour.label(e) for e in timeline] == [
        "UPDATE 2141 GMT:",
        "UPDATE 1958 GMT:",
        "UPDATE 1712 GMT:",
        "UPDATE 1530 GMT:",
        "ORIGINAL ENTRY:",
    ]
    assert all(e.status == "ready" for e in timeline)
    original = timeline[-1]
    assert original.is_original and original.stamp == stamp("1529")
    assert original.body.startswith("Storm Maren has flooded the lower town")
    # the quote in 1958, and the reporting line after it stays a paragraph
    assert "\n\n> We have pumps on every street below the sea wall." in timeline[1].body
    assert "\n\nOpposition councillors said" in timeline[1].body
    # the post in 1712
    (post,) = embeds_in(timeline[2].body)
    assert post.type == "x" and post.url == ""  # type: ignore[attr-defined]
    assert post.author == "Northern Weather Office"  # type: ignore[attr-defined]
    assert post.handle == "NorthWeatherOff"  # type: ignore[attr-defined]
    assert post.date == "2025-03-14"  # type: ignore[attr-defined]
    assert post.text.startswith("Stay away from the sea front tonight.")  # type: ignore[attr-defined]
    assert "Wind gusts of 140 km/h" in timeline[2].body.split("```embed")[0]
    # the subheading and the quote in the original entry
    assert "\n\n### Insurers Prepare for Record Claims\n\n" in original.body
    assert original.body.endswith(
        "An assessor said:\n\n"
        "> We started getting photographs at six in the morning.\n>\n"
        "> Some of the shops on the quay had water above the counters.\n>\n"
        "> I have done this job for twenty years and I have not seen the harbour like this."
    )


_MARKER = re.compile(r"<!-- desk:(?:entry|blog|embed) [^\n]* -->")  # invisible: not words
_LABEL = re.compile(
    r"^(?:\*\*)?(?:UPDATE [0-9]{4} GMT(?:, [0-9]{1,2} [A-Za-z]+)?:|ORIGINAL ENTRY:)(?:\*\*)?",
    re.MULTILINE,
)


def words(text: str) -> Counter[str]:
    """The words of a text, Markdown punctuation, markers and labels left out."""
    text = _LABEL.sub(" ", _MARKER.sub(" ", text))
    return Counter(re.findall(r"[^\W_]+", text))


def test_no_word_lost_or_added(harbour: Blog) -> None:
    exported = export_blog(harbour, ExportOptions(format="md")).text
    assert words(exported) == words(EXAMPLE.read_text(encoding="utf-8"))


def test_ids_are_fresh_and_random_by_default() -> None:
    blog = import_file(EXAMPLE, ImportOptions(date=DAY))
    assert len(set(blog.order)) == 5
    again = import_file(EXAMPLE, ImportOptions(date=DAY))
    assert set(blog.order).isdisjoint(again.order)


def test_title_from_option_or_file_name(tmp_path: Path) -> None:
    assert import_file(EXAMPLE, ImportOptions(date=DAY, title="Storm")).title == "Storm"
    assert title_from_name(Path("harbour-storm_live.txt")) == "Harbour storm live"


# ---------------------------------------------------------------- dates and labels


def test_past_midnight_gets_the_next_day() -> None:
    text = (
        "Header line\n"
        "UPDATE 0110 GMT:\nOne after one.\n"
        "UPDATE 0015 GMT, 15 March:\nQuarter past midnight.\n"
        "UPDATE 2350 GMT:\nTen to midnight.\n"
        "UPDATE 2300 GMT:\nEleven.\n"
        "ORIGINAL ENTRY: It began.\n"
    )
    blog = parse_import(text, ImportOptions("text", DAY))
    stamps = [e.stamp for e in blog.timeline()]
    next_day = date(2025, 3, 15)
    assert stamps == [
        stamp("0110", next_day),
        stamp("0015", next_day),
        stamp("2350"),
        stamp("2300"),
        stamp("2259"),
    ]
    assert blog.label(blog.timeline()[1]) == "UPDATE 0015 GMT, 15 March:"


def test_rollover_without_the_other_day_form_and_original_at() -> None:
    text = "UPDATE 0005 GMT:\nA.\nUPDATE 2359 GMT:\nB.\nORIGINAL ENTRY: C.\n"
    blog = parse_import(text, ImportOptions("text", DAY, original_at=time(9, 0)))
    assert [e.stamp for e in blog.timeline()] == [
        stamp("0005", date(2025, 3, 15)),
        stamp("2359"),
        stamp("0900"),
    ]


def test_other_day_form_across_the_new_year() -> None:
    text = "UPDATE 0015 GMT, 1 January:\nA.\nUPDATE 2330 GMT:\nB.\n"
    blog = parse_import(text, ImportOptions("text", date(2025, 12, 31)))
    assert blog.timeline()[0].stamp == stamp("0015", date(2026, 1, 1))


def test_other_label_format() -> None:
    text = (
        "Live: the storm\n"
        "Update 21:41 GMT\nThe terminal reopened.\n"
        "Update 19:58 GMT\nThe governor said:\nWe have pumps.\n"
        "ORIGINAL ENTRY: Storm Maren has flooded the town.\n"
    )
    blog = parse_import(text, ImportOptions("text", DAY, label="Update {HH}:{MM} GMT"))
    timeline = blog.timeline()
    assert [blog.label(e) for e in timeline] == [
        "Update 21:41 GMT",
        "Update 19:58 GMT",
        "ORIGINAL ENTRY:",
    ]
    assert [e.stamp for e in timeline[:2]] == [stamp("2141"), stamp("1958")]
    assert timeline[1].body == "The governor said:\n\n> We have pumps."
    assert blog.header == "Live: the storm"
    # the default label is text under another format
    plain = parse_import("UPDATE 2141 GMT:\nx\nUpdate 20:00 GMT\ny\n", ImportOptions("text", DAY))
    assert len(plain.entries) == 1


def test_no_stamp_line_is_an_error() -> None:
    with pytest.raises(DeskError, match="no stamp line"):
        parse_import("Just a paragraph.\nAnd another.\n", ImportOptions("text", DAY))


# ---------------------------------------------------------------- the rules, one by one


def body_of(lines: str) -> str:
    blog = parse_import("UPDATE 1200 GMT:\n" + lines, ImportOptions("text", DAY))
    return blog.timeline()[0].body


def test_quote_continues_until_a_reporting_line() -> None:
    body = body_of(
        "The mayor said:\n"
        "We will stay.\n"
        "We told them so, and my team added the pumps.\n"
        'She said the town was "ready".\n'
        "The tide turned at noon.\n"
    )
    assert body == (
        "The mayor said:\n\n> We will stay.\n>\n"
        "> We told them so, and my team added the pumps.\n\n"
        'She said the town was "ready".\n\nThe tide turned at noon.'
    )


def test_reporting_verb_inside_quotation_marks_continues_the_quote() -> None:
    body = body_of('He said:\nFirst line.\n"Nobody said it would be easy", runs the motto.\nEnd.')
    assert body == (
        'He said:\n\n> First line.\n>\n> "Nobody said it would be easy", runs the motto.\n>\n> End.'
    )


def test_post_text_runs_from_the_colon_line() -> None:
    body = body_of(
        "The coastguard posted:\n"
        "Keep off the quay.\n"
        "Boats are stuck.\n"
        "-- Coastguard (@coastguard_uk) March 14, 2025\n"
        "More later.\n"
    )
    (post,) = embeds_in(body)
    assert post.text == "Keep off the quay.\nBoats are stuck."  # type: ignore[attr-defined]
    assert post.handle == "coastguard_uk"  # type: ignore[attr-defined]
    assert body.startswith("The coastguard posted:\n\n```embed\n")
    assert body.endswith("```\n\nMore later.")


def test_subheading_rules() -> None:
    body = body_of(
        "Short first line\n"
        "A paragraph that ends.\n"
        "A Heading Here\n"
        "Text after it.\n"
        "Not a heading, this one.\n"
        "Last short line"
    )
    assert body.split("\n\n") == [
        "Short first line",
        "A paragraph that ends.",
        "### A Heading Here",
        "Text after it.",
        "Not a heading, this one.",
        "Last short line",
    ]


def test_markdown_characters_in_plain_text_stay_words() -> None:
    body = body_of("* not a list and 2 * 3 = 6 for North_Weather\n# not a heading\n")
    assert body == "\\* not a list and 2 \\* 3 = 6 for North_Weather\n\n\\# not a heading"


# ---------------------------------------------------------------- Markdown and HTML


def test_hand_written_markdown() -> None:
    text = (
        "# Storm live\n\n"
        "Lead image caption.\n\n"
        "**UPDATE 2141 GMT:**\n\n"
        "The terminal has *reopened*, the [authority](https://example.com/a) said.\n\n"
        "UPDATE 1958 GMT:\n\n"
        "The governor said:\n\n"
        "We have pumps on every street.\n\n"
        "> Stay away from the sea front.\n>\n"
        "> — Northern Weather Office (@NorthWeatherOff) March 14, 2025\n\n"
        "**ORIGINAL ENTRY:** Storm Maren has **flooded** the town.\n\n"
        "- one\n- two\n"
    )
    blog = parse_import(text, ImportOptions("md", DAY))
    first, second, original = blog.timeline()
    assert blog.header == "# Storm live\n\nLead image caption."
    assert first.body == (
        "The terminal has *reopened*, the [authority](https://example.com/a) said."
    )
    assert second.body.startswith("The governor said:\n\n> We have pumps on every street.")
    (post,) = embeds_in(second.body)
    assert post.handle == "NorthWeatherOff"  # type: ignore[attr-defined]
    assert original.body == "Storm Maren has **flooded** the town.\n\n- one\n- two"
    assert original.stamp == stamp("1957")


CMS_PAGE = """<!DOCTYPE html><html><head><title>Live</title>
<script>var tracking = "UPDATE 0000 GMT:";</script><style>p{}</style></head>
<body><nav><a href="/">Home</a></nav><article>
<p>Drone image of the quay</p>
<p><strong>UPDATE 2141 GMT:</strong></p>
<p>The Harbour Authority has reopened <a href="https://example.com/t">the terminal</a>.<br>
Ferries resume at 0600 GMT.</p>
<p><b>UPDATE 1712 GMT:</b></p>
<p>Wind gusts of 140 km/h.</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Stay away from the sea front tonight.</p>&mdash; Northern Weather Office (@NorthWeatherOff) <a href="https://twitter.com/NorthWeatherOff/status/1900712345678901234?ref_src=twsrc%5Etfw">March 14, 2025</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<p><strong>ORIGINAL ENTRY:</strong> Storm Maren has flooded &amp; closed the harbour.
<p>The storm is the strongest since 1987.
<h2>Insurers Prepare</h2>
<p>An assessor said:</p>
<blockquote><p>We started at six.</p></blockquote>
<ul><li>Shops <em>flooded</em></li><li>Roads closed</ul>
</article></body></html>"""


def test_cms_html() -> None:
    blog = parse_import(CMS_PAGE, ImportOptions("html", DAY))
    first, second, original = blog.timeline()
    assert blog.header == "[Home](/)\n\nDrone image of the quay"
    assert first.stamp == stamp("2141")
    assert first.body == (
        "The Harbour Authority has reopened [the terminal](https://example.com/t).\n\n"
        "Ferries resume at 0600 GMT."
    )
    (post,) = embeds_in(second.body)
    assert post.url == "https://x.com/NorthWeatherOff/status/1900712345678901234"  # type: ignore[attr-defined]
    assert second.body.count("```embed") == 1
    assert original.body == (
        "Storm Maren has flooded & closed the harbour.\n\n"
        "The storm is the strongest since 1987.\n\n"
        "## Insurers Prepare\n\n"
        "An assessor said:\n\n> We started at six.\n\n"
        "- Shops *flooded*\n- Roads closed"
    )


def test_format_detection() -> None:
    assert detect_format(Path("a.MD")) == "md"
    assert detect_format(Path("a.markdown")) == "md"
    assert detect_format(Path("a.htm")) == "html"
    assert detect_format(Path("a.html")) == "html"
    assert detect_format(Path("a.txt")) == "text"
    assert detect_format(Path("noext")) == "text"
    assert sniff_format("<!DOCTYPE html><p>x") == "html"
    assert sniff_format("UPDATE 2141 GMT:\nx") == "text"


# ---------------------------------------------------------------- files


def test_import_file_handles_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "blog.txt"
    path.write_bytes(b"Head\xff\x00er\nUPDATE 2141 GMT:\nA line \xc3\x28 here.\n")
    blog = import_file(path, ImportOptions(date=DAY))
    assert blog.header == "Head\ufffder"
    assert "\x00" not in blog.timeline()[0].body
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(DeskError, match="empty"):
        import_file(empty, ImportOptions(date=DAY))
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(128, 256)) * 100)
    with pytest.raises(DeskError):
        import_file(binary, ImportOptions(date=DAY))
    with pytest.raises(DeskError, match="cannot read"):
        import_file(tmp_path / "missing.txt", ImportOptions(date=DAY))


def test_import_to_folder_refuses_an_existing_folder(harbour: Blog, tmp_path: Path) -> None:
    import_to_folder(harbour, tmp_path)
    with pytest.raises(DeskError, match="already exists"):
        import_to_folder(harbour, tmp_path)


def test_deep_html_is_bounded() -> None:
    text = "<div>" * 5000 + "<p>UPDATE 2141 GMT:</p><p>Deep words.</p>" + "</div>" * 5000
    blog = parse_import(text, ImportOptions("html", DAY))
    assert "Deep words." in blog.timeline()[0].body
