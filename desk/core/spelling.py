"""Spelling: which words of an entry are checked, the word lists, and the dictionary.

A body is read a line at a time, as an editor's highlighter sees it: `line_spans` takes a
line and what the line before left open (prose, a code fence, an embed block, a value of
an embed running over several lines) and gives the words to check as (start, end, word)
spans, and what this line leaves open. Prose, quotes and headlines are checked, and in an
embed only the text people read (text, author, caption, credit, alt, title, label); never
addresses, e-mail addresses, @handles, #tags, words with digits (numbers and stamps),
words in capitals (acronyms and placeholders), inline code, link targets, tags, entities
or embed keys.

The blog's word list is `words.txt` in the blog folder (`desk.core.storage.words`); the
user's own list is `words.txt` in the config folder.

pyenchant is imported when a dictionary is first opened, and is not thread-safe: a
`Speller` belongs to the thread that made it."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from enum import IntEnum
from pathlib import Path
from typing import Any

from desk.core.errors import DeskError
from desk.core.prefs import config_dir
from desk.core.storage import nofollow
from desk.core.storage.atomic import atomic_write
from desk.core.storage.front_matter import FENCE
from desk.core.storage.words import WORDS_FILE, blog_words, format_words, parse_words

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 5
# The values of an embed that readers read; the others (type, url, handle, date, src…) not.
READ_KEYS = frozenset({"text", "author", "caption", "credit", "alt", "title", "label"})

Span = tuple[int, int, str]


class Context(IntEnum):
    """What a line is in, as left open by the line before (an editor's block state)."""

    PROSE = 0
    CODE = 1  # a fenced block that is not an embed: not checked
    EMBED = 2  # an embed block's `key: value` lines
    EMBED_READ = 3  # a value read by readers running over several lines (`text: |-`)
    EMBED_SKIP = 4  # any other value over several lines


_FENCE = re.compile(r"^```")
_EMBED_OPEN = re.compile(r"^```embed[ \t]*$")
_FENCE_CLOSE = re.compile(r"^```[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)")
_WORD = r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
_TOKEN = re.compile(
    r"(?P<skip>"
    r"`[^`]*`?"  # inline code (to the line's end when it is not closed)
    r"|(?:https?|ftp)://\S+|www\.\S+"  # addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|[@#][\w.]*\w"  # @handles and #tags
    r"|\]\([^)\s]*\)?"  # a link's target
    r"|<[^>\n]*>?"  # tags and <autolinks>
    r"|&#?\w+;"  # entities
    r"|\\."  # escapes
    r"|\w*\d\w*"  # numbers, stamps (2205), 10am, 1st
    r")|" + _WORD
)
# Most lines hold none of what is skipped, and a keystroke checks its whole line: those
# are read with the words alone, or with numbers.
_WORDS_ONLY = re.compile(_WORD)
_WITH_NUMBERS = re.compile(r"(?P<skip>\w*\d\w*)|" + _WORD)
_MARKS = re.compile(r"[`@#\]<&\\]|://|www\.")
_DIGIT = re.compile(r"\d")


def _tokens(text: str) -> re.Pattern[str]:
    if _MARKS.search(text):
        return _TOKEN
    return _WITH_NUMBERS if _DIGIT.search(text) else _WORDS_ONLY


def prose_spans(text: str, offset: int = 0) -> list[Span]:
    """The words of prose to check, as (start, end, word) from `offset`."""
    return [
        (match.start() + offset, match.end() + offset, word)
        for match in _tokens(text).finditer(text)
        if (word := match.group("word")) is not None and not word.isupper()
    ]


def line_spans(line: str, context: Context, words: bool = True) -> tuple[list[Span], Context]:
    """The words of one line of a body to check, and what the line leaves open (with
    `words` False, only that)."""
    if context == Context.PROSE:
        if _FENCE.match(line):
            return [], Context.EMBED if _EMBED_OPEN.match(line) else Context.CODE
        return (prose_spans(line) if words else []), Context.PROSE
    if _FENCE_CLOSE.match(line):
        return [], Context.PROSE
    if context == Context.CODE:
        return [], Context.CODE
    if context in (Context.EMBED_READ, Context.EMBED_SKIP) and (
        not line.strip() or line[:1] in " \t"
    ):
        read = words and context == Context.EMBED_READ
        return (prose_spans(line) if read else []), context
    key = _KEY.match(line)
    if key is None:
        return [], Context.EMBED
    read = key.group(1) in READ_KEYS
    value = line[key.end() :]
    if value.strip()[:1] in ("|", ">") or not value.strip():  # runs over the next lines
        return [], Context.EMBED_READ if read else Context.EMBED_SKIP
    return (prose_spans(value, key.end()) if read and words else []), Context.EMBED


def body_spans(body: str) -> Iterator[tuple[int, Span]]:
    """(line index from 0, span in that line) for every word of a body to check."""
    context = Context.PROSE
    for index, line in enumerate(body.split("\n")):
        spans, context = line_spans(line, context)
        for span in spans:
            yield index, span


# -- word lists -----------------------------------------------------------------------------


def check_word(word: str) -> str:
    """A word to learn, as it will be written: one line, no spaces; DeskError if not."""
    word = word.strip()
    if not word or any(c.isspace() for c in word):
        raise DeskError(f"{word!r} is not one word")
    return word


def add_blog_word(root: Path, word: str) -> set[str]:
    """Add `word` to the blog's words.txt (as it is on disk now: a sync may have brought
    words in), written atomically; the words it now holds."""
    words = blog_words(root) | {check_word(word)}
    path = root / WORDS_FILE
    try:
        nofollow.write_file(root, path, format_words(words))
    except nofollow.LinkError:
        raise DeskError(f"{path} is a symbolic link, so Desk will not write it") from None
    except OSError as error:
        raise DeskError(f"cannot save {path}: {error.strerror or error}") from None
    return words


def personal_path() -> Path:
    return config_dir() / WORDS_FILE


def personal_words() -> set[str]:
    """The user's own word list (none when unreadable: it is theirs alone, and optional)."""
    try:
        return parse_words(personal_path().read_bytes())
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError) as error:
        log.warning("cannot read %s: %s", personal_path(), error)
        return set()


