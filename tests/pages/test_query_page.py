"""The SPARQL query page works in a real browser: examples, run, table, downloads, errors."""

from __future__ import annotations

import httpx
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from coopgraph.graph.resources import example_queries
from tests.conftest import LiveServer


def _run_query(browser: webdriver.Chrome, live: LiveServer, text: str) -> None:
    """Open the query page, type ``text`` over the example, and run it."""
    browser.get(f"{live.url}/sparql")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys(text)
    browser.find_element(By.ID, "run").click()


def _wait(browser: webdriver.Chrome, seconds: float = 20) -> WebDriverWait[webdriver.Chrome]:
    return WebDriverWait(browser, seconds)


def test_page_offers_the_example_queries(live: LiveServer, browser: webdriver.Chrome) -> None:
    browser.get(f"{live.url}/sparql")
    picker = Select(browser.find_element(By.ID, "example"))
    options = picker.options
    assert [o.text for o in options[1:]] == [q.name for q in example_queries()]
    first = example_queries()[0]
    assert browser.find_element(By.ID, "query").get_attribute("value") == first.text
    assert picker.first_selected_option.text == first.name
    # an edited example is no longer that example: the picker says so
    browser.find_element(By.ID, "query").send_keys(" LIMIT 3")
    assert picker.first_selected_option.text == "— your query —"
    assert "edited" in browser.find_element(By.ID, "example-title").text
    # the page links to the explorer and has its own icon
    assert (
        browser.find_element(By.LINK_TEXT, "network explorer")
        .get_attribute(
            "href",
        )
        .endswith("/network/explorer")
    )
    icon = browser.find_element(By.CSS_SELECTOR, 'link[rel="icon"]').get_attribute("href")
    assert icon is not None
    answer = httpx.get(icon)
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/svg+xml"


def test_running_an_example_shows_its_table_and_downloads(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{live.url}/sparql")
    Select(browser.find_element(By.ID, "example")).select_by_visible_text("institutions-by-country")
    browser.find_element(By.ID, "run").click()
    table = _wait(browser).until(ec.presence_of_element_located((By.ID, "result-table")))
    headers = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    assert headers == ["country", "code", "countryName", "institutions"]
    rows = [
        [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    assert rows[0][1:3] == ["KZ", "Kazakhstan @en"]  # a language tag is shown
    assert "row(s)" in browser.find_element(By.ID, "status").text
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Download CSV").get_attribute("href")
    assert link is not None
    download = httpx.get(link)
    assert download.text.splitlines()[0] == "country,code,countryName,institutions"
    # saved as a file with a name, not opened as a page
    assert download.headers["content-disposition"] == (
        'attachment; filename="coopgraph-results.csv"'
    )


def test_our_institutions_link_to_their_pages(live: LiveServer, browser: webdriver.Chrome) -> None:
    _run_query(
        browser,
        live,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?o WHERE { "
        '?o skos:prefLabel "Polotsk State University" }',
    )
    link = _wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#result-table a"))
    )
    href = link.get_attribute("href")
    assert href == f"{live.url}/organizations/polotsk-state-university"
    assert httpx.get(href).json()["label"] == "Polotsk State University"


def test_a_graph_answer_is_shown_as_turtle(live: LiveServer, browser: webdriver.Chrome) -> None:
    _run_query(
        browser,
        live,
        "CONSTRUCT WHERE { <https://w3id.org/coopgraph/id/org/polotsk-state-university> ?p ?o }",
    )
    graph = _wait(browser).until(ec.presence_of_element_located((By.ID, "result-graph")))
    assert "Polotsk State University" in graph.text


def test_a_graph_answer_keeps_the_query_prefixes(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    _run_query(
        browser,
        live,
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX id: <https://w3id.org/coopgraph/id/org/> "
        "CONSTRUCT { ?o skos:prefLabel ?l } WHERE { BIND(id:polotsk-state-university AS ?o) "
        "?o skos:prefLabel ?l }",
    )
    graph = _wait(browser).until(ec.presence_of_element_located((By.ID, "result-graph")))
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#>" in graph.text
    assert 'id:polotsk-state-university skos:prefLabel "Polotsk State University"' in graph.text


def test_a_bad_query_shows_the_parser_message(live: LiveServer, browser: webdriver.Chrome) -> None:
    _run_query(browser, live, "SELECT * WHERE { ?s ?p }")
    status = browser.find_element(By.ID, "status")
    _wait(browser).until(lambda _: "Error 400" in status.text)
    assert "error at 1:" in status.text


def test_an_undeclared_prefix_is_named_with_its_declaration(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    _run_query(browser, live, 'SELECT ?o WHERE { ?o skos:prefLabel "Polotsk State University" }')
    status = browser.find_element(By.ID, "status")
    _wait(browser).until(lambda _: "Error 400" in status.text)
    assert "the prefix skos: is used but not declared" in status.text
    assert "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in status.text
    assert "\\u{" not in status.text and len(status.text) < 300  # no wall of character ranges


def test_a_russian_reader_gets_examples_naming_entities_in_russian(
    bilingual: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{bilingual.url}/sparql")
    browser.find_element(By.LINK_TEXT, "Русский").click()
    _wait(browser).until(
        lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    )
    Select(browser.find_element(By.ID, "example")).select_by_visible_text(
        "top-institutions-by-agreements"
    )
    assert 'langMatches(lang(?name), "ru")' in (
        browser.find_element(By.ID, "query").get_attribute("value") or ""
    )
    browser.find_element(By.ID, "run").click()
    table = _wait(browser).until(ec.presence_of_element_located((By.ID, "result-table")))
    cells = [td.text for td in table.find_elements(By.CSS_SELECTOR, "tbody td")]
    assert "Полоцкий государственный университет @ru" in cells
    assert "Polotsk State University" not in cells  # one name each
    # the language comes from Accept-Language too, and a wrong ?lang= is said so
    page = httpx.get(
        f"{bilingual.url}/sparql", headers={"Accept": "text/html", "Accept-Language": "ru"}
    )
    assert '<html lang="ru">' in page.text
    wrong = httpx.get(f"{bilingual.url}/sparql?lang=kk", headers={"Accept": "text/html"})
    assert wrong.status_code == 400 and "lang must be one of en, ru" in wrong.text
