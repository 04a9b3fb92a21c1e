"""Post addresses: which platform, which account, which post, and the canonical URL.

A pasted address carries tracking parameters (`?s=`, `?si=`, `utm_*`, `ref_src`, `igsh`…),
a mobile or `www.` host, `http:` or a trailing slash. `parse_post_url` keeps only what names
the post (and a YouTube start time) and writes the one address each platform prefers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

PLATFORMS = ("x", "telegram", "bluesky", "youtube", "instagram")
PLATFORM_NAMES = {
    "x": "X",
    "telegram": "Telegram",
    "bluesky": "Bluesky",
    "youtube": "YouTube",
    "instagram": "Instagram",
    "image": "Image",
    "link": "Link",
}

MAX_URL = 4096

_X_HOSTS = {"x.com", "twitter.com"}
_TELEGRAM_HOSTS = {"t.me", "telegram.me", "telegram.dog"}
_BLUESKY_HOSTS = {"bsky.app"}
_YOUTUBE_HOSTS = {"youtube.com", "music.youtube.com", "youtube-nocookie.com"}
_YOUTU_BE = {"youtu.be"}
_INSTAGRAM_HOSTS = {"instagram.com", "instagr.am"}

_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_X_ID = re.compile(r"[0-9]{1,20}")
_X_RESERVED = {"i", "home", "search", "explore", "settings", "notifications", "messages"}
_TELEGRAM_CHANNEL = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,31}")
_TELEGRAM_RESERVED = {"s", "c", "joinchat", "addstickers", "share", "proxy", "socks", "iv"}
_POST_ID = re.compile(r"[0-9]{1,12}")
_BSKY_HANDLE = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]"
    r"|did:plc:[a-z0-9]{8,64}|did:web:[a-z0-9.:%-]{1,253}"
)
_BSKY_RKEY = re.compile(r"[A-Za-z0-9._~:-]{1,512}")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_TIME = re.compile(r"(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?")
_INSTAGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{5,64}")
_INSTAGRAM_USER = re.compile(r"[A-Za-z0-9_.]{1,30}")
_INSTAGRAM_KINDS = {"p": "p", "reel": "reel", "reels": "reel", "tv": "tv"}
_SCHEMELESS = re.compile(
    r"(?:www\.|m\.|mobile\.)?(?:x\.com|twitter\.com|t\.me|telegram\.me|bsky\.app|youtube\.com"
    r"|youtu\.be|instagram\.com)/",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PostRef:
    """What a post's address says: platform, account (handle or channel), post id, URL."""

    platform: str
    handle: str
    post_id: str
    url: str
    start: int | None = None  # a YouTube start time, in seconds


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) address with a host (the only links Desk writes)."""
    if not url or len(url) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and "\\" not in url


def _host(netloc_host: str) -> str:
    host = netloc_host.lower().rstrip(".")
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def youtube_seconds(value: str) -> int | None:
    """A YouTube start time (`90`, `90s`, `1m30s`, `1h2m3s`) in seconds, or None."""
    value = value.strip().lower()
    match = _YOUTUBE_TIME.fullmatch(value)
    if not value or match is None:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return total if total > 0 else None


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def parse_post_url(url: str) -> PostRef | None:
    """The post an address names, with its canonical URL; None if it is not a post's address."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > MAX_URL:
        return None
    if "://" not in url and _SCHEMELESS.match(url):
        url = "https://" + url
    if not is_web_url(url):
        return None
    try:
        parts = urlsplit(url)
        hostname = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    if port not in (None, 80, 443):
        return None
    host = _host(hostname)
    path = _segments(parts.path)
    query = parse_qs(parts.query, keep_blank_values=True)
    if host in _X_HOSTS:
        return _x(path)
    if host in _TELEGRAM_HOSTS:
        return _telegram(path)
    if host in _BLUESKY_HOSTS:
        return _bluesky(path)
    if host in _YOUTUBE_HOSTS or host in _YOUTU_BE:
        return _youtube(host, path, query, parts.fragment)
    if host in _INSTAGRAM_HOSTS:
        return _instagram(path)
    return None


