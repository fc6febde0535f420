"""A real headless Chromium (Debian's ``chromium`` and ``chromium-driver``).

Chromium is an optional system package for a developer: without it the page
tests skip and say what to install. CI (``CI`` set) installs it, so there a
missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from coopgraph.api.settings import Settings
from tests.conftest import LiveServer

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    if CHROMIUM is None or DRIVER is None:
        missing = "chromium and chromium-driver"
        message = f"page tests need {missing}: sudo apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    # explicit paths: Selenium must not try to download a driver
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def bilingual(bilingual_store_dir: Path) -> Iterator[LiveServer]:
    """A live server on the sample corpus and its Russian companion."""
    with LiveServer(Settings(data_dir=bilingual_store_dir)) as server:
        yield server
