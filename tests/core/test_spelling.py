"""Which words of an entry are checked, the word lists, and the dictionary (real enchant)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desk.core.errors import DeskError
from desk.core.spelling import (
    Context,
    Speller,
    SpellingUnavailable,
    add_blog_word,
    add_personal_word,
    available_languages,
    body_spans,
    entry_misspellings,
    line_spans,
    personal_words,
    prose_spans,
)
from desk.core.storage.store import BlogStore
from desk.core.storage.words import WORDS_FILE, blog_words
from tests.sync_helpers import Newsroom
from tests.tools import require


def words(text: str) -> list[str]:
    return [w for *_, w in prose_spans(text)]


def body_words(body: str) -> list[str]:
    return [span[2] for _, span in body_spans(body)]


def need_enchant() -> None:
    require("enchant", "en-GB" in available_languages(), "no enchant with an en-GB dictionary")


def test_prose_words_are_checked_with_their_places() -> None:
    assert prose_spans("Teh mayor’s office") == [
        (0, 3, "Teh"),
        (4, 11, "mayor’s"),
        (12, 18, "office"),
    ]


@pytest.mark.parametrize(
    "skipped",
    [
        "https://exampel.com/storm-updaet",
        "www.exampel.com",
        "reportr@exampel.org",
        "@handel",
        "#Kyivv",
        "2205",
        "10am",
        "1st",
        "`inlien code`",
        "[](https://exampel.com)",
        "<spann>",
        "&nbsp;",
        "NATO",
        "TKTK",
    ],
)
def test_addresses_handles_tags_numbers_code_and_markup_are_skipped(skipped: str) -> None:
    assert words(f"said {skipped} here") == ["said", "here"]


def test_markdown_syntax_is_not_a_word_but_its_text_is() -> None:
    body = "### Ferys resume\n\n> Qoute text\n\n- **Bold wrd** and [lnk text](https://x.org)"
    assert body_words(body) == [
        "Ferys", "resume", "Qoute", "text", "Bold", "wrd", "and", "lnk", "text",
    ]  # fmt: skip


def test_in_an_embed_only_what_readers_read_is_checked() -> None:
    body = (
        "Before\n```embed\ntype: x\nurl: https://x.com/ada/status/1\nauthor: Ada Lovelce\n"
        'handle: "@adda"\ndate: 2025-03-14\ntext: |-\n  Ferrys resume\n\n  at dawwn\n'
        "lang: en\ncaption: Harbr wall\n```\nAfter"
    )
    assert body_words(body) == [
        "Before", "Ada", "Lovelce", "Ferrys", "resume", "at", "dawwn", "Harbr", "wall", "After",
    ]  # fmt: skip


def test_a_code_fence_is_not_checked() -> None:
    assert body_words("```\nnot chekced\n```\nchecked") == ["checked"]


def test_the_line_state_carries_from_line_to_line() -> None:
    spans, context = line_spans("```embed", Context.PROSE)
    assert (spans, context) == ([], Context.EMBED)
    spans, context = line_spans("text: >-", context)
    assert context == Context.EMBED_READ
    spans, context = line_spans("  Wrds", context)
    assert spans == [(2, 6, "Wrds")]
    assert line_spans("```", context) == ([], Context.PROSE)


def test_known_and_unknown_words_with_the_word_lists() -> None:
    need_enchant()
    speller = Speller("en-GB", {"Lindqvist", "kessan"})
    assert speller.known("colour") and speller.known("don’t") and not speller.known("color")
    assert speller.known("Lindqvist") and speller.known("Kessan")  # a lowercase word: any case
    assert not speller.known("lindqvist")
    assert not speller.known("Syniehubov")
    speller.learn({"Syniehubov"})
    assert speller.known("Syniehubov") and not speller.known("Lindqvist")
    assert "governor" in speller.suggest("gvernor")
    assert len(speller.suggest("teh")) <= 5


def test_no_dictionary_for_the_language_says_what_to_install() -> None:
    with pytest.raises(SpellingUnavailable) as raised:
        Speller("fr-FR")
    assert "no fr-FR dictionary" in str(raised.value)
    assert "hunspell-fr" in str(raised.value) and "libenchant-2-2" in str(raised.value)


def test_entry_file_lines_count_from_one_headline_and_body() -> None:
    need_enchant()
    text = (
        '---\nid: "a"\nstamp: 2025-03-14T09:00:00Z\nheadline: Storm hits towm\n---\n'
        "The goverment said.\n\n```embed\ntype: x\nauthor: Ada Lovelce\n```\n"
    )
    assert entry_misspellings(text, Speller("en-GB")) == [
        (4, "towm"), (6, "goverment"), (10, "Lovelce"),
    ]  # fmt: skip


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    store, _ = BlogStore.create(tmp_path, "Storm", date(2025, 3, 14))
    return store.root


def test_a_word_added_to_the_blog_is_written_sorted_once_a_line(blog: Path) -> None:
    assert blog_words(blog) == set()
    add_blog_word(blog, "Syniehubov")
    add_blog_word(blog, "Kessan")
    assert add_blog_word(blog, "Kessan") == {"Kessan", "Syniehubov"}
    assert (blog / WORDS_FILE).read_text(encoding="utf-8") == "Kessan\nSyniehubov\n"


def test_a_word_added_keeps_the_words_a_sync_brought(blog: Path) -> None:
    (blog / WORDS_FILE).write_text("Maren\n", encoding="utf-8")
    add_blog_word(blog, "Elvan")
    assert (blog / WORDS_FILE).read_text(encoding="utf-8") == "Elvan\nMaren\n"


def test_not_one_word_is_refused_and_nothing_written(blog: Path) -> None:
    with pytest.raises(DeskError, match="not one word"):
        add_blog_word(blog, "two words")
    assert not (blog / WORDS_FILE).exists()


def test_a_linked_word_list_is_never_read_or_written(blog: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret\n")
    (blog / WORDS_FILE).symlink_to(outside)
    with pytest.raises(DeskError, match="symbolic link"):
        blog_words(blog)
    with pytest.raises(DeskError, match="symbolic link"):
        add_blog_word(blog, "Elvan")
    assert outside.read_text() == "secret\n"


def test_the_store_reports_a_word_list_that_is_not_text(blog: Path) -> None:
    (blog / WORDS_FILE).write_bytes(b"Maren\n\xff\xfe\n")
    store, _ = BlogStore.open(blog)
    assert [(p.path.name, p.message) for p in store.problems] == [
        (WORDS_FILE, "not valid UTF-8 (byte 6)")
    ]


def test_save_as_takes_the_word_list(blog: Path, tmp_path: Path) -> None:
    add_blog_word(blog, "Maren")
    store, loaded = BlogStore.open(blog)
    copy = store.save_as(loaded, tmp_path / "copy")
    assert blog_words(copy.root) == {"Maren"}


def test_a_second_blog_does_not_see_the_first_ones_words(blog: Path, tmp_path: Path) -> None:
    other, _ = BlogStore.create(tmp_path, "Other", date(2025, 3, 15))
    add_blog_word(blog, "Lindqvist")
    assert blog_words(other.root) == set()


def test_personal_words_live_in_the_config_folder() -> None:
    assert personal_words() == set()
    add_personal_word("Kessan")
    assert personal_words() == {"Kessan"}


def test_words_learnt_on_two_laptops_meet_after_a_sync(tmp_path: Path) -> None:
    room = Newsroom(tmp_path)
    reporter = room.join("reporter")
    add_blog_word(room.desk, "Lindqvist")
    add_blog_word(reporter, "Syniehubov")
    add_blog_word(reporter, "Kessan")
    room.sync(room.desk)
    room.sync(reporter)
    room.sync(room.desk)
    both = {"Kessan", "Lindqvist", "Syniehubov"}
    assert blog_words(room.desk) == blog_words(reporter) == both
    assert (reporter / WORDS_FILE).read_text() == "Kessan\nLindqvist\nSyniehubov\n"
