"""The window's features, each made once with the door (`desk.ui.door.Desk`) and kept:
those the action table names are imported and made when one of their actions is first
used; the standing ones as the window opens."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from desk.ui.door import Desk, Feature

F = TypeVar("F")


def feature_class(path: str) -> type[Feature]:
    """The class a path of the action table names ("desk.ui.insert.actions:Inserter")."""
    module, _, name = path.partition(":")
    return cast("type[Feature]", getattr(importlib.import_module(module), name))


class Features:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self._made: dict[type, object] = {}

    def get(self, kind: type[F]) -> F:
        """The window's one `kind` of feature, made now if it is not yet."""
        made = self._made.get(kind)
        if made is None:
            made = self._made[kind] = cast(Callable[["Desk"], F], kind)(self._desk)
        return cast(F, made)

    def load(self, path: str) -> Feature:
        return self.get(feature_class(path))
