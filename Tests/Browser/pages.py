#!/usr/bin/env python3
"""The browser suite: drives the platform's pages in headless Chromium (Selenium) at a phone width and a
desktop width, in Kyrgyz and Russian, and checks what a person and the budgets need:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation;
- a first load transfers under 60 KB (images aside) and requests nothing from another origin;
- every link on the page to the site itself opens for someone not signed in;
- a browser's unknown address gets the error page in its language;
- a citizen sends an appeal through the form and tracks it with the code the receipt shows; once it is
  published (through the API, as the admin), the public pages are checked with it: the home page, the
  published list and the appeal's page, the appeal form and the tracking form.

Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1 if any;
exits 3 when Chromium, chromedriver, Selenium or axe-core is missing.
Run by Tests/GatewayTests/WebBrowserTests.swift against a live gateway.
"""
import json
import os
import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

from browser import Suite, click_and_wait, emulate, page_problems

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PAGES = {"home": "/", "dashboard": "/dashboard", "appeals": "/appeals", "appeal-form": "/appeals/new", "track": "/track"}
PAGE_BUDGET_BYTES = 60_000
ERROR_HEADINGS = {"ky": "Баракча табылган жок", "ru": "Страница не найдена"}
# What the citizen of the scenario writes: their appeal is the one published.
SCENARIO_DESCRIPTION = "Кызымды мектепке алышпай жатат."


LINK_STATUSES = {}


def link_status(url):
    """The status a person not signed in gets for `url` (asked once per address)."""
    if url not in LINK_STATUSES:
        LINK_STATUSES[url] = fetch_status(url)
    return LINK_STATUSES[url]


