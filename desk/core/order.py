"""Which updates stand out of order in the timeline: the fewest that, taken away, leave
the rest newest first (the longest run that keeps its order stays unmarked)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime


def out_of_order(stamps: Sequence[tuple[str, datetime]]) -> set[str]:
    """The ids, among updates in timeline order (top first), placed against their stamps:
    those outside a longest newest-first run. Equal stamps are in order."""
    # A longest non-increasing run top to bottom is a longest non-decreasing run read
    # bottom up: patience sorting, O(n log n) for 10,000 entries.
    reverse = list(reversed(stamps))
    tails: list[datetime] = []
    tail_index: list[int] = []
    previous = [-1] * len(reverse)
    for i, (_id, stamp) in enumerate(reverse):
        place = bisect_right(tails, stamp)
        if place == len(tails):
            tails.append(stamp)
            tail_index.append(i)
        else:
            tails[place] = stamp
            tail_index[place] = i
        previous[i] = tail_index[place - 1] if place > 0 else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return {entry_id for i, (entry_id, _s) in enumerate(reverse) if i not in keep}
