#!/usr/bin/env python3
"""The logframe's indicator pages and a council member's dashboard in a real browser (headless Chromium, Selenium):
a coordinator signs in on the site, adds an indicator through the form (after a form sent back with messages),
changes it, meets the "changed meanwhile" page with a stale form, and opens the deletion's confirmation; a council
member then sees their region in detail on the dashboard. Each of these pages is checked at 360 px and 1280 px in
Kyrgyz and Russian:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation.

The scene (the accounts, the owner, a few appeals from Naryn) is set through the API with the first admin's
credentials. Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1 if any;
exits 3 when Chromium, chromedriver, Selenium or axe-core is missing. Run by Tests/OpenMediaTests/WebBrowserTests.swift.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request
import uuid

from browser import chromium_driver, missing

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PASSWORD = "a long enough password for the browser"
STALE_HEADINGS = {"ky": "Ушул убакта бирөө бул көрсөткүчтү өзгөрттү", "ru": "Кто-то изменил этот показатель за это время"}


def api(base, method, path, body=None, token=None):
    """Calls the platform's API through the gateway and returns the decoded answer."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {path} answered {error.code}: {error.read()[:500]!r}")


def set_the_scene(base, admin_email, admin_password):
    """A coordinator, a Naryn council with a member, an owner organisation and three appeals from Naryn."""
    admin = api(base, "POST", "/api/v1/auth/login", {"email": admin_email, "password": admin_password})["accessToken"]
    coordinator = f"coordinator-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {"email": coordinator, "displayName": "Coordinator", "password": PASSWORD, "roles": ["coordinator"]}, admin)
    council = api(base, "POST", "/api/v1/organizations", {"type": "public_council", "name": {"en": "Naryn council"}, "regionCode": "KG-N"}, admin)
    member = f"member-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {
        "email": member, "displayName": "Council member", "password": PASSWORD, "roles": ["council_member"], "organizationId": council["id"]}, admin)
    owner = api(base, "POST", "/api/v1/organizations", {"type": "project_team", "name": {"en": "Project team"}}, admin)
    for _ in range(3):
        api(base, "POST", "/api/v1/appeals", {
            "channel": "web", "regionCode": "KG-N", "categoryCode": "education", "language": "ky",
            "description": "The school refuses to enrol my daughter.", "consent": {"contact": False, "publication": False}})
    return coordinator, member, owner["id"].lower()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    args = parser.parse_args()
    try:
        import axe_playwright_python
        axe_script = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()
    except (ImportError, OSError):
        missing("axe-core is not installed (pip install --no-deps axe-playwright-python)")

    os.makedirs(args.screenshots, exist_ok=True)
    base = args.base.rstrip("/")
    coordinator, member, owner = set_the_scene(base, args.admin_email, args.admin_password)
    driver = chromium_driver()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    failures = []

    def check(where, language, shot, width):
        """The language, no sideways scrolling and axe-core on the page now shown, with its screenshot."""
        driver.save_screenshot(os.path.join(args.screenshots, f"{shot}.png"))
        if driver.execute_script("return document.documentElement.lang") != language:
            failures.append(f"{where}: <html lang> is not {language}")
        # Against the emulated width, not innerWidth: a phone widens its layout viewport to content that overflows.
        scroll = driver.execute_script("return document.documentElement.scrollWidth")
        if scroll > width:
            failures.append(f"{where}: scrolls sideways ({scroll} px wide in {width} px)")
        driver.execute_script(axe_script)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
            ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
        for violation in json.loads(result):
            if violation.get("impact") in ("serious", "critical"):
                failures.append(f"{where}: axe {violation['impact']} {violation['id']}: {violation.get('help')}")

    def send(button_selector):
        """Clicks a form's button and waits for the page the form leads to."""
        driver.execute_script("window.logframeSuiteOldPage = true")
        driver.find_element(By.CSS_SELECTOR, button_selector).click()
        WebDriverWait(driver, 30, ignored_exceptions=(Exception,)).until(
            lambda d: d.execute_script("return document.readyState === 'complete' && window.logframeSuiteOldPage === undefined"))

    def sign_in(path, email):
        """Opens `path`, which sends the visitor to sign in, and signs in as `email`."""
        driver.get(base + path)
        driver.find_element(By.ID, "email").send_keys(email)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        send("main form button[type=submit]")

    def width(name):
        columns, rows = WIDTHS[name]
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": columns, "height": rows, "deviceScaleFactor": 1, "mobile": columns < 600})
        return columns

    try:
        width("desktop")
        sign_in("/logframe/new?lang=ru", coordinator)
        if not driver.current_url.endswith("/logframe/new"):
            failures.append(f"sign-in: ended on {driver.current_url}")
        # The empty form: sent back with the messages by the fields.
        send("main form button[type=submit]")
        if not driver.find_elements(By.ID, "f-code-error") or not driver.find_elements(By.ID, "f-name-error"):
            failures.append("an empty indicator form: no messages by the fields")
        driver.find_element(By.ID, "f-code").send_keys("1.1")
        driver.find_element(By.ID, "f-name_ky").send_keys("Кабыл алынган кайрылуулар")
        driver.find_element(By.ID, "f-name_ru").send_keys("Получено обращений")
        driver.find_element(By.ID, "f-sourceIndicator").send_keys("appeals.received")
        driver.find_element(By.ID, "d-sex").click()
        driver.find_element(By.ID, "f-baseline_period").send_keys("2025")
        driver.find_element(By.ID, "f-baseline_value").send_keys("10")
        Select(driver.find_element(By.ID, "f-ownerId")).select_by_value(owner)
        send("main form button[type=submit]")
        if not driver.current_url.endswith("/logframe"):
            failures.append(f"creating an indicator: ended on {driver.current_url}: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")
        edit = driver.find_element(By.CSS_SELECTOR, "a[href$='/edit']").get_attribute("href")
        delete = driver.find_element(By.CSS_SELECTOR, "a[href$='/delete']").get_attribute("href")
        driver.get(edit)
        driver.find_element(By.ID, "f-definition_ru").send_keys("Обращения, полученные за период")
        send("main form button[type=submit]")
        if not driver.current_url.endswith("/logframe"):
            failures.append(f"changing an indicator: ended on {driver.current_url}")

        for width_name in WIDTHS:
            columns = width(width_name)
            for language in LANGUAGES:
                driver.get(f"{base}/logframe?lang={language}")
                check(f"logframe {language} {width_name}", language, f"logframe-{language}-{columns}", columns)
                driver.get(f"{base}/logframe/new?lang={language}")
                check(f"new indicator {language} {width_name}", language, f"logframe-new-{language}-{columns}", columns)
                send("main form button[type=submit]")
                check(f"new indicator with messages {language} {width_name}", language, f"logframe-new-messages-{language}-{columns}", columns)
                driver.get(f"{edit}?lang={language}")
                check(f"edit indicator {language} {width_name}", language, f"logframe-edit-{language}-{columns}", columns)
                # A form from before the last change: the "changed meanwhile" page, nothing saved.
                driver.execute_script("document.querySelector('main form input[name=version]').value = '1'")
                send("main form button[type=submit]")
                heading = driver.find_element(By.TAG_NAME, "h1").text
                if heading != STALE_HEADINGS[language]:
                    failures.append(f"stale {language} {width_name}: heading {heading!r}")
                check(f"stale {language} {width_name}", language, f"logframe-stale-{language}-{columns}", columns)
                driver.get(f"{delete}?lang={language}")
                check(f"delete indicator {language} {width_name}", language, f"logframe-delete-{language}-{columns}", columns)

        # The council member: the country's figures and their region in detail.
        driver.delete_all_cookies()
        width("desktop")
        sign_in("/sign-in", member)
        for width_name in WIDTHS:
            columns = width(width_name)
            for language in LANGUAGES:
                driver.get(f"{base}/dashboard?lang={language}")
                if not driver.find_elements(By.ID, "region-title"):
                    failures.append(f"dashboard {language} {width_name}: no region in detail for the council member")
                check(f"council dashboard {language} {width_name}", language, f"council-dashboard-{language}-{columns}", columns)
    except Exception as error:  # what the page showed when a step failed, for the report
        driver.save_screenshot(os.path.join(args.screenshots, "logframe-failure.png"))
        failures.append(f"stopped at {driver.current_url}: {type(error).__name__} {str(error)[:300]}: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")
    finally:
        driver.quit()
    for failure in failures:
        print(failure)
    print(f"logframe browser suite: {len(failures)} failure(s); screenshots in {args.screenshots}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
