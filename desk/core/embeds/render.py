"""Embeds as HTML (full, url, plain, preview) and as Markdown, and what is wrong with them.

Every field is escaped; only http(s) addresses become links or sources (anything else is
shown as text). Each platform's script is written once per export: the caller passes the
same `scripts_seen` set for a whole export. Telegram's script is the widget itself (it puts
the post where it stands), so it is written with every Telegram post.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlsplit, urlunsplit

from desk.core.embeds.model import POST_TYPES, Embed, long_date
from desk.core.embeds.scripts import SCRIPTS, TELEGRAM_SCRIPT
from desk.core.embeds.urls import PLATFORM_NAMES, PostRef, is_web_url, parse_post_url
from desk.core.errors import DeskError

STYLES = ("full", "url", "plain", "preview")

YOUTUBE_ALLOW = (
    "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; "
    "picture-in-picture; web-share"
)

_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}")
_AT_URI = re.compile(
    r"at://(did:plc:[a-z0-9]{8,64}|did:web:[a-z0-9.:%-]{1,253}|[a-z0-9.-]{1,253})"
    r"/app\.bsky\.feed\.post/([A-Za-z0-9._~:-]{1,512})"
)
_BSKY_CID = re.compile(r"[a-z0-9]{8,128}")
_MEDIA_NAME = re.compile(r"media/[^/\\\x00-\x1f\x7f]{1,255}")
_URL_SAFE = "/%:@!$&'()*+,;=-._~?#"


# ---------------------------------------------------------------- checks


def _ref(embed: Embed) -> PostRef | None:
    """The post the embed's URL names, when it is a post of the embed's own platform."""
    if embed.type not in POST_TYPES or not embed.url:
        return None
    ref = parse_post_url(embed.url)
    return ref if ref is not None and ref.platform == embed.type else None


def media_name(src: str) -> str | None:
    """`media/<name>` for a local image, or None."""
    return src if _MEDIA_NAME.fullmatch(src) and ".." not in src.split("/") else None


def bluesky_uri(embed: Embed) -> str:
    """The post's at:// URI: the one kept, or one made from a did in its URL; '' if none."""
    if embed.uri:
        return embed.uri if _AT_URI.fullmatch(embed.uri) else ""
    ref = _ref(embed)
    if ref is not None and ref.handle.startswith("did:"):
        return f"at://{ref.handle}/app.bsky.feed.post/{ref.post_id}"
    return ""


def embed_warnings(embed: Embed) -> list[str]:
    """What an editor should mark and an export should report (never a reason to drop it)."""
    name = PLATFORM_NAMES.get(embed.type, embed.type)
    warnings: list[str] = []
    if embed.type in POST_TYPES:
        if not embed.url:
            warnings.append(f"{name} post has no URL: it is shown as a plain quote")
        elif not is_web_url(embed.url):
            warnings.append(f"{name} post URL {embed.url!r} is not a web address")
        elif _ref(embed) is None:
            warnings.append(
                f"{embed.url} is not the address of a {name} post: "
                "it is shown as a plain quote, without the platform's embed"
            )
        if embed.type == "bluesky" and embed.uri and not _AT_URI.fullmatch(embed.uri):
            warnings.append(f"Bluesky URI {embed.uri!r} is not an at:// post URI")
        elif embed.type == "bluesky" and _ref(embed) is not None and not bluesky_uri(embed):
            warnings.append(
                "Bluesky post has no at:// URI (paste its embed code to get it): "
                "the export shows it as a quote with a link"
            )
    elif embed.type == "image":
        if not embed.src:
            warnings.append("image has no file or URL")
        elif media_name(embed.src):
            warnings.append(f"image {embed.src} must be uploaded to the CMS with the export")
        elif not is_web_url(embed.src):
            warnings.append(f"image source {embed.src!r} is neither a web address nor media/")
        if not embed.alt.strip():
            warnings.append("image has no alt text")
        if not embed.credit.strip():
            warnings.append("image has no credit")
    elif embed.type == "link":
        if not embed.url:
            warnings.append("link has no URL")
        elif not is_web_url(embed.url):
            warnings.append(f"link URL {embed.url!r} is not a web address")
        if not embed.title.strip():
            warnings.append("link has no title")
    return warnings


