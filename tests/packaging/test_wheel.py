"""The wheel, installed as a user would: built from the checkout, installed into a fresh
venv in a temporary folder outside it, and run from there with no trace of the repository."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import desk
from desk.core.sample import NAME

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run(command: list[str | Path], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,  # type: ignore[call-overload]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO], cwd=REPO)
    (built,) = out.glob("desk-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("venv")
    assert REPO not in folder.parents
    run([sys.executable, "-m", "venv", folder / "venv"], cwd=folder)
    python = folder / "venv" / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", wheel], cwd=folder)
    yield folder / "venv"


@pytest.fixture
def user_env(isolated_home: Path) -> dict[str, str]:
    """The environment of a user with a fresh home: no PYTHONPATH, nothing of the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["DESK_NOW"] = "2025-03-14T21:41:00Z"
    env.pop("QT_QPA_PLATFORM", None)
    return env


def test_the_wheel_carries_the_resources_inside_desk(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "desk/resources/style.qss",
        "desk/resources/desk.desktop",
        "desk/resources/io.github.desk_newsroom.Desk.metainfo.xml",
        "desk/resources/icons/desk.svg",
        "desk/resources/icons/desk-16.png",
        "desk/resources/icons/desk-512.png",
        "desk/resources/sample/blog.yaml",
    ):
        assert name in names, name
    template = REPO / "resources" / "sample" / "entries"
    for entry in template.glob("*.md"):
        assert f"desk/resources/sample/entries/{entry.name}" in names
    assert not any(name.startswith("resources/") for name in names)
    assert f"desk-{desk.__version__}.dist-info/METADATA" in names


def test_desk_from_the_venv_is_not_the_checkout(
    venv: Path, tmp_path: Path, user_env: dict[str, str]
) -> None:
    script = "import desk, desk.resources; print(desk.__file__); print(desk.resources.__file__)"
    result = run([venv / "bin" / "python", "-c", script], cwd=tmp_path, env=user_env)
    for line in result.stdout.splitlines():
        assert Path(line).is_relative_to(venv), line
    version = run([venv / "bin" / "desk", "--version"], cwd=tmp_path, env=user_env)
    assert version.stdout == f"desk {desk.__version__}\n"


def test_new_add_and_export_from_the_venv(
    venv: Path, tmp_path: Path, user_env: dict[str, str]
) -> None:
    desk_command = venv / "bin" / "desk"
    drafts = tmp_path / "drafts"
    new = run([desk_command, "new", "Wheel storm", "--drafts", drafts], cwd=tmp_path, env=user_env)
    blog = Path(new.stdout.strip())
    assert blog == drafts / "wheel-storm-2025-03-14"
    add = run(
        [desk_command, "add", blog, "--status", "ready"],
        cwd=tmp_path,
        env=user_env,
        input="The ferry terminal has reopened.\n",
    )
    entry_id = add.stdout.strip()
    export = run([desk_command, "export", blog, "--format", "html"], cwd=tmp_path, env=user_env)
    assert f'<section class="desk-entry" id="entry-{entry_id}">' in export.stdout
    assert "UPDATE 2141 GMT:" in export.stdout
    assert "The ferry terminal has reopened." in export.stdout


def test_the_window_from_the_venv_opens_the_sample_styled(
    venv: Path, tmp_path: Path, user_env: dict[str, str], isolated_home: Path
) -> None:
    env = {**user_env, "QT_QPA_PLATFORM": "offscreen", "DESK_SELF_CHECK": "1"}
    result = run([venv / "bin" / "desk"], cwd=tmp_path, env=env)
    style = (REPO / "resources" / "style.qss").read_text(encoding="utf-8")
    sample = isolated_home / "drafts" / NAME
    # Six entries and the blog header row.
    assert (
        f"desk: self-check: blog {sample}; 7 entries shown; style sheet {len(style)} characters;"
        " icon sizes 16,24,32,48,64,128,256,512; desktop file desk;"
    ) in result.stderr, result.stderr
    assert re.search(r"; features (\d+) of \1; collector on; first paint", result.stderr), (
        result.stderr
    )
    assert "warning" not in result.stderr
    assert (sample / "blog.yaml").is_file()


def test_install_desktop_from_the_venv_points_at_its_desk(
    venv: Path, tmp_path: Path, user_env: dict[str, str], isolated_home: Path
) -> None:
    run([venv / "bin" / "desk", "install-desktop"], cwd=tmp_path, env=user_env)
    entry = (isolated_home / "data" / "applications" / "desk.desktop").read_text(encoding="utf-8")
    assert f"\nExec={(venv / 'bin' / 'desk').resolve()} %f\n" in entry
