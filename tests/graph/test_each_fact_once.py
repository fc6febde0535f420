"""Each fact once: a fact several documents state is answered once, so DISTINCT changes nothing.

Every example query in ontologies/queries and every query in the README runs on
the sample corpus (with its Russian companion) twice: as written, and with
DISTINCT put into every SELECT, COUNT and GROUP_CONCAT that lacks it. Both give
the same rows. (A DISTINCT a query already carries stays: it is there for the
query's own joins, such as counting agreements beside their partners.) When the
default graph was Oxigraph's union of the named graphs, the README's count of
triples and its "who signed which memorandum" failed here (that one listed a
party once per document telling the memorandum, up to three times).
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopgraph.api.settings import Settings
from coopgraph.graph.resources import example_queries
from coopgraph.graph.store.embedded import OxigraphStore
from tests.conftest import ROOT

_COMMENT_LINE = re.compile(r"^\s*#.*$", re.M)
# a SELECT or an aggregate that does not already say DISTINCT (or REDUCED)
_UNMARKED = re.compile(
    r"\b(SELECT|COUNT\s*\(|GROUP_CONCAT\s*\()(?!\s*(?:DISTINCT|REDUCED)\b)", re.I
)


def readme_queries() -> dict[str, str]:
    """The SPARQL of the README's curl and ``coopgraph query`` examples, numbered in order."""
    text = (ROOT / "README.md").read_text("utf-8")
    found: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for word in shlex.split(block, comments=True):  # quoted queries span lines
            query = word.removeprefix("query=").strip()
            if re.match(r"(PREFIX|SELECT|CONSTRUCT|ASK)\b", query):
                found.append(query)
    return {f"README query {n}": query for n, query in enumerate(found, 1)}


QUERIES = {f"{q.name}.rq": q.text for q in example_queries()} | readme_queries()


def with_distinct(query: str) -> str:
    return _UNMARKED.sub(lambda m: f"{m.group(1)} DISTINCT ", _COMMENT_LINE.sub("", query))


@pytest.fixture(scope="module")
def store(bilingual_store_dir: Path) -> Iterator[OxigraphStore]:
    opened = OxigraphStore(Settings(data_dir=bilingual_store_dir).store_path)
    yield opened
    opened.close()


def _answer(store: OxigraphStore, query: str) -> Counter[tuple[str | None, ...]] | bool:
    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return Counter((str(t.subject), str(t.predicate), str(t.object)) for t in result)
    columns = [v.value for v in result.variables]
    return Counter(
        tuple(None if row[c] is None else str(row[c]) for c in columns) for row in result
    )


def test_the_queries_are_found() -> None:
    assert len(QUERIES) >= len(example_queries()) + 4, sorted(QUERIES)
    assert any("MemorandumOfUnderstanding" in q for q in readme_queries().values())


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_distinct_changes_nothing(store: OxigraphStore, name: str) -> None:
    query = QUERIES[name]
    distinct = with_distinct(query)
    plain, marked = _answer(store, query), _answer(store, distinct)
    assert plain, f"{name} answers nothing on the sample corpus: a test of nothing"
    assert plain == marked


def test_the_readme_memorandum_lists_each_party_once(store: OxigraphStore) -> None:
    (query,) = [q for q in readme_queries().values() if "?party ?signatory ?sentence" in q]
    rows = list(store.query(query))
    answers = Counter(
        tuple(None if r[c] is None else r[c].value for c in ("party", "signatory", "sentence"))
        for r in rows
    )
    assert rows and max(answers.values()) == 1
    assert sum(1 for r in rows if r["party"].value == "Polotsk State University") >= 1
