"""Desk's benchmarks: `make bench`, or `python bench/run.py [--quick]`.

Generates blogs of 100, 1,000, 2,000 and 10,000 entries (bench/generate.py) and one with a single
1,000-word entry in a temporary folder, measures what a user feels, from outside the
process where they would feel it, prints a table of medians with the machine it ran on and
a line per target of the issue, and writes bench/RESULTS.md (keeping its `## Notes`).

    start    `desk open BLOG` to `desk: first paint`, beside bench/bare_window.py
    memory   peak RSS (VmHWM) of those launches at first paint, beside the bare window
    export   `desk export BLOG --format html` with no cache (cold) and after one entry
             changed (warm), beside Python-Markdown (and pandoc where installed)
    save     `BlogStore.save(blog, only=[id])` after changing one entry, in-process
    type     keystrokes and preview updates in a 1,000-word entry and in the largest
             blog's longest entry (bench/ui_probe.py)
    watch    an entry file written by another process to its row in the timeline
    scroll   painting the timeline a page at a time through every row

Numbers are medians of several runs; never assert on them in tests."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

if importlib.util.find_spec("desk") is None:  # run with a Python that lacks Desk
    if VENV_PYTHON.exists() and Path(sys.executable) != VENV_PYTHON:
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    sys.exit("bench: Desk is not installed in this Python; run `make bench`")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import selectors  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, date, datetime  # noqa: E402
from importlib import metadata  # noqa: E402
from typing import Any  # noqa: E402

from generate import generate, sentence  # noqa: E402

from desk.core.model import Entry, new_id  # noqa: E402
from desk.core.storage.store import BlogStore  # noqa: E402

SIZES = (100, 1_000, 2_000, 10_000)
QUICK_SIZES = (100, 1_000)
RUNS = 5
QUICK_RUNS = 3
LONG_WORDS = 1_000
LAUNCH_TIMEOUT_S = 120.0
SETTLE_S = 1.0  # after first paint, for the settled peak RSS
WATCH_TIMEOUT_S = 5.0
KEYS = 120
PREVIEWS = 20
PAINT_LINE = re.compile(rb"desk: first paint (\d+(?:\.\d+)?) ms")
RESULTS = BENCH / "RESULTS.md"
NOTES_HEADING = "## Notes"
MIB = 1024 * 1024
MEASUREMENTS = ("start", "export", "save", "type", "watch", "scroll")


class BenchError(Exception):
    """A measurement could not be taken (a launch failed, a process timed out)."""


# -- numbers ------------------------------------------------------------------------------


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def p95(values: Iterable[float]) -> float:
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))  # nearest rank, rounded up
    return ordered[rank - 1]


@dataclass
class Results:
    """Medians by metric and blog size (0: the 1,000-word-entry blog), and the raw runs."""

    values: dict[str, dict[int, float]] = field(default_factory=dict)
    runs: dict[str, dict[int, int]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def put(self, metric: str, size: int, value: float, runs: int = 1) -> None:
        self.values.setdefault(metric, {})[size] = value
        self.runs.setdefault(metric, {})[size] = runs

    def get(self, metric: str, size: int) -> float | None:
        return self.values.get(metric, {}).get(size)


# -- the machine --------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.release()})"
    except OSError:
        pass

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": os_name,
        "Python": platform.python_version(),
        "PySide6": version("PySide6-Essentials")
        if version("PySide6") == "not installed"
        else version("PySide6"),
        "Markdown": version("Markdown"),
        "pandoc": pandoc_version() or "not installed",
    }


def pandoc_version() -> str | None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    return out.split("\n", 1)[0].removeprefix("pandoc ").strip() or "?"


# -- blogs --------------------------------------------------------------------------------


def make_long_entry_blog(root: Path, words: int = LONG_WORDS) -> Path:
    """A blog holding one entry of `words` words, in paragraphs."""
    rng = random.Random(1000)
    root.mkdir(parents=True, exist_ok=True)
    store, blog = BlogStore.create(root, "Bench long entry", date(2025, 3, 14))
    paragraphs, left = [], words
    while left > 0:
        size = min(left, rng.randint(40, 90))
        paragraphs.append(sentence(rng, size))
        left -= size
    entry = Entry(
        new_id(),
        datetime(2025, 3, 14, 9, 0, tzinfo=UTC),
        status="ready",
        author="Jane Doe",
        body="\n\n".join(paragraphs),
    )
    blog.add(entry)
    store.save(blog)
    return store.root


def disk_size(folder: Path) -> int:
    """The sum of the sizes of the files in `folder` (what the blog holds, not blocks)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def ready_ids(blog_path: Path) -> list[str]:
    _, blog = BlogStore.open(blog_path)
    return [e.id for e in blog.timeline() if e.is_ready]


