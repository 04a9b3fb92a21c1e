"""Embed code as the platforms hand it out (and as Desk writes it), read back into an Embed.

The code is parsed with the standard library's HTML parser into a small tree, with its size
and depth bounded, then read by shape: X's and Bluesky's blockquotes carry text, author,
handle, date and URL; Instagram's blockquote the permalink and "A post shared by Name
(@handle)"; Telegram's script and YouTube's iframe only the address.
"""

from __future__ import annotations

import re

from desk.core.embeds.ids import date_from_post_id
from desk.core.embeds.model import POST_TYPES, Embed, iso_date
from desk.core.embeds.urls import parse_post_url
from desk.core.errors import DeskError
from desk.core.htmltree import Element, TreeBuilder, defuse

MAX_CODE = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 20_000

_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})  # fmt: skip
_GENERIC_YOUTUBE_TITLES = ("youtube video player", "youtube video")
_SHARED_BY = re.compile(r"A post shared by\s+", re.IGNORECASE)
_HANDLE_IN_PARENS = re.compile(r"\(\s*@([^()\s]{1,100})\s*\)")
_DASHES = "—–-‒― \t\n"
_AT_URI = re.compile(r"at://([^/\s]{1,260})/app\.bsky\.feed\.post/([A-Za-z0-9._~:-]{1,512})")


def _parse(code: str) -> Element:
    builder = TreeBuilder(_VOID, max_depth=MAX_DEPTH, max_nodes=MAX_NODES, past_bounds="drop")
    try:
        builder.feed(defuse(code, keep_tail=False))
        builder.close()
    except (AssertionError, ValueError, IndexError, RecursionError) as error:
        raise DeskError(f"could not read the embed code: {error}") from None
    return builder.root


# ---------------------------------------------------------------- text


