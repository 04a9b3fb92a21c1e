"""Markdown bodies to HTML and to export Markdown.

Embed blocks are taken out before Markdown runs, the user's HTML is sanitised with nh3,
and only then is Desk's own embed markup (escaped field by field) put back in."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from desk.core.errors import DeskError
from desk.core.export.cache import RenderCache, cache_key
from desk.core.model import EMBED_FENCE

if TYPE_CHECKING:  # loaded by the first body rendered (engine)
    from markdown import Markdown

RENDERER_VERSION = "1"
PARALLEL_FROM = 400  # fewer bodies than this render faster than processes start
_IMG_NO_ALT = re.compile(r"<img(?![^>]*\balt=)")


@dataclass
class RenderedBody:
    html: str
    warnings: list[str] = field(default_factory=list)


def sanitise(html: str) -> str:
    """The user's HTML with nothing active left: no scripts, handlers, iframes or js: URLs."""
    from desk.core.export.engine import sanitise as clean

    return clean(html)


class Renderer:
    """Turns entry bodies into HTML and export Markdown. One per export; not thread-safe.
    With a cache, a body rendered before (same text, style and version) is not rendered again."""

    def __init__(self, cache: RenderCache | None = None, pool: Pool | None = None) -> None:
        self._engines: dict[tuple[bool, ...], Markdown] = {}  # each made when first needed
        self.cache = cache
        self.pool = pool
        self._ready: dict[str, RenderedBody] = {}
        self._keys: dict[tuple[str, str], str] = {}  # (style, body) -> its key, from prepare

    def _md(self, text: str) -> Markdown:
        """An engine with the parts of Markdown `text` may use (`engine.needs`)."""
        import desk.core.export.engine as engine  # loaded by the first body rendered

        needed = engine.needs(text)
        md = self._engines.get(needed)
        if md is None:
            md = self._engines[needed] = engine.new_markdown(needed)
        md.reset()
        return md

    def prepare(self, bodies: list[str], style: str) -> None:
        """Ahead of an export: take what the pool rendered as it read the files, read what
        the cache holds of `bodies`, and have the pool render the rest when it is running
        already or there are enough of them to pay for starting it."""
        keys = [cache_key(RENDERER_VERSION, style, b) for b in bodies]
        self._keys.update(((style, b), k) for b, k in zip(bodies, keys, strict=True))
        pool = self.pool
        if pool is not None:
            for key, html, warnings in pool.rendered:
                self._keep(key, RenderedBody(html, warnings))
            pool.rendered = []
        if self.cache is not None:
            self.cache.prefetch([k for k in keys if k not in self._ready])
        missing = {k: b for k, b in zip(keys, bodies, strict=True) if self._held(k) is None}
        if not missing or pool is None or pool.count < 2:
            return
        if not pool.started and len(missing) < PARALLEL_FROM:
            return  # fewer bodies than this render faster here than processes start
        done = pool.render(list(missing.values()), style)
        for key, (html, warnings) in zip(missing, done or (), strict=False):
            self._keep(key, RenderedBody(html, warnings))

    def _held(self, key: str) -> RenderedBody | None:
        held = self._ready.get(key)
        if held is None and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:  # kept: prepare looks first, the walk after it
                held = self._ready[key] = RenderedBody(*hit)
        return held

    def _keep(self, key: str, rendered: RenderedBody) -> None:
        self._ready[key] = rendered
        if self.cache is not None:
            self.cache.put(key, rendered.html, rendered.warnings)

    def cached_body_html(self, text: str, style: str) -> RenderedBody:
        """As body_html, through what `prepare` and the cache hold. Each body carries its
        own platform scripts; `once_per_export` keeps only the first of each in the export."""
        key = self._keys.get((style, text)) or cache_key(RENDERER_VERSION, style, text)
        held = self._held(key)
        if held is not None:
            return held
        rendered = self.body_html(text, style)
        self._keep(key, rendered)
        return rendered

    def markdown_to_html(self, text: str) -> str:
        """Plain Markdown (a header, a body without embeds) to sanitised HTML."""
        return sanitise(self._md(text).convert(text))

    def body_html(self, text: str, style: str) -> RenderedBody:
        """A body to HTML, embeds in `style` (full, url, plain or preview), each platform's
        script with its first post (`once_per_export` thins them over a whole export)."""
        scripts_seen: set[str] = set()
        warnings: list[str] = []
        nonce = os.urandom(4).hex()
        blocks: list[str] = []

        def hold(match: re.Match[str]) -> str:
            blocks.append(self._embed_html(match.group(1), style, scripts_seen, warnings))
            return f"\n\ndesk{nonce}embed{len(blocks) - 1}\n\n"

        html = self.markdown_to_html(EMBED_FENCE.sub(hold, text))
        if _IMG_NO_ALT.search(html) or '<img alt=""' in html:
            warnings.append("an image in the text has no alt text")
            html = _IMG_NO_ALT.sub('<img alt=""', html)
        for index, block in enumerate(blocks):
            token = f"desk{nonce}embed{index}"
            if f"<p>{token}</p>" in html:
                html = html.replace(f"<p>{token}</p>", block)
            else:
                html = html.replace(token, block)
        return RenderedBody(html, warnings)

    def _embed_html(
        self, source: str, style: str, scripts_seen: set[str], warnings: list[str]
    ) -> str:
        from desk.core import embeds  # only for a body that holds an embed block

        try:
            embed = embeds.parse_embed_block(source)
        except DeskError as error:
            warnings.append(f"an embed block could not be read ({error}): shown as code")
            code = "```\n" + source + "```\n"
            return sanitise(self._md(code).convert(code))
        warnings.extend(embeds.embed_warnings(embed))
        if style == "full" and embed.type in ("telegram", "instagram"):
            warnings.append(
                f"a {embed.type.capitalize()} post in full style vanishes where the CMS strips "
                "scripts: consider --embeds plain"
            )
        return embeds.render_embed_html(embed, style, scripts_seen)

    def body_markdown(self, text: str, style: str) -> RenderedBody:
        """A body for the Markdown export: embeds become Markdown in `style`."""
        from desk.core import embeds

        warnings: list[str] = []

        def replace(match: re.Match[str]) -> str:
            try:
                embed = embeds.parse_embed_block(match.group(1))
            except DeskError as error:
                warnings.append(f"an embed block could not be read ({error}): kept as it is")
                return match.group(0)
            warnings.extend(embeds.embed_warnings(embed))
            rendered = embeds.render_embed_markdown(embed, style).rstrip("\n")
            if not embed.is_post:
                return rendered  # images and link cards read back from their Markdown
            return embed_marker(match.group(0), style) + "\n" + rendered

        return RenderedBody(EMBED_FENCE.sub(replace, text), warnings)


