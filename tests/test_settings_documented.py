"""Every setting, limits included, is documented in the README's table."""

from __future__ import annotations

from coopgraph.api.settings import Settings
from tests.conftest import ROOT


def test_every_setting_is_in_the_readme_table() -> None:
    table = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("|")]
    documented = " ".join(table)
    missing = [
        f"COOPGRAPH_{name.upper()}"
        for name in Settings.model_fields
        if f"`COOPGRAPH_{name.upper()}`" not in documented
    ]
    assert missing == []
