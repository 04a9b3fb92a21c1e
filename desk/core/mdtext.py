"""Plain text made safe to put in Markdown, so that it shows as it is.

Two rules, kept side by side because each is read back by its own reader and changing
either would change exports already written:

- `md_escape` is for the export's own lines (labels, headlines, bylines, key events): a
  backslash before each mark Markdown could act on; the Markdown importer strips the same
  lines back by writing them again.
- `md_escape_post_text` is for what a post or image says in an embed's Markdown (a quote's
  text, its author, a caption): it also writes `&` and `<` as entities, so that no text
  from a platform becomes HTML or an entity, and escapes a mark that opens a line (a
  heading, a quote, a list) rather than every `#` and `>`."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")
_MD_INLINE = re.compile(r"([\\`*_\[\]])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as it is: a backslash before every Markdown mark."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_escape_post_text(text: str) -> str:
    """Text that Markdown shows as it is: no emphasis, links, HTML, headings or lists."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    lines = []
    for line in text.split("\n"):
        match = _MD_LINE_START.match(line)
        if match:
            mark = match[2]
            mark = mark[:-1] + "\\" + mark[-1] if mark[-1] in ".)" else "\\" + mark
            line = match[1] + mark + line[match.end() :]
        lines.append(line)
    return "\n".join(lines)
