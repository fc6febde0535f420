"""The SPARQL query page works in a real browser: examples, run, table, downloads, errors."""

from __future__ import annotations

import httpx
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from coopgraph.graph.resources import example_queries
from tests.conftest import LiveServer


def _wait(browser: webdriver.Chrome, seconds: float = 20) -> WebDriverWait[webdriver.Chrome]:
    return WebDriverWait(browser, seconds)


def test_page_offers_the_example_queries(live: LiveServer, browser: webdriver.Chrome) -> None:
    browser.get(f"{live.url}/sparql")
    options = Select(browser.find_element(By.ID, "example")).options
    assert [o.text for o in options] == [q.name for q in example_queries()]
    first = example_queries()[0]
    assert browser.find_element(By.ID, "query").get_attribute("value") == first.text


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
    csv_text = httpx.get(link).text
    assert csv_text.splitlines()[0] == "country,code,countryName,institutions"


def test_a_graph_answer_is_shown_as_turtle(live: LiveServer, browser: webdriver.Chrome) -> None:
    browser.get(f"{live.url}/sparql")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys(
        "CONSTRUCT WHERE { <https://w3id.org/coopgraph/id/org/polotsk-state-university> ?p ?o }"
    )
    browser.find_element(By.ID, "run").click()
    graph = _wait(browser).until(ec.presence_of_element_located((By.ID, "result-graph")))
    assert "Polotsk State University" in graph.text


def test_a_bad_query_shows_the_parser_message(live: LiveServer, browser: webdriver.Chrome) -> None:
    browser.get(f"{live.url}/sparql")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys("SELECT * WHERE { ?s ?p }")
    browser.find_element(By.ID, "run").click()
    status = browser.find_element(By.ID, "status")
    _wait(browser).until(lambda _: "Error 400" in status.text)
    assert "error at 1:" in status.text