def floor_markdown(blog_path: Path, target: Path) -> Path:
    """The Markdown the HTML export renders (the exported entries' bodies), in one file."""
    _, blog = BlogStore.open(blog_path)
    bodies = [e.body for e in blog.timeline() if e.is_ready]
    target.write_text("\n\n".join([blog.header, *bodies]) + "\n", encoding="utf-8")
    return target


# -- processes ----------------------------------------------------------------------------


@dataclass
class Bench:
    """Where the run works and how it launches things."""

    tmp: Path
    use_display: bool
    python: str = sys.executable
    log: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)

    @property
    def desk(self) -> list[str]:
        script = Path(self.python).parent / "desk"
        return [str(script)] if script.exists() else [self.python, "-m", "desk"]

    def env(self, cache: Path | None = None) -> dict[str, str]:
        """The environment of a launched process: its own empty home, config and cache
        (unless `cache` is given), and Qt offscreen unless a display is used."""
        home = Path(tempfile.mkdtemp(prefix="home-", dir=self.tmp))
        runtime = home / "run"
        runtime.mkdir(mode=0o700)
        env = dict(os.environ)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(cache or home / ".cache"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_RUNTIME_DIR=str(runtime),
            DESK_DRAFTS=str(home / "drafts"),
            DESK_TRACE_STARTUP="1",
        )
        if self.use_display:
            env.pop("QT_QPA_PLATFORM", None)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        return env


@dataclass
class Launch:
    wall_ms: float
    inproc_ms: float
    hwm_paint_kib: int
    hwm_settled_kib: int