# ---------------------------------------------------------------- HTML pieces


def clean_url(url: str) -> str:
    """An http(s) URL with characters HTML validators reject percent-encoded."""
    parts = urlsplit(url)
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc,
            quote(parts.path, safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE),
            quote(parts.fragment, safe=_URL_SAFE),
        )
    )


def _e(text: str) -> str:
    """Text for element content."""
    return escape(text, quote=False)


def _a(text: str) -> str:
    """Text for a double-quoted attribute value."""
    return escape(text, quote=True)


def _lines(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _paragraphs(text: str, lang: str = "") -> str:
    """Text as <p> elements: a blank line between paragraphs, <br> for a line break."""
    attr = f' lang="{_a(lang)}"' if lang and _LANG.fullmatch(lang) else ""
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text.strip())]
    return "".join(f"<p{attr}>{_lines(b)}</p>" for b in blocks if b.strip())


def _handle(embed: Embed) -> str:
    return embed.handle.strip().lstrip("@")


def _who(embed: Embed) -> str:
    """'Name (@handle)', 'Name' or '@handle' as plain text (escape it before use)."""
    author, handle = embed.author.strip(), _handle(embed)
    if author and handle:
        return f"{author} (@{handle})"
    return author or (f"@{handle}" if handle else "")


def _link(url: str, text: str) -> str:
    """An <a> for an http(s) URL; anything else shown as text, never as a link."""
    if is_web_url(url):
        return f'<a href="{_a(clean_url(url))}">{_e(text)}</a>'
    return _e(text if text == url else f"{text} ({url})")


def _link_text(embed: Embed) -> str:
    """The sign-off's link: the post's date, else 'View on X' (the URL itself if it is not
    an address of the platform, so that the reader sees where it goes)."""
    if embed.date.strip():
        return long_date(embed.date)
    if embed.url and _ref(embed) is None:
        return embed.url
    return f"View on {PLATFORM_NAMES.get(embed.type, embed.type)}"


def _signoff(embed: Embed, url: str, who_html: str | None = None) -> str:
    """'&mdash; Name (@handle) <a href=post>March 14, 2025</a>' (the link only with a URL)."""
    who = who_html if who_html is not None else _e(_who(embed))
    if url:
        tail = _link(url, _link_text(embed))
    else:
        tail = _e(long_date(embed.date)) if embed.date.strip() else ""
    if not who and not tail:
        return ""
    return "&mdash; " + " ".join(p for p in (who, tail) if p)


def citation_html(embed: Embed) -> str:
    """Who posted it and a link to the post, as a quote's citation: 'Name (@handle)
    <a href=post>March 14, 2025</a>' (the link only with an http(s) URL)."""
    ref = _ref(embed)
    url = ref.url if ref is not None else embed.url
    return _signoff(embed, url).removeprefix("&mdash; ")


def link_card_content(embed: Embed) -> str:
    """A link card's label and link, the inside of its paragraph."""
    title = embed.title.strip() or embed.url
    label = f"{_e(embed.label)}: " if embed.label else ""
    return f"{label}{_link(embed.url, title)}"


def _post_text(embed: Embed) -> str:
    return embed.text if embed.text.strip() else embed.title


# ---------------------------------------------------------------- HTML styles


def _plain_html(embed: Embed) -> str:
    """Block quote, attribution (in <cite>) and link; no script."""
    who = _who(embed)
    ref = _ref(embed)
    url = ref.url if ref is not None else embed.url
    signoff = _signoff(embed, url, f"<cite>{_e(who)}</cite>" if who else "")
    kind = _a(embed.type)
    body = _paragraphs(_post_text(embed), embed.lang)
    foot = f"<p>{signoff}</p>" if signoff else ""
    return f'<blockquote class="desk-post desk-{kind}">{body}{foot}</blockquote>'


