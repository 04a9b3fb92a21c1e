"""The entry editor on the right: label, status, author, headline, the Markdown body and
its preview, find and replace (in the entry and in all entries), and the notes under the
body."""
