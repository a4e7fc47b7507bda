"""`output_dir` can only name a folder inside the site: nothing is ever written outside the build folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES, mkdocs_build, write_site


def _snapshot(root: Path, skip: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if skip not in (path, *path.parents)}


@pytest.mark.parametrize("output_dir", ["", "/", "//", ".", "..", "../..", "a/../../b", "/da-absolute-out", "a\\..\\b"])
def test_output_dir_outside_the_site_is_a_config_error(tmp_path: Path, output_dir: str):
    wiki = tmp_path / "outer" / "inner" / "wiki"
    config = write_site(
        wiki,
        {
            "services": [{"name": "Canary", "source": str(FIXTURES / "canary" / "src"), "packages": ["canary"]}],
            "output_dir": output_dir,
            "fail_on": "never",
        },
    )
    site = wiki / "site"
    before = _snapshot(tmp_path, site)
    result = mkdocs_build(config, site, strict=False)
    assert result.returncode != 0
    assert "output_dir" in result.stderr and "expected a folder inside docs_dir" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(tmp_path, site) == before
    assert not Path("/da-absolute-out").exists()


def test_nested_output_dir_is_accepted(tmp_path: Path):
    config = write_site(
        tmp_path,
        {
            "services": [{"name": "Canary", "source": str(FIXTURES / "canary" / "src"), "packages": ["canary"]}],
            "output_dir": "dev/architecture/",
            "fail_on": "never",
        },
    )
    result = mkdocs_build(config, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "dev" / "architecture" / "canary" / "index.html").is_file()
