"""Symbolic links in a blog folder, through `desk list`, `export` and `check`: each is
reported as `path:1: a symbolic link; not read`, nothing outside reaches the output or
the exported page's media, and no file inside or outside changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desk_run import RunDesk
from tests.helpers import snapshot
from tests.hostile import LINKS, SECRET, link_state, make_hostile


@pytest.mark.parametrize("case", sorted(LINKS))
def test_list_export_and_check_never_follow_a_link(
    desk: RunDesk, tmp_path: Path, case: str
) -> None:
    hostile = make_hostile(tmp_path, case)
    outside, links = hostile.outside_state(), link_state(hostile.blog)
    inside = {k: v for k, v in snapshot(hostile.blog).items() if not k.startswith(LINKS[case][0])}

    run = desk("check", hostile.blog)
    assert run.code == 1
    assert f"{hostile.link}:1: a symbolic link; not read\n" in run.out
    assert SECRET not in run.out and run.err == ""

    listed = desk("list", hostile.blog)
    assert listed.code == 0, listed.err
    assert f"desk: warning: {hostile.link}: a symbolic link; not read" in listed.err
    assert SECRET not in listed.out
    if case != "entries folder outside":
        assert "m1dn1te" in listed.out and "k7f3c2a" in listed.out

    site = tmp_path / "site"
    site.mkdir()
    page = desk("export", hostile.blog, "--all", "--format", "page", "-o", site / "page.html")
    assert page.code == 0, page.err
    html = desk("export", hostile.blog, "--all", "--format", "html")
    assert html.code == 0 and SECRET not in html.out
    assert all(SECRET.encode() not in p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert not [p for p in site.rglob("*") if p.is_symlink()]

    assert hostile.outside_state() == outside
    assert link_state(hostile.blog) == links
    after = snapshot(hostile.blog)
    assert {k: v for k, v in after.items() if k in inside} == inside
