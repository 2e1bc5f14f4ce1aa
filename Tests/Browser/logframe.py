#!/usr/bin/env python3
"""The logframe's indicator pages and a council member's dashboard in a real browser (headless Chromium, Selenium):
a coordinator signs in on the site, adds the indicator's owner to the directory through the organisation form and
then an indicator through its form (each after a form sent back with messages),
changes it, meets the "changed meanwhile" page with a stale form, and opens the deletion's confirmation; a council
member then sees their region in detail on the dashboard. Each of these pages is checked at 360 px and 1280 px in
Kyrgyz and Russian:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation.

The scene (the accounts, a Naryn council, a few appeals from Naryn) is set through the API with the first admin's
credentials. Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1 if any;
exits 3 when Chromium, chromedriver, Selenium or axe-core is missing. Run by Tests/OpenMediaTests/WebBrowserTests.swift.
"""
import uuid

from browser import Suite, api, emulate

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PASSWORD = "a long enough password for the browser"
STALE_HEADINGS = {"ky": "Ушул убакта бирөө бул көрсөткүчтү өзгөрттү", "ru": "Кто-то изменил этот показатель за это время"}


def set_the_scene(base, admin_email, admin_password):
    """A coordinator, a Naryn council with a member and three appeals from Naryn."""
    admin = api(base, "POST", "/api/v1/auth/login", {"email": admin_email, "password": admin_password})["accessToken"]
    coordinator = f"coordinator-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {"email": coordinator, "displayName": "Coordinator", "password": PASSWORD, "roles": ["coordinator"]}, admin)
    council = api(base, "POST", "/api/v1/organizations", {"type": "public_council", "name": {"en": "Naryn council"}, "regionCode": "KG-N"}, admin)
    member = f"member-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {
        "email": member, "displayName": "Council member", "password": PASSWORD, "roles": ["council_member"], "organizationId": council["id"]}, admin)
    for _ in range(3):
        api(base, "POST", "/api/v1/appeals", {
            "channel": "web", "regionCode": "KG-N", "categoryCode": "education", "language": "ky",
            "description": "The school refuses to enrol my daughter.", "consent": {"contact": False, "publication": False}})
    return coordinator, member


def main():
    suite = Suite("logframe")
    base = suite.base
    coordinator, member = set_the_scene(base, suite.admin_email, suite.admin_password)
    driver = suite.open_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    failures, check, send = suite.failures, suite.check, suite.send

    def sign_in(path, email):
        """Opens `path`, which sends the visitor to sign in, and signs in as `email`."""
        driver.get(base + path)
        suite.sign_in(email, PASSWORD)

    def width(name):
        columns, rows = WIDTHS[name]
        emulate(driver, columns, rows)
        return columns

    with suite:
        width("desktop")
        sign_in("/organizations/new?lang=ru", coordinator)
        if not driver.current_url.endswith("/organizations/new"):
            failures.append(f"sign-in: ended on {driver.current_url}")
        # The owner, added to the directory as a new deployment would: the empty form first, sent back with messages.
        send("main form button[type=submit]")
        if not driver.find_elements(By.ID, "f-type-error") or not driver.find_elements(By.ID, "f-name-error"):
            failures.append("an empty organisation form: no messages by the fields")
        Select(driver.find_element(By.ID, "f-type")).select_by_value("project_team")
        driver.find_element(By.ID, "f-name_ky").send_keys("Долбоордун командасы")
        driver.find_element(By.ID, "f-name_ru").send_keys("Команда проекта")
        send("main form button[type=submit]")
        if not driver.current_url.endswith("/organizations"):
            failures.append(f"adding an organisation: ended on {driver.current_url}: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")
        driver.get(f"{base}/logframe/new?lang=ru")
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
        Select(driver.find_element(By.ID, "f-ownerId")).select_by_visible_text("Команда проекта")
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
                driver.get(f"{base}/organizations?lang={language}")
                check(f"organisations {language} {width_name}", language, f"organizations-{language}-{columns}", columns)
                driver.get(f"{base}/organizations/new?lang={language}")
                send("main form button[type=submit]")
                check(f"new organisation with messages {language} {width_name}", language, f"organization-new-messages-{language}-{columns}", columns)
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


if __name__ == "__main__":
    main()
