"""PySide6 reads the source of each module imported once it is loaded, to learn whether
the module may switch on a `__feature__`; desk.ui answers for Desk's modules and for those
loaded before PySide6, so that the window's start reads none of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import inspect, json, sys
read = []
source = inspect.getsource
def getsource(module):
    read.append(getattr(module, "__name__", "?"))
    return source(module)
inspect.getsource = getsource
import desk.cli  # what the command line loads before the window's modules
import desk.ui.shell.app
feature = sys.modules["shibokensupport.feature"]
ours = feature._mod_uses_pyside
answers = {name: ours(module) for name, module in sys.modules.items()
           if name.startswith("desk")}
print(json.dumps({"read": read, "answers": answers, "wrapped": hasattr(ours, "known")}))
"""


def test_the_window_modules_are_not_read_and_the_answers_hold() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["wrapped"], "PySide6's import hook changed: see desk/ui/__init__.py"
    assert not [name for name in found["read"] if name.startswith("desk")]
    assert "datetime" not in found["read"] and "typing" not in found["read"]
    answers = found["answers"]
    assert answers["desk.ui.shell.app"] and answers["desk.ui.timeline.view"]
    assert not answers["desk.core.model"] and not answers["desk.cli"]
    assert all(answer == name.startswith("desk.ui.") for name, answer in answers.items())
