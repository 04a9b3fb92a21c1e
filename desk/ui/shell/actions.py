"""Every command of the window in one place: its name, menu, shortcuts, the rule for when
it is enabled, whether it writes to the blog (a read-only blog switches those off), and
the feature that handles it (imported when the command is first used). The menus, the
shortcut list and the read-only rule all read this one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from desk.ui.widgets.keys import native, plain


@dataclass(frozen=True)
class State:
    """What the enabled-state rules look at."""

    has_blog: bool = False
    entry: bool = False  # an entry is selected (not the blog header)
    original: bool = False  # the selected entry is the original entry
    has_original: bool = False  # the blog has its original entry
    can_move_up: bool = False
    can_move_down: bool = False
    can_sort: bool = False


Rule = Callable[[State], bool]


def _always(_state: State) -> bool:
    return True


def _blog(state: State) -> bool:
    return state.has_blog


def _entry(state: State) -> bool:
    return state.entry


def _update(state: State) -> bool:
    return state.entry and not state.original


# The features, by module and class: a feature's module is imported when first used.
BLOG = "desk.ui.blog.actions:BlogActions"
IMPORT = "desk.ui.exchange.import_dialog:ImportBlog"
EXCHANGE = "desk.ui.exchange.entry_files:Exchange"
SYNC = "desk.ui.exchange.sync:SyncUi"
PROPERTIES = "desk.ui.blog.properties:Properties"
LOCK = "desk.ui.blog.lock:BlogSafety"
HISTORY = "desk.ui.blog.history:History"
KINDS = "desk.ui.timeline.entry_kind:EntryKinds"
COPY = "desk.ui.export.cms_copy:Copier"
EXPORT = "desk.ui.export.dialog:Exporting"
INSERT = "desk.ui.insert.actions:Inserter"
PROBLEMS = "desk.ui.blog.problems:ProblemsPanel"
FIND_ALL = "desk.ui.editor.find_all:BlogFind"
SPELLING = "desk.ui.editor.spelling:Spelling"
EMBED_SOURCE = "desk.ui.editor.embed_source:EmbedSource"
SHELL = ""  # the main window's own

# Made as the window opens, in this order: they show something or listen from the start.
STANDING = (LOCK, PROBLEMS, EXCHANGE, SYNC, FIND_ALL, INSERT, SPELLING, EMBED_SOURCE)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    shortcuts: tuple[str, ...] = ()
    enabled: Rule = _always
    tip: str = ""
    checkable: bool = False
    separator_before: bool = False
    feature: str = SHELL
    writes: bool = True  # False: it only looks, leaves or copies, so a read-only blog keeps it


MENUS = (("file", "&File"), ("edit", "&Edit"), ("entry", "E&ntry"), ("insert", "&Insert"),
         ("view", "&View"), ("export", "E&xport"), ("help", "&Help"))  # fmt: skip

SPECS = (
    ActionSpec("new_blog", "file", "&New blog…", ("Ctrl+Shift+N",), feature=BLOG, writes=False),
    ActionSpec("open_blog", "file", "&Open blog…", ("Ctrl+O",), feature=BLOG, writes=False),
    # The entry exchange (desk.ui.exchange.entry_files).
    ActionSpec("import_blog", "file", "&Import…", (),
               tip="A new blog from a live blog copied out of a CMS page: a file or the clipboard",
               feature=IMPORT, writes=False),
    ActionSpec("send_entry", "file", "&Send entry…", (), _entry,
               "Write the selected entry as one file, for the desk to merge",
               separator_before=True, feature=EXCHANGE),
    ActionSpec("merge_entries", "file", "&Merge entries…", (), _blog,
               "Bring in entry files sent by reporters (or drop them onto the timeline)",
               feature=EXCHANGE),
    # Sharing through git (desk.ui.exchange.sync).
    ActionSpec("share_blog", "file", "S&hare blog…", (), _blog,
               "Share the blog through a git remote, so reporters can join it",
               separator_before=True, feature=SYNC),
    ActionSpec("join_blog", "file", "&Join a shared blog…", (),
               tip="Copy a shared blog from its git remote and open it", feature=SYNC),
    ActionSpec("sync_now", "file", "S&ync now", ("F5",), _blog,
               "Send this blog's changes and take in everyone else's", feature=SYNC),
    ActionSpec("blog_properties", "file", "Blog &properties…", (), _blog,
               "Title, and the published page's address for permalinks",
               separator_before=True, feature=PROPERTIES),
    ActionSpec("end_coverage", "file", "&End coverage…", (), _blog,
               "Set or clear when coverage ended (a closing line in exports)", feature=PROPERTIES),
    ActionSpec("save_as", "file", "Save blog &as…", (), _blog,
               "Write the whole blog into another folder and carry on there",
               separator_before=True, feature=LOCK, writes=False),
    ActionSpec("entry_history", "file", "Entry &history…", (), _entry,
               "Earlier versions of the selected entry, with what changed; restore one",
               feature=HISTORY, writes=False),
    ActionSpec("close_blog", "file", "&Close", ("Ctrl+W",), _blog,
               separator_before=True, writes=False),
    ActionSpec("quit", "file", "&Quit", ("Ctrl+Q",), writes=False),
    ActionSpec("undo", "edit", "&Undo", ("Ctrl+Z",),
               tip="Undo the last thing done in the window: a change or a step of typing"),
    ActionSpec("redo", "edit", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("find", "edit", "&Find…", ("Ctrl+F",), _blog, separator_before=True, writes=False),
    ActionSpec("replace", "edit", "Find and &replace…", ("Ctrl+H",), _blog),
    ActionSpec("filter", "edit", "Filter the &timeline", ("Ctrl+Shift+F",), _blog, writes=False),
    ActionSpec("preferences", "edit", "&Preferences…", ("Ctrl+,",),
               separator_before=True, feature=BLOG),
    ActionSpec("new_update", "entry", "&New update", ("Ctrl+N",), _blog,
               "A new update stamped with the current UTC minute, at the top"),
    ActionSpec("new_original", "entry", "New &original entry", ("Ctrl+Shift+O",),
               lambda s: s.has_blog and not s.has_original,
               "The original entry, the first thing written, last in the timeline (one a blog)",
               feature=KINDS),
    ActionSpec("make_original", "entry", "Make ori&ginal", (),
               lambda s: _update(s) and not s.has_original,
               "The selected update becomes the blog's original entry (when it has none)",
               feature=KINDS),
    ActionSpec("make_update", "entry", "Make upd&ate", (), lambda s: s.original,
               "The original entry becomes an update", feature=KINDS),
    ActionSpec("stamp_now", "entry", "&Stamp now", ("Ctrl+T",), _entry,
               "Restamp the selected entry with the current UTC minute", feature=KINDS),
    ActionSpec("toggle_status", "entry", "Mark &ready / draft", ("Ctrl+R",), _entry),
    ActionSpec("key_event", "entry", "&Key event on / off", ("Ctrl+K",), _entry,
               "Mark the selected entry a key event, listed at the top of exports, or unmark it",
               feature=COPY),
    ActionSpec("pin", "entry", "&Pin update on / off", ("Ctrl+Shift+P",), _update,
               "Pin the selected update first in exports (one at a time), or unpin it",
               feature=COPY),
    ActionSpec("move_up", "entry", "Move &up", ("Alt+Up",), lambda s: s.can_move_up,
               separator_before=True),
    ActionSpec("move_down", "entry", "Move &down", ("Alt+Down",), lambda s: s.can_move_down),
    ActionSpec("sort", "entry", "Sort by s&tamp", ("Ctrl+Shift+S",), lambda s: s.can_sort,
               "Updates newest first, the original entry last"),
    ActionSpec("delete", "entry", "&Delete entry", ("Ctrl+Shift+Delete",), _entry,
               "Move the selected entry to the trash (Delete in the timeline)",
               separator_before=True, feature=KINDS),
    # Insert: at the body's cursor (desk.ui.insert.actions).
    ActionSpec("insert_quote", "insert", "&Quote…", ("Ctrl+Shift+Q",), _blog,
               "A quote with its attribution and an optional source link", feature=INSERT),
    ActionSpec("insert_post", "insert", "&Post…", ("Ctrl+Shift+E",), _blog,
               "A post on X, Telegram, Bluesky, YouTube or Instagram from its address or embed "
               "code; on an embed block, edit it", feature=INSERT),
    ActionSpec("insert_image", "insert", "&Image…", ("Ctrl+Shift+I",), _blog,
               "An image from a file (copied into the blog's media/) or a web address",
               feature=INSERT),
    ActionSpec("insert_link", "insert", "&Link to earlier coverage…", ("Ctrl+Shift+L",), _blog,
               "A link such as Yesterday's Coverage: …", feature=INSERT),
    ActionSpec("insert_subheading", "insert", "&Subheading…", ("Ctrl+Shift+H",), _blog,
               feature=INSERT),
    ActionSpec("toggle_preview", "view", "&Preview", ("Ctrl+P",), checkable=True, writes=False),
    ActionSpec("problems", "view", "Pro&blems", (), checkable=True,
               tip="Files of the blog that could not be read, and outside changes",
               feature=PROBLEMS, writes=False),
    ActionSpec("check_spelling", "view", "Check &spelling", ("F7",), _blog,
               "Underline unknown words in red; right-click one for suggestions",
               checkable=True, separator_before=True, feature=SPELLING, writes=False),
    ActionSpec("embed_source", "view", "Show embed &source", (),
               tip="Embeds as their text (type, url, text…) instead of cards",
               checkable=True, feature=EMBED_SOURCE, writes=False),
    ActionSpec("focus_timeline", "view", "Go to &timeline", ("Ctrl+1",), _blog,
               separator_before=True, writes=False),
    ActionSpec("focus_editor", "view", "Go to &editor", ("Ctrl+2",), _blog, writes=False),
    ActionSpec("trash", "view", "T&rash…", ("Ctrl+Shift+T",), _blog,
               separator_before=True, feature=BLOG),
    # Ctrl+E is the export dialog's, Ctrl+Shift+E Insert → Post's.
    ActionSpec("export_dialog", "export", "&Export…", ("Ctrl+E",), _blog,
               "Choose format, entries and order, see the output and the checks, save or copy",
               feature=EXPORT),
    ActionSpec("copy_cms", "export", "&Copy for CMS", ("Ctrl+Shift+C",), _blog,
               "The blog on the clipboard: formatted for a CMS editor, Markdown for a plain field",
               feature=COPY),
    ActionSpec("copy_entry", "export", "Copy en&try", ("Ctrl+Alt+C",), _entry,
               "The selected entry alone on the clipboard, for the CMS", feature=COPY),
    ActionSpec("copy_new", "export", "Copy &new entries", ("Ctrl+Alt+N",), _blog,
               "The ready entries not yet copied for the CMS", feature=COPY),
    ActionSpec("copy_jsonld", "export", "Copy &structured data", (), _blog,
               "The blog's schema.org JSON-LD alone, for a CMS that strips it from a paste",
               feature=COPY, writes=False),
    ActionSpec("export_html", "export", "Export as &HTML fragment…", (), _blog,
               separator_before=True, feature=BLOG, writes=False),
    ActionSpec("export_page", "export", "Export as HTML &page…", (), _blog,
               feature=BLOG, writes=False),
    ActionSpec("export_md", "export", "Export as &Markdown…", (), _blog,
               feature=BLOG, writes=False),
    ActionSpec("shortcuts", "help", "&Keyboard shortcuts", ("F1",), writes=False),
    ActionSpec("show_log", "help", "Show &log", (),
               tip="What Desk did lately, to copy into a bug report", writes=False),
    ActionSpec("about", "help", "&About Desk", writes=False),
)  # fmt: skip


class Actions:
    """The window's QActions by name. Added to the window itself, so their shortcuts
    work wherever the focus is in it."""

    def __init__(self, window: QWidget) -> None:
        self._actions: dict[str, QAction] = {}
        self._specs = {spec.name: spec for spec in SPECS}
        for spec in SPECS:
            action = QAction(spec.text, window)
            action.setObjectName(spec.name)
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            tip = spec.tip or plain(spec.text)
            if spec.shortcuts:
                tip += f" ({native(spec.shortcuts[0])})"
            action.setToolTip(tip)
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            window.addAction(action)
            self._actions[spec.name] = action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def connect(self, run: Callable[[ActionSpec], None]) -> None:
        """Every action calls `run` with its row of the table (a checkable one whenever it
        is switched, by the user or not)."""
        for spec in SPECS:
            action = self._actions[spec.name]
            signal = action.toggled if spec.checkable else action.triggered
            signal.connect(lambda *_args, spec=spec: run(spec))

    def update(self, state: State, read_only: bool = False) -> None:
        """Enable each action by its rule; on a read-only blog, none that writes; none whose
        feature says it is unavailable (its `unavailable` property, the reason)."""
        for name, action in self._actions.items():
            spec = self._specs[name]
            action.setEnabled(
                spec.enabled(state)
                and not (read_only and spec.writes)
                and not action.property("unavailable")
            )

    def build_menus(self, bar: QMenuBar, recent: QMenu) -> dict[str, QMenu]:
        """The menu bar; the recent-blogs submenu goes after Open."""
        menus = {key: bar.addMenu(title) for key, title in MENUS}
        for spec in SPECS:
            menu = menus[spec.menu]
            if spec.separator_before:
                menu.addSeparator()
            menu.addAction(self._actions[spec.name])
            if spec.name == "open_blog":
                menu.addMenu(recent)
        return menus


def shortcut_table() -> list[tuple[str, str]]:
    """(command, keys) for every action that has a shortcut, in menu order."""
    rows = []
    for spec in SPECS:
        if spec.shortcuts:
            rows.append((plain(spec.text), ", ".join(native(s) for s in spec.shortcuts)))
    return rows
