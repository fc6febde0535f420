"""The Atom feed of new agreements, read by a real feed parser from a real server."""

from __future__ import annotations

import feedparser
import httpx

from tests.conftest import LiveServer


def _read(live: LiveServer, **params: str) -> feedparser.FeedParserDict:
    response = httpx.get(f"{live.url}/feeds/agreements.atom", params=params, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_the_feed_lists_agreements_with_parties_date_signatories_and_sentence(
    live: LiveServer,
) -> None:
    feed = _read(live)
    assert feed.feed.title == "coopgraph: new agreements"
    assert len(feed.entries) >= 5
    seed = next(
        e for e in feed.entries if "Polotsk State University" in e.title and "Al-Farabi" in e.title
    )
    assert seed.title.startswith("Memorandum of understanding")
    text = seed.content[0].value
    assert "Signed by: Kanatbek Nurtazinovich Mukanov" in text
    assert "Read in: “" in text and "Polotsk State University" in text
    related = [link.href for link in seed.links if link.rel == "related"]
    assert f"{live.url}/organizations/polotsk-state-university" in related
    assert httpx.get(related[0]).status_code == 200  # each party's page exists
    assert any(link.rel == "alternate" and "kaznu" in link.href for link in seed.links)


def test_the_feed_filters_by_institution_country_and_type(live: LiveServer) -> None:
    polotsk = _read(live, institution="Polotsk State University")
    assert polotsk.entries and all("Polotsk State University" in e.title for e in polotsk.entries)
    by_id = _read(live, institution="polotsk-state-university")
    assert [e.id for e in by_id.entries] == [e.id for e in polotsk.entries]
    latvia = _read(live, country="lv")
    assert latvia.entries and all("Riga" in e.title for e in latvia.entries)
    memoranda = _read(live, type="MemorandumOfUnderstanding", limit="2")
    assert len(memoranda.entries) == 2
    assert all(e.title.startswith("Memorandum of understanding") for e in memoranda.entries)
    assert _read(live, institution="No Such University").entries == []
    bad = httpx.get(f"{live.url}/feeds/agreements.atom", params={"country": "Latvia"})
    assert bad.status_code == 422
