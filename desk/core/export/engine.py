"""Python-Markdown and nh3 as Desk uses them: loaded only when a body must be rendered
(an export whose every entry is in the render cache never imports them)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import Treeprocessor

ATTRIBUTION = ("—", "–", "--")


class _QuoteAttribution(Treeprocessor):
    """A quote's last paragraph that opens with a dash is its attribution: put it in <cite>."""

    def run(self, root: etree.Element) -> None:
        for quote in root.iter("blockquote"):
            paragraphs = [child for child in quote if child.tag == "p"]
            if len(paragraphs) < 2 or paragraphs[-1] is not quote[-1]:
                continue
            last = paragraphs[-1]
            if not (last.text or "").lstrip().startswith(ATTRIBUTION):
                continue
            cite = etree.Element("cite")
            cite.text, last.text = last.text, None
            for child in list(last):
                last.remove(child)
                cite.append(child)
            last.append(cite)


class _DeskExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_QuoteAttribution(md), "desk_quote_attribution", 5)


# What a text must hold for a part of the engine to matter. The tables and fenced code
# test every block, and each inline pattern is tried at every place of every text; most
# bodies hold none of these, and an engine without the parts a text cannot use gives it
# the same HTML in half the time (a property test holds it to the whole engine's HTML).
TABLES_AND_FENCES = ("|", "```", "~~~")
INLINE = (  # the marks (any of them), and the patterns that need one; others are kept
    (("`",), ("backtick",)),
    (("\\",), ("escape",)),
    (
        ("[",),
        ("reference", "link", "image_link", "image_reference", "short_reference",
         "short_image_ref"),
    ),
    (("<",), ("autolink", "automail", "html")),
    (("&",), ("entity",)),
    (("*", "_"), ("not_strong", "em_strong", "em_strong2")),
    (("  ", "\t"), ("linebreak",)),  # two spaces ending a line; a tab becomes spaces
)  # fmt: skip
Needs = tuple[bool, ...]  # tables and fences, then each of INLINE
WHOLE: Needs = (True,) * (1 + len(INLINE))


def needs(text: str) -> Needs:
    """The parts of the engine `text` may use."""
    return (
        any(mark in text for mark in TABLES_AND_FENCES),
        *(any(mark in text for mark in marks) for marks, _ in INLINE),
    )


def new_markdown(needed: Needs = WHOLE) -> markdown.Markdown:
    """Desk's Markdown, with only the parts `needed` (`needs` of a text)."""
    # The extensions as objects, not names: a name is looked up among every installed
    # package's entry points (importlib.metadata), which costs more than the rest together.
    extensions: list[Extension] = [SaneListExtension(), _DeskExtension()]
    if needed[0]:  # imported here: fenced code takes 6 ms (Pygments among it)
        from markdown.extensions.fenced_code import FencedCodeExtension
        from markdown.extensions.tables import TableExtension

        extensions[1:1] = [TableExtension(), FencedCodeExtension()]
    md = markdown.Markdown(extensions=extensions, output_format="html")
    for (_, names), wanted in zip(INLINE, needed[1:], strict=True):
        for name in names:
            if not wanted and name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
    return md


# Made once: nh3.clean builds its rules again for each call, half the time of a body's.
_CLEANER = nh3.Cleaner(link_rel=None)
_TEXT_ONLY = nh3.Cleaner(tags=set())


def sanitise(html: str) -> str:
    """The user's HTML with nothing active left: no scripts, handlers, iframes or js: URLs."""
    cleaned: str = _CLEANER.clean(html)
    return cleaned


def strip_tags(html: str) -> str:
    """An HTML fragment's text, every tag taken out (entities left as they are)."""
    text: str = _TEXT_ONLY.clean(html)
    return text
