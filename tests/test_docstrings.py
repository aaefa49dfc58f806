"""Every ``>>>`` example in xfnlp's docstrings runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import xfnlp

MODULES = sorted(m.name for m in pkgutil.walk_packages(xfnlp.__path__, "xfnlp.")
                 if not m.name.startswith("xfnlp.models") and m.name != "xfnlp.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
