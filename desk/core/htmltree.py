"""Untrusted HTML read into a small tree, in bounded time and size.

The standard library's HTMLParser builds no tree, so `TreeBuilder` builds one of
`Element`s and text, with its depth and its number of nodes bounded: what lies past the
bounds is left out (embed code) or flattened into the deepest element kept (an import,
which must lose no word).

Before Python 3.13.4, HTMLParser is quadratic on some unfinished markup (thousands of
unclosed `<a `, an unclosed comment): 90 KB of it took 44 s. None of that markup shows a
reader anything, so `defuse` takes it out before parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

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


@dataclass(eq=False)
class Element:
    """An element: its tag, its attributes (in document order) and its children, elements
    and text (unescaped)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def walk(self) -> list[Element]:
        """This element and every element under it, in document order (no recursion)."""
        found: list[Element] = []
        stack: list[Element] = [self]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(c for c in reversed(node.children) if isinstance(c, Element))
        return found

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]


PastBounds = Literal["drop", "flatten"]


class TreeBuilder(HTMLParser):
    """HTML into a tree of Elements under `root`; feed it, close it, read `root`.

    An end tag closes the nearest open element of its name (a stray one closes nothing);
    a tag in `void`, or written self-closing, opens nothing. Past `max_depth` open
    elements or `max_nodes` nodes, `past_bounds` says what happens:

    - "drop": the element and everything inside it are left out, and text counts as a
      node (each piece the parser hands over its own); a repeated attribute keeps its
      first value, as a browser does. For embed code, which past the bounds is no post.
    - "flatten": past `max_nodes` an element is left out but its text is kept; past
      `max_depth` an element is kept but not opened, so what it holds lands in the deepest
      element kept. Text is never counted, and adjacent pieces are joined; a repeated
      attribute keeps its last value. For an import, which must lose no word.

    Without bounds (trusted HTML that nh3 wrote) the two give the same tree."""

    def __init__(
        self,
        void: frozenset[str],
        *,
        max_depth: int | None = None,
        max_nodes: int | None = None,
        past_bounds: PastBounds = "drop",
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.void = void
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.past_bounds = past_bounds
        self.root = Element("#root")
        self.stack: list[Element] = [self.root]
        self.nodes = 0
        self.dropped = 0  # open elements left out ("drop"): their end tags close nothing

    def _full(self) -> bool:
        return self.max_nodes is not None and self.nodes >= self.max_nodes

    def _too_deep(self, at: int | None = None) -> bool:
        """Whether the open elements are past `max_depth` (or, with `at`, reach it)."""
        if self.max_depth is None:
            return False
        return len(self.stack) >= at if at is not None else len(self.stack) > self.max_depth

    def _attrs(self, pairs: list[tuple[str, str | None]]) -> dict[str, str]:
        if self.past_bounds == "flatten":
            return {k: v or "" for k, v in pairs}
        attrs: dict[str, str] = {}
        for key, value in pairs:
            attrs.setdefault(key, value if value is not None else "")
        return attrs

    def before_start(self, tag: str) -> None:
        """Called before each start tag: a subclass closes what the tag implies."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Add the element; True when it was opened (its content goes inside it)."""
        self.before_start(tag)
        if self.past_bounds == "drop":
            if tag not in self.void and (self.dropped or self._too_deep() or self._full()):
                self.dropped += 1
                return False
            if self.dropped or self._full():
                return False
        elif self._full():
            return False
        node = Element(tag, self._attrs(attrs))
        self.nodes += 1
        self.stack[-1].children.append(node)
        if tag in self.void:
            return False
        if self.past_bounds == "flatten" and self._too_deep(at=self.max_depth):
            return False
        self.stack.append(node)
        return True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opened = self._open(tag, attrs)
        if self.past_bounds == "flatten":
            # Past the bounds the element was not opened, and the innermost open element
            # of its name is closed instead: imports have always read such pages so.
            if tag not in self.void and self.stack[-1].tag == tag and len(self.stack) > 1:
                self.stack.pop()
        elif opened:
            self.stack.pop()
        elif tag not in self.void and self.past_bounds == "drop" and self.dropped:
            self.dropped -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.void:
            return
        if self.dropped:
            self.dropped -= 1
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        children = self.stack[-1].children
        if self.past_bounds == "flatten":
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)
        elif not self.dropped and not self._full():
            self.nodes += 1
            children.append(data)
