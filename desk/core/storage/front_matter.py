"""Reading and writing blog.yaml and entry files: safe YAML only, exact round trips."""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.core.clock import format_stamp
from desk.core.errors import DeskError, Problem, ProblemError
from desk.core.model import ID_PATTERN, KINDS, STATUSES, Blog, Entry, Labels, check_id

if TYPE_CHECKING:  # PyYAML is loaded by the first text the fast forms below do not read
    import yaml

FENCE = "---"
ENTRY_KEYS = (
    "id", "stamp", "kind", "status", "author", "headline", "key", "pinned",
    "published", "published_hash", "notes",
)  # fmt: skip
MAX_BLOG_FILE = 5 * 2**20  # bytes of blog.yaml
MAX_ORDER = 100_000  # ids in blog.yaml's order
BLOG_KEYS = ("title", "date", "header", "labels", "order", "url", "ended", "export")


class Quoted(str):
    """A string always written double-quoted (ids, the order)."""


@functools.cache
def _yaml() -> tuple[Any, type, type]:
    """PyYAML, its safe loader and Desk's dumper, made on first use: importing PyYAML is
    8 ms of every start and export, and blog.yaml and entries as Desk writes them are read
    without it. The C loader and dumper where PyYAML was built with libyaml; both build only
    plain data, never objects."""
    import yaml

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    safe_dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(safe_dumper):  # type: ignore[misc, valid-type]
        pass

    Dumper.add_representer(str, _represent_str)
    Dumper.add_representer(Quoted, _represent_quoted)
    Dumper.add_representer(datetime, _represent_datetime)
    return yaml, loader, Dumper


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_quoted(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", format_stamp(value))


def dump_yaml(data: dict[str, Any]) -> str:
    yaml, _, dumper = _yaml()
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return text


def load_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML safely; a syntax error or a tag becomes a problem with its line in the
    file (`text` starting at line `first_line`)."""
    yaml, loader, _ = _yaml()
    try:
        return yaml.load(text, Loader=loader)  # safe: SafeLoader or CSafeLoader, never objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark is not None else None
        what = error.problem or "not valid YAML"
        if isinstance(error, yaml.constructor.ConstructorError):
            what = "YAML tags are not allowed (" + (error.problem or "unknown tag") + ")"
        raise ProblemError(Problem(path, f"not valid YAML: {what}", line)) from None
    except yaml.YAMLError as error:
        raise ProblemError(Problem(path, f"not valid YAML: {error}")) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # PyYAML's constructors raise these for values like date: 2025-02-30.
        raise ProblemError(Problem(path, f"not valid YAML: {error}")) from None


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """The front matter, the body, and the line of the front matter's first line."""
    if not text.startswith(FENCE + "\n"):
        raise ProblemError(Problem(path, "no front matter: an entry file starts with '---'", 1))
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1:
        if text.endswith("\n" + FENCE):
            end = len(text) - len(FENCE) - 1
        else:
            raise ProblemError(Problem(path, "front matter is not closed with '---'", 1))
    meta = text[len(FENCE) + 1 : end + 1]
    body = text[end + len(FENCE) + 2 :]
    if body.endswith("\n"):
        body = body[:-1]
    return meta, body, 2


def _text_field(data: dict[str, Any], key: str, path: Path) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProblemError(Problem(path, f"{key!r} must be text, not {type(value).__name__}"))
    return value


def _flag(data: dict[str, Any], key: str, path: Path) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ProblemError(Problem(path, f"{key!r} must be true or false, not {value!r}"))
    return value


def _time_field(data: dict[str, Any], key: str, path: Path) -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ProblemError(Problem(path, f"{key} {value!r} is not a time"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _key_line(meta: str, error: ProblemError, first_line: int) -> ProblemError:
    """The same problem, with the line of the key it names when it named none."""
    problem = error.problem
    if problem.line is not None:
        return error
    key = problem.message.split(" ", 1)[0].strip("'\":")
    for number, line in enumerate(meta.splitlines()):
        if line.startswith(f"{key}:"):
            return ProblemError(Problem(problem.path, problem.message, first_line + number))
    return error


def parse_entry(text: str, path: Path) -> Entry:
    """An entry from its file's text, or ProblemError saying what is wrong (with a line)."""
    meta, body, first_line = split_front_matter(text, path)
    try:
        return _entry_from(meta, body, path)
    except ProblemError as error:
        raise _key_line(meta, error, first_line) from None


# A key YAML reads as text: not one it reads as a flag or null (`no:` is the key False).
_KEY = re.compile(r"(?!(?:y|n|yes|no|on|off|true|false|null)(?::|$))[a-z_]+")
_LINE = re.compile(rf"({_KEY.pattern}): (.*)")
# ASCII digits only: YAML reads other digits (٢٠٢٥) as text
_STAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
_PLAIN = re.compile(r"[^\W\d_][^#{}\[\]\"'`|>*&!%@\\,\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_NOT_STRINGS = frozenset(
    "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF "
    "null Null NULL".split()
)


def _fast_value(raw: str) -> object:
    """The value of one line as YAML reads it, for the few forms Desk writes; else raise."""
    if raw in ("true", "false"):
        return raw == "true"
    if raw.isascii() and raw.isdigit() and (raw[0] != "0" or raw == "0"):  # 0755 is octal
        return int(raw)
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and not any(c in raw[1:-1] for c in '"\\'):
        inner = raw[1:-1]
        if inner.isprintable():
            return inner
    if len(raw) >= 2 and raw[0] == raw[-1] == "'" and "'" not in raw[1:-1].replace("''", ""):
        inner = raw[1:-1]
        if inner.isprintable():
            return inner.replace("''", "'")
    stamp = _STAMP.fullmatch(raw)
    if stamp:
        year, month, day, hour, minute, second = map(int, stamp.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    plain = _PLAIN.fullmatch(raw) and raw == raw.strip() and raw not in _NOT_STRINGS
    # A colon only inside a word, as in a link: `key: value` or a closing colon is YAML's.
    if plain and "  " not in raw and " -" not in raw and ": " not in raw and raw[-1] != ":":
        return raw
    raise ValueError(raw)


_INNER_LINE = re.compile(rf"  ({_KEY.pattern}): (.*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _fast_extra(raw: str) -> object:
    """What blog.yaml holds beyond `_fast_value`'s forms: a date, an empty list or mapping
    (asked only when `_fast_value` refused, so entries' lines cost nothing more)."""
    if raw == "[]":
        return []
    if raw == "{}":
        return {}
    day = _DATE.fullmatch(raw)
    if day is None:
        raise ValueError(raw)
    return date(*map(int, day.groups()))  # 2025-02-30 raises: PyYAML says what is wrong


def _fast_mapping(text: str) -> dict[str, Any] | None:
    """The YAML mapping in `text` when every line is in a form Desk writes: `key: value`
    with a quoted or plain string, a number, a stamp, a date or a flag; `key:` over
    `  key: value` lines (blog.yaml's labels and export choices); or `key: |-` (or `|`)
    over lines indented by two spaces (an embed's text). None sends it to the YAML parser.
    It gives exactly what PyYAML gives for those forms (property tests hold it to that).
    It exists because parsing 10,000 entries through PyYAML's constructor takes a second,
    and so that opening a blog or exporting one need not import PyYAML (8 ms)."""
    data: dict[str, Any] = {}
    opened: list[tuple[str, dict[str, Any]]] = []  # `key:` lines and what they hold
    inner: dict[str, Any] | None = None
    block: _Block | None = None
    # At "\n" only: splitlines also breaks at characters YAML refuses (a form feed) or keeps
    # in a block (\u2028). A line holding one, or a "\r", fits no form here: PyYAML reads it.
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    try:
        for line in lines:
            if block is not None:
                if block.takes(line):
                    continue
                data[block.key] = block.text()
                block = None
            match = _LINE.fullmatch(line)  # the usual line first: entries have no other
            if match is not None:
                into, inner = data, None
                if match.group(2) in _BLOCK_HEADS:
                    block = _Block(match.group(1), match.group(2))
                    continue
            elif line.endswith(":") and _KEY.fullmatch(line[:-1]):
                inner = data[line[:-1]] = {}
                opened.append((line[:-1], inner))
                continue
            else:
                match = _INNER_LINE.fullmatch(line)
                if match is None or inner is None:
                    return None
                into = inner
            raw = match.group(2)
            try:
                into[match.group(1)] = _fast_value(raw)
            except ValueError:
                into[match.group(1)] = _fast_extra(raw)
        if block is not None:
            data[block.key] = block.text()
    except ValueError:
        return None
    for key, held in opened:
        if data.get(key) is held and not held:
            data[key] = None  # `key:` over nothing is null to YAML
    return data if data else None


_BLOCK_HEADS = ("|-", "|")


class _Block:
    """A literal block's lines as `_fast_mapping` takes them: each two spaces in, or empty
    (other lines, of spaces, tabs or more indentation, are left to PyYAML). `|-` drops the
    line breaks that end the block, `|` keeps one."""

    def __init__(self, key: str, head: str) -> None:
        self.key, self.head = key, head
        self.lines: list[str] = []

    def takes(self, line: str) -> bool:
        """True if `line` belongs to the block; ValueError if it may but is not plain."""
        if not line:
            if not self.lines:
                raise ValueError("a block that opens with an empty line")
            self.lines.append("")
            return True
        if not line.startswith("  "):
            return False
        content = line[2:]
        if not content.strip() or content[0].isspace() or not content.isprintable():
            raise ValueError(line)
        self.lines.append(content)
        return True

    def text(self) -> str:
        if not self.lines:
            raise ValueError("an empty block")
        text = "\n".join(self.lines).rstrip("\n")
        return text if self.head == "|-" else text + "\n"


def load_mapping(text: str, path: Path, first_line: int = 1) -> Any:
    """YAML as `load_yaml` reads it: by hand when every line is in a form Desk writes
    (`_fast_mapping`), by PyYAML otherwise."""
    return _fast_mapping(text) or load_yaml(text, path, first_line)


def _line_value(value: object) -> str | None:
    """`value` as the value of a line that `_fast_value` reads back as `value` (text plain
    where YAML reads it as the same text, else double-quoted), or None."""
    if isinstance(value, datetime):
        return format_stamp(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        forms = [value, f'"{value}"']
    elif isinstance(value, int):
        forms = [str(value)]
    else:
        return None
    for raw in forms:
        try:
            if _fast_value(raw) == value:
                return raw
        except ValueError:
            pass
    return None


def dump_mapping(data: dict[str, Any]) -> str:
    """`data` (text, whole numbers, flags and times) as YAML in lines `load_mapping` reads
    without PyYAML; in PyYAML's forms when a key or a value has no such line."""
    lines = []
    for key, value in data.items():
        raw = _line_value(value)
        line = f"{key}: {raw}"
        if raw is None or not _LINE.fullmatch(line):
            return dump_yaml(data)
        lines.append(line + "\n")
    return "".join(lines) or dump_yaml(data)


def _entry_from(meta: str, body: str, path: Path) -> Entry:
    data = load_mapping(meta, path, first_line=2)
    if not isinstance(data, dict):
        raise ProblemError(Problem(path, "front matter must be a mapping of keys", 2))
    try:
        entry_id = check_id(data.get("id"))
    except DeskError as error:
        raise ProblemError(Problem(path, f"id: {error}")) from None
    stamp = data.get("stamp")
    if not isinstance(stamp, datetime):
        raise ProblemError(Problem(path, f"stamp {stamp!r} is not a time"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    kind = data.get("kind", "update")
    if kind not in KINDS:
        raise ProblemError(Problem(path, f"kind {kind!r} is not one of {', '.join(KINDS)}"))
    status = data.get("status", "draft")
    if status not in STATUSES:
        raise ProblemError(Problem(path, f"status {status!r} is not one of {', '.join(STATUSES)}"))
    published = _time_field(data, "published", path)
    return Entry(
        id=entry_id,
        stamp=stamp,
        kind=kind,
        status=status,
        author=_text_field(data, "author", path),
        headline=_text_field(data, "headline", path),
        notes=_text_field(data, "notes", path),
        key=_flag(data, "key", path),
        pinned=_flag(data, "pinned", path),
        published=published,
        published_hash=_text_field(data, "published_hash", path),
        body=body,
        extra={k: v for k, v in data.items() if k not in ENTRY_KEYS},
    )


def dump_entry(entry: Entry) -> str:
    """The entry file's text: front matter, then the body."""
    data: dict[str, Any] = {
        "id": Quoted(entry.id),
        "stamp": entry.stamp,
        "kind": entry.kind,
        "status": entry.status,
    }
    for key in ("author", "headline", "key", "pinned", "published", "published_hash", "notes"):
        value = getattr(entry, key)
        if value:
            data[key] = value
    data.update(entry.extra)
    return f"{FENCE}\n{dump_yaml(data)}{FENCE}\n{entry.body}\n"


# The order as Desk writes it: one quoted id a line, up to the next top-level key.
_ORDER_BLOCK = re.compile(r'^order:\n((?:- "[a-z][a-z0-9-]*"\n)*)(?=\Z|[^\s#-])', re.MULTILINE)
_ORDER_ID = re.compile(r'"([a-z][a-z0-9-]*)"')


def _blog_mapping(text: str, path: Path) -> Any:
    """blog.yaml as YAML reads it. The order list in the form Desk writes is read by hand:
    10,000 ids through PyYAML's constructor take 30 ms at every start and every save; and
    the rest too when it is in the forms Desk writes (`load_mapping`)."""
    match = _ORDER_BLOCK.search(text)
    if match is not None:
        try:
            data = load_mapping(text[: match.start()] + text[match.end() :], path)
        except ProblemError:
            data = None  # read it whole, for the error's true line
        if isinstance(data, dict) and "order" not in data:
            data["order"] = _ORDER_ID.findall(match.group(1))
            return data
    return load_mapping(text, path)


def too_large_blog_file() -> str:
    return f"blog.yaml is over {MAX_BLOG_FILE // 2**20} MB, the limit: not read"


def parse_blog_meta(text: str, path: Path) -> Blog:
    """The blog's own fields from blog.yaml (entries are read separately)."""
    if len(text) > MAX_BLOG_FILE // 4 and len(text.encode("utf-8")) > MAX_BLOG_FILE:
        raise ProblemError(Problem(path, too_large_blog_file()))
    data = _blog_mapping(text, path)
    if not isinstance(data, dict):
        raise ProblemError(Problem(path, "blog.yaml must be a mapping of keys", 1))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ProblemError(Problem(path, "blog.yaml has no title"))
    coverage = data.get("date")
    if isinstance(coverage, datetime):
        coverage = coverage.date()
    if not isinstance(coverage, date):
        raise ProblemError(Problem(path, f"date {coverage!r} is not a date (YYYY-MM-DD)"))
    labels = data.get("labels") or {}
    if not isinstance(labels, dict):
        raise ProblemError(Problem(path, "labels must be a mapping"))
    order = data.get("order") or []
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        raise ProblemError(Problem(path, "order must be a list of entry ids"))
    if len(order) > MAX_ORDER:
        raise ProblemError(
            Problem(path, f"order lists {len(order):,} ids, over the limit of {MAX_ORDER:,}")
        )
    choices = data.get("export") or {}
    if not isinstance(choices, dict):
        raise ProblemError(Problem(path, "export must be a mapping of choices"))
    return Blog(
        title=title,
        date=coverage,
        header=_text_field(data, "header", path),
        labels=Labels.from_mapping(labels),
        order=list(order),
        url=_text_field(data, "url", path),
        ended=_time_field(data, "ended", path),
        export=choices,
        extra={k: v for k, v in data.items() if k not in BLOG_KEYS},
    )


def dump_blog_meta(blog: Blog) -> str:
    data: dict[str, Any] = {
        "title": blog.title,
        "date": blog.date,
        "header": blog.header,
        "labels": {k: Quoted(v) for k, v in blog.labels.as_mapping().items()},
        "order": [],  # written by hand below: one quoted id a line
    }
    if blog.url:
        data["url"] = blog.url
    if blog.ended is not None:
        data["ended"] = blog.ended
    if blog.export:
        data["export"] = blog.export
    data.update({k: v for k, v in blog.extra.items() if k != "order"})
    text = dump_yaml(data)
    if not blog.order:
        return text
    ids = "".join(
        f'- "{i}"\n' if ID_PATTERN.fullmatch(i) else f"- {json.dumps(i)}\n" for i in blog.order
    )
    return text.replace("\norder: []\n", "\norder:\n" + ids, 1)
