#!/usr/bin/env python3
"""The issue's newcomer, in headless Chromium (Selenium) against `openmedia` itself: opens the home page, switches
to Kyrgyz with the language links, follows the home page's link to the appeal form, sends an appeal and tracks it
with the receipt's code (at 360 px); then the first admin signs in on the site and opens the dashboard from the
home page, and a national stakeholder signs in and reads the dashboard's charts and tables, exact, at 360 px and
1280 px in Kyrgyz and Russian (language, no sideways scrolling, axe-core without serious or critical violations).

The dashboard's logframe indicator is set through the API as the admin. Screenshots go to --screenshots (not
committed). Prints one line per failure and exits 1 if any; exits 3 when Chromium, chromedriver, Selenium or
axe-core is missing. Run by Tests/OpenMediaTests/WebBrowserTests.swift.
"""
import os

from browser import Suite, click_and_wait, emulate, page_problems
from pages import api, screenshot, seed_dashboard, send_and_track

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
STAKEHOLDER_PASSWORD = "a long enough password for the minister"
# The seeded appeals from Naryn (two) and the newcomer's own: exact for those signed in, "<5" for the public.
NARYN = {"ky": "Нарын облусу", "ru": "Нарынская область"}


def sign_in(driver, base, email, password):
    """Signs in with the site's form, a fresh browser session; the page signing in leads to is shown."""
    driver.delete_all_cookies()
    driver.get(f"{base}/sign-in")
    driver.find_element("id", "email").send_keys(email)
    driver.find_element("id", "password").send_keys(password)
    click_and_wait(driver, "main form button[type=submit]")


def naryn_cell(driver, language):
    """The dashboard's figure for Naryn in the first indicator's table by region."""
    for row in driver.find_elements("css selector", "main table tr"):
        headers = row.find_elements("css selector", "th[scope=row]")
        if headers and headers[0].text == NARYN[language]:
            return row.find_element("css selector", "td").text
    return None


def check_dashboard(driver, where, language, failures, exact):
    """Charts and tables drawn, Naryn's figure as this reader may see it."""
    charts = len(driver.find_elements("css selector", "main svg"))
    tables = len(driver.find_elements("css selector", "main table"))
    if charts < 2 or tables < 2:
        failures.append(f"{where}: {charts} charts and {tables} tables")
    cell = naryn_cell(driver, language)
    expected = "3" if exact else "<5"
    if cell != expected:
        failures.append(f"{where}: Naryn shows {cell!r}, expected {expected!r}")


def main():
    suite = Suite("newcomer")
    base, screenshots, failures = suite.base, suite.screenshots, suite.failures
    admin = seed_dashboard(base, suite.admin_email, suite.admin_password)
    stakeholder = "minister@example.org"
    status, _, _ = api(base, "POST", "/api/v1/users", admin, {
        "email": stakeholder, "displayName": "Minister", "password": STAKEHOLDER_PASSWORD, "roles": ["stakeholder"]})
    if status != 201:
        raise SystemExit(f"POST /api/v1/users answered {status}")

    driver = suite.open_browser()
    with suite:
        # The newcomer, on a phone: the home page in the browser's language, then Kyrgyz chosen from the links.
        emulate(driver, 360, 780)
        driver.get(f"{base}/")
        click_and_wait(driver, "nav.languages a[hreflang=ky]")
        screenshot(driver, os.path.join(screenshots, "newcomer-home-ky-360.png"))
        failures.extend(page_problems(driver, suite.axe_script, "home after switching", "ky", 360))
        # The choice is remembered: the form, reached by the home page's link, is in Kyrgyz without asking again.
        click_and_wait(driver, "main a[href='/appeals/new']")
        if driver.execute_script("return document.documentElement.lang") != "ky" or "lang=" in driver.current_url:
            failures.append(f"the language chosen is not remembered on {driver.current_url}")
        if not send_and_track(driver, base, screenshots, failures, open_form=False):
            failures.append("the newcomer could not send and track an appeal")

        # The admin, signed in on the site, opens the dashboard from the home page.
        emulate(driver, 1280, 900)
        sign_in(driver, base, suite.admin_email, suite.admin_password)
        driver.get(f"{base}/?lang=ky")
        click_and_wait(driver, "main a[href='/dashboard']")
        screenshot(driver, os.path.join(screenshots, "newcomer-admin-dashboard-ky-1280.png"))
        check_dashboard(driver, "admin's dashboard", "ky", failures, exact=True)

        # A national stakeholder reads the dashboard at both widths in both languages; the public sees "<5".
        sign_in(driver, base, stakeholder, STAKEHOLDER_PASSWORD)
        for width_name, (width, height) in WIDTHS.items():
            emulate(driver, width, height)
            for language in LANGUAGES:
                where = f"stakeholder's dashboard {language} {width_name}"
                driver.get(f"{base}/dashboard?lang={language}")
                screenshot(driver, os.path.join(screenshots, f"stakeholder-dashboard-{language}-{width}.png"))
                check_dashboard(driver, where, language, failures, exact=True)
                failures.extend(page_problems(driver, suite.axe_script, where, language, width))
        driver.delete_all_cookies()
        driver.get(f"{base}/dashboard?lang=ru")
        check_dashboard(driver, "the public's dashboard", "ru", failures, exact=False)


if __name__ == "__main__":
    main()
