"""The pages in a real browser: headless Chromium (Debian's package) driven by Selenium.

A real uvicorn server on a free loopback port serves a real SQLite ledger
holding the reference article and a hostile one.  A user's path is clicked
through (ledger → testing-equipment claim → Peskov's confirmation → the
sentence in the article), and the hostile article's pages are opened with a
trap set: any script that runs sets ``window.__pwned``.  Screenshots go to
``artifacts/screenshots/`` for a human to look at.

Needs /usr/bin/chromium and /usr/bin/chromedriver (``run-tests.sh`` installs
them where it can: root with apt).  Without them the tests skip, except under
CI on a machine where the install was possible, where a skip would hide a
missing install step.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimledger.model import Article, Attribution, Claim, Entity, Stance
from claimledger.runner import ingest
from claimledger.store.db import Store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TRAP = "<script>window.__pwned=1</script>"
IMG_TRAP = '<img src=x onerror="window.__pwned=1">'

CAN_INSTALL = shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0
if not HAVE_BROWSER and os.environ.get("CI") and CAN_INSTALL:
    pytest.fail("CI could have installed chromium and chromedriver (run-tests.sh) but did not",
                pytrace=False)  # fmt: skip
pytestmark = pytest.mark.skipif(not HAVE_BROWSER, reason="chromium/chromedriver not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _hostile() -> Article:
    text = f"Officials said {TRAP} was fine and {IMG_TRAP} too. See javascript:window.__pwned=1 now."
    lo = text.index(TRAP)
    hi = text.index(" too")
    speaker = Entity(f"Agent {IMG_TRAP}", "PERSON", descriptors=[TRAP])
    att = Attribution(kind="indirect", content=text[lo:hi], content_span=(lo, hi),
                      source="Officials", source_span=(0, 9), speaker=speaker, cue="said",
                      cue_span=(10, 14), channel=TRAP)  # fmt: skip
    claim = Claim(f"{TRAP} hostile claim {IMG_TRAP}", "hostile claim", (lo, hi), [((lo, hi), 0)],
                  origin=0)  # fmt: skip
    return Article(text=text, title=f"Hostile {TRAP}{IMG_TRAP}", url="javascript:window.__pwned=1",
                   source="hostile.txt", published="2030-01-01", attributions=[att],
                   claims=[claim], stances=[Stance(0, 0, "denies", (lo, hi))])  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, reference_path: Path) -> Iterator[str]:
    import uvicorn

    from claimledger.api.app import create_app

    db = tmp_path_factory.mktemp("browser") / "ledger.db"
    with Store.open(db) as store:
        assert ingest([str(reference_path)], store).stored == 1
        store.save_batch([_hostile()], [])
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _shot(driver: object, name: str) -> None:
    driver.save_screenshot(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def test_click_through_to_peskovs_confirmation_and_its_sentence(server: str, browser: object) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server + "/")  # type: ignore[attr-defined]
    _shot(d, "ledger")
    link = next(a for a in d.find_elements(By.TAG_NAME, "a")  # type: ignore[attr-defined]
                if "testing equipment" in a.text)  # fmt: skip
    link.click()
    assert "/claims/" in d.current_url  # type: ignore[attr-defined]
    _shot(d, "claim-testing-equipment")
    body = d.find_element(By.TAG_NAME, "body").text  # type: ignore[attr-defined]
    assert "Dmitry Peskov" in body and "Bloomberg News" in body
    confirms = [el for el in d.find_elements(By.CSS_SELECTOR, ".stance-col-confirms li.stance")  # type: ignore[attr-defined]
                if "Dmitry Peskov" in el.text and "Bloomberg News" in el.text]  # fmt: skip
    assert confirms, "Peskov's confirmation is not shown in the confirms column"
    peskov = confirms[0]
    to_sentence = next(a for a in peskov.find_elements(By.TAG_NAME, "a")
                       if "#a" in (a.get_attribute("href") or ""))  # fmt: skip
    anchor = to_sentence.get_attribute("href").split("#", 1)[1]
    to_sentence.click()
    assert "/articles/" in d.current_url and d.current_url.endswith("#" + anchor)  # type: ignore[attr-defined]
    target = d.find_element(By.ID, anchor)  # type: ignore[attr-defined]
    assert "we also sent equipment" in target.text
    _shot(d, "article-sentence")


def test_hostile_article_renders_inert_on_every_page(server: str, browser: object) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server + "/?status=denied")  # type: ignore[attr-defined]
    hostile = [a.get_attribute("href") for a in d.find_elements(By.TAG_NAME, "a")  # type: ignore[attr-defined]
               if "hostile claim" in a.text]  # fmt: skip
    assert hostile, "the hostile claim is not listed"
    pages = ["/", "/?q=hostile", hostile[0]]
    d.get(hostile[0])  # type: ignore[attr-defined]
    pages += [a.get_attribute("href") for a in d.find_elements(By.TAG_NAME, "a")  # type: ignore[attr-defined]
              if "/articles/" in (a.get_attribute("href") or "")
              or "/sources/" in (a.get_attribute("href") or "")]  # fmt: skip
    seen = 0
    for url in dict.fromkeys(pages):
        d.get(url if url.startswith("http") else server + url)  # type: ignore[attr-defined]
        assert d.execute_script("return window.__pwned === undefined")  # type: ignore[attr-defined]
        hrefs = [a.get_attribute("href") or "" for a in d.find_elements(By.TAG_NAME, "a")]  # type: ignore[attr-defined]
        assert not any(h.lower().startswith("javascript:") for h in hrefs), url
        seen += 1
    assert seen >= 4
    _shot(d, "hostile-article")
    assert TRAP in d.find_element(By.TAG_NAME, "body").text  # shown as text, not run  # type: ignore[attr-defined]


def test_graph_page_draws_in_the_browser(server: str, browser: object) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.get(server + "/graph")  # type: ignore[attr-defined]
    edges = d.find_elements(By.CSS_SELECTOR, "svg.graph line.edge")  # type: ignore[attr-defined]
    assert len(edges) >= 10
    assert d.find_element(By.CSS_SELECTOR, "svg.graph").size["height"] > 100  # type: ignore[attr-defined]
    _shot(d, "graph")
