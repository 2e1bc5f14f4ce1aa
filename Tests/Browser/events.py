#!/usr/bin/env python3
"""The event pages in a real browser: a coordinator signs in on the site's sign-in page in headless Chromium
(Selenium), creates a hearing in Naryn through the new-event form (first with a problem, which comes back by the
field), adds an agenda item, publishes it and opens registration, all through the forms; the public then finds it
in the calendar and reads its agenda, and the organiser's and the duty-bearer's scorecards with the recommendations
listed, each with its public page. A citizen on a 360 px phone registers on the
event page and gets a code; the coordinator checks them in with it on the door page, then holds the event; the
invitations, report and recommendations pages are checked too. Every event page is checked at 360 px and 1280 px in Kyrgyz
and Russian:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation.

The scene (the coordinator's account, the organiser) is set through the API with the first admin's credentials.
Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1 if any; exits 3 when
Chromium, chromedriver, Selenium or axe-core is missing. Run by Tests/OpenMediaTests/WebBrowserTests.swift.
"""
import uuid

from browser import Suite, api, emulate

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PASSWORD = "a long enough password for the browser"
TITLE = "Public hearing on water in At-Bashy"


def set_the_scene(base, admin_email, admin_password):
    """A coordinator's account and the Naryn Public Council they act for."""
    admin = api(base, "POST", "/api/v1/auth/login", {"email": admin_email, "password": admin_password})["accessToken"]
    council = api(base, "POST", "/api/v1/organizations", {"type": "public_council", "name": {"ky": "Нарын коомдук кеңеши"}, "regionCode": "KG-N"}, admin)
    email = f"coordinator-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {
        "email": email, "displayName": "Coordinator", "password": PASSWORD, "roles": ["coordinator"], "organizationId": council["id"]}, admin)
    return email, council["id"].lower(), admin


