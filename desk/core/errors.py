"""The one error type Desk reports to users, and the problems found while reading a blog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class DeskError(Exception):
    """An error with a message fit to show a user as it is (no traceback)."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file of a blog, found while reading it."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class ProblemError(DeskError):
    """A file that cannot be read, as a problem with its path and line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
