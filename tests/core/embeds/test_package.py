"""The embeds package loads each of its modules when one of its names is first asked for."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from desk.core import embeds


def test_every_name_the_package_offers_is_its_modules_own() -> None:
    assert sorted(embeds._MODULES) == sorted(embeds.__all__)
    for name in embeds.__all__:
        module = importlib.import_module(f"desk.core.embeds.{embeds._MODULES[name]}")
        assert getattr(embeds, name) is getattr(module, name)


def test_a_name_it_does_not_offer_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'render_everything'"):
        embeds.render_everything  # noqa: B018


def test_the_scripts_alone_load_nothing_else_of_the_embeds() -> None:
    script = (
        "import sys\n"
        "from desk.core import embeds\n"
        "assert 'x' in embeds.SCRIPTS\n"
        "print(sorted(m for m in sys.modules if m.startswith('desk.core.embeds')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "['desk.core.embeds', 'desk.core.embeds.scripts']", done.stderr
