"""Sharing a blog through git: the blog folder is the repository, the remote any git URL.

`git` runs the git command safely (no prompts, no hooks, no repository-named programs),
`rules` says which files a shared blog may hold, `merge` merges three versions of a blog
entry by entry, `apply` writes a merge through the blog's store, `engine` does share, join
and sync, and `folders` turns shared-folder conflict files into Desk's conflict copies."""
