"""What ``make run`` ingests is a network worth exploring, every document of it is stored,
and a restart does not extract anything again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from coopgraph.api.ingest.service import IngestReport, ingest_documents, read_sources
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import ROOT

COUNT = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX coop: <https://w3id.org/coopgraph/ns#>
SELECT (COUNT(DISTINCT ?o) AS ?orgs) (COUNT(DISTINCT ?a) AS ?agreements)
       (COUNT(DISTINCT ?c) AS ?countries) (COUNT(DISTINCT ?ru) AS ?russian)
WHERE { { ?o a org:FormalOrganization } UNION { ?a a coop:Agreement }
        UNION { ?x coop:country ?c }
        UNION { ?ru ?p ?l FILTER(isLiteral(?l) && langMatches(lang(?l), "ru")) } }"""


def demo_sources() -> list[Path]:
    """The folders the Makefile's ``make run`` ingests (its ``DEMO`` variable)."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    found = re.search(r"^DEMO := (.+)$", makefile, re.M)
    assert found, "the Makefile names what make run ingests in DEMO"
    return [ROOT / part for part in found.group(1).split()]


@pytest.mark.slow
def test_the_demo_ingests_whole_and_a_restart_extracts_nothing(
    nlp: Language, tmp_path: Path
) -> None:
    sources = demo_sources()
    assert all(path.is_dir() for path in sources), sources
    documents = sum(len(list(p.iterdir())) for p in sources)
    store = OxigraphStore(tmp_path / "store")
    try:
        report = IngestReport()
        ingest_documents(nlp, store, read_sources(sources, report, 2_000_000), report)
        # every document conforms to the shapes and is stored: nothing failed or skipped
        assert report.counts() == {
            "new": documents, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 0,
        }, report.errors  # fmt: skip
        [row] = list(store.query(COUNT))
        orgs, agreements, countries, russian = (int(row[k].value) for k in range(4))
        # hundreds of institutions in dozens of countries, in two languages
        assert orgs >= 1000 and agreements >= 200 and countries >= 50, (orgs, agreements)
        assert russian >= 300
        again = IngestReport()
        ingest_documents(nlp, store, read_sources(sources, again, 2_000_000), again)
        assert again.counts()["unchanged"] == documents
    finally:
        store.close()
