"""The fast front-matter path must read exactly what PyYAML's safe loader reads."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.embeds import Embed, embed_yaml
from desk.core.model import Blog, Labels
from desk.core.storage.front_matter import (
    _ORDER_BLOCK,
    _fast_mapping,
    dump_blog_meta,
    dump_mapping,
    dump_yaml,
    load_mapping,
    parse_blog_meta,
)

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

EXAMPLES = settings(deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
KEYS = st.sampled_from(
    ["id", "author", "headline", "kind", "status", "published_hash", "x_y", "no", "y", "on_off"]
)
TRICKY = st.sampled_from(
    ["yes", "No", "null", "~", "true", "1e3", "0x1F", "12:30", "2025-03-14", "- a", "a: b",
     "a #b", "#a", "'q'", '"q"', "a'b", "[x]", "{x}", "*a", "&a", "!t", "%p", "@h", "`b",
     "|", ">", "?", "-", "a  b", " a", "a ", "é", "Ñúñez", "ａ", "a\u2028b", "\x85", ".nan",
     "inf", "Infinity", "=", "<<", "a,b", "NaN", "a - b", "0o7", "+1", ".5", "_x", "[]", "{}",
     "2025-02-30", "2025-3-14", "٢٠٢٥-٠٣-١٤", "٢٠٢٥-٠٣-١٤T10:00:00Z", "2025-03-14T10:00:00Z",
     "0", "07", "10", "1_000", "-1", "٣", "12345678901234567890",
     "https://x.org/a?b=c", "a:b", "a:", "a:#b", "a: :b", "é:1", "a:\tb", "a :b", "a:-b",
     "a\x0cb: c", "a\x1cb: c", "a\rb: c", "a\r"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=40),
    TRICKY,
    st.booleans(),
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0)),
)


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


@pytest.mark.fuzz("front matter")
@EXAMPLES
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
def test_what_desk_writes_reads_the_same_both_ways(data: dict[str, Any]) -> None:
    text = dump_yaml(data)
    fast = _fast_mapping(text)
    assert _yaml(text) == data
    assert fast is None or fast == data


@pytest.mark.fuzz("front matter")
@EXAMPLES
@given(st.lists(st.tuples(KEYS, st.one_of(st.text(max_size=30), TRICKY)), min_size=1, max_size=5))
def test_any_line_the_fast_path_takes_reads_as_yaml_reads_it(lines: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in lines)
    fast = _fast_mapping(text)
    if fast is not None:
        assert _yaml(text) == fast


def test_the_usual_entry_takes_the_fast_path() -> None:
    text = 'id: "k7f3c2a"\nstamp: 2025-03-14T21:41:00Z\nkind: update\nstatus: ready\nauthor: Jane Doe\n'
    assert _fast_mapping(text) == {
        "id": "k7f3c2a",
        "stamp": datetime(2025, 3, 14, 21, 41, tzinfo=UTC),
        "kind": "update",
        "status": "ready",
        "author": "Jane Doe",
    }


IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


CHOICES = st.dictionaries(st.sampled_from(["format", "embeds", "order", "jsonld"]), VALUES)


@pytest.mark.fuzz("blog.yaml")
@EXAMPLES
@given(
    st.text(min_size=1, max_size=30).filter(str.strip),
    st.text(max_size=200),
    st.lists(IDS, max_size=30, unique=True),
    st.dictionaries(st.sampled_from(["update", "original", "pinned"]), st.text(max_size=30)),
    CHOICES,
    st.dictionaries(st.sampled_from(["cms", "zz", "a"]), st.one_of(VALUES, CHOICES), max_size=3),
)
def test_blog_yaml_reads_the_same_by_hand_and_by_pyyaml(
    title: str,
    header: str,
    order: list[str],
    labels: dict[str, str],
    export: dict[str, Any],
    extra: dict[str, Any],
) -> None:
    blog = Blog(title=title, date=date(2025, 3, 14), header=header, order=order, export=export)
    blog.labels = Labels.from_mapping(labels)
    blog.extra = extra
    text = dump_blog_meta(blog)
    full = _yaml(text)
    fast = parse_blog_meta(text, Path("blog.yaml"))
    assert (fast.title, fast.header, fast.order, fast.export, fast.extra) == (
        full["title"],
        full["header"],
        full["order"],
        full.get("export") or {},
        extra,
    )
    match = _ORDER_BLOCK.search(text)
    rest = text[: match.start()] + text[match.end() :] if match else text
    by_hand = _fast_mapping(rest)
    assert by_hand is None or by_hand == _yaml(rest)


INNER = st.tuples(st.just("  "), KEYS, st.one_of(st.text(max_size=20), TRICKY))
TOP = st.tuples(st.just(""), KEYS, st.one_of(st.text(max_size=20), TRICKY, st.just("")))


@pytest.mark.fuzz("blog.yaml")
@EXAMPLES
@given(st.lists(st.one_of(TOP, INNER), min_size=1, max_size=6))
def test_any_blog_line_the_fast_path_takes_reads_as_yaml_reads_it(
    lines: list[tuple[str, str, str]],
) -> None:
    text = "".join(
        f"{indent}{key}:{' ' + value if value else ''}\n" for indent, key, value in lines
    )
    fast = _fast_mapping(text)
    if fast is not None:
        assert _yaml(text) == fast


# Line breaks Python splits lines at and YAML does not, or reads otherwise.
BREAKS = st.sampled_from(
    ["\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
).map(lambda br: f"a{br}  b")
# A literal block: `key: |-` (or another head) over lines, most of them two spaces in and
# of words, the rest anything.
WORDS = st.from_regex(r"[A-Za-z\"'#-][A-Za-z0-9 .,:'\"#|>-]{0,20}", fullmatch=True)
BLOCK = st.tuples(
    KEYS,
    st.sampled_from(["|-", "|"] * 4 + ["|+", "|2-", ">-"]),
    st.lists(
        st.tuples(
            st.sampled_from(["  "] * 12 + ["", "   ", " ", "  \t"]),
            st.one_of(WORDS, WORDS, WORDS, st.text(max_size=20), TRICKY, st.just(""), BREAKS),
        ),
        min_size=1,
        max_size=4,
    ),
).map(lambda b: f"{b[0]}: {b[1]}\n" + "".join(f"{indent}{text}\n" for indent, text in b[2]))
LINE = TOP.map(lambda t: f"{t[1]}:{' ' + t[2] if t[2] else ''}\n")


@pytest.mark.fuzz("embed blocks")
@EXAMPLES
@given(st.lists(st.one_of(LINE, BLOCK, BLOCK), min_size=1, max_size=4))
def test_any_block_the_fast_path_takes_reads_as_yaml_reads_it(parts: list[str]) -> None:
    text = "".join(parts)
    fast = _fast_mapping(text)
    if fast is not None:
        assert _yaml(text) == fast


@pytest.mark.fuzz("embed blocks")
@EXAMPLES
@given(
    st.sampled_from(["x", "telegram", "bluesky", "image", "link"]),
    st.text(max_size=80),
    st.text(max_size=30),
    st.one_of(st.just(""), st.just("2025-03-14"), TRICKY),
)
def test_embed_blocks_desk_writes_read_the_same_by_hand_and_by_pyyaml(
    kind: str, text: str, author: str, when: str
) -> None:
    block = embed_yaml(
        Embed(type=kind, url="https://x.com/a/status/1", text=text, author=author, date=when)
    )
    fast = _fast_mapping(block)
    assert fast is None or fast == _yaml(block)


def test_the_usual_embed_block_takes_the_fast_path() -> None:
    block = embed_yaml(
        Embed(
            type="x",
            url="https://x.com/NorthWeatherOff/status/1898765432101234567",
            author="Northern Weather Office",
            handle="NorthWeatherOff",
            date="2025-03-14",
            text="Gusts of 110 km/h at the breakwater.\n\nStay away from the quay: it is closed.",
        )
    )
    assert "text: |-\n" in block
    assert _fast_mapping(block) == _yaml(block)


def test_a_blog_as_desk_writes_it_is_read_without_pyyaml(tmp_path: Path) -> None:
    blog = Blog(
        title="War: day 100",
        date=date(2025, 3, 14),
        header="Follow our coverage.",
        order=["a1", "b2"],
        url="https://example.org/live",
        ended=datetime(2025, 3, 15, 9, tzinfo=UTC),
        export={"embeds": "url", "jsonld": True},
    )
    text = dump_blog_meta(blog)
    (tmp_path / "blog.yaml").write_text(text, encoding="utf-8")
    script = (
        "import sys; from pathlib import Path\n"
        "from desk.core.storage.front_matter import parse_blog_meta\n"
        f"blog = parse_blog_meta(Path({str(tmp_path / 'blog.yaml')!r}).read_text(), Path('b'))\n"
        "print(blog.title, blog.date, blog.ended, blog.order, blog.export, 'yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (
        done.stdout.split()
        == (
            "War: day 100 2025-03-14 2025-03-15 09:00:00+00:00 ['a1', 'b2'] "
            "{'embeds': 'url', 'jsonld': True} False"
        ).split()
    ), done.stderr
    assert parse_blog_meta(text, Path("blog.yaml")) == blog


def test_an_order_block_followed_by_more_list_items_is_read_whole() -> None:
    text = 'title: x\ndate: 2025-03-14\norder:\n- "a1"\n- b2\n'
    assert parse_blog_meta(text, Path("blog.yaml")).order == ["a1", "b2"]


SETTINGS = st.dictionaries(
    st.from_regex(r"[a-z_]{1,8}", fullmatch=True) | st.sampled_from(["Host", "a-b", "x y"]),
    st.one_of(
        st.text(max_size=30),
        TRICKY,
        st.integers(min_value=-(2**70), max_value=2**70),
        st.booleans(),
        st.datetimes(timezones=st.just(UTC)),
        st.lists(st.integers(), max_size=2),
    ),
    max_size=6,
)


@pytest.mark.fuzz("settings")
@EXAMPLES
@given(SETTINGS)
def test_settings_desk_writes_read_the_same_by_hand_and_by_pyyaml(data: dict[str, Any]) -> None:
    text = dump_mapping(data)
    read = load_mapping(text, Path("settings.yaml"))
    assert read == _yaml(text)
    to_second = {
        k: v.replace(microsecond=0) if isinstance(v, datetime) else v for k, v in data.items()
    }
    assert read == to_second


def test_the_lock_and_the_preferences_are_written_and_read_without_pyyaml(tmp_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from desk.core.prefs import Preferences
from desk.core.storage.lock import BlogLock
root = Path({str(tmp_path)!r})
Preferences(default_author="Jane Doe", drafts_folder=str(root / "drafts")).save(root / "p.yaml")
prefs = Preferences.load(root / "p.yaml")
lock = BlogLock(root, by="window")
assert lock.acquire() is None
holder = lock.holder()
print(prefs.default_author, prefs.sync_seconds, holder.by, holder.time is not None, "yaml" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split() == ["Jane", "Doe", "30", "window", "True", "False"], done.stderr
    assert _yaml((tmp_path / "p.yaml").read_text(encoding="utf-8"))["drafts_folder"] == str(
        tmp_path / "drafts"
    )
