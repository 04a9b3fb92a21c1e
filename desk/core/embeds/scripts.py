"""Each platform's script, as its embed code loads it: written with the platform's first
post in an export (Telegram's script is the widget itself, so it comes with every post).

A leaf of its own: an export whose bodies were all rendered before needs these tags to keep
one of each, and nothing else of the embeds."""

from __future__ import annotations

SCRIPTS = {
    "x": '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
    "bluesky": '<script async src="https://embed.bsky.app/static/embed.js" charset="utf-8">'
    "</script>",
    "instagram": '<script async src="https://www.instagram.com/embed.js"></script>',
}
TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-widget.js?22"
