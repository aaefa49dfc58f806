"""Packaging: every subpackage is installed, importing xfnlp stays cheap."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_subpackage_is_listed_for_installation():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts)
               for p in (REPO / "xfnlp").rglob("__init__.py")}
    assert on_disk | {"xfnlp.models"} == listed


def test_import_is_cheap():
    code = ("import sys, xfnlp, xfnlp.cli; heavy = {'numpy', 'sklearn', 'jieba', 'rjieba', 'docx', "
            "'openpyxl', 'opencc', 'jinja2'} & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
