"""The timeline on the left: the list model every change goes through, its view and row drawing, the filter, and the entry commands (original entry, stamp now, delete)."""
