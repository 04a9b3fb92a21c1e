"""A post's date from its id, for the platforms whose ids carry the moment they were made.

- X status ids are snowflakes: milliseconds since 2010-11-04T01:42:54.657Z in the bits
  above the lowest 22 (worker and sequence numbers).
- Bluesky record keys are TIDs: 13 characters of base32-sortable
  (`234567abcdefghijklmnopqrstuvwxyz`) over a 64-bit integer whose top bit is 0, then 53
  bits of microseconds since the Unix epoch, then a 10-bit clock id.

Telegram's numbers count a channel's posts, YouTube's and Instagram's codes are opaque to
a date: they give none. The date is UTC, as the platforms' own sign-off lines write it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

SNOWFLAKE_EPOCH_MS = 1288834974657
# Below this a number is no snowflake: the ids X handed out before them were counters,
# and a snowflake this small would have been made in the first days of the scheme.
_SNOWFLAKE_MIN = 10**15
_SNOWFLAKE_MAX = 2**63 - 1
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_TID = re.compile(r"[234567a-j][234567a-z]{12}")
# Bluesky began in 2022; a TID from before then is a hand-made key, not a post's moment.
_TID_FROM = date(2022, 1, 1)


def snowflake_moment(post_id: str) -> datetime | None:
    """When an X post was made, from its status id; None if the id carries no moment."""
    if not post_id.isascii() or not post_id.isdigit():
        return None
    number = int(post_id)
    if not _SNOWFLAKE_MIN <= number <= _SNOWFLAKE_MAX:
        return None
    milliseconds = (number >> 22) + SNOWFLAKE_EPOCH_MS
    return datetime.fromtimestamp(milliseconds / 1000, UTC)


def tid_moment(rkey: str) -> datetime | None:
    """When a Bluesky post was made, from its record key; None if the key is not a TID."""
    if not _TID.fullmatch(rkey):
        return None
    number = 0
    for char in rkey:
        number = number * 32 + _TID_ALPHABET.index(char)
    microseconds = number >> 10
    try:
        moment = datetime.fromtimestamp(microseconds / 1_000_000, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment if moment.date() >= _TID_FROM else None


def date_from_post_id(platform: str, post_id: str, today: date | None = None) -> str:
    """The UTC date (YYYY-MM-DD) a post's id says it was made, or "" where it says none.
    With `today`, a date after it is no date: an id typed wrong, not a post from the future."""
    if platform == "x":
        moment = snowflake_moment(post_id)
    elif platform == "bluesky":
        moment = tid_moment(post_id)
    else:
        return ""
    if moment is None or (today is not None and moment.date() > today):
        return ""
    return moment.date().isoformat()