def _x_html(embed: Embed, ref: PostRef) -> str:
    body = _paragraphs(embed.text, embed.lang)
    return f'<blockquote class="twitter-tweet">{body}{_signoff(embed, ref.url)}</blockquote>'


def _telegram_html(embed: Embed, ref: PostRef) -> str:
    post = _a(f"{ref.handle}/{ref.post_id}")
    return (
        _plain_html(embed) + f'\n<script async src="{TELEGRAM_SCRIPT}" data-telegram-post="{post}"'
        ' data-width="100%"></script>'
    )


def _bluesky_html(embed: Embed, ref: PostRef) -> str:
    uri = bluesky_uri(embed)
    attrs = f' data-bluesky-uri="{_a(uri)}"' if uri else ""
    cid = embed.extra.get("cid")
    if uri and isinstance(cid, str) and _BSKY_CID.fullmatch(cid):
        attrs += f' data-bluesky-cid="{_a(cid)}"'
    author, handle = embed.author.strip(), _handle(embed)
    if handle:
        profile = _link(f"https://bsky.app/profile/{quote(handle, safe=':.')}", f"@{handle}")
        who = f"{_e(author)} ({profile})" if author else profile
    else:
        who = _e(author)
    body = _paragraphs(embed.text, embed.lang) + _signoff(embed, ref.url, who)
    return f'<blockquote class="bluesky-embed"{attrs}>{body}</blockquote>'


def _youtube_title(embed: Embed) -> str:
    if embed.title.strip():
        return embed.title.strip()
    first = embed.text.strip().split("\n", 1)[0].strip()
    if first:
        return first if len(first) <= 100 else first[:99] + "…"
    who = _who(embed)
    return f"YouTube video from {who}" if who else "YouTube video"


def _youtube_html(embed: Embed, ref: PostRef) -> str:
    src = f"https://www.youtube-nocookie.com/embed/{ref.post_id}"
    if ref.start:
        src += f"?start={ref.start}"
    iframe = (
        f'<iframe width="560" height="315" src="{src}" title="{_a(_youtube_title(embed))}"'
        f' allow="{YOUTUBE_ALLOW}" referrerpolicy="strict-origin-when-cross-origin"'
        " allowfullscreen></iframe>"
    )
    return iframe + "\n" + _youtube_link(embed, ref.url)


def _youtube_link(embed: Embed, url: str) -> str:
    parts = [_link(url, embed.title.strip() or "Watch on YouTube")]
    who = _who(embed)
    when = long_date(embed.date) if embed.date.strip() else ""
    if who or when:
        parts.append("&mdash; " + _e(", ".join(p for p in (who, when) if p)))
    return f"{_paragraphs(embed.text, embed.lang)}<p>{' '.join(parts)}</p>"


def _instagram_html(embed: Embed, ref: PostRef) -> str:
    who = _who(embed)
    shared = f"A post shared by {who}" if who else "View this post on Instagram"
    captioned = " data-instgrm-captioned" if embed.text.strip() else ""
    date = f" {_e(long_date(embed.date))}" if embed.date.strip() else ""
    return (
        f'<blockquote class="instagram-media"{captioned}'
        f' data-instgrm-permalink="{_a(ref.url)}" data-instgrm-version="14">'
        f"{_paragraphs(embed.text, embed.lang)}<p>{_link(ref.url, shared)}{date}</p>"
        "</blockquote>"
    )


_FULL = {
    "x": _x_html,
    "telegram": _telegram_html,
    "bluesky": _bluesky_html,
    "youtube": _youtube_html,
    "instagram": _instagram_html,
}


def _image_html(embed: Embed) -> str:
    src = embed.src.strip()
    if is_web_url(src):
        img = f'<img src="{_a(clean_url(src))}" alt="{_a(embed.alt)}">'
    elif media_name(src):
        img = f'<img src="{_a(quote(src, safe="/"))}" alt="{_a(embed.alt)}">'
    else:
        img = f"<p>[image: {_e(src)}]</p>" if src else ""
    caption = _image_caption_html(embed)
    return f'<figure class="desk-image">{img}{caption}</figure>'


