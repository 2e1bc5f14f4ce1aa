#!/usr/bin/env python3
"""The staff broadcast pages in a real browser: a coordinator signs in on the site's sign-in page in headless
Chromium (Selenium) and opens the presenter's screen of a live episode; in a second window, as the moderator, they
approve a question on the queue page, queue it and put it on air through its forms, and the presenter's screen, not
reloaded, shows it in large type (presenter.js over the live stream through the gateway). Then every staff broadcast
page (episodes, an episode, the queue, the presenter's screen, the answer log and an answer) is checked at 360 px and
1280 px in Kyrgyz and Russian:

- the page is in the language asked for (`<html lang>`), with no horizontal scrolling;
- axe-core (the script bundled in PyPI's axe-playwright-python) finds no serious or critical violation.

The scene (the coordinator's account, the show, the episode, its guest and a question) is set through the API with
the first admin's credentials. Screenshots go to --screenshots (not committed). Prints one line per failure and exits 1
if any; exits 3 when Chromium, chromedriver, Selenium or axe-core is missing. Run by
Tests/OpenMediaTests/WebBrowserTests.swift.
"""
import uuid

from browser import Suite, api, emulate, etag

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
LANGUAGES = ("ky", "ru")
PASSWORD = "a long enough password for the browser"
QUESTION = "Сохранится ли пенсия, если я работаю? <b>не разметка</b>"


def set_the_scene(base, admin_email, admin_password):
    """A coordinator's account, and a live episode with a guest and a question from the public."""
    admin = api(base, "POST", "/api/v1/auth/login", {"email": admin_email, "password": admin_password})["accessToken"]
    email = f"producer-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {"email": email, "displayName": "Producer", "password": PASSWORD, "roles": ["coordinator"]}, admin)
    show = api(base, "POST", "/api/v1/broadcasts/shows", {
        "title": {"ky": "Омбудсмен жооп берет", "ru": "Омбудсмен отвечает"}, "format": "tv", "language": "ru", "signLanguage": True}, admin)
    episode = api(base, "POST", "/api/v1/broadcasts/episodes", {
        "showId": show["id"], "theme": {"ky": "Майыптык боюнча пенсиялар", "ru": "Пенсии по инвалидности"},
        "startsAt": "2027-03-09T13:00:00Z", "durationMinutes": 60, "streamUrl": "https://live.example.org/ombudsman",
        "moderationMode": "strict"}, admin)
    path = f"/api/v1/broadcasts/episodes/{episode['id']}"
    guest = api(base, "POST", path + "/guests", {"kind": "person", "name": "Омбудсмен", "role": "ombudsman"}, admin, etag(base, path, admin))
    for step in ("announced", "intake_open", "live"):
        api(base, "POST", path + "/transitions", {"to": step}, admin, etag(base, path, admin))
    asked = api(base, "POST", "/api/v1/broadcasts/questions", {"episodeId": episode["id"], "text": QUESTION, "language": "ru"})
    return email, episode["id"].lower(), asked["question"]["id"].lower(), guest["id"].lower(), admin


def main():
    suite = Suite("broadcasts-staff")
    base = suite.base
    email, episode, question, guest, admin = set_the_scene(base, suite.admin_email, suite.admin_password)
    staff = f"/staff/broadcasts/episodes/{episode}"
    driver = suite.open_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    failures, check, send = suite.failures, suite.check, suite.send

    with suite:
        emulate(driver, 1280, 900)
        driver.get(f"{base}{staff}/presenter?lang=ru")
        suite.sign_in(email, PASSWORD)
        if "/presenter" not in driver.current_url:
            raise RuntimeError(f"sign-in ended on {driver.current_url}")
        presenter = driver.current_window_handle
        # The page is marked: were it reloaded, the mark would be gone.
        driver.execute_script("window.presenterNotReloaded = true")
        try:
            WebDriverWait(driver, 15).until(
                lambda d: d.find_element(By.ID, "presenter").get_attribute("data-connected") == "true")
        except Exception:
            failures.append("presenter: the live stream did not open")

        # The moderator, in another window: approve, queue and put on air, each through the queue's forms.
        driver.switch_to.new_window("window")
        emulate(driver, 1280, 900)
        for move in ("approved", "queued", "on_air"):
            driver.get(f"{base}{staff}/queue?lang=ru")
            send(f"form[action$='/queue/{question}/move'] button[value='{move}']")
        shown = api(base, "GET", f"/api/v1/broadcasts/episodes/{episode}/questions/{question}", token=admin)
        if shown.get("state") != "on_air":
            failures.append(f"queue: the question is {shown.get('state')!r}, not on air")

        driver.switch_to.window(presenter)
        try:
            WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "presenter-current").text == QUESTION)
        except Exception:
            failures.append(f"presenter: shows {driver.find_element(By.ID, 'presenter-current').text!r}, not the question on air")
        if not driver.execute_script("return window.presenterNotReloaded === true"):
            failures.append("presenter: the page was reloaded")
        if driver.find_elements(By.CSS_SELECTOR, "#presenter-current b"):
            failures.append("presenter: the question's text was inserted as HTML")
        suite.screenshot("broadcasts-presenter-live-1280")

        # Answered, and logged through the API, so the answer log and an answer have something to show.
        path = f"/api/v1/broadcasts/episodes/{episode}/questions/{question}"
        api(base, "POST", path + "/transitions", {"to": "answered"}, admin, etag(base, path, admin))
        answer = api(base, "POST", f"/api/v1/broadcasts/episodes/{episode}/answers", {
            "questionId": question, "startSecond": 754, "endSecond": 900, "guestId": guest,
            "summary": {"ru": "Пенсия не уменьшается, пока человек работает."}, "adviceType": "legal_opinion",
            "legalReferences": [{"law": "Закон о пенсиях", "article": "12(3)"}]}, admin)

        pages = {
            "episodes": "/staff/broadcasts", "episode": staff, "queue": f"{staff}/queue", "presenter": f"{staff}/presenter",
            "answers": f"{staff}/answers", "answer": f"{staff}/answers/{answer['id'].lower()}",
        }
        for width_name, (width, height) in WIDTHS.items():
            emulate(driver, width, height)
            for language in LANGUAGES:
                for name, page in pages.items():
                    driver.get(f"{base}{page}?lang={language}")
                    check(f"{name} {language} {width_name}", language, f"broadcasts-staff-{name}-{language}-{width}", width)
                # A form sent back with its messages: an appeal ID that is none, by the field.
                driver.get(f"{base}{staff}/queue?lang={language}")
                driver.find_element(By.CSS_SELECTOR, "#import summary").click()
                driver.execute_script("document.getElementById('import-appealId').value = 'not an id'")
                send("#import button[type=submit]")
                if not driver.find_elements(By.ID, "import-appealId-error"):
                    failures.append(f"import {language} {width_name}: no message by the field")
                check(f"queue with messages {language} {width_name}", language, f"broadcasts-staff-import-{language}-{width}", width)


if __name__ == "__main__":
    main()
