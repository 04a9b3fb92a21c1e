"""The blog going out.

`options` (light to import: no Markdown, no sanitiser) names what an export holds;
`assemble` is the front door (the entries, the checks, the one walk, saving); the writers
are `html`, `markdown`, `wordpress` (WordPress's block markup, written by `blockmarkup`)
and `plaintext`, sharing the words in `text`; `render` turns bodies into HTML through the
render `cache`; `jsonld` is the structured data; `workers` are the processes a long export
forks to read and render what the caches do not hold."""