def _x(path: list[str]) -> PostRef | None:
    # /<handle>/status/<id>[/photo/1], /i/web/status/<id>, /i/status/<id>
    if len(path) >= 3 and path[0] == "i" and path[1] in ("web", "status"):
        rest = path[2:] if path[1] == "web" else path[1:]
        if len(rest) >= 2 and rest[0] == "status" and _X_ID.fullmatch(rest[1]):
            return PostRef("x", "", rest[1], f"https://x.com/i/status/{rest[1]}")
        return None
    if len(path) < 3 or path[1] not in ("status", "statuses"):
        return None
    handle, post_id = path[0], path[2]
    if not _X_HANDLE.fullmatch(handle) or handle.lower() in _X_RESERVED:
        return None
    if not _X_ID.fullmatch(post_id):
        return None
    return PostRef("x", handle, post_id, f"https://x.com/{handle}/status/{post_id}")


def _telegram(path: list[str]) -> PostRef | None:
    # /<channel>/<id>, /s/<channel>/<id> (the web preview)
    if path and path[0] == "s":
        path = path[1:]
    if len(path) < 2:
        return None
    channel, post_id = path[0], path[1]
    if channel.lower() in _TELEGRAM_RESERVED or not _TELEGRAM_CHANNEL.fullmatch(channel):
        return None
    if not _POST_ID.fullmatch(post_id) or int(post_id) == 0:
        return None
    return PostRef("telegram", channel, post_id, f"https://t.me/{channel}/{post_id}")


def _bluesky(path: list[str]) -> PostRef | None:
    # /profile/<handle or did>/post/<rkey>
    if len(path) < 4 or path[0] != "profile" or path[2] != "post":
        return None
    handle = path[1].lower() if not path[1].startswith("did:") else path[1]
    rkey = path[3]
    if not _BSKY_HANDLE.fullmatch(handle) or not _BSKY_RKEY.fullmatch(rkey):
        return None
    return PostRef("bluesky", handle, rkey, f"https://bsky.app/profile/{handle}/post/{rkey}")


def _youtube(
    host: str, path: list[str], query: dict[str, list[str]], fragment: str
) -> PostRef | None:
    video: str | None = None
    if host in _YOUTU_BE:
        video = path[0] if path else None
    elif path == ["watch"]:
        video = query["v"][0] if query.get("v") else None
    elif len(path) >= 2 and path[0] in ("shorts", "live", "embed", "v", "e"):
        video = path[1]
    if video is None or not _YOUTUBE_ID.fullmatch(video):
        return None
    start = None
    for key in ("t", "start"):
        if key in query and start is None:
            start = youtube_seconds(query[key][0])
    if start is None and fragment.startswith("t="):
        start = youtube_seconds(fragment[2:])
    url = f"https://www.youtube.com/watch?v={video}"
    if start is not None:
        url += f"&t={start}"
    return PostRef("youtube", "", video, url, start)


def _instagram(path: list[str]) -> PostRef | None:
    # /p/<code>/, /reel/<code>/, /reels/<code>/, /tv/<code>/, /<user>/p/<code>/
    handle = ""
    if len(path) >= 3 and path[0] not in _INSTAGRAM_KINDS and path[1] in _INSTAGRAM_KINDS:
        if not _INSTAGRAM_USER.fullmatch(path[0]):
            return None
        handle, path = path[0], path[1:]
    if len(path) < 2 or path[0] not in _INSTAGRAM_KINDS:
        return None
    kind, code = _INSTAGRAM_KINDS[path[0]], path[1]
    if not _INSTAGRAM_CODE.fullmatch(code):
        return None
    return PostRef("instagram", handle, code, f"https://www.instagram.com/{kind}/{code}/")
