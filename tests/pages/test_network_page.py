"""The network explorer in a real browser: nodes drawn, a click shows partners and evidence."""

from __future__ import annotations

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