def fetch_status(url):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/html,*/*"}), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def api(base, method, path, token=None, body=None, headers=None):
    """Calls the gateway's API; returns (status, headers, JSON body or None)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return response.status, response.headers, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, error.headers, None


def seed_dashboard(base, email, password):
    """A public logframe indicator over appeals and eight appeals (none for publication), so the dashboard has
    tables, charts and suppressed cells to show; through the API as the admin."""
    status, _, session = api(base, "POST", "/api/v1/auth/login", body={"email": email, "password": password})
    if status != 200:
        raise SystemExit(f"the admin cannot sign in ({status})")
    token = session["accessToken"]
    status, _, owner = api(base, "POST", "/api/v1/organizations", token, {"type": "project_team", "name": {"en": "Project team"}})
    if status != 201:
        raise SystemExit(f"POST /api/v1/organizations answered {status}")
    year = time.gmtime().tm_year
    status, _, _ = api(base, "POST", "/api/v1/logframe/indicators", token, {
        "code": "1.1", "name": {"ky": "Кабыл алынган кайрылуулар", "ru": "Получено обращений", "en": "Appeals received"},
        "unit": "count", "sourceIndicator": "appeals.received", "disaggregations": ["region", "sex"],
        "baseline": {"period": "2025", "value": 50}, "targets": [{"period": str(year), "value": 100}],
        "ownerId": owner["id"], "visibility": "public"})
    if status != 201:
        raise SystemExit(f"POST /api/v1/logframe/indicators answered {status}")
    for region in ["KG-N"] * 2 + ["KG-C"] * 6:
        status, _, _ = api(base, "POST", "/api/v1/appeals", body={
            "channel": "web", "regionCode": region, "categoryCode": "education", "language": "ky",
            "description": "The school refuses to enrol my daughter.", "consent": {"contact": False, "publication": False}})
        if status != 201:
            raise SystemExit(f"POST /api/v1/appeals answered {status}")
    return token


def screenshot(driver, path):
    """Saves the whole page, not only the window: the viewport is made as tall as the page for the picture."""
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    full = driver.execute_script("return document.documentElement.scrollHeight")
    metrics = {"width": width, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": max(full, height)})
    driver.save_screenshot(path)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})


def send_and_track(driver, base, screenshots, failures, open_form=True):
    """A citizen sends an appeal through the form in Kyrgyz at phone width and tracks it with the receipt's code;
    the form is opened afresh unless `open_form` is false (the browser shows it already)."""
    from selenium.webdriver.support.ui import Select
    if open_form:
        driver.delete_all_cookies()
        driver.get(f"{base}/appeals/new?lang=ky")
    description = SCENARIO_DESCRIPTION
    driver.find_element("id", "f-description").send_keys(description)
    # Sent without a category and a region: the form again, both messages at once in Kyrgyz, what was typed kept.
    click_and_wait(driver, "form.stacked button[type=submit]")
    screenshot(driver, os.path.join(screenshots, "scenario-errors-ky.png"))
    messages = [element.text for element in driver.find_elements("css selector", ".error-summary li")]
    if messages != ["Кайрылуу кайсы укук жөнүндө экенин тандаңыз.", "Бул болгон аймакты тандаңыз."]:
        failures.append(f"send: the form's messages are {messages}")
    if driver.find_element("id", "f-description").get_attribute("value") != description:
        failures.append("send: the description typed was lost")
    Select(driver.find_element("id", "f-categoryCode")).select_by_value("education")
    Select(driver.find_element("id", "f-regionCode")).select_by_value("KG-N")
    driver.find_element("id", "f-locality").send_keys("Ат-Башы")
    driver.find_element("id", "f-consent_publication").click()
    screenshot(driver, os.path.join(screenshots, "scenario-form-ky.png"))
    click_and_wait(driver, "form.stacked button[type=submit]")
    if driver.find_element("tag name", "h1").text != "Кайрылууңуз кабыл алынды":
        failures.append(f"send: no receipt, the page says {driver.find_element('tag name', 'h1').text!r}")
        return None
    screenshot(driver, os.path.join(screenshots, "scenario-receipt-ky.png"))
    code = driver.find_element("id", "tracking-code").get_attribute("value")
    if not re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code or ""):
        failures.append(f"send: the receipt's code {code!r} is not a tracking code")
        return None
    if code in driver.current_url:
        failures.append("send: the tracking code is in the address")
    # The copy button is the script's, added to what works without it.
    buttons = [button.text for button in driver.find_elements("css selector", ".copy-code button")]
    if buttons != ["Кодду көчүрүү"]:
        failures.append(f"send: the copy button is missing ({buttons})")
    click_and_wait(driver, "main a[href='/track']")
    driver.find_element("id", "code").send_keys(code.lower().replace("-", " "))
    click_and_wait(driver, "form.stacked button[type=submit]")
    screenshot(driver, os.path.join(screenshots, "scenario-tracked-ky.png"))
    status = driver.find_element("css selector", ".status-now strong").text
    if status != "Кабыл алынды":
        failures.append(f"track: status {status!r}, expected Кабыл алынды")
    if code in driver.current_url or code.lower() in driver.current_url:
        failures.append("track: the tracking code is in the address")
    return code


def publish(base, email, password, description, failures):
    """Publishes the appeals described as `description` through the API as the admin; returns the public page of one."""
    status, _, session = api(base, "POST", "/api/v1/auth/login", body={"email": email, "password": password})
    if status != 200:
        failures.append(f"publish: the admin cannot sign in ({status})")
        return None
    token = session["accessToken"]
    _, _, listing = api(base, "GET", "/api/v1/appeals", token)
    for appeal in (listing or {}).get("items", []):
        if appeal.get("description") != description:
            continue  # another test's appeal (the dashboard's are sent without consent to publication)
        path = f"/api/v1/appeals/{appeal['id']}"
        for body, suffix in (({"to": "in_verification"}, "/transitions"), ({"to": "verified"}, "/transitions"),
                             ({"title": {"ky": "Мектеп кызды кабыл алды", "ru": "Школа приняла девочку"},
                               "summary": {"ky": "Билим берүү башкармалыгына жөнөтүлдү.", "ru": "Передано в управление образования."}},
                              "/publication")):
            _, headers, _ = api(base, "GET", path, token)
            status, _, _ = api(base, "POST", path + suffix, token, body, {"If-Match": headers.get("ETag", "")})
            if status != 200:
                failures.append(f"publish: {suffix} answered {status}")
    _, _, published = api(base, "GET", "/api/v1/appeals/published")
    items = (published or {}).get("items", [])
    if not items:
        failures.append("publish: nothing is on the public list")
        return None
    return f"/appeals/{items[0]['id']}"


def main():
    suite = Suite("pages")
    base, screenshots, failures = suite.base, suite.screenshots, suite.failures
    seed_dashboard(base, suite.admin_email, suite.admin_password)
    origin = urlparse(base).netloc
    driver = suite.open_browser()
    with suite:
        emulate(driver, 360, 780)
        try:
            code = send_and_track(driver, base, screenshots, failures)
        except Exception as error:  # a scenario's failure is reported; the pages are checked all the same
            failures.append(f"send and track: {type(error).__name__}: {error}")
            screenshot(driver, os.path.join(screenshots, "scenario-failed.png"))
            code = None
        if code:
            detail = publish(base, suite.admin_email, suite.admin_password, SCENARIO_DESCRIPTION, failures)
            if detail:
                PAGES["appeal"] = detail
        for width_name, (width, height) in WIDTHS.items():
            emulate(driver, width, height)
            for language in LANGUAGES:
                for page, path in PAGES.items():
                    where = f"{page} {language} {width_name}"
                    driver.execute_cdp_cmd("Network.enable", {})
                    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                    driver.delete_all_cookies()
                    driver.get(f"{base}{path}?lang={language}")
                    screenshot(driver, os.path.join(screenshots, f"{page}-{language}-{width}.png"))
                    resources = driver.execute_script(
                        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        ".map(e => [e.name, e.transferSize || e.encodedBodySize || 0, e.initiatorType])")
                    foreign = [name for name, _, _ in resources if urlparse(name).netloc not in ("", origin)]
                    if foreign:
                        failures.append(f"{where}: requests another origin: {foreign}")
                    weight = sum(size for _, size, kind in resources if kind != "img")
                    if weight >= PAGE_BUDGET_BYTES:
                        failures.append(f"{where}: {weight} bytes transferred, budget {PAGE_BUDGET_BYTES}")
                    for href in driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)"):
                        if urlparse(href).netloc == origin and (status := link_status(href)) >= 400:
                            failures.append(f"{where}: the link {href} answers {status}")
                    failures.extend(page_problems(driver, suite.axe_script, where, language, width))
                # A browser's unknown address: the error page, in its language.
                driver.get(f"{base}/no-such-page?lang={language}")
                screenshot(driver, os.path.join(screenshots, f"not-found-{language}-{width}.png"))
                heading = driver.find_element("tag name", "h1").text
                if heading != ERROR_HEADINGS[language]:
                    failures.append(f"not-found {language} {width_name}: heading {heading!r}")


if __name__ == "__main__":
    main()
