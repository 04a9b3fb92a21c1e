"""Desk's core: the blog model, the folder store, rendering and export. Never imports Qt."""
