"""Keystrokes with spelling on: `python bench/spelling.py [--runs N] [--keys N]`.

Types into the 1,000-word entry (with misspellings and two embeds, shown as cards) and
into the longest entry of a 10,000-entry blog (bench/generate.py), each with spelling on
and off, and with the code of `--baseline` (a git revision, default main: no spelling, no
cards), in Desk's real window (offscreen), a fresh process per run, the three taking
turns so that a busy machine weighs on each alike; writes bench/SPELLING-RESULTS.md. A
keystroke is timed from the key to the end of the paints it queued (the highlighter checks
the edited block during the key's own handling). Targets: median ≤ 2 ms and slowest
≤ 8 ms with spelling on.

    spelling.py probe BLOG --spelling on|off --keys N   one run; JSON on the last line

Numbers are medians of several runs; never assert on them in tests."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import POST, generate, sentence  # noqa: E402

from desk.core.model import Entry, new_id  # noqa: E402
from desk.core.storage.store import BlogStore  # noqa: E402

RESULTS = BENCH / "SPELLING-RESULTS.md"
WORDS = 1_000
# Real words and misspelt ones, so that the dictionary is asked about new words too.
TYPED = "the govrnor said ferrys resume at dawn and Lindqvist agreed "
MISSPELT = ("goverment", "harbr", "Syniehubov", "recieve", "occured")


def long_entry_blog(root: Path) -> Path:
    """One entry of about 1,000 words in paragraphs, a few misspelt, with two posts."""
    rng = random.Random(15)
    root.mkdir(parents=True, exist_ok=True)
    store, blog = BlogStore.create(root, "Bench spelling", date(2025, 3, 14))
    paragraphs, left = [], WORDS
    while left > 0:
        size = min(left, rng.randint(40, 90))
        words = sentence(rng, size).split()
        words[rng.randrange(len(words))] = rng.choice(MISSPELT)
        paragraphs.append(" ".join(words))
        left -= size
    for where in (2, len(paragraphs) - 2):
        post = POST.format(n=rng.randrange(10**18, 10**19), text=sentence(rng, 25))
        paragraphs.insert(where, post)
    stamp = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    blog.add(Entry(new_id(), stamp, status="ready", body="\n\n".join(paragraphs)))
    store.save(blog)
    return store.root


# -- one run, in its own process ----------------------------------------------------------


def probe(blog: Path, spelling: bool, keys: int) -> dict[str, Any]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from ui_probe import key_for, ms, open_window, spin

    window, _ = open_window(blog)
    assert window.model is not None
    entry_id = max(window.model.blog.entries.values(), key=lambda e: len(e.body)).id
    window.select_entry(entry_id)
    spin(0.5)
    action = window.desk_actions._actions.get("check_spelling")  # none in a baseline
    if action is not None and action.isChecked() != spelling:
        action.trigger()
    spin(0.3)
    body = window.editor.body
    body.setFocus()
    cursor = body.textCursor()
    text = body.toPlainText()
    cursor.setPosition(text.index("\n\n", len(text) // 2))  # the end of a paragraph
    body.setTextCursor(cursor)
    spin(0.3)  # the window repaints for the focus moved, as after a user's click into it
    length = len(body.toPlainText())
    key_ms, key_paint_ms = [], []
    for index in range(keys):
        char = TYPED[index % len(TYPED)]
        modifiers = None
        start = time.perf_counter()
        if char.isupper():
            from PySide6.QtCore import Qt

            modifiers = Qt.KeyboardModifier.ShiftModifier
            QTest.keyClick(body, key_for(char.lower()), modifiers)
        else:
            QTest.keyClick(body, key_for(char))
        handled = time.perf_counter()
        QApplication.processEvents()
        painted = time.perf_counter()
        key_ms.append(ms(handled - start))
        key_paint_ms.append(ms(painted - start))
    cards = getattr(body, "cards", None)
    return {
        "spelling": action is not None and action.isChecked(),
        "words": len(text.split()),
        "cards": len(cards.cards) if cards is not None else 0,
        "typed": len(body.toPlainText()) - length,
        "key_ms": key_ms,
        "key_paint_ms": key_paint_ms,
    }


# -- the whole bench ----------------------------------------------------------------------


def run_probe(
    blog: Path, spelling: bool, keys: int, home: Path, code: Path | None = None
) -> dict[str, Any]:
    """One run in a fresh process; `code`: a folder holding another revision's desk/."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join((str(code), str(code / "bench")))
    command = [sys.executable, __file__, "probe", str(blog), "--keys", str(keys)]
    command += ["--spelling", "on" if spelling else "off"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: the probe failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def checkout(revision: str, folder: Path) -> Path:
    """The files of `revision` in `folder` (git archive: no work tree of git's is touched)."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(BENCH.parent), "archive", revision], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def summary(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


Row = tuple[str, str, int, int, list[float], list[float]]
CONFIGS = (("on", True, False), ("off", False, False), ("baseline", False, True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--sizes", default="10000", help="blog sizes besides the long entry")
    parser.add_argument("--baseline", default="main", help="the revision to compare with")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-spelling-") as folder:
        tmp = Path(folder)
        code = checkout(args.baseline, tmp / "baseline")
        blogs = {"1,000-word entry": long_entry_blog(tmp / "long")}
        for size in (int(s) for s in args.sizes.split(",")):
            blogs[f"{size:,} entries"] = generate(tmp / f"blogs-{size}", size)
        for where, blog in blogs.items():
            keys: dict[str, list[float]] = {name: [] for name, *_ in CONFIGS}
            painted: dict[str, list[float]] = {name: [] for name, *_ in CONFIGS}
            shape: dict[str, tuple[int, int]] = {}
            for run in range(args.runs):
                for name, spelling, baseline in CONFIGS:
                    print(f"bench: {where}, {name}, run {run + 1}/{args.runs}", file=sys.stderr)
                    found = run_probe(
                        blog, spelling, args.keys, tmp / "home", code if baseline else None
                    )
                    if found["spelling"] != spelling or found["typed"] != args.keys:
                        raise SystemExit(f"bench: the probe did not type as asked: {found}")
                    keys[name] += found["key_ms"]
                    painted[name] += found["key_paint_ms"]
                    shape[name] = (found["words"], found["cards"])
            for name, *_ in CONFIGS:
                rows.append((where, name, *shape[name], keys[name], painted[name]))
    write(rows, args)


def write(rows: list[Row], args: Any) -> None:
    lines = [
        "# Keystrokes with spelling on",
        "",
        f"`python bench/spelling.py --runs {args.runs} --keys {args.keys}` on "
        f"{platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')} (offscreen Qt).",
        "",
        "Milliseconds per keystroke, median / p95 / slowest, over "
        f"{args.runs} × {args.keys} keys. Targets with spelling on: median ≤ 2 ms, "
        "slowest ≤ 8 ms (key and the paints it queued). `baseline` is the code of "
        f"`{args.baseline}` (no spelling, no cards) on the same blog, run by turns with the "
        "others.",
        "",
        "| entry typed into | spelling | words | cards | key handled | key + paints | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for where, name, words, cards, keys, painted in rows:
        handled = "{:.2f} / {:.2f} / {:.2f}".format(*summary(keys))
        med, _, slowest = summary(painted)
        both = "{:.2f} / {:.2f} / {:.2f}".format(*summary(painted))
        target = ("met" if med <= 2 and slowest <= 8 else "missed") if name == "on" else ""
        lines.append(f"| {where} | {name} | {words:,} | {cards} | {handled} | {both} | {target} |")
    notes = (
        RESULTS.read_text(encoding="utf-8").partition("\n## Notes")[2] if RESULTS.exists() else ""
    )
    text = "\n".join(lines) + "\n"
    if notes:
        text += "\n## Notes" + notes
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "probe":
        parser = argparse.ArgumentParser()
        parser.add_argument("command")
        parser.add_argument("blog", type=Path)
        parser.add_argument("--spelling", choices=("on", "off"), default="on")
        parser.add_argument("--keys", type=int, default=200)
        options = parser.parse_args()
        print(json.dumps(probe(options.blog, options.spelling == "on", options.keys)))
    else:
        main()
