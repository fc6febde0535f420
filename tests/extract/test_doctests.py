"""Run the known-answer examples in the extraction modules' docstrings."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from extract import aliases, dates, normalize, records


@pytest.mark.parametrize("module", [aliases, dates, normalize, records], ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
