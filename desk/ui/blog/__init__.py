"""The blog as a whole: new, open, preferences, trash, properties, the lock and read-only
mode, the Problems panel, entry history, and the autosave."""