def vm_hwm_kib(pid: int) -> int:
    """Peak resident set size of a live process, from /proc (0 where there is none)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def launch_to_first_paint(bench: Bench, command: list[str]) -> Launch:
    """Start `command`, wait for `desk: first paint` on its stderr, read its peak RSS then
    and a moment later, and kill it."""
    env = bench.env()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen = b""
    try:
        deadline = started + LAUNCH_TIMEOUT_S
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise BenchError(f"no first paint within {LAUNCH_TIMEOUT_S:.0f} s: {command}")
            if not selector.select(left):
                continue
            chunk = os.read(process.stderr.fileno(), 65536)
            if not chunk:
                tail = seen.decode(errors="replace")[-500:]
                raise BenchError(f"{command} exited before its first paint:\n{tail}")
            seen += chunk
            match = PAINT_LINE.search(seen)
            if match:
                wall = (time.perf_counter() - started) * 1000
                break
        hwm_paint = vm_hwm_kib(process.pid)
        time.sleep(SETTLE_S)
        hwm_settled = vm_hwm_kib(process.pid)
    finally:
        selector.close()
        process.kill()
        process.wait()
        process.stderr.close()
    return Launch(wall, float(match.group(1)), hwm_paint, hwm_settled)


def run_timed(command: list[str], env: dict[str, str], timeout: float = 600) -> float:
    """Seconds from start to exit of `command`, which must succeed."""
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchError(f"{command} failed ({done.returncode}):\n{done.stderr.decode()[-800:]}")
    return elapsed


def run_probe(bench: Bench, *args: str, timeout: float = 600) -> dict[str, Any]:
    """Run bench/ui_probe.py and return the JSON it prints last."""
    command = [bench.python, str(BENCH / "ui_probe.py"), *args]
    done = subprocess.run(
        command,
        env=bench.env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise BenchError(f"{command} failed ({done.returncode}):\n{done.stderr[-800:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# -- measurements -------------------------------------------------------------------------


def measure_start(bench: Bench, results: Results, blogs: dict[int, Path], runs: int) -> None:
    """`desk open BLOG` and the bare window, alternated, to first paint; with peak RSS."""
    bare = [bench.python, str(BENCH / "bare_window.py")]
    for size, blog in blogs.items():
        desk_runs: list[Launch] = []
        bare_runs: list[Launch] = []
        for run in range(runs):
            bench.log(f"start {size:,}: run {run + 1}/{runs}")
            desk_runs.append(launch_to_first_paint(bench, [*bench.desk, "open", str(blog)]))
            bare_runs.append(launch_to_first_paint(bench, bare))
        desk_wall = median(r.wall_ms for r in desk_runs)
        bare_wall = median(r.wall_ms for r in bare_runs)
        results.put("start_desk_ms", size, desk_wall, runs)
        results.put("start_desk_inproc_ms", size, median(r.inproc_ms for r in desk_runs), runs)
        results.put("start_bare_ms", size, bare_wall, runs)
        results.put("start_bare_inproc_ms", size, median(r.inproc_ms for r in bare_runs), runs)
        results.put("start_ratio", size, desk_wall / bare_wall, runs)
        desk_mib = median(r.hwm_paint_kib for r in desk_runs) / 1024
        bare_mib = median(r.hwm_paint_kib for r in bare_runs) / 1024
        blog_mib = disk_size(blog) / MIB
        results.put("mem_desk_mib", size, desk_mib, runs)
        settled_mib = median(r.hwm_settled_kib for r in desk_runs) / 1024
        results.put("mem_desk_settled_mib", size, settled_mib, runs)
        results.put("mem_bare_mib", size, bare_mib, runs)
        results.put("blog_mib", size, blog_mib)
        results.put("mem_target_mib", size, bare_mib + 40 + 2 * blog_mib, runs)


def compile_desk(bench: Bench) -> None:
    """Desk's modules compiled to bytecode, as an installed Desk has them (pip compiles
    what it installs). An editable install run with PYTHONDONTWRITEBYTECODE set, as here,
    would compile every changed one again in every run measured: 20–40 ms of each start
    or export."""
    spec = importlib.util.find_spec("desk")
    if spec is not None and spec.origin is not None:
        folder = str(Path(spec.origin).parent)
        subprocess.run([bench.python, "-m", "compileall", "-q", folder], check=True)


def measure_export(bench: Bench, results: Results, blogs: dict[int, Path], runs: int) -> None:
    """Cold and warm `desk export --format html`, beside Python-Markdown and pandoc."""
    pandoc = shutil.which("pandoc")
    for size, blog in blogs.items():
        source = floor_markdown(blog, bench.tmp / f"floor-{size}.md")
        out = bench.tmp / f"export-{size}.html"
        export = [*bench.desk, "export", str(blog), "--format", "html", "-o", str(out)]
        floor = [bench.python, "-m", "markdown", "-f", str(bench.tmp / "floor.html"), str(source)]
        cold, floors, pandocs = [], [], []
        for run in range(runs):
            bench.log(f"export {size:,}: cold run {run + 1}/{runs}")
            cold.append(run_timed(export, bench.env()))  # a fresh, empty cache each run
            floors.append(run_timed(floor, bench.env()))
            if pandoc is not None:
                command = [pandoc, "-f", "markdown", "-t", "html", "-o", str(out), str(source)]
                pandocs.append(run_timed(command, bench.env()))
        results.put("export_cold_s", size, median(cold), runs)
        results.put("floor_s", size, median(floors), runs)
        results.put("cold_ratio", size, median(cold) / median(floors), runs)
        if pandocs:
            results.put("pandoc_s", size, median(pandocs), runs)
            results.put("cold_pandoc_ratio", size, median(cold) / median(pandocs), runs)

        # Warm: one cache kept across runs, one more entry changed before each.
        cache = bench.tmp / f"cache-{size}"
        env = bench.env(cache=cache)
        run_timed(export, env)  # fill the cache
        ids = ready_ids(blog)
        warm = []
        for run in range(runs):
            bench.log(f"export {size:,}: warm run {run + 1}/{runs}")
            entry_id = ids[(run * 7919) % len(ids)]
            path = blog / "entries" / f"{entry_id}.md"
            text = path.read_text(encoding="utf-8").rstrip("\n")
            path.write_text(text + f" Added in warm run {run + 1}.\n", encoding="utf-8")
            warm.append(run_timed(export, env))
        results.put("export_warm_s", size, median(warm), runs)
        results.put("warm_ratio", size, median(warm) / median(floors), runs)


def measure_save(bench: Bench, results: Results, blogs: dict[int, Path], runs: int) -> None:
    """One autosave after typing into one entry: `store.save(blog, only=[id])`, in-process."""
    for size, blog_path in blogs.items():
        bench.log(f"save {size:,}")
        store, blog = BlogStore.open(blog_path)
        ids = [e.id for e in blog.timeline() if not e.is_original]
        times = []
        for run in range(runs + 1):  # the first, a warm-up, is not counted
            entry = blog.entries[ids[(run * 104_729) % len(ids)]]
            entry.body += " The governor spoke again."
            started = time.perf_counter()
            store.save(blog, only=[entry.id])
            if run:
                times.append((time.perf_counter() - started) * 1000)
        results.put("save_ms", size, median(times), runs)
        results.put("save_max_ms", size, max(times), runs)


def measure_type(bench: Bench, results: Results, key: int, blog: Path, runs: int) -> None:
    """Keystrokes and preview updates in the blog's longest entry; `key` is the column
    (0: the 1,000-word-entry blog, else the blog's size)."""
    samples: dict[str, list[float]] = {
        m: [] for m in ("key", "key_paint", "preview", "preview_paint")
    }
    where = "1,000-word entry" if key == 0 else f"{key:,} entries"
    for run in range(runs):
        bench.log(f"type ({where}): run {run + 1}/{runs}")
        found = run_probe(
            bench, "type", str(blog), "--keys", str(KEYS), "--previews", str(PREVIEWS)
        )
        for metric, values in samples.items():
            values += found[f"{metric}_ms"]
        if found["note"]:
            results.notes["preview"] = found["note"]
        if found["typed"] != KEYS:
            results.notes["type"] = f"{found['typed']} of {KEYS} keys reached the editor"
    for metric, values in samples.items():
        if values:
            results.put(f"{metric}_ms", key, median(values), len(values))
            results.put(f"{metric}_p95_ms", key, p95(values), len(values))
            results.put(f"{metric}_max_ms", key, max(values), len(values))


def measure_watch(bench: Bench, results: Results, blogs: dict[int, Path], runs: int) -> None:
    for size, blog in blogs.items():
        bench.log(f"watch {size:,}")
        found = run_probe(
            bench, "watch", str(blog), "--runs", str(runs), "--timeout", str(WATCH_TIMEOUT_S)
        )
        if found["seen"] and found["watch_ms"]:
            results.put("watch_ms", size, median(found["watch_ms"]), len(found["watch_ms"]))
            continue
        if not found["watcher"]:
            results.notes["watch"] = "not measured (no folder watcher yet)"
        else:
            results.notes["watch"] = (
                f"not seen within {WATCH_TIMEOUT_S:.0f} s at {size:,} entries "
                "(a file watcher exists, but the row never appeared)"
            )
        return  # one blog says it; the others would only wait as long again


def measure_scroll(bench: Bench, results: Results, size: int, blog: Path, runs: int) -> None:
    totals: list[float] = []
    pages: list[float] = []
    for run in range(runs):
        bench.log(f"scroll {size:,}: run {run + 1}/{runs}")
        found = run_probe(bench, "scroll", str(blog))
        totals.append(found["total_ms"])
        pages += found["page_ms"]
        results.put("scroll_pages", size, found["pages"])
    results.put("scroll_total_ms", size, median(totals), runs)
    results.put("scroll_page_ms", size, median(pages), len(pages))
    results.put("scroll_page_p95_ms", size, p95(pages), len(pages))


# -- the report ---------------------------------------------------------------------------


def fmt_ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def fmt_s(value: float) -> str:
    return f"{value:.2f} s"


def fmt_ratio(value: float) -> str:
    return f"{value:.2f}×"


def fmt_mib(value: float) -> str:
    return f"{value:.1f} MiB"


SIZE_ROWS: tuple[tuple[str, str, Callable[[float], str]], ...] = (
    ("start_desk_ms", "start: `desk open` to first paint (wall)", fmt_ms),
    ("start_desk_inproc_ms", "start: `desk open`, as it prints (in-process)", fmt_ms),
    ("start_bare_ms", "start: bare window (wall)", fmt_ms),
    ("start_bare_inproc_ms", "start: bare window, as it prints", fmt_ms),
    ("start_ratio", "start: desk / bare", fmt_ratio),
    ("export_cold_s", "export cold: `desk export --format html`", fmt_s),
    ("floor_s", "export: Python-Markdown floor", fmt_s),
    ("pandoc_s", "export: pandoc", fmt_s),
    ("cold_ratio", "export cold: desk / floor", fmt_ratio),
    ("cold_pandoc_ratio", "export cold: desk / pandoc", fmt_ratio),
    ("export_warm_s", "export warm (one entry changed)", fmt_s),
    ("warm_ratio", "export warm: desk / floor", fmt_ratio),
    ("save_ms", "save one entry (median)", fmt_ms),
    ("save_max_ms", "save one entry (slowest run)", fmt_ms),
    ("watch_ms", "watch: file from another process to its row", fmt_ms),
    ("scroll_total_ms", "scroll: every row, a page at a time (total)", fmt_ms),
    ("scroll_page_ms", "scroll: one page (median)", fmt_ms),
    ("scroll_page_p95_ms", "scroll: one page (p95)", fmt_ms),
    ("scroll_pages", "scroll: pages", lambda v: f"{v:,.0f}"),
    ("mem_desk_mib", "memory: `desk open` peak RSS at first paint", fmt_mib),
    ("mem_desk_settled_mib", f"memory: `desk open` peak RSS {SETTLE_S:.0f} s later", fmt_mib),
    ("mem_bare_mib", "memory: bare window peak RSS", fmt_mib),
    ("blog_mib", "blog size on disk (sum of files)", fmt_mib),
    ("mem_target_mib", "memory target: bare + 40 MiB + 2 × size", fmt_mib),
)
EDIT_ROWS: tuple[tuple[str, str, str], ...] = (
    ("key_ms", "key_p95_ms", "keystroke: UI-thread time of `QTest.keyClick`"),
    ("key_paint_ms", "key_paint_p95_ms", "keystroke: with the paints it queued"),
    ("preview_ms", "preview_p95_ms", "preview: debounce fired to preview updated"),
    ("preview_paint_ms", "preview_paint_p95_ms", "preview: debounce fired to preview painted"),
)


def tables(results: Results, sizes: list[int]) -> str:
    head = "| measurement (median) | " + " | ".join(f"{s:,} entries" for s in sizes) + " |"
    lines = [head, "|---|" + "---:|" * len(sizes)]
    for metric, label, fmt in SIZE_ROWS:
        by_size = results.values.get(metric)
        if not by_size:
            continue
        cells = [fmt(by_size[s]) if s in by_size else "—" for s in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    columns = sorted(results.values.get("key_ms", {}))
    if not columns:
        return "\n".join(lines)
    names = {0: f"one {LONG_WORDS:,}-word entry"}
    lines += [
        "",
        f"Typing ({KEYS} keys and {PREVIEWS} previews a run) in the longest entry of each blog:",
        "",
        "| measurement (median / p95 / slowest) | "
        + " | ".join(names.get(c, f"{c:,} entries") for c in columns)
        + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for metric, p95_metric, label in EDIT_ROWS:
        cells = []
        for column in columns:
            value, tail = results.get(metric, column), results.get(p95_metric, column)
            worst = results.get(p95_metric.replace("_p95_", "_max_"), column)
            if value is None or tail is None or worst is None:
                cells.append("—")
            else:
                cells.append(f"{fmt_ms(value)} / {fmt_ms(tail)} / {fmt_ms(worst)}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@dataclass
class Verdict:
    name: str
    met: bool | None  # None: not measured
    detail: str

    def line(self) -> str:
        if self.met is None:
            return f"{self.name}: {self.detail}"
        return f"{self.name}: {'met' if self.met else 'MISSED'} ({self.detail})"


def verdicts(results: Results, sizes: list[int]) -> list[Verdict]:
    largest = max(sizes)
    at = "" if largest == 10_000 else f" (at {largest:,}: 10,000 not run)"
    out = []

    def ratio(name: str, metric: str, limit: float, floor: str, size: int = 0) -> None:
        """The ratio at `size` (default: the largest blog run) against `limit`."""
        value = results.get(metric, size or largest)
        if value is None:
            out.append(Verdict(name, None, "not measured"))
            return
        note = "" if size else at
        out.append(Verdict(name, value <= limit, f"{value:.2f}× vs ≤{limit}× {floor}{note}"))

    def every(name: str, metric: str, limit: float, unit: str, slowest: str = "") -> None:
        """The median at the worst size against `limit`; `slowest` names a metric of the
        slowest run there, shown beside it."""
        by_size = results.values.get(metric)
        if not by_size:
            out.append(Verdict(name, None, "not measured"))
            return
        worst = max(by_size, key=lambda s: by_size[s])
        value = by_size[worst]
        where = f" at {worst:,} entries" if worst else f" in the {LONG_WORDS:,}-word entry"
        tail = results.get(slowest, worst) if slowest else None
        also = f", slowest {tail:.1f} {unit}" if tail is not None else ""
        detail = f"median {value:.1f} {unit}{where}{also} vs ≤{limit} {unit}"
        out.append(Verdict(name, value <= limit, detail))

    ratio("start at 100", "start_ratio", 1.5, "the bare window", size=100)
    ratio("start at 10,000", "start_ratio", 1.6, "the bare window")
    ratio("export cold at 2,000", "cold_ratio", 1.2, "Python-Markdown", size=2_000)
    ratio("export cold at 10,000", "cold_ratio", 1.2, "Python-Markdown")
    ratio("export warm at 2,000", "warm_ratio", 0.25, "Python-Markdown", size=2_000)
    ratio("export warm at 10,000", "warm_ratio", 0.25, "Python-Markdown")
    every("save, every size", "save_ms", 20, "ms", slowest="save_max_ms")
    every("keystroke (with its paints)", "key_paint_ms", 8, "ms", slowest="key_paint_max_ms")
    every("preview after the debounce (painted)", "preview_paint_ms", 50, "ms")
    if "watch_ms" in results.values:
        every("watch", "watch_ms", 2000, "ms")
    else:
        out.append(Verdict("watch", None, results.notes.get("watch", "not measured")))
    scroll = results.get("scroll_page_ms", largest)
    if scroll is None:
        out.append(Verdict("scroll, one page", None, "not measured"))
    else:
        detail = f"median {scroll:.1f} ms a page at {largest:,} entries vs ≤3 ms"
        out.append(Verdict("scroll, one page", scroll <= 3, detail))
    memory = [(s, results.get("mem_desk_mib", s), results.get("mem_target_mib", s)) for s in sizes]
    measured = [(s, v, t) for s, v, t in memory if v is not None and t is not None]
    if not measured:
        out.append(Verdict("memory, every size", None, "not measured"))
    else:
        size, value, target = max(measured, key=lambda m: m[1] - m[2])
        out.append(
            Verdict(
                "memory, every size",
                value <= target,
                f"{value:.0f} MiB at {size:,} entries vs ≤{target:.0f} MiB",
            )
        )
    return out


def report(
    results: Results, sizes: list[int], info: dict[str, str], when: str, elapsed: float
) -> str:
    machine_line = "; ".join(f"{k}: {v}" for k, v in info.items())
    parts = [
        f"Date: {when}. Bench run took {elapsed / 60:.1f} min.",
        f"Machine: {machine_line}.",
        "",
        tables(results, sizes),
        "",
        "Targets:",
        "",
        *(f"- {v.line()}" for v in verdicts(results, sizes)),
    ]
    for name, note in results.notes.items():
        if name != "watch":
            parts.append(f"- note ({name}): {note}")
    return "\n".join(parts)


def write_results(text: str) -> None:
    """bench/RESULTS.md: this run, then the hand-written notes of the last file, kept."""
    notes = ""
    if RESULTS.exists():
        old = RESULTS.read_text(encoding="utf-8")
        if NOTES_HEADING in old:
            notes = "\n" + old[old.index(NOTES_HEADING) :]
    header = (
        "# Benchmark results\n\n"
        "Written by `make bench` (`python bench/run.py`); the numbers are medians of the "
        "last run. Everything above the Notes is rewritten on each run.\n\n"
    )
    RESULTS.write_text(header + text + "\n" + notes, encoding="utf-8")


# -- the command --------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Desk's benchmarks: start, export, save, type, watch, memory, scroll."
    )
    parser.add_argument(
        "--sizes", help="blog sizes, comma-separated (default 100,1000,2000,10000)", default=None
    )
    parser.add_argument("--runs", type=int, help=f"runs of each measurement (default {RUNS})")
    parser.add_argument(
        "--quick", action="store_true", help="100 and 1,000 entries, 3 runs: a fast check"
    )
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(MEASUREMENTS)}")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument(
        "--display",
        action="store_true",
        help="use $DISPLAY (e.g. under xvfb-run) instead of Qt's offscreen platform",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.sizes:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",")})
    else:
        args.sizes = list(QUICK_SIZES if args.quick else SIZES)
    args.runs = args.runs or (QUICK_RUNS if args.quick else RUNS)
    args.only = set(args.only.split(",")) if args.only else set(MEASUREMENTS)
    unknown = args.only - set(MEASUREMENTS)
    if unknown:
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    if args.display and not os.environ.get("DISPLAY"):
        parser.error("--display needs $DISPLAY (try: xvfb-run -a python bench/run.py --display)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    info = machine()
    info["Qt platform"] = "xcb on $DISPLAY" if args.display else "offscreen"
    if hasattr(os, "getloadavg"):  # a shared machine: how busy it was as the run began
        info["load average"] = f"{os.getloadavg()[0]:.2f}"
    tmp = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    bench = Bench(tmp, use_display=args.display)
    compile_desk(bench)  # before every measurement: the starts pay it as the exports do
    results = Results()
    slow_runs = max(3, args.runs - 2)
    failed: list[str] = []
    try:
        bench.log(f"bench: generating blogs of {', '.join(f'{s:,}' for s in args.sizes)} in {tmp}")
        blogs = {size: generate(tmp / f"blogs-{size}", size) for size in args.sizes}
        long_blog = make_long_entry_blog(tmp / "blogs-long")
        largest = max(blogs)
        steps: list[tuple[str, Callable[[], None]]] = [
            # Launches vary most on a shared machine (the bare window's own start took
            # 107-146 ms in one afternoon's runs), so the ratio gets three times the runs.
            ("start", lambda: measure_start(bench, results, blogs, 3 * args.runs)),
            ("export", lambda: measure_export(bench, results, blogs, args.runs)),
            ("save", lambda: measure_save(bench, results, blogs, args.runs)),
            ("type", lambda: measure_type(bench, results, 0, long_blog, slow_runs)),
            ("type", lambda: measure_type(bench, results, largest, blogs[largest], slow_runs)),
            ("watch", lambda: measure_watch(bench, results, blogs, args.runs)),
            ("scroll", lambda: measure_scroll(bench, results, largest, blogs[largest], slow_runs)),
        ]
        for name, step in steps:
            if name not in args.only:
                continue
            try:
                step()
            except (BenchError, subprocess.TimeoutExpired) as error:
                # One broken measurement must not cost the others: say so and go on.
                print(f"bench: error: {name}: {error}", file=sys.stderr)
                results.notes[f"{name} failed"] = str(error).strip().splitlines()[-1]
                failed.append(name)
    finally:
        if args.keep:
            bench.log(f"bench: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - started
    text = report(results, args.sizes, info, when, elapsed)
    print(text)
    if not args.no_write:
        write_results(text)
        bench.log(f"bench: wrote {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
