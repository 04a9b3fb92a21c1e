"""The timeline on the left: the list model every change goes through, its view and row
drawing, and the entry commands (original entry, stamp now, delete)."""
