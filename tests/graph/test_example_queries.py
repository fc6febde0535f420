"""Every example query in ontologies/queries runs on the ingested sample corpus
and returns the answer a reader of those press releases expects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coopgraph.api.settings import Settings
from coopgraph.graph.resources import ExampleQuery, example_queries, in_language
from coopgraph.graph.store.embedded import OxigraphStore

ID = "https://w3id.org/coopgraph/id/"
KAZNU = "Al-Farabi Kazakh National University"
POLOTSK = "Polotsk State University"
VITEBSK = "Vitebsk State Technological University"
TOMSK_CONSORTIUM = [
    "Novosibirsk State Technical University",
    "Siberian Federal University",
    "Tomsk Polytechnic University",
    "Tomsk State University",
]

KZ_BY_CONSORTIUM = "scientific and educational consortium of universities of Kazakhstan and Belarus"
KZ_BY_MEMBERS = ["Al-Farabi Kazakh National University", "Belarusian State University"]

# query name → (columns compared, the rows expected, in order)
EXPECTED: dict[str, tuple[tuple[str, ...], list[tuple[str | None, ...]]]] = {
    "agreements-of-institution": (
        ("type", "status", "date", "partners"),
        [  # SPARQL orders an unbound date first; then by agreement IRI
            ("Memorandum of understanding", "signed", None, KAZNU),
            ("Memorandum of understanding", "signed", "2022-05-03", VITEBSK),
            # the double degree programme the memorandum opens, in the next sentence: the
            # day of its signing
            ("Joint programme", "signed", "2022-05-03", VITEBSK),
        ],
    ),
    "partners-of-partners": (("candidateName", "viaName"), [(KAZNU, POLOTSK)]),
    "signatories-of-institution": (
        ("personName", "role"),
        # KazNU's vice-rector in the seed, and its rector in 104 ("signed by ... the Rector
        # of Al-Farabi Kazakh National University Zhanseit Tuimebayev")
        [
            ("Kanatbek Nurtazinovich Mukanov", "Vice-Rector for Operations"),
            ("Zhanseit Tuimebayev", "Rector"),
        ],
    ),
    "consortium-members": (
        ("consortiumName", "memberName"),
        [("Siberian Engineering Consortium", m) for m in TOMSK_CONSORTIUM]
        # 104: "BSU and KazNU are both members of the scientific and educational consortium …"
        + [(KZ_BY_CONSORTIUM, m) for m in KZ_BY_MEMBERS],
    ),
    "evidence-of-partnership": (
        ("sentence", "begin", "end"),
        [
            (
                "Polotsk State University and Vitebsk State Technological University signed a "
                "Memorandum of Understanding on joint training of engineers on 3 May 2022.",
                "77",
                "104",
            ),
            (
                "Polotsk State University Rector Dmitry Lazovsky said the memorandum opens a "
                "double degree programme in textile engineering.",
                "227",
                "250",
            ),
        ],
    ),
    "people-of-institution": (
        ("personName", "role"),
        [
            ("Kanatbek Nurtazinovich Mukanov", "Vice-Rector for Operations"),
            ("Zhanseit Tuimebayev", "Rector"),  # 104: "Rector of Al-Farabi KazNU Zhanseit …"
        ],
    ),
    "meetings": (
        ("label", "organizer", "date", "participants"),
        [
            # the seed document's meeting has no date: it sorts first
            (
                "VIII meeting of the working commission for coordinating the activities of "
                "the scientific and educational consortium",
                "working commission for coordinating the activities of the scientific and "
                "educational consortium",
                None,
                "Al-Farabi Kazakh National University",
            ),
            (
                None,
                None,
                "2023-04-14",
                "Karaganda Buketov University | Belarusian State Technological University",
            ),
        ],
    ),
    "institutions-by-country": (
        ("code", "countryName", "institutions"),
        [
            # KazNU is one institution under two names; the Ministry of Energy is named as the
            # parent of the Institute of Nuclear Physics
            ("KZ", "Kazakhstan", "6"),
            ("BY", "Belarus", "4"),
            ("RU", "Russia", "4"),  # Siberian Federal University: country from the gazetteer
            ("LV", "Latvia", "1"),
        ],
    ),
}


@pytest.fixture(scope="module")
def store(corpus_store_dir: Path) -> Iterator[OxigraphStore]:
    opened = OxigraphStore(Settings(data_dir=corpus_store_dir).store_path)
    yield opened
    opened.close()


def _rows(
    store: OxigraphStore, query: ExampleQuery, columns: tuple[str, ...]
) -> list[tuple[str | None, ...]]:
    rows = []
    for solution in store.query(query.text):
        rows.append(tuple(None if solution[c] is None else solution[c].value for c in columns))
    return rows


def _query(name: str) -> ExampleQuery:
    return next(q for q in example_queries() if q.name == name)


def test_there_are_at_least_twelve_documented_queries() -> None:
    queries = example_queries()
    assert len(queries) >= 12
    for q in queries:
        assert q.text.startswith("# ") and len(q.title) > 20, f"{q.name} lacks its one-line comment"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_returns_its_known_answer(store: OxigraphStore, name: str) -> None:
    columns, expected = EXPECTED[name]
    assert _rows(store, _query(name), columns) == expected


def test_documents_mentioning_polotsk_newest_first(store: OxigraphStore) -> None:
    rows = _rows(store, _query("documents-mentioning-institution"), ("issued", "url"))
    # the dated KazNU news item; the undated plain-text release sorts last
    assert rows == [("2021-11-17", "https://welcome.kaznu.kz/en/3/news/one/26916"), (None, None)]


def test_dormant_institutions_have_no_agreement_since_2023(store: OxigraphStore) -> None:
    rows = dict(_rows(store, _query("dormant-institutions"), ("name", "lastYear")))
    assert rows[POLOTSK] == "2022"
    assert rows["Karaganda Buketov University"] is None  # a visit, no agreement
    assert "Tomsk State University" not in rows  # signed in 2023


def test_country_pairs_count_agreements_per_year(store: OxigraphStore) -> None:
    rows = _rows(
        store,
        _query("agreements-per-country-pair-per-year"),
        ("countryA", "countryB", "year", "agreements"),
    )
    assert ("BY", "KZ", "2021", "2") in rows  # the seed memorandum, and BSU and KazNU
    assert ("KZ", "LV", "2022", "1") in rows  # ENU and Riga


def test_top_institutions_rank_by_agreements(store: OxigraphStore) -> None:
    rows = _rows(store, _query("top-institutions-by-agreements"), ("name", "agreements"))
    counts = [int(n or 0) for _, n in rows]
    assert counts == sorted(counts, reverse=True) and len(rows) <= 20
    assert rows[0] == (POLOTSK, "3")


def test_counts_by_type_and_status_add_up(store: OxigraphStore) -> None:
    rows = _rows(store, _query("agreements-by-type-and-status"), ("type", "status", "agreements"))
    total = store.query(
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/coopgraph/ns#Agreement> }"
    )
    (n,) = [r["n"].value for r in total]
    assert sum(int(c or 0) for *_, c in rows) == int(n)
    assert ("Memorandum of understanding", "signed", "4") in rows


def test_documents_per_month_and_low_confidence_facts_run(store: OxigraphStore) -> None:
    months = _rows(store, _query("documents-per-month"), ("month", "documents"))
    assert ("2021-11", "1") in months and ("2023-04", "1") in months
    low = _rows(store, _query("low-confidence-facts"), ("confidence", "sentence"))
    assert low and all(float(c or 1) < 0.8 for c, _ in low)
    # the seed's consortium sentence names no party of its intergovernmental agreement
    assert any("bilateral intergovernmental agreement" in (s or "") for _, s in low)


def _cyrillic(value: str | None) -> bool:
    return value is not None and any("\u0400" <= c <= "\u04ff" for c in value)


NAME_COLUMNS = ("name", "Name", "partners", "participants", "organizer")


def test_with_a_russian_release_each_entity_keeps_one_name_in_every_answer(
    bilingual_store_dir: Path,
) -> None:
    """The seed's memorandum told in Russian adds Russian names to KazNU, Polotsk and the
    vice-rector; the example queries still name each of them once, in English."""
    store = OxigraphStore(Settings(data_dir=bilingual_store_dir).store_path)
    try:
        documents = (
            "SELECT (COUNT(DISTINCT ?g) AS ?n) "
            "WHERE { GRAPH ?g { ?d a <https://schema.org/NewsArticle> } }"
        )
        assert [int(r["n"].value) for r in store.query(documents)] == [8]
        named = 0
        for query in example_queries():
            solutions = store.query(query.text)
            columns = [v for v in solutions.variables if v.value.endswith(NAME_COLUMNS)]
            names = [
                (variable.value, solution[variable].value)
                for solution in solutions
                for variable in columns
                if solution[variable] is not None
            ]
            assert not [n for n in names if _cyrillic(n[1])], query.name
            named += bool(names)
        assert named >= 8  # the check above saw names in most of the queries
        both = {
            (row["english"].value, row["russian"].value)
            for row in store.query(_query("names-in-two-languages").text)
            if row["english"] is not None
        }
        assert both >= {
            (
                "Al-Farabi Kazakh National University",
                "Казахский национальный университет имени аль-Фараби",
            ),
            ("Polotsk State University", "Полоцкий государственный университет"),
        }
    finally:
        store.close()


def test_for_a_russian_reader_the_examples_name_entities_in_russian_first(
    bilingual_store_dir: Path,
) -> None:
    """The query page's Russian examples: Polotsk and KazNU by their Russian names, an
    institution known only in English by that, each entity still named once."""
    store = OxigraphStore(Settings(data_dir=bilingual_store_dir).store_path)
    try:
        query = in_language(_query("top-institutions-by-agreements").text, "ru")
        rows = [(r["institution"].value, r["name"].value) for r in store.query(query)]
        names = dict(rows)
        assert len(names) == len(rows)  # one name each
        assert names[f"{ID}org/polotsk-state-university"] == "Полоцкий государственный университет"
        assert names[f"{ID}org/vitebsk-state-technological-university"] == VITEBSK
        for example in example_queries():  # every example still runs as Russian
            assert in_language(example.text, "en") == example.text
            store.query(in_language(example.text, "ru"))
    finally:
        store.close()
