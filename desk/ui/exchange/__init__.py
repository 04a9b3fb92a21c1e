"""Entries coming and going: import, Send entry, Merge entries, files dropped on the
timeline, the folder watcher, conflict copies, and sync through git."""
