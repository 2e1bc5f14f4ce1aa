#!/usr/bin/env python3
"""The staff pages for appeals in a real browser: a coordinator signs in on the site's sign-in page in headless
Chromium (Selenium), finds a submitted appeal in the inbox, opens its case page, moves it into verification,
records a fact-check, marks it verified and publishes a redacted copy, all through the forms; the copy then
appears in the public list. The inbox, the case page (also with a form sent back with messages) and the
"changed meanwhile" page are checked at 360 px and 1280 px in Kyrgyz and Russian:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation.

The scene (the coordinator's account, the appeal) is set through the API with the first admin's credentials.
Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1 if any; exits 3 when
Chromium, chromedriver, Selenium or axe-core is missing. Run by Tests/OpenMediaTests/WebBrowserTests.swift.
"""
import json
import uuid

from browser import Suite, api, emulate

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PASSWORD = "a long enough password for the browser"
TITLE = "A school refused a girl's enrolment"
STALE_HEADINGS = {"ky": "Бул кайрылууну ортодо башка бирөө өзгөрттү", "ru": "Кто-то уже изменил это обращение"}


def set_the_scene(base, admin_email, admin_password):
    """A coordinator's account and a submitted appeal whose appellant agreed to publication."""
    admin = api(base, "POST", "/api/v1/auth/login", {"email": admin_email, "password": admin_password})["accessToken"]
    email = f"coordinator-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {"email": email, "displayName": "Coordinator", "password": PASSWORD, "roles": ["coordinator"]}, admin)
    receipt = api(base, "POST", "/api/v1/appeals", {
        "channel": "web", "regionCode": "KG-N", "locality": "At-Bashy", "categoryCode": "education", "language": "ky",
        "description": "The school refuses to enrol my daughter.", "consent": {"contact": False, "publication": True}})
    return email, receipt["id"].lower()


def main():
    suite = Suite("staff")
    base = suite.base
    email, appeal = set_the_scene(base, suite.admin_email, suite.admin_password)
    driver = suite.open_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    case_path = f"/staff/appeals/{appeal}"
    failures, check, send = suite.failures, suite.check, suite.send

    def change(name, fill):
        """Opens the case page, unfolds form `name`, fills it and sends it; the answer must be the case page."""
        driver.get(base + case_path)
        driver.find_element(By.CSS_SELECTOR, f"#change-{name} summary").click()
        fill()
        send(f"#change-{name} button[type=submit]")
        if not driver.current_url.endswith(case_path):
            failures.append(f"{name}: ended on {driver.current_url}: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")

    with suite:
        emulate(driver, 1280, 900)
        # The coordinator is sent to sign in, and comes back to the inbox.
        driver.get(f"{base}/staff/appeals?lang=ru")
        suite.sign_in(email, PASSWORD)
        if "/staff/appeals" not in driver.current_url:
            failures.append(f"sign-in: ended on {driver.current_url}")
        send(f'a[href="{case_path}"]')
        stale_version = driver.find_element(By.CSS_SELECTOR, "#change-transition input[name=version]").get_attribute("value")

        change("transition", lambda: Select(driver.find_element(By.ID, "transition-to")).select_by_value("in_verification"))
        # A fact-check without its sources: the form comes back open, with the message by the field.
        driver.get(base + case_path)
        driver.find_element(By.CSS_SELECTOR, "#change-verification summary").click()
        driver.execute_script("document.getElementById('verification-sourcesChecked').removeAttribute('required')")
        Select(driver.find_element(By.ID, "verification-outcome")).select_by_value("confirmed")
        send("#change-verification button[type=submit]")
        if not driver.find_elements(By.ID, "verification-sourcesChecked-error"):
            failures.append("verification without sources: no message by the field")

        def fact_check():
            driver.find_element(By.ID, "verification-sourcesChecked").send_keys("school director\ndistrict education office")
            Select(driver.find_element(By.ID, "verification-outcome")).select_by_value("confirmed")
        change("verification", fact_check)
        change("transition", lambda: Select(driver.find_element(By.ID, "transition-to")).select_by_value("verified"))

        def publication():
            driver.find_element(By.ID, "publication-title_en").send_keys(TITLE)
            driver.find_element(By.ID, "publication-summary_en").send_keys("Resolved after a referral.")
        change("publication", publication)
        published = api(base, "GET", "/api/v1/appeals/published")
        if not any((item.get("title") or {}).get("en") == TITLE for item in published.get("items", [])):
            failures.append("publication: the copy is not on the public list")

        for width_name, (width, height) in WIDTHS.items():
            emulate(driver, width, height)
            for language in LANGUAGES:
                driver.get(f"{base}/staff/appeals?lang={language}")
                check(f"inbox {language} {width_name}", language, f"staff-inbox-{language}-{width}", width)
                driver.get(f"{base}{case_path}?lang={language}")
                check(f"case {language} {width_name}", language, f"staff-case-{language}-{width}", width)
                # A response without its text: the case page again, the form open with its messages.
                driver.find_element(By.CSS_SELECTOR, "#change-response summary").click()
                driver.execute_script("document.querySelectorAll('#change-response [required]').forEach(e => e.removeAttribute('required'))")
                send("#change-response button[type=submit]")
                driver.execute_script("document.querySelector('#change-response')?.scrollIntoView()")
                check(f"case with messages {language} {width_name}", language, f"staff-case-messages-{language}-{width}", width)
                # A form from before the changes above: the "changed meanwhile" page.
                driver.get(f"{base}{case_path}")
                driver.find_element(By.CSS_SELECTOR, "#change-transition summary").click()
                driver.execute_script(f"document.querySelector('#change-transition input[name=version]').value = {json.dumps(stale_version)}")
                # Chosen by script: at phone width a clicked <select> keeps its picker open over the page.
                driver.execute_script("document.getElementById('transition-to').selectedIndex = 1")
                driver.find_element(By.ID, "transition-note").send_keys("Nothing new.")
                send("#change-transition button[type=submit]")
                heading = driver.find_element(By.TAG_NAME, "h1").text
                if heading != STALE_HEADINGS[language]:
                    failures.append(f"stale {language} {width_name}: heading {heading!r}")
                check(f"stale {language} {width_name}", language, f"staff-stale-{language}-{width}", width)


if __name__ == "__main__":
    main()
