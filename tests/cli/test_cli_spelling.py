"""`desk check BLOG --spelling`: every unknown word as path:line: word, word lists applied."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desk.core.model import Entry
from desk.core.spelling import available_languages
from desk.core.storage.store import BlogStore
from tests.desk_run import RunDesk
from tests.tools import require

BODY = (
    "The goverment said Lindqvist saw it at 2205 GMT.\n\n"
    "```embed\ntype: x\nurl: https://x.com/ada/status/1\nauthor: Ada Lovelce\n"
    "text: |-\n  Ferrys resume at dawn\n```\n\n"
    "See https://exampel.com, @handel and #tagg."
)


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    store, blog = BlogStore.create(tmp_path, "Storm", date(2025, 3, 14))
    stamp = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    blog.add(Entry("upd0900", stamp, headline="Storm hits towm", body=BODY))
    blog.add(Entry("upd0905", stamp.replace(minute=5), body="All well spelt here."))
    store.save(blog)
    return store.root


def need_enchant() -> None:
    require("enchant", "en-GB" in available_languages(), "no enchant with an en-GB dictionary")


def test_every_unknown_word_with_its_file_and_line(desk: RunDesk, blog: Path) -> None:
    need_enchant()
    run = desk("check", blog, "--spelling")
    path = blog / "entries" / "upd0900.md"
    assert run.code == 1, run.err
    assert run.out.splitlines() == [
        f"{path}:6: towm",
        f"{path}:8: goverment",
        f"{path}:8: Lindqvist",
        f"{path}:13: Lovelce",
        f"{path}:15: Ferrys",
    ]
    assert run.err == ""


def test_the_blogs_and_the_users_word_lists_apply(desk: RunDesk, blog: Path) -> None:
    need_enchant()
    (blog / "words.txt").write_text("Lindqvist\nLovelce\n")
    personal = Path(os.environ["XDG_CONFIG_HOME"]) / "desk" / "words.txt"
    personal.parent.mkdir(parents=True, exist_ok=True)
    personal.write_text("towm\nFerrys\ngoverment\n")
    run = desk("check", blog, "--spelling")
    assert (run.code, run.out, run.err) == (0, "", "")


def test_a_missing_dictionary_is_one_error_line_naming_what_to_install(
    desk: RunDesk, blog: Path
) -> None:
    text = (blog / "blog.yaml").read_text()
    (blog / "blog.yaml").write_text(
        text.replace("date: 2025-03-14\n", "date: 2025-03-14\nlanguage: fr-FR\n")
    )
    run = desk("check", blog, "--spelling")
    assert run.code != 0 and run.out == ""
    assert run.err.splitlines() == [
        "desk: error: no fr-FR dictionary for spelling: install libenchant-2-2 and hunspell-fr "
        "(Debian, Ubuntu) or run `brew install enchant` (macOS)"
    ]


def test_check_knows_the_word_list_as_a_blog_file(desk: RunDesk, blog: Path) -> None:
    (blog / "words.txt").write_bytes(b"Maren\n\xff\n")
    run = desk("check", blog)
    assert run.code == 1
    assert run.out == f"{blog / 'words.txt'}:1: not valid UTF-8 (byte 6)\n"
