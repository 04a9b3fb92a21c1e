"""Feeding untrusted HTML to the standard library's HTMLParser in bounded time.

Before Python 3.13.4, HTMLParser is quadratic on some unfinished markup (thousands of
unclosed `<a `, an unclosed comment): 90 KB of it took 44 s. None of that markup shows a
reader anything, so it is defused before parsing."""

from __future__ import annotations

import re

# A complete <!DOCTYPE …>, <![CDATA[…]]> or <?…?>: nothing a reader sees.
_DECLARATION = re.compile(r"<[!?][^<>]*>")


def defuse(html: str, *, keep_tail: bool) -> str:
    """`html` without what makes HTMLParser slow: comments and declarations dropped (an
    unclosed comment ends the text, as in a browser), other `<!` and `<?` turned into text,
    and what follows the last
    `>` (at most an unfinished tag, and text) cut, or with `keep_tail` kept as text."""
    parts: list[str] = []
    start = 0
    while True:
        begin = html.find("<!--", start)
        if begin == -1:
            parts.append(html[start:])
            break
        parts.append(html[start:begin])
        end = html.find("-->", begin + 4)
        if end == -1:
            break
        start = end + 3
    text = _DECLARATION.sub("", "".join(parts)).replace("<!", "&lt;!").replace("<?", "&lt;?")
    last = text.rfind(">") + 1
    tail = text[last:].replace("<", "&lt;") if keep_tail else ""
    return text[:last] + tail
