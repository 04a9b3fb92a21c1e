"""More fuzz targets: blog.yaml shaped as Desk writes it, files of any bytes through the
importers, and bodies full of embed blocks through both writers. Each answers with a
value or Desk's own error, and what Desk writes reads back the same."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.blocks import embed_blocks
from desk.core.embeds import parse_embed_block
from desk.core.errors import DeskError
from desk.core.export.render import Renderer
from desk.core.importers.importing import decode, parse_import
from desk.core.importers.options import ImportOptions
from desk.core.storage.front_matter import dump_blog_meta, parse_blog_meta

BLOG_YAML = Path("blog.yaml")
FUZZ = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
values = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "2025-03-14",
            "2025-02-30",
            "2025-03-14T21:41:00Z",
            '"quoted"',
            "[",
            "{a: 1}",
            "!!python/object/apply:os.system [x]",
            "&a [*a, *a]",
            "|\n  block\n",
            "- x\n- y",
        ]
    ),
)
order_lines = st.lists(
    st.one_of(
        ids.map(lambda i: f'- "{i}"'),
        ids.map(lambda i: f"- {i}"),
        st.sampled_from(["- 12", "- [a]", "-", '- ""', "# note", "  - nested", "- !!binary x"]),
    ),
    max_size=12,
)


@st.composite
def blog_yaml(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append(f"title: {draw(st.sampled_from(['Storm Maren', '', '[x', '12']))}")
    if draw(st.booleans()):
        lines.append(f"date: {draw(st.sampled_from(['2025-03-14', '2025-02-30', 'x', '']))}")
    for key in draw(
        st.lists(st.sampled_from(["header", "labels", "url", "ended", "export", "extra"]))
    ):
        lines.append(f"{key}: {draw(values)}")
    if draw(st.booleans()):
        lines.append("order:")
        lines.extend(draw(order_lines))
    lines = draw(st.permutations(lines)) if draw(st.booleans()) else lines
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\nurl: x\n"]))


@pytest.mark.fuzz("blog.yaml")
@FUZZ
@given(blog_yaml())
def test_blog_yaml_shaped_text_is_a_blog_or_a_desk_error(text: str) -> None:
    try:
        blog = parse_blog_meta(text, BLOG_YAML)
    except DeskError:
        return
    again = parse_blog_meta(dump_blog_meta(blog), BLOG_YAML)
    assert (again.title, again.date, again.header, again.order, again.url) == (
        blog.title,
        blog.date,
        blog.header,
        blog.order,
        blog.url,
    )
    assert again.ended == blog.ended
    assert again.labels == blog.labels


@pytest.mark.fuzz("importers")
@FUZZ
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=200).map(lambda t: t.encode("utf-16")),
        st.text(max_size=200).map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    ),
    st.sampled_from(["text", "md", "html", None]),
)
def test_any_bytes_are_imported_or_refused_with_a_desk_error(data: bytes, fmt: str | None) -> None:
    try:
        text = decode(data, "fuzz.txt")
        blog = parse_import(text, ImportOptions(format=fmt))
    except DeskError:
        return
    assert blog.entries


fence_bits = st.sampled_from(
    [
        "```embed\n",
        "```\n",
        "``` embed\n",
        "~~~embed\n",
        "type: x\n",
        "type: image\nsrc: media/a.png\n",
        "type: image\nsrc: media/../../etc/passwd\n",
        "type: link\nurl: javascript:alert(1)\n",
        "url: https://x.com/a/status/1\n",
        "text: |\n  <script>x</script>\n",
        "> quote\n",
        "\n",
        "<b>",
        "[a](b)",
    ]
)
bodies = st.lists(st.one_of(fence_bits, st.text(max_size=15)), max_size=25).map("".join)


@pytest.mark.fuzz("embed parser")
@FUZZ
@given(bodies, st.sampled_from(["full", "url", "plain", "preview"]))
def test_any_body_with_embed_blocks_renders_in_both_writers(body: str, style: str) -> None:
    renderer = Renderer()
    rendered = renderer.body_html(body, style)
    assert "<script>x</script>" not in rendered.html
    assert 'href="javascript:' not in rendered.html
    renderer.body_markdown(body, "plain" if style == "preview" else style)
    for block in embed_blocks(body):
        with contextlib.suppress(DeskError):
            parse_embed_block(block)