def main():
    suite = Suite("events")
    base = suite.base
    email, council, admin = set_the_scene(base, suite.admin_email, suite.admin_password)
    driver = suite.open_browser()
    from selenium.webdriver.common.by import By
    failures, check, send = suite.failures, suite.check, suite.send

    def fill(values):
        """Sets form fields by id (by script: date and time inputs take typed text by the browser's locale)."""
        for field, value in values.items():
            driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", field, value)

    with suite:
        emulate(driver, 1280, 900)
        driver.get(f"{base}/staff/events/new?lang=ru")
        suite.sign_in(email, PASSWORD)
        if "/staff/events/new" not in driver.current_url:
            failures.append(f"sign-in: ended on {driver.current_url}")
        event_fields = {
            "f-type": "hearing", "f-title_ky": "Коомдук угуу: суу", "f-title_ru": "Слушания о воде", "f-title_en": TITLE,
            "f-day": "2027-03-10", "f-startTime": "10:00", "f-endTime": "14:00", "f-format": "in_person", "f-region": "KG-N",
            "f-locality": "Ат-Башы", "f-organizerId": council,
        }
        # An end before the start: the form again, the message by the field.
        fill(dict(event_fields, **{"f-endTime": "09:00"}))
        send("main form button[type=submit]")
        if not driver.find_elements(By.ID, "f-endTime-error"):
            failures.append("new event with its end before its start: no message by the field")
        fill(event_fields)
        send("main form button[type=submit]")
        path = driver.current_url.split("?")[0].replace(base, "")
        if not path.startswith("/staff/events/") or path.endswith("/new"):
            raise RuntimeError(f"the new event ended on {driver.current_url}")
        event_id = path.rsplit("/", 1)[1]

        driver.find_element(By.CSS_SELECTOR, "#change-agenda summary").click()
        fill({"agenda-agendaTitle": "Ачылыш", "agenda-agendaTime": "10:30", "agenda-agendaMinutes": "45"})
        driver.find_element(By.ID, "agenda-agendaSpeakers").send_keys("Айгүл Бекова")
        send("#change-agenda button[type=submit]")
        driver.execute_script("document.getElementById('transition-to').value = 'published'")
        send("#change-transition button[type=submit]")
        shown = api(base, "GET", f"/api/v1/events/{event_id}")
        if shown.get("status") != "published":
            failures.append(f"publication: the event is {shown.get('status')!r}")
        driver.execute_script("document.getElementById('transition-to').value = 'registration_open'")
        send("#change-transition button[type=submit]")

        # A citizen on a phone registers on the event page and gets a code; then staff check them in at the door.
        driver.delete_all_cookies()
        for width_name, (width, height) in WIDTHS.items():
            emulate(driver, width, height)
            for language in LANGUAGES:
                driver.get(f"{base}/events/{event_id}?lang={language}")
                check(f"event with its registration form {language} {width_name}", language, f"events-register-{language}-{width}", width)
                send("form[action$='/register'] button[type=submit]")
                check(f"registration with messages {language} {width_name}", language, f"events-register-messages-{language}-{width}", width)
        emulate(driver, 360, 780)
        driver.get(f"{base}/events/{event_id}?lang=ky")
        driver.find_element(By.ID, "f-name").send_keys("Айгүл Бекова")
        driver.execute_script("document.getElementById('f-sex').value = 'female'")
        driver.find_element(By.ID, "f-consent-sex").click()
        send("form[action$='/register'] button[type=submit]")
        code = driver.find_element(By.ID, "tracking-code").get_attribute("value") if driver.find_elements(By.ID, "tracking-code") else ""
        if len(code) != 9:
            failures.append(f"registration: no code on the receipt: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")
        check("receipt ky phone", "ky", "events-receipt-ky-360", 360)
        driver.get(f"{base}{path}/door?lang=ru")
        suite.sign_in(email, PASSWORD)
        driver.get(f"{base}{path}/door?lang=ru")
        driver.find_element(By.ID, "door-code").send_keys(code.lower())
        send("form.door button[type=submit]")
        verdict = driver.find_elements(By.CSS_SELECTOR, ".door-result.good .door-verdict")
        if not verdict or "Айгүл Бекова" not in driver.find_element(By.ID, "door-result").text:
            failures.append(f"check-in at the door: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")
        check("check-in verdict ru phone", "ru", "events-door-verdict-ru-360", 360)
        emulate(driver, 1280, 900)

        # Held: the report and recommendations pages have their forms; one recommendation to a ministry has its page.
        for step in ("registration_closed", "held"):
            driver.get(f"{base}{path}?lang=ru")
            driver.execute_script("document.getElementById('transition-to').value = arguments[0]", step)
            send("#change-transition button[type=submit]")
        ministry = api(base, "POST", "/api/v1/organizations", {"type": "state_body", "name": {"ru": "Министерство водных ресурсов"}}, admin)
        recommendation = api(base, "POST", f"/api/v1/events/{event_id}/recommendations", {
            "text": {"ru": "Отремонтировать водопровод"}, "dutyBearerId": ministry["id"], "dueOn": "2027-06-30"}, admin)

        pages = {
            "calendar": "/events", "event": f"/events/{event_id}", "scorecard": f"/events/scorecard?council={council}",
            "staff-list": "/staff/events", "staff-event": path, "staff-new": "/staff/events/new",
            "lookup": "/events/registration", "staff-door": f"{path}/door", "staff-registrations": f"{path}/registrations",
            "staff-invitations": f"{path}/invitations", "staff-report": f"{path}/report", "staff-recommendations": f"{path}/recommendations",
            "staff-recommendation": f"{path}/recommendations/{recommendation['id'].lower()}",
            "scorecard-duty-bearer": f"/events/scorecard?dutyBearer={ministry['id'].lower()}",
            "scorecard-filtered": f"/events/scorecard?dutyBearer={ministry['id'].lower()}&status=proposed",
            "recommendation": f"/events/recommendations/{recommendation['id'].lower()}",
        }
        for width_name, (width, height) in WIDTHS.items():
            emulate(driver, width, height)
            for language in LANGUAGES:
                for name, page in pages.items():
                    separator = "&" if "?" in page else "?"
                    driver.get(f"{base}{page}{separator}lang={language}")
                    check(f"{name} {language} {width_name}", language, f"events-{name}-{language}-{width}", width)
                driver.get(f"{base}/events/{event_id}?lang={language}")
                if "Ачылыш" not in driver.find_element(By.TAG_NAME, "main").text:
                    failures.append(f"event {language} {width_name}: the agenda item is not shown")
                # The scorecard lists the recommendation below its numbers, linked to its public page.
                driver.get(f"{base}/events/scorecard?council={council}&lang={language}")
                if not driver.find_elements(By.CSS_SELECTOR, f"a[href='/events/recommendations/{recommendation['id'].lower()}']"):
                    failures.append(f"scorecard {language} {width_name}: the recommendation is not listed")
                # The door's walk-in form opened, and the recommendation's move sent back with its messages.
                driver.get(f"{base}{path}/recommendations/{recommendation['id'].lower()}?lang={language}")
                driver.find_element(By.CSS_SELECTOR, "#change-transition summary").click()
                send("#change-transition button[type=submit]")
                check(f"recommendation with messages {language} {width_name}", language, f"events-recommendation-messages-{language}-{width}", width)
                driver.get(f"{base}{path}/door?lang={language}")
                driver.find_element(By.CSS_SELECTOR, "#walk-in summary").click()
                check(f"walk-in form {language} {width_name}", language, f"events-walk-in-{language}-{width}", width)
                # The new-event form sent back with its messages.
                driver.get(f"{base}/staff/events/new?lang={language}")
                send("main form button[type=submit]")
                check(f"new event with messages {language} {width_name}", language, f"events-new-messages-{language}-{width}", width)


if __name__ == "__main__":
    main()