def add_personal_word(word: str) -> set[str]:
    words = personal_words() | {check_word(word)}
    path = personal_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, format_words(words))
    except OSError as error:
        raise DeskError(f"cannot save {path}: {error.strerror or error}") from None
    return words


# -- the dictionary ---------------------------------------------------------------------------


def enchant_tag(language: str) -> str:
    """'en-GB' as enchant names it: 'en_GB'."""
    primary, _, region = language.strip().replace("_", "-").partition("-")
    return f"{primary.lower()}_{region.upper()}" if region else primary.lower()


def what_to_install(language: str) -> str:
    """The packages that bring enchant and a dictionary for `language`."""
    primary, _, region = language.strip().replace("_", "-").lower().partition("-")
    package = (
        f"hunspell-{primary}-{region}" if primary == "en" and region else f"hunspell-{primary}"
    )
    return (
        f"install libenchant-2-2 and {package} (Debian, Ubuntu) "
        "or run `brew install enchant` (macOS)"
    )


class SpellingUnavailable(DeskError):
    """No enchant library, or no dictionary for the language."""


class Speller:
    """A dictionary for one language and the word lists on top of it. Answers are kept,
    so a keystroke asks enchant only about a word it has not seen."""

    def __init__(self, language: str, words: Iterable[str] = ()) -> None:
        self.language = language
        self._dict = _open_dictionary(language)
        self._words = frozenset(words)
        self._known: dict[str, bool] = {}

    def learn(self, words: Iterable[str]) -> None:
        """The word lists are now `words` (all of them)."""
        self._words = frozenset(words)
        self._known.clear()

    def known(self, word: str) -> bool:
        answer = self._known.get(word)
        if answer is None:
            plain = word.replace("’", "'")
            # A word listed in lowercase is known in any case; one listed as "Lindqvist",
            # with its capital only.
            listed = plain in self._words or plain.lower() in self._words
            answer = listed or bool(self._dict.check(plain))
            self._known[word] = answer
        return answer

    def suggest(self, word: str) -> list[str]:
        return [str(s) for s in self._dict.suggest(word.replace("’", "'"))[:MAX_SUGGESTIONS]]


def _open_dictionary(language: str) -> Any:
    try:
        import enchant
    except ImportError as error:  # pyenchant missing, or the enchant C library
        log.info("no enchant: %s", error)
        raise SpellingUnavailable(
            f"spelling needs the enchant library: {what_to_install(language)}"
        ) from None
    try:
        return enchant.Dict(enchant_tag(language))
    except enchant.errors.Error as error:
        log.info("no dictionary for %s: %s", language, error)
        raise SpellingUnavailable(
            f"no {language} dictionary for spelling: {what_to_install(language)}"
        ) from None


def available_languages() -> list[str]:
    """The languages enchant has a dictionary for, as blog.yaml writes them ('en-GB')."""
    try:
        import enchant
    except ImportError:
        return []
    try:
        return sorted({tag.replace("_", "-") for tag in enchant.list_languages()})
    except enchant.errors.Error:
        log.info("enchant lists no languages", exc_info=True)
        return []


# -- an entry file, for `desk check --spelling` ---------------------------------------------

_HEADLINE = re.compile(r"^headline:[ \t]*")


def entry_misspellings(text: str, speller: Speller) -> list[tuple[int, str]]:
    """(line of the file from 1, word) for each unknown word of an entry file: its headline
    and its body."""
    lines = text.split("\n")
    try:
        end = lines.index(FENCE, 1) if lines[0] == FENCE else -1
    except ValueError:
        end = -1
    found = []
    for index in range(1, max(end, 1)):
        headline = _HEADLINE.match(lines[index])
        if headline is not None:
            value = lines[index][headline.end() :]
            found += [(index + 1, w) for *_, w in prose_spans(value) if not speller.known(w)]
    body_start = end + 1
    for index, (*_, word) in body_spans("\n".join(lines[body_start:])):
        if not speller.known(word):
            found.append((body_start + index + 1, word))
    return found