def _text(node: Element, skip: Element | None = None) -> str:
    """Readable text: whitespace collapsed as a browser would, <br> and <p> as line breaks."""
    out: list[str] = []
    stack: list[Element | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(re.sub(r"\s+", " ", item))
        elif item.tag == "#p":
            out.append("\n\n")
        elif item is skip or item.tag in ("script", "style", "template"):
            continue
        elif item.tag == "br":
            out.append("\n")
        else:
            if item.tag == "p" and item is not node:
                out.append("\n\n")
                stack.append(Element("#p"))
            stack.extend(reversed(item.children))
    text = "".join(out).replace("\x00", "")
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip(" \n")


def _children(node: Element, tag: str) -> list[Element]:
    return [c for c in node.children if isinstance(c, Element) and c.tag == tag]


def _split_who(who: str) -> tuple[str, str]:
    """'Name (@handle)' → (Name, handle); '@handle' → ('', handle); 'Name' → (Name, '')."""
    who = who.strip(_DASHES)
    matches = list(_HANDLE_IN_PARENS.finditer(who))
    if matches:
        last = matches[-1]
        return who[: last.start()].strip(_DASHES), last[1]
    if who.startswith("@") and " " not in who:
        return "", who[1:]
    return who, ""


# ---------------------------------------------------------------- shapes


def _quote_post(node: Element, platform: str, desk: bool = False) -> Embed:
    """A blockquote of text paragraphs, a sign-off and a link (X, Bluesky, Desk's own).

    X and Bluesky put the sign-off after the paragraphs; Desk in a last paragraph."""
    paragraphs = _children(node, "p")
    signoff_p: Element | None = None
    if desk and paragraphs and _text(paragraphs[-1]).startswith("—"):
        signoff_p = paragraphs.pop()
    text = "\n\n".join(t for t in (_text(p) for p in paragraphs) if t)
    lang = next((p.attrs["lang"] for p in paragraphs if p.attrs.get("lang")), "")
    tail_node = signoff_p or Element(
        "#tail", children=[c for c in node.children if all(c is not p for p in paragraphs)]
    )
    # The post's link: the last anchor of the sign-off pointing at a post of this platform.
    link: Element | None = None
    url = ""
    for anchor in (n for n in tail_node.walk() if n.tag == "a"):
        ref = parse_post_url(anchor.attrs.get("href", ""))
        if ref is not None and ref.platform == platform:
            link, url = anchor, ref.url
    who_text = _text(tail_node, skip=link)
    when = iso_date(_text(link)) if link is not None else None
    if link is None:
        # A quote without a link (Desk's own, for a post with no URL): 'Name March 14, 2025'.
        cite = next((n for n in tail_node.walk() if n.tag == "cite"), None)
        if cite is not None:
            when = iso_date(_text(tail_node, skip=cite))
            who_text = _text(cite)
    author, handle = _split_who(who_text)
    embed = Embed(type=platform, url=url, author=author, handle=handle, text=text, lang=lang)
    embed.date = when or ""
    ref = parse_post_url(url) if not embed.date and url else None
    if ref is not None:
        embed.date = date_from_post_id(ref.platform, ref.post_id)
    return embed


def _bluesky(node: Element, desk: bool = False) -> Embed:
    embed = _quote_post(node, "bluesky", desk)
    uri = node.attrs.get("data-bluesky-uri", "").strip()
    match = _AT_URI.fullmatch(uri)
    if match:
        embed.uri = uri
        if not embed.url:
            ref = parse_post_url(f"https://bsky.app/profile/{match[1]}/post/{match[2]}")
            embed.url = ref.url if ref is not None else ""
    cid = node.attrs.get("data-bluesky-cid", "").strip()
    if cid and re.fullmatch(r"[a-z0-9]{8,128}", cid):
        embed.extra["cid"] = cid
    return embed


def _instagram(node: Element) -> Embed:
    url = ""
    handle = ""
    for candidate in [node.attrs.get("data-instgrm-permalink", "")] + [
        n.attrs.get("href", "") for n in node.walk() if n.tag == "a"
    ]:
        ref = parse_post_url(candidate)
        if ref is not None and ref.platform == "instagram":
            url, handle = ref.url, ref.handle
            break
    author = ""
    when = ""
    texts: list[str] = []
    for p in (n for n in node.walk() if n.tag == "p"):
        text = _text(p)
        shared = _SHARED_BY.search(text)
        if shared:
            rest = text[shared.end() :]
            close = list(_HANDLE_IN_PARENS.finditer(rest))
            cut = close[0].end() if close else len(rest)
            who, after = rest[:cut], rest[cut:]
            if who.endswith(" on"):
                who, after = who[:-3], "on" + after
            author, found = _split_who(who)
            handle = found or handle
            time = next((n for n in p.walk() if n.tag == "time"), None)
            stamp = time.attrs.get("datetime", "") if time is not None else ""
            when = iso_date(stamp) or iso_date(after) or ""
        elif text and text.lower() != "view this post on instagram":
            texts.append(text)
    return Embed(
        type="instagram",
        url=url,
        author=author,
        handle=handle,
        date=when,
        text="\n\n".join(texts),
    )


def _telegram(node: Element) -> Embed | None:
    post = node.attrs.get("data-telegram-post", "").strip()
    ref = parse_post_url(f"https://t.me/{post}")
    if ref is None or ref.platform != "telegram":
        return None
    return Embed(type="telegram", url=ref.url, handle=ref.handle)


def _youtube(node: Element) -> Embed | None:
    ref = parse_post_url(node.attrs.get("src", ""))
    if ref is None or ref.platform != "youtube":
        return None
    title = node.attrs.get("title", "").strip()
    if title.lower().startswith(_GENERIC_YOUTUBE_TITLES):
        title = ""
    return Embed(type="youtube", url=ref.url, title=title)


def _desk_type(node: Element) -> str | None:
    classes = node.classes()
    if "desk-post" not in classes:
        return None
    return next((c[5:] for c in classes if c.startswith("desk-") and c[5:] in POST_TYPES), None)


def _read(root: Element) -> Embed | None:
    for node in root.walk():
        attrs, classes = node.attrs, node.classes()
        if node.tag == "blockquote":
            if "twitter-tweet" in classes or "twitter-video" in classes:
                return _quote_post(node, "x")
            if "bluesky-embed" in classes or "data-bluesky-uri" in attrs:
                return _bluesky(node)
            if "instagram-media" in classes or "data-instgrm-permalink" in attrs:
                return _instagram(node)
            kind = _desk_type(node)
            if kind == "bluesky":
                return _bluesky(node, desk=True)
            if kind is not None:
                return _quote_post(node, kind, desk=True)
        elif node.tag == "script" and "data-telegram-post" in attrs:
            found = _telegram(node)
            if found is not None:
                return found
        elif node.tag == "iframe":
            found = _youtube(node)
            if found is not None:
                return found
    return None


def parse_embed_code(html: str) -> Embed | None:
    """The post a platform's embed code holds, or None if it is no embed code Desk knows.

    Raises only DeskError (for code too long to be embed code, or not readable at all)."""
    if not isinstance(html, str):
        raise DeskError("embed code is text")
    if len(html) > MAX_CODE:
        raise DeskError(f"that is too long to be embed code (over {MAX_CODE // 1024} KB)")
    if "<" not in html:
        return None
    return _read(_parse(html))


def embed_from_url(url: str) -> Embed | None:
    """A post Embed holding what a post's address holds (the rest is for the journalist)."""
    ref = parse_post_url(url)
    if ref is None:
        return None
    embed = Embed(type=ref.platform, url=ref.url, handle=ref.handle)
    if ref.platform == "bluesky" and ref.handle.startswith("did:"):
        embed.handle = ""
    embed.date = date_from_post_id(ref.platform, ref.post_id)
    return embed
