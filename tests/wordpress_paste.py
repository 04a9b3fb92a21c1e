"""WordPress's block editor paste handler, run under Node in tests/wordpress/ (its
packages pinned in package-lock.json, installed there with `npm ci`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.tools import require

FOLDER = Path(__file__).parent / "wordpress"
SCRIPT = FOLDER / "paste.js"
Block = dict[str, Any]


def require_node() -> None:
    """Skip (fail under DESK_REQUIRE_NODE=1) without Node or without `npm ci` run here."""
    require("node", shutil.which("node") is not None, "Node is not installed")
    require(
        "node",
        (FOLDER / "node_modules" / "@wordpress" / "blocks").is_dir(),
        f"the block editor's packages are not installed: run `npm ci` in {FOLDER}",
    )


def start_paste(html: str) -> subprocess.Popen[str]:
    """The paste handler on `html`, started (loading the editor's packages takes a while,
    so that several pastes can load at once)."""
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        cwd=FOLDER,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(html)
    process.stdin.close()
    return process


def paste_result(process: subprocess.Popen[str]) -> dict[str, Any]:
    """What the handler made: {"blocks": [...], "serialized": "..."}."""
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    code = process.wait(timeout=600)
    assert code == 0, f"the paste handler failed ({code}): {err}"
    result: dict[str, Any] = json.loads(out)
    return result


def walk(blocks: list[Block]) -> Iterator[Block]:
    """Every block, inner blocks after their parent."""
    for item in blocks:
        yield item
        yield from walk(item["innerBlocks"])
