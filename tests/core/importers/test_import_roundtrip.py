"""Round trips: importing Desk's Markdown export and its HTML export gives back
the blog in every exported field; and no importer raises anything but DeskError.

Bodies are generated in Desk's canonical Markdown, the form the importers write:
- blocks separated by one blank line, no trailing spaces, no blank lines at either end;
- paragraphs of words with `*em*`, `**strong**` and `[text](https://…)` links;
- `### ` headings; quotes `> ` (paragraphs separated by `>`, an attribution `> — Name`);
- tight lists `- item` or `1. item`;
- embed blocks as `embed_block` writes them (X posts with or without a URL, images with
  alt, caption and credit, link cards).
For such bodies equality is exact. (Other Markdown comes back normalised to this form:
emphasis with `*`, bullets with `-`, one blank line between blocks.)"""

from __future__ import annotations

import re
import string
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desk.core.embeds import Embed, embed_block
from desk.core.errors import DeskError
from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from desk.core.importers.importing import parse_import
from desk.core.importers.options import ImportOptions
from desk.core.model import Blog, Entry

SETTINGS = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
DAY = date(2025, 3, 14)

word = st.text(string.ascii_letters, min_size=1, max_size=8)
number = st.integers(0, 99999).map(str)
plain_word = st.one_of(word, word, word, number)


def words(n: int = 6) -> st.SearchStrategy[str]:
    return st.lists(plain_word, min_size=1, max_size=n).map(" ".join)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    first = draw(word)
    pieces = [first]
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["w", "w", "w", "em", "strong", "link", "punct"]))
        if kind == "em":
            pieces.append(f"*{draw(words(3))}*")
        elif kind == "strong":
            pieces.append(f"**{draw(words(3))}**")
        elif kind == "link":
            pieces.append(f"[{draw(words(3))}](https://example.com/{draw(word)})")
        elif kind == "punct":
            pieces.append(draw(word) + draw(st.sampled_from([".", ",", ";", "!", "?", ":"])))
        else:
            pieces.append(draw(plain_word))
    return " ".join(pieces)


names = st.lists(word.map(str.capitalize), min_size=1, max_size=3).map(" ".join)
# x.com/<these>/… are X's own pages, never an account's: no one can hold such a handle
X_PATHS = {"i", "home", "search", "explore", "settings", "notifications", "messages"}
handles = st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=15).filter(
    lambda h: h.lower() not in X_PATHS
)
sentences = st.lists(words(8).map(lambda w: w[0].upper() + w[1:] + "."), min_size=1, max_size=3)


@st.composite
def embed(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["x", "x-plain", "image", "link"]))
    when = (DAY + timedelta(days=draw(st.integers(-3, 3)))).isoformat()
    if kind in ("x", "x-plain"):
        handle = draw(handles)
        url = ""
        if kind == "x":
            url = f"https://x.com/{handle}/status/{draw(st.integers(1, 10**18))}"
        text = "\n\n".join(draw(sentences))
        return embed_block(
            Embed(type="x", url=url, author=draw(names), handle=handle, date=when, text=text)
        )
    if kind == "image":
        return embed_block(
            Embed(
                type="image",
                src=f"https://example.com/img/{draw(word)}.jpg",
                alt=draw(words(4)),
                caption=draw(words(6)),
                credit=draw(names),
            )
        )
    return embed_block(
        Embed(type="link", url=f"https://example.com/{draw(word)}", title=draw(words(5)))
    )


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "p", "p", "h", "quote", "ul", "ol", "embed"]))
    if kind == "h":
        return "### " + draw(word) + " " + draw(words(4))
    if kind == "quote":
        parts = draw(st.lists(paragraph(), min_size=1, max_size=2))
        if draw(st.booleans()):
            parts.append("— " + draw(names))
        return "\n>\n".join("> " + p for p in parts)
    if kind in ("ul", "ol"):
        items = draw(st.lists(paragraph(), min_size=1, max_size=3))
        marks = ["-"] * len(items) if kind == "ul" else [f"{i}." for i in range(1, 10)]
        return "\n".join(f"{m} {item}" for m, item in zip(marks, items, strict=False))
    if kind == "embed":
        return draw(embed())
    return draw(paragraph())


def _no_adjacent_lists(blocks: list[str]) -> str:
    """Two lists (or quotes) in a row are one in Markdown: keep the first of such a pair."""
    kept: list[str] = []
    for item in blocks:
        if kept and _kind(item) and _kind(item) == _kind(kept[-1]):
            continue
        kept.append(item)
    return "\n\n".join(kept)


def _kind(item: str) -> str:
    if item.startswith(("- ", "1. ")):
        return "list"
    return "quote" if item.startswith("> ") else ""


bodies = st.lists(block(), min_size=0, max_size=5).map(_no_adjacent_lists)
headlines = st.one_of(
    st.just(""),
    st.text(string.ascii_letters + string.digits + " -*_<>&\"'#[]()!:.", min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(bool),
)


@st.composite
def blogs(draw: st.DrawFn) -> Blog:
    count = draw(st.integers(1, 5))
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9]{2,6}", fullmatch=True),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    with_original = draw(st.booleans())
    header = "\n\n".join(draw(st.lists(paragraph(), max_size=2)))
    blog = Blog(title=draw(words(4)), date=DAY, header=header)
    start = datetime(2025, 3, 13, 12, 0, tzinfo=UTC)
    for index, entry_id in enumerate(ids):
        original = with_original and index == count - 1
        entry = Entry(
            id=entry_id,
            stamp=start + timedelta(minutes=draw(st.integers(0, 4 * 24 * 60))),
            kind="original" if original else "update",
            status=draw(st.sampled_from(["draft", "ready"])),
            author=draw(headlines),
            headline=draw(headlines),
            body=draw(bodies),
        )
        blog.entries[entry_id] = entry
        blog.order.append(entry_id)
    return blog


