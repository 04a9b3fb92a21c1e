"""The blog folder on disk: the store, blog.yaml and entry files (front matter), atomic
writes, the lock, links never followed, portable file names, and the store policies of
the window (read-only, a folder gone)."""