def embed_marker(block: str, style: str) -> str:
    """The invisible line above a post in a Markdown export: the embed block as the body
    holds it, so that importing the export gives it back exactly, whatever the style
    (a post's URL alone, or its platform's HTML, cannot say who wrote what)."""
    # JSON-quoted; '--' broken up so that it cannot end the HTML comment early.
    quoted = json.dumps(block, ensure_ascii=False).replace("--", "-\\u002d")
    return f"<!-- desk:embed style={style} block={quoted} -->"


class Pool(Protocol):
    """Processes that render bodies (the export's workers)."""

    count: int
    rendered: list[tuple[str, str, list[str]]]  # key, HTML, warnings: rendered unasked

    @property
    def started(self) -> bool: ...

    def render(self, bodies: list[str], style: str) -> list[tuple[str, list[str]]] | None: ...


_worker_renderer: Renderer | None = None


def render_alone(body: str, style: str) -> tuple[str, list[str]]:
    """One body rendered in a worker process (one Renderer a process)."""
    global _worker_renderer
    if _worker_renderer is None:
        _worker_renderer = Renderer()
    rendered = _worker_renderer.body_html(body, style)
    return rendered.html, rendered.warnings


def once_per_export(html: str) -> str:
    """The export with each platform's script only where it first appears."""
    if "<script" not in html:
        return html  # no post with its platform's script (the embeds need not be loaded)
    return _scripts_thinned(html, set())


def joined_once_per_export(parts: list[str]) -> str:
    """`once_per_export` of the parts joined by lines, thinning only the parts that hold a
    script: a whole export is not copied twice for each platform."""
    scripted = [i for i, part in enumerate(parts) if "<script" in part]
    if not scripted:
        return "\n".join(parts) + "\n"
    from desk.core import embeds

    tags = embeds.SCRIPTS.values()
    if any(parts[i].endswith(tag) for i in scripted for tag in tags):
        # a script that ends a part takes the next line's break with it: thin it whole
        return once_per_export("\n".join(parts) + "\n")
    parts, seen = list(parts), set[str]()
    for i in scripted:
        parts[i] = _scripts_thinned(parts[i], seen)
    return "\n".join(parts) + "\n"


def _scripts_thinned(text: str, seen: set[str]) -> str:
    """`text` with each platform's script kept only where it first appears, and not at
    all if it is in `seen` (what came before); the scripts found join `seen`."""
    from desk.core import embeds

    for tag in embeds.SCRIPTS.values():
        first = text.find(tag)
        if first == -1:
            continue
        cut = 0 if tag in seen else first + len(tag)
        seen.add(tag)
        text = text[:cut] + text[cut:].replace(tag + "\n", "").replace(tag, "")
    return text


def plain_text(html: str) -> str:
    """The words of an HTML fragment, tags removed (for structured data and word counts)."""
    from desk.core.export.engine import strip_tags

    return re.sub(r"\s+", " ", html_lib.unescape(strip_tags(html))).strip()