FIELDS = ("id", "stamp", "kind", "author", "headline", "body")


def same_entries(got: Blog, expected: list[Entry], *, status: bool) -> None:
    assert got.order == [e.id for e in expected]
    for entry in expected:
        back = got.entries[entry.id]
        for name in FIELDS:
            assert getattr(back, name) == getattr(entry, name), (entry.id, name)
        if status:
            assert back.status == entry.status
        else:
            assert back.status == "ready"


def blog_date_is_readable(blog: Blog, entries: list[Entry]) -> bool:
    return any(not e.is_original and e.stamp.date() == blog.date for e in entries)


@pytest.mark.fuzz("importers")
@SETTINGS
@given(blogs())
def test_markdown_export_round_trip(blog: Blog) -> None:
    text = export_blog(blog, ExportOptions(format="md", include_drafts=True)).text
    back = parse_import(text, ImportOptions(format="md"))
    assert back.header == blog.header
    same_entries(back, blog.timeline(), status=True)
    if blog_date_is_readable(blog, blog.timeline()):
        assert back.date == blog.date
        assert [back.label(e) for e in back.timeline()] == [blog.label(e) for e in blog.timeline()]


@pytest.mark.fuzz("importers")
@SETTINGS
@given(blogs(), st.sampled_from(["html", "page"]))
def test_html_export_round_trip(blog: Blog, fmt: str) -> None:
    result = export_blog(blog, ExportOptions(format=fmt))
    assume(result.entries)
    back = parse_import(result.text, ImportOptions(format="html"))
    assert back.header == blog.header
    same_entries(back, result.entries, status=False)
    if fmt == "page":
        assert back.title == blog.title
        assert back.date == blog.date
    elif blog_date_is_readable(blog, result.entries):
        assert back.date == blog.date


# ---------------------------------------------------------------- no word lost, no crash

stamp_lines = st.sampled_from(
    ["UPDATE 2141 GMT:", "UPDATE 0015 GMT, 15 March:", "UPDATE 1200 GMT:", "ORIGINAL ENTRY:"]
)
signoffs = st.builds(lambda n, h: f"— {n} (@{h}) March 14, 2025", names, handles)
text_line = st.one_of(
    paragraph(),
    words(10),
    words(5).map(lambda w: w + ":"),
    words(8).map(lambda w: w + " said the mayor."),
    words(8).map(lambda w: "We " + w + "."),
    signoffs,
    stamp_lines,
    stamp_lines.map(lambda s: "ORIGINAL ENTRY: " + "Storm came." if s == "ORIGINAL ENTRY:" else s),
)
_MARKER = re.compile(r"<!-- desk:(?:entry|blog|embed) [^\n]* -->")  # invisible: not words
_LABEL = re.compile(
    r"^(?:\*\*)?(?:UPDATE [0-9]{4} GMT(?:, [0-9]{1,2} [A-Za-z]+)?:|ORIGINAL ENTRY:)(?:\*\*)?",
    re.MULTILINE,
)


def word_count(text: str) -> Counter[str]:
    text = _LABEL.sub(" ", _MARKER.sub(" ", text))
    return Counter(re.findall(r"[^\W_]+", text))


@pytest.mark.fuzz("importers")
@SETTINGS
@given(st.lists(text_line, min_size=1, max_size=25))
def test_text_import_never_drops_or_adds_a_word(lines: list[str]) -> None:
    originals = [i for i, line in enumerate(lines) if line.startswith("ORIGINAL ENTRY:")]
    # one original entry per blog (a second label would be text, and counted as one)
    lines = ["UPDATE 2000 GMT:", *(x for i, x in enumerate(lines) if i not in originals[1:])]
    text = "\n".join(lines)
    blog = parse_import(text, ImportOptions(format="text", date=DAY))
    exported = export_blog(blog, ExportOptions(format="md")).text
    assert word_count(exported) == word_count(text)


noise = st.text(
    alphabet=st.sampled_from(
        list("<>/\"'=*_#`[]()!-—:\n \t&;.,@") + list(string.ascii_letters[:8]) + ["\x00", "é"]
    ),
    max_size=300,
)
fragments = st.sampled_from(
    [
        "UPDATE 2141 GMT:\n",
        "ORIGINAL ENTRY: ",
        "<p>",
        "</p>",
        '<section class="desk-entry" id="entry-a">',
        '<time datetime="2025-03-14T21:41:00Z">',
        '<p><strong><time datetime="bad">UPDATE</time></strong></p>',
        '<blockquote class="twitter-tweet">',
        '<script data-telegram-post="x/1"></script>',
        '<iframe src="https://www.youtube.com/embed/Xk3v9Qp2LmA"></iframe>',
        "```embed\ntype: x\n```\n",
        "<!-- desk:entry id=a stamp=2025-03-14T21:41:00Z status=ready -->\n",
        "<!-- desk:entry id=../x stamp=nope -->\n",
        "> — A (@b) March 14, 2025\n",
        "— Name (@handle) March 14, 2025\n",
        "**UPDATE 2141 GMT:** ",
        "<ul><li>",
        "<div>" * 30,
        "\n\n",
    ]
)
garbage = st.lists(st.one_of(noise, fragments), max_size=30).map("".join)


@pytest.mark.fuzz("importers")
@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(garbage, st.sampled_from(["text", "md", "html", None]))
def test_importers_raise_only_desk_error(text: str, fmt: str | None) -> None:
    try:
        blog = parse_import(text, ImportOptions(format=fmt, date=DAY))
    except DeskError:
        return
    assert blog.entries
    export_blog(blog, ExportOptions(format="md", include_drafts=True))
