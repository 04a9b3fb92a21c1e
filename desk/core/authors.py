"""The names that sign a blog's entries, for the Author field's completer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from desk.core.model import Blog


def author_names(blog: Blog, also: Iterable[str] = ()) -> list[str]:
    """Each name that signs an entry of `blog`, and those in `also`, once: the most used
    first, then in alphabetical order. Spacing differences are one name."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for name in [*(e.author for e in blog.entries.values()), *also]:
        words = " ".join(name.split())
        if not words:
            continue
        key = words.casefold()
        counts[key] += 1
        spelled.setdefault(key, words)
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    return [spelled[key] for key in ordered]
