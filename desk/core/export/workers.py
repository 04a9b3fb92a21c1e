"""The processes a long export forks when the caches do not hold its blog: they read and
parse the entry files and render the bodies (two cores do it in about half the time),
and the one export takes what they send back.

They are forked on first use, never for an export the caches hold: a warm export reads
the entry index and the render cache, and renders the few changed bodies itself. What a
worker cannot read it leaves to the export, which reads it itself and reports the trouble
as it always does; a worker that dies costs speed, not the export."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.core.export.cache import cache_key
from desk.core.export.render import RENDERER_VERSION, render_alone
from desk.core.storage.index import Identity, entry_of
from desk.core.storage.store import read_records

if TYPE_CHECKING:  # loaded when the first worker is forked (a warm export forks none)
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger(__name__)

CHUNK = 25  # entry files a worker reads (and renders) at a time
Record = tuple[str, Identity, list[Any]]
Rendered = tuple[str, str, list[str]]  # cache key, HTML, warnings


class Workers:
    """`count` processes, forked when first asked for work (fork: the command line has no
    threads then, and each worker starts with what the export had loaded)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        self.rendered: list[Rendered] = []  # rendered as the files were read

    @property
    def started(self) -> bool:
        return self._pool is not None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(self.count, mp_context=context, initializer=gc.enable)
        return self._pool

    def reader(self, root: Path, style: str | None, drafts: bool) -> Any:
        """A load's helper: the entry files read in the workers, and the bodies an export
        in `style` holds (ready ones, or drafts too) rendered there as they are read
        (None: nothing rendered)."""

        def read(names: list[str]) -> Iterable[Record]:
            chunks = [names[i : i + CHUNK] for i in range(0, len(names), CHUNK)]
            records: list[Record] = []
            try:
                count = len(chunks)
                done = self._started().map(
                    _read_and_render, [root] * count, chunks, [style] * count, [drafts] * count
                )
                for found, rendered in done:
                    records += found
                    self.rendered += rendered
            except Exception:  # a broken worker: the load reads them itself
                log.warning("the export's workers failed: reading on alone", exc_info=True)
                return []
            return records

        return read

    def render(self, bodies: list[str], style: str) -> list[tuple[str, list[str]]] | None:
        """The bodies rendered in the workers (None if they failed)."""
        pool = self._started()
        chunk = max(16, len(bodies) // (self.count * 8))
        try:
            return list(pool.map(render_alone, bodies, [style] * len(bodies), chunksize=chunk))
        except Exception:  # a broken worker: the walk renders them
            log.warning("the export's workers failed: rendering on alone", exc_info=True)
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _read_and_render(
    root: Path, names: list[str], style: str | None, drafts: bool
) -> tuple[list[Record], list[Rendered]]:
    """In a worker: the records of `names`, and the bodies of those the export holds."""
    found = read_records(root, names)
    rendered: list[Rendered] = []
    if style is not None:
        for _, _, record in found:
            entry = entry_of(record)
            if drafts or entry.is_ready:
                html, warnings = render_alone(entry.body, style)
                rendered.append((cache_key(RENDERER_VERSION, style, entry.body), html, warnings))
    return found, rendered
