"""How a conflict copy is named on screen: 'conflict copy of UPDATE 2141 GMT'. Shared by
the timeline model (tooltip, badge) and the conflict view."""

from __future__ import annotations

from desk.core.model import Blog, Entry
from desk.core.storage.store import CONFLICT_KEY, is_conflict_copy


def original_of(blog: Blog, entry: Entry) -> Entry | None:
    """The entry a conflict copy is a copy of, when it is still in the blog."""
    original_id = entry.extra.get(CONFLICT_KEY)
    return blog.entries.get(original_id) if isinstance(original_id, str) else None


def conflict_caption(blog: Blog, entry: Entry) -> str:
    """'conflict copy of UPDATE 2141 GMT' for a conflict copy, else ''."""
    if not is_conflict_copy(entry):
        return ""
    original = original_of(blog, entry)
    if original is None:
        return f"conflict copy of {entry.extra[CONFLICT_KEY]} (no longer in the timeline)"
    return f"conflict copy of {blog.label(original).rstrip(':')}"


def trash_caption(blog: Blog, entry: Entry) -> str:
    """'Discarded conflict copy of UPDATE 2141 GMT · ' for a conflict copy in the trash, so
    that it is not taken for an entry of the blog; '' for any other entry."""
    if not is_conflict_copy(entry):
        return ""
    original = original_of(blog, entry)
    of = blog.label(original).rstrip(":") if original is not None else entry.extra[CONFLICT_KEY]
    return f"Discarded conflict copy of {of} · "
