"""Getting the blog out: copies for the CMS, the export dialog and its preview, and the
marks of what went out."""
