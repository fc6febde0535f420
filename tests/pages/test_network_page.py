"""The network explorer in a real browser: nodes drawn, a click shows partners and evidence."""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import LiveServer

POLOTSK = "https://w3id.org/coopgraph/id/org/polotsk-state-university"


def test_nodes_are_drawn_and_a_click_shows_partners(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{live.url}/network/explorer")
    circles = browser.find_elements(By.CSS_SELECTOR, "svg#network circle.node")
    assert len(circles) >= 10
    assert all(float(c.get_attribute("r") or 0) > 0 for c in circles)
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg#network line")) >= 10
    polotsk = browser.find_element(By.CSS_SELECTOR, f'circle.node[data-id="{POLOTSK}"]')
    polotsk.click()
    partners = WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "partners")))
    text = partners.text
    assert "Vitebsk State Technological University" in text
    assert "joint training of engineers" in text  # the sentence behind the memorandum


def test_year_filter_and_colouring_by_country(live: LiveServer, browser: webdriver.Chrome) -> None:
    browser.get(f"{live.url}/network/explorer")
    everything = len(browser.find_elements(By.CSS_SELECTOR, "circle.node"))
    browser.find_element(By.NAME, "year_from").send_keys("2023")
    Select(browser.find_element(By.NAME, "colour_by")).select_by_value("country")
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(browser, 20).until(lambda b: "year_from=2023" in b.current_url)
    later = browser.find_elements(By.CSS_SELECTOR, "circle.node")
    assert 0 < len(later) < everything
    assert "coloured by country" in browser.find_element(By.ID, "caption").text


def test_the_largest_nodes_are_named_and_the_colours_explained(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{live.url}/network/explorer?colour_by=country")
    names = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "svg#network text.node-label")]
    assert len(names) >= 5 and all(names)
    legend = browser.find_elements(By.CSS_SELECTOR, "#legend li")
    assert len(legend) >= 3
    assert any(item.text.startswith("BY (") for item in legend)
    # a focused node is outlined by its stroke, not by a square focus box
    node = browser.find_element(By.CSS_SELECTOR, "circle.node")
    browser.execute_script("arguments[0].focus()", node)
    assert node.value_of_css_property("outline-style") == "none"


def test_charts_of_the_same_selection_are_drawn_beside_the_network(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{live.url}/network/explorer")
    years = browser.find_elements(By.CSS_SELECTOR, "svg#chart-years rect.bar")
    assert len(years) >= 4  # two bars per year, several years
    top = browser.find_elements(By.CSS_SELECTOR, "svg#chart-top rect.bar")
    assert 5 <= len(top) <= 10
    cells = browser.find_elements(By.CSS_SELECTOR, "svg#chart-countries rect.cell")
    codes = browser.find_elements(By.CSS_SELECTOR, "svg#chart-countries text.axis")
    assert len(cells) >= 4 and "BY" in {c.text for c in codes}


def test_planned_agreements_can_be_left_out_or_shown_alone(
    live: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{live.url}/network/explorer")
    everything = len(browser.find_elements(By.CSS_SELECTOR, "circle.node"))
    Select(browser.find_element(By.NAME, "agreements")).select_by_value("planned")
    browser.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(browser, 20).until(lambda b: "agreements=planned" in b.current_url)
    planned = len(browser.find_elements(By.CSS_SELECTOR, "circle.node"))
    assert 0 < planned < everything
    assert "planned" in browser.find_element(By.ID, "caption").text


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("year_from=2030&year_to=2020", "the first year comes after the last"),
        ("year_from=abc", "must be a year such as 2021"),
        ("year_from=2090", "No partnerships match this selection"),
        ("size_by=nonsense", "Size by must be one of"),
    ],
)
def test_an_unusable_selection_is_said_in_words_with_the_form_kept(
    live: LiveServer, browser: webdriver.Chrome, query: str, says: str
) -> None:
    browser.get(f"{live.url}/network/explorer?{query}")
    message = browser.find_element(By.CSS_SELECTOR, ".message")
    assert says in message.text
    assert "detail" not in browser.page_source  # no raw JSON error
    assert browser.find_element(By.NAME, "year_from")  # the form to correct it
    assert not browser.find_elements(By.CSS_SELECTOR, "circle.node")


def test_a_russian_reader_sees_russian_names_where_there_are_some(
    bilingual: LiveServer, browser: webdriver.Chrome
) -> None:
    browser.get(f"{bilingual.url}/network/explorer?lang=ru")
    names = {t.text for t in browser.find_elements(By.CSS_SELECTOR, "text.node-label")}
    titles = {
        t.get_attribute("textContent")
        for t in browser.find_elements(By.CSS_SELECTOR, "circle.node title")
    }
    assert "Полоцкий государственный университет" in titles
    assert any(any("а" <= c <= "я" for c in name) for name in names | titles)
    # institutions the Russian release never named keep their English names
    assert "Vitebsk State Technological University" in titles
    assert browser.find_element(By.NAME, "lang").get_attribute("value") == "ru"
    browser.get(f"{bilingual.url}/network/explorer")
    english = {
        t.get_attribute("textContent")
        for t in browser.find_elements(By.CSS_SELECTOR, "circle.node title")
    }
    assert (
        "Polotsk State University" in english
        and "Полоцкий государственный университет" not in english
    )
