"""Copy for the CMS: the blog, one entry, or the entries not yet out, on the clipboard as
HTML (for a CMS's formatted editor) and plain text that reads like the page (for a plain
field) in one QMimeData. Every copy in the window follows that one rule.
What goes out is recorded on the entries (`published`, `published_hash`) and saved, as one
undo step that says, when undone, that the CMS keeps what was pasted. Key events and
pinning are undo steps too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QApplication

from desk.core.export.assemble import ExportResult, export_blog, renderer_for, structured_data
from desk.core.export.cache import RenderCache
from desk.core.export.options import ExportOptions
from desk.core.export.plaintext import export_plain_text
from desk.core.model import Blog, Entry
from desk.ui.commands.entries import key_command, pin_command
from desk.ui.commands.published import entries_text, mark_copied

if TYPE_CHECKING:
    from desk.ui.door import Desk, Handlers

STATUS_MS = 8000


def clipboard_data(html: str, text: str) -> QMimeData:
    """One clipboard item: `text/html` for editors that take formatting, `text/plain`
    for the rest."""
    data = QMimeData()
    data.setHtml(html)
    data.setText(text)
    return data


def put_on_clipboard(html: str, text: str) -> None:
    QApplication.clipboard().setMimeData(clipboard_data(html, text))


def part_of(blog: Blog, ids: Iterable[str]) -> Blog:
    """The blog narrowed to some entries, without its header, ending line or key events:
    what is pasted as new updates into a page that already has the rest."""
    wanted = set(ids)
    return replace(blog, header="", ended=None, order=[i for i in blog.order if i in wanted])


def export_pair(
    blog: Blog, options: ExportOptions, cache: RenderCache | None = None
) -> tuple[ExportResult, str]:
    """What a copy of `blog` with `options` puts on the clipboard: the export's HTML (the
    fragment when the format is Markdown) and the plain text of the same entries."""
    if options.format == "md":
        options = replace(options, format="html")
    html = export_blog(blog, options, renderer_for(cache))
    return html, export_plain_text(blog, options, renderer_for(cache))


def summary(copied: str, warnings: list[str], notes: Iterable[str] = ()) -> str:
    """The status bar's account of a copy: what went out, what was left out, and how many
    other checks the export dialog lists."""
    left_out = [w for w in warnings if w.endswith("left out")]
    parts = [copied, *left_out, *notes]
    others = len(warnings) - len(left_out)
    if others:
        parts.append(f"{others} warning{'s' if others != 1 else ''}: Export… (Ctrl+E) lists them")
    return "; ".join(parts)


def new_entries(blog: Blog) -> list[Entry]:
    """The ready entries never copied for the CMS, in timeline order."""
    return [e for e in blog.timeline() if e.is_ready and e.published is None]


class Copier(QObject):
    """The copies for the CMS, key events and pinning. It keeps one render cache (the
    export dialog's too), so that copying a long blog again renders only what changed."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.window)
        self.desk = desk
        self._cache: RenderCache | None = None

    def handlers(self) -> Handlers:
        return {
            "copy_cms": self.copy_blog,
            "copy_entry": self.copy_entry,
            "copy_new": self.copy_new,
            "copy_jsonld": self.copy_structured_data,
            "key_event": self.toggle_key,
            "pin": self.toggle_pin,
        }

    @property
    def cache(self) -> RenderCache:
        """Opened at the first copy or export, not while the window starts."""
        if self._cache is None:
            self._cache = RenderCache()
        return self._cache

    def _copy(self, blog: Blog, options: ExportOptions) -> tuple[ExportResult, str] | None:
        """Put `blog` on the clipboard, mark what went out; the HTML export, and what the
        status bar says of the marks."""
        model = self.desk.model
        if model is None:
            return None
        html, text = export_pair(blog, options, self.cache)
        put_on_clipboard(html.text, text)
        desk = self.desk
        marked = mark_copied(desk.undo_stack, model, html.entries, desk.clock.now(), self._say)
        desk.saving.flush()
        return html, marked

    def _say(self, text: str) -> None:
        self.desk.say(text, STATUS_MS)

    def copy_blog(self) -> None:
        """The whole blog, with the blog's saved export choices."""
        model = self.desk.model
        if model is None:
            return
        options = ExportOptions.for_blog(model.blog)
        copy = self._copy(model.blog, options)
        if copy is not None:
            result, marked = copy
            kind = "" if options.include_drafts else "ready"
            copied = f"Copied {entries_text(len(result.entries), kind)}; {marked}"
            self._say(summary(copied, result.warnings))

    def copy_entry(self) -> None:
        """The selected entry alone, whatever its status."""
        model, entry = self.desk.model, self.desk.selected_entry()
        if model is None or entry is None:
            return
        options = ExportOptions.for_blog(model.blog, include_drafts=True, key_events=False)
        copy = self._copy(part_of(model.blog, [entry.id]), options)
        if copy is not None:
            result, marked = copy
            draft = " (a draft)" if not entry.is_ready else ""
            copied = f"Copied {model.blog.label(entry).rstrip(':')}{draft}; {marked}"
            self._say(summary(copied, result.warnings))

    def copy_new(self) -> None:
        """The ready entries not copied before. Entries changed since they were copied are
        left out: they are already on the page, and pasting them again would repeat them."""
        model = self.desk.model
        if model is None:
            return
        fresh = new_entries(model.blog)
        changed = sum(1 for e in model.blog.entries.values() if e.changed_since_published)
        notes = []
        if changed:
            notes.append(f"{entries_text(changed)} changed since copied (Copy entry, Ctrl+Alt+C)")
        if not fresh:
            self._say("; ".join(["Nothing new to copy", *notes]))
            return
        options = ExportOptions.for_blog(model.blog, key_events=False, include_drafts=False)
        copy = self._copy(part_of(model.blog, [e.id for e in fresh]), options)
        if copy is not None:
            result, marked = copy
            copied = f"Copied {entries_text(len(result.entries), 'new')}; {marked}"
            self._say(summary(copied, result.warnings, notes))

    def copy_structured_data(self) -> None:
        """The structured data of the blog's export, alone, as text: WordPress strips it
        from an author's paste, so it goes where the CMS keeps scripts. Marks nothing."""
        model = self.desk.model
        if model is None:
            return
        options = ExportOptions.for_blog(model.blog)
        text = structured_data(model.blog, options, renderer_for(self.cache))
        QApplication.clipboard().setText(text)
        self._say("Copied the structured data (JSON-LD): paste it where the CMS keeps scripts")

    def toggle_key(self) -> None:
        model, entry = self.desk.model, self.desk.selected_entry()
        if model is not None and entry is not None:
            self.desk.undo_stack.push(key_command(model, entry.id))

    def toggle_pin(self) -> None:
        model, entry = self.desk.model, self.desk.selected_entry()
        if model is None or entry is None:
            return
        command = pin_command(model, entry.id)
        if command is None:
            self._say("The original entry cannot be pinned: pin an update")
            return
        self.desk.undo_stack.push(command)
