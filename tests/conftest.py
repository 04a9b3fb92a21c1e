"""Shared fixtures: every test gets its own config, cache and drafts folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import fuzzing
from tests.desk_run import RunDesk, desk_runner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point config, cache, documents and drafts at a temporary home for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("DESK_DRAFTS", str(home / "drafts"))
    monkeypatch.delenv("DESK_NOW", raising=False)
    return home


@pytest.fixture
def desk() -> RunDesk:
    """The installed `desk` command, run in a subprocess."""
    return desk_runner()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    fuzzing.prepare(items)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    fuzzing.report(terminalreporter.write_line)
