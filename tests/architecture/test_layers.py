"""The import-linter contracts bite: a forbidden import, even an indirect one, fails them.

The project's packages are copied to a scratch tree with one module added,
and ``lint-imports`` runs there with the project's own contracts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")
CONTRACTS = [
    c["name"]
    for c in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
]


def _scratch_tree(tmp_path: Path, extra: dict[str, str]) -> Path:
    tree = tmp_path / "tree"
    shim = tree / "coopgraph"
    shim.mkdir(parents=True)
    shutil.copy(ROOT / "coopgraph" / "__init__.py", shim / "__init__.py")
    for package in ("graph", "extract", "api"):
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("trained"))
        (shim / package).symlink_to(Path("..") / package)
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    for relative, code in extra.items():
        target = tree / relative  # an existing module gets the import appended
        before = target.read_text("utf-8") if target.exists() else ""
        target.write_text(before + code, "utf-8")
    return tree


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_the_unchanged_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(_scratch_tree(tmp_path, {}))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "code", "contract"),
    [
        # indirect: extract.facts.orgs is spaCy's side of extract
        ("graph/leak.py", "from coopgraph.extract import orgs\n", "graph sees only"),
        ("graph/leak.py", "import spacy\n", "graph sees only"),
        # indirect through the records graph may import
        (
            "extract/records.py",
            "from coopgraph.extract import pipeline\n",
            "names import nothing",
        ),
        ("extract/upward.py", "from coopgraph.graph import errors\n", "Layers"),
        ("api/raw.py", "import rdflib\n", "graph is the only package"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, code: str, contract: str
) -> None:
    result = _lint(_scratch_tree(tmp_path, {module: code}))
    assert result.returncode != 0
    (name,) = [n for n in CONTRACTS if contract in n]
    report = " ".join(result.stdout.split())  # the report wraps long names
    assert f"{name} BROKEN" in report, result.stdout
