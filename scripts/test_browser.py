#!/usr/bin/env python3
"""The HTML audit page in a real browser (headless Chromium through Selenium): the legend
lists every speaker, a filter hides the others, a click on a quote reaches its row and
back, a print to PDF carries the speakers' names, and the review export gives the
expected CSV. Screenshots (wide, 400 px) and the PDFs go to out/browser/ for a person to
look at. Run by `make test-browser`; `make test` does not run it.
"""
import base64
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.common.by import By

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "whosaid")
OUT = os.path.join(ROOT, "out", "browser")
ARTICLES = ["Fixtures/harbour-strike.txt", "Fixtures/town-hall-20-speakers.txt"]


def rows_of(article):
    out = subprocess.run([BIN, "--format", "jsonl", article], cwd=ROOT, capture_output=True, check=True).stdout
    return json.loads(out)["quotes"]


def browser(downloads):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message)


def test_article(driver, article, downloads):
    name = os.path.splitext(os.path.basename(article))[0]
    page = os.path.join(OUT, name + ".html")
    subprocess.run([BIN, "--format", "html", "-o", page, article], cwd=ROOT, check=True)
    quotes = rows_of(article)
    speakers = sorted({q["speaker"] or "no speaker" for q in quotes})
    driver.set_window_size(1200, 1600)
    driver.get("file://" + page)
    driver.execute_script("localStorage.clear()")
    driver.get("file://" + page)

    # The legend lists every speaker, with a colour no other speaker has.
    labels = driver.find_elements(By.CSS_SELECTOR, ".legend label.speaker")
    listed = sorted(l.text.rsplit(" ", 1)[0].strip() for l in labels)
    check(listed == speakers, f"{name}: the legend lists all {len(speakers)} speakers")
    looks = [l.find_element(By.CSS_SELECTOR, ".swatch").get_attribute("style") for l in labels]
    check(len(set(looks)) == len(looks), f"{name}: no two speakers share a colour and outline")

    # Every quote shows its speaker's name beside it.
    names = [s.text.rstrip("?") for s in driver.find_elements(By.CSS_SELECTOR, "sup.who")]
    check(sorted(set(names)) == speakers, f"{name}: each speaker is named inline")
    driver.save_screenshot(os.path.join(OUT, name + "-wide.png"))

    # A filter on one speaker hides the others' rows and highlights.
    keep = quotes[0]["speaker"]
    for box in driver.find_elements(By.CSS_SELECTOR, "input[data-filter=speaker]"):
        if box.get_attribute("value") != keep:
            box.click()
    visible = [r for r in driver.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]
    check(len(visible) == sum(1 for q in quotes if q["speaker"] == keep) and
          all(r.get_attribute("data-speaker") == keep for r in visible), f"{name}: the filter shows only {keep}")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[data-filter=speaker]"):
        if not box.is_selected():
            box.click()

    # A click on a quote reaches its row, and the row's link leads back.
    driver.find_element(By.CSS_SELECTOR, "a.hl").click()
    check(driver.execute_script("return location.hash") == "#d1-row-q1", f"{name}: the quote links to its row")
    driver.find_element(By.CSS_SELECTOR, "#d1-row-q1 a").click()
    check(driver.execute_script("return location.hash") == "#d1-q1", f"{name}: the row links back to the quote")

    # Printed to PDF, the page names every speaker.
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})["data"])
    pdf_path = os.path.join(OUT, name + ".pdf")
    with open(pdf_path, "wb") as f:
        f.write(pdf)
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, check=True).stdout.decode()
    flat = " ".join(text.split())
    missing = [s for s in speakers if s not in flat]
    check(not missing, f"{name}: the PDF names every speaker (missing: {missing})")

    # Review: mark q1 wrong with a corrected speaker, q2 right; export.
    driver.find_element(By.ID, "review-mode").click()
    driver.find_element(By.CSS_SELECTOR, "#d1-row-q1 input[value=wrong]").click()
    driver.find_element(By.CSS_SELECTOR, "#d1-row-q1 input.fix").send_keys("Jane Roe")
    driver.find_element(By.CSS_SELECTOR, "#d1-row-q2 input[value=right]").click()
    expected = [["document", "id", "start", "end", "verdict", "corrected_speaker"],
                [article, "q1", str(quotes[0]["start"]), str(quotes[0]["end"]), "wrong", "Jane Roe"],
                [article, "q2", str(quotes[1]["start"]), str(quotes[1]["end"]), "right", ""]]
    for old in os.listdir(downloads):
        os.remove(os.path.join(downloads, old))
    driver.find_element(By.ID, "export").click()
    path = os.path.join(downloads, "corrections.csv")
    for _ in range(50):
        if os.path.exists(path):
            break
        time.sleep(0.1)
    with open(path, newline="", encoding="utf-8") as f:
        exported = list(csv.reader(f))
    check(exported == expected, f"{name}: the export is the expected CSV")
    # The review survives a reload (kept in the browser).
    driver.refresh()
    check(driver.find_element(By.CSS_SELECTOR, "#d1-row-q1 input[value=wrong]").is_selected(),
          f"{name}: the review is kept across a reload")

    # On a phone the table scrolls instead of being cut.
    driver.set_window_size(400, 900)
    driver.get("file://" + page)
    scroll = driver.find_element(By.CSS_SELECTOR, ".scroll")
    check(driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", scroll)
          and driver.execute_script("return getComputedStyle(arguments[0]).overflowX", scroll) == "auto",
          f"{name}: at 400 px the table scrolls")
    driver.save_screenshot(os.path.join(OUT, name + "-400px.png"))


def main():
    os.makedirs(OUT, exist_ok=True)
    downloads = tempfile.mkdtemp(prefix="whosaid-downloads-")
    driver = browser(downloads)
    try:
        for article in ARTICLES:
            test_article(driver, article, downloads)
    finally:
        driver.quit()
    print(f"browser: all checks passed; screenshots and PDFs in {OUT}")


if __name__ == "__main__":
    main()
