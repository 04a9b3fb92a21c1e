"""A live blog started elsewhere coming in.

`options` (light to import: no reader) names what an import takes; `importing` is the
front door (a file or a text into a Blog, a preview, a new blog folder); the readers are
`markdown` and `html`, with the plain-text rules and the escaping they share in `common`,
and `guess` finds a date and a title the source does not give."""
