#!/usr/bin/env python3
"""The browser suite: drives the platform's pages in headless Chromium (Selenium) at a phone width and a
desktop width, in Kyrgyz and Russian, and checks what a person and the budgets need:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation;
- a first load transfers under 60 KB (images aside) and requests nothing from another origin;
- every link on the page to the site itself opens for someone not signed in;
- a browser's unknown address gets the error page in its language.

Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1 if any;
exits 3 when Chromium, chromedriver, Selenium or axe-core is missing.
Run by Tests/GatewayTests/WebBrowserTests.swift against a live gateway.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from urllib.parse import urlparse

from browser import chromium_driver, missing

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PAGES = {"home": "/"}
PAGE_BUDGET_BYTES = 60_000
ERROR_HEADINGS = {"ky": "Баракча табылган жок", "ru": "Страница не найдена"}


def link_status(url):
    """The status a person not signed in gets for `url`."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/html,*/*"}), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    try:
        import axe_playwright_python
        axe_script = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()
    except (ImportError, OSError):
        missing("axe-core is not installed (pip install --no-deps axe-playwright-python)")

    os.makedirs(args.screenshots, exist_ok=True)
    origin = urlparse(args.base).netloc
    failures = []
    driver = chromium_driver()
    try:
        for width_name, (width, height) in WIDTHS.items():
            # --window-size cannot go below about 500 px in headless Chromium; device metrics can.
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
            for language in LANGUAGES:
                for page, path in PAGES.items():
                    where = f"{page} {language} {width_name}"
                    driver.execute_cdp_cmd("Network.enable", {})
                    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                    driver.delete_all_cookies()
                    driver.get(f"{args.base}{path}?lang={language}")
                    driver.save_screenshot(os.path.join(args.screenshots, f"{page}-{language}-{width}.png"))
                    if driver.execute_script("return document.documentElement.lang") != language:
                        failures.append(f"{where}: <html lang> is not {language}")
                    inner, scroll = driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
                    if scroll > inner:
                        failures.append(f"{where}: scrolls sideways ({scroll} px wide in {inner} px)")
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
                    driver.execute_script(axe_script)
                    result = driver.execute_async_script(
                        "const done = arguments[arguments.length - 1];"
                        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
                        ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
                    for violation in json.loads(result):
                        if violation.get("impact") in ("serious", "critical"):
                            failures.append(f"{where}: axe {violation['impact']} {violation['id']}: {violation.get('help')}")
                # A browser's unknown address: the error page, in its language.
                driver.get(f"{args.base}/no-such-page?lang={language}")
                driver.save_screenshot(os.path.join(args.screenshots, f"not-found-{language}-{width}.png"))
                heading = driver.find_element("tag name", "h1").text
                if heading != ERROR_HEADINGS[language]:
                    failures.append(f"not-found {language} {width_name}: heading {heading!r}")
    finally:
        driver.quit()
    for failure in failures:
        print(failure)
    print(f"browser suite: {len(failures)} failure(s); screenshots in {args.screenshots}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
