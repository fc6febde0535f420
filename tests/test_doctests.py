"""Every known-answer example in every module's docstrings runs, and holds.

The modules are found by walking the installed ``coopgraph`` package, so a
new module's examples are run without anyone listing it here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import coopgraph


def _modules_with_examples() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(coopgraph.__path__, prefix="coopgraph.")
        if not info.name.endswith("__main__")  # running those starts the command line
    ]
    modules = [importlib.import_module(name) for name in sorted(names)]
    finder = doctest.DocTestFinder()
    return [m for m in modules if any(test.examples for test in finder.find(m))]


WITH_EXAMPLES = _modules_with_examples()


def test_the_walk_finds_the_modules_that_carry_examples() -> None:
    names = {m.__name__ for m in WITH_EXAMPLES}
    assert {"coopgraph.graph.rdf.iris", "coopgraph.extract.facts.dates"} <= names
    assert len(names) >= 10


@pytest.mark.parametrize("module", WITH_EXAMPLES, ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
