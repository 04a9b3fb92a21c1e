from __future__ import annotations

from pathlib import Path

from desk.core.export.assemble import export_blog
from desk.core.export.options import ExportOptions
from tests.helpers import small_blog
from tests.nu import nu_errors


def test_the_page_export_passes_the_nu_checker(tmp_path: Path) -> None:
    page = tmp_path / "blog.html"
    page.write_text(
        export_blog(small_blog(), ExportOptions(format="page", include_drafts=True)).text
    )
    assert nu_errors(page) == ""
