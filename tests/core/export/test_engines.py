"""Each text is rendered by an engine with only the parts of Markdown it may use (no
tables, fenced code or inline patterns whose marks it lacks): every text must come out
exactly as the whole engine makes it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desk.core.export.engine import WHOLE, needs, new_markdown, sanitise
from desk.core.export.render import Renderer

# Markdown's own characters, each line something a body starts with, and plain words.
MARKS = st.sampled_from(
    ["# ", "## ", "> ", "- ", "* ", "+ ", "1. ", "2) ", "    ", "\t", "---", "***", "===",
     "`", "``", "~", "~~", "*", "**", "_", "__", "[a](http://x.org)", "![b](i.png)", "[c]",
     "[c]: http://x.org", "<b>", "</b>", "<div>", "</div>", "<!-- n -->", "&amp;", "&",
     "\\\\", "\\\\`", "  \n", "\n", "\n\n", "<http://x.org>", "a@b.org", "— ", ": ", "|",
     "\\\\|", "\n```\n", "\n~~~\n", "``` ", "a_b", "  ", "\r", "\r\n", " \t", "&#39;", "&x",
     "<span>", "<a@b.org>", "<x", "!", "\\*", "\\[", "[d]: <http://x.org>", "a\t\nb"]
)  # fmt: skip
WORDS = st.text(alphabet="abc XYZ.,'\"()!?-0123456789é", max_size=12)
TEXTS = st.lists(st.one_of(MARKS, WORDS), max_size=24).map("".join)


@pytest.mark.fuzz("engines")
@settings(deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("a line ending in a tab\t\nis broken there")  # the tab becomes spaces first
@example("snake_case and _emphasis_")
def test_every_text_renders_as_the_whole_engine_renders_it(text: str) -> None:
    assert Renderer().markdown_to_html(text) == sanitise(new_markdown().convert(text))


def test_tables_and_fenced_code_still_get_the_whole_engine() -> None:
    renderer = Renderer()
    table = renderer.markdown_to_html("| Town | Homes |\n|---|---|\n| Port Elvan | 1,200 |")
    code = renderer.markdown_to_html("~~~\nline <b>one</b>\n~~~")
    plain = renderer.markdown_to_html("No table, no code: *just* words.")
    assert needs("a | b")[0] and not needs("a `b` ~c~")[0]
    assert needs("Plain words, and more words.") == (False,) * len(WHOLE)
    assert "<table>" in table and "<td>Port Elvan</td>" in table
    assert "<pre><code>line &lt;b&gt;one&lt;/b&gt;\n</code></pre>" in code
    assert plain == "<p>No table, no code: <em>just</em> words.</p>"


def test_fenced_code_is_loaded_only_for_a_text_that_may_hold_it() -> None:
    script = (
        "import sys\n"
        "from desk.core.export.render import Renderer\n"
        "renderer = Renderer()\n"
        "renderer.markdown_to_html('Plain *words*.')\n"
        "print('markdown.extensions.fenced_code' in sys.modules)\n"
        "renderer.markdown_to_html('~~~\\ncode\\n~~~')\n"
        "print('markdown.extensions.fenced_code' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "True"], done.stderr