def _image_caption_html(embed: Embed) -> str:
    parts = []
    if embed.caption.strip():
        parts.append(_lines(embed.caption.strip()))
    if embed.credit.strip():
        parts.append(f'<span class="desk-credit">{_e(embed.credit.strip())}</span>')
    return f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""


def _link_card_html(embed: Embed) -> str:
    return f'<p class="desk-link">{link_card_content(embed)}</p>'


def _quote_html(embed: Embed) -> str:
    """A post without a URL: a plain quote, 'Name (@handle) March 14, 2025' in the sign-off."""
    return _plain_html(embed)


def render_embed_html(
    embed: Embed, style: str = "full", scripts_seen: set[str] | None = None
) -> str:
    """The embed's HTML in one export style. Add to `scripts_seen` the scripts written."""
    if style not in STYLES:
        raise DeskError(f"embed style {style!r} is not one of {', '.join(STYLES)}")
    seen = scripts_seen if scripts_seen is not None else set()
    if style == "preview":
        return render_embed_preview(embed)
    if embed.type == "image":
        return _image_html(embed)
    if embed.type == "link":
        return _link_card_html(embed)
    if not embed.url:
        return _quote_html(embed)
    ref = _ref(embed)
    if ref is None or style == "plain":
        return _plain_html(embed)
    if style == "url":
        return f"<p>{_e(ref.url)}</p>"
    html = _FULL[embed.type](embed, ref)
    script = SCRIPTS.get(embed.type)
    if script and embed.type not in seen:
        seen.add(embed.type)
        html += "\n" + script
    return html


# ---------------------------------------------------------------- preview (QTextBrowser)

_CARD = (
    '<table width="100%" border="1" cellspacing="0" cellpadding="8" bgcolor="#f4f6f8">'
    "<tr><td>{}</td></tr></table>"
)
_MUTED = '<font color="#57606a">{}</font>'
_WARN = '<p><font color="#b3261e">&#9888; {}</font></p>'


def render_embed_preview(embed: Embed) -> str:
    """A card for Qt's rich text (HTML 4 subset): no scripts, no remote images."""
    name = PLATFORM_NAMES.get(embed.type, embed.type)
    rows: list[str] = []
    if embed.type == "image":
        rows.append(f"<p><b>{_e(name)}</b> {_MUTED.format(_e(embed.src or 'no file'))}</p>")
        local = media_name(embed.src)
        if local is not None:  # from the blog's media/ folder; never from the network
            src = _a(quote(local, safe="/"))
            rows.append(f'<p><img src="{src}" width="360" alt="{_a(embed.alt.strip())}"></p>')
        if embed.caption.strip():
            rows.append(f"<p>{_lines(embed.caption.strip())}</p>")
        if embed.credit.strip():
            rows.append(f"<p><small>{_e(embed.credit.strip())}</small></p>")
        if embed.alt.strip():
            rows.append(f"<p>{_MUTED.format('Alt: ' + _e(embed.alt.strip()))}</p>")
    elif embed.type == "link":
        rows.append(_link_card_html(embed))
    else:
        head = f"<b>{_e(name)}</b>"
        if embed.author.strip():
            head += f" &middot; {_e(embed.author.strip())}"
        if _handle(embed):
            head += " " + _MUTED.format(_e("@" + _handle(embed)))
        rows.append(f"<p>{head}</p>")
        text = _post_text(embed)
        if text.strip():
            rows.append(_paragraphs(text))
        foot = [_e(long_date(embed.date))] if embed.date.strip() else []
        if embed.url:
            foot.append(_link(embed.url, embed.url))
        if foot:
            rows.append(f"<p><small>{' &middot; '.join(foot)}</small></p>")
    rows.extend(_WARN.format(_e(w)) for w in embed_warnings(embed))
    return _CARD.format("".join(rows))
