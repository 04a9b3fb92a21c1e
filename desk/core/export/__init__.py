"""The blog going out: the options (light to import), the walk with its HTML, page and
Markdown writers, rendering, JSON-LD, the render cache, plain text, and WordPress's
block markup."""
