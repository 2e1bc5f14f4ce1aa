#!/usr/bin/env python3
"""Sign-in and forged forms in a real browser (headless Chromium, Selenium): a person signs in on the site and out
again with the site's own forms, and a page on another site that submits a form to the site in their browser is
refused, leaving them signed in.

The other site is a small server on `localhost`, while the site is on 127.0.0.1: two different sites to the
browser, which therefore sends `Sec-Fetch-Site: cross-site` and none of the site's SameSite=Lax cookies.
Prints one line per failure and exits 1 if any; exits 3 when Chromium, chromedriver or Selenium is missing.
Run by Tests/OpenMediaTests/WebBrowserTests.swift against a live gateway.
"""
import argparse
import http.server
import sys
import threading
from urllib.parse import urlparse

from browser import chromium_driver

REFUSED_HEADING = "The form was not accepted"


def attacker_site(target):
    """Serves, on a free port of localhost, a page that submits a sign-out form to `target` on load."""
    page = f"""<!doctype html><html><body>
<form id="forged" method="post" action="{target}"><input type="hidden" name="csrf" value="guessed"></form>
<script>document.getElementById('forged').submit()</script></body></html>""".encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("localhost", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="the site, on 127.0.0.1")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    if urlparse(args.base).hostname != "127.0.0.1":
        print("--base must be on 127.0.0.1, so that localhost is another site")
        sys.exit(2)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    failures = []
    driver = chromium_driver()
    server = attacker_site(f"{args.base}/sign-out")
    try:
        def signed_in():
            return bool(driver.find_elements(By.CSS_SELECTOR, "form[action='/sign-out']"))

        driver.get(f"{args.base}/sign-in?lang=en")
        driver.find_element(By.ID, "email").send_keys(args.email)
        driver.find_element(By.ID, "password").send_keys(args.password)
        driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: urlparse(d.current_url).path == "/")
        if not signed_in():
            failures.append("signing in with the form did not sign in")

        # Another site's page submits the site's sign-out form in this browser.
        driver.get(f"http://localhost:{server.server_address[1]}/")
        WebDriverWait(driver, 10).until(lambda d: urlparse(d.current_url).hostname == "127.0.0.1")
        heading = driver.find_element(By.TAG_NAME, "h1").text
        if heading != REFUSED_HEADING:
            failures.append(f"a forged form was answered with {heading!r}, not the refusal")
        driver.get(f"{args.base}/")
        if not signed_in():
            failures.append("a forged sign-out form signed the person out")

        driver.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "a[href='/sign-in']"))
        if signed_in():
            failures.append("the site's own sign-out form did not sign out")
    except Exception as error:  # a step that could not be taken is a failure to report, not a crash
        failures.append(f"{type(error).__name__}: {error}")
    finally:
        driver.quit()
        server.shutdown()
    for failure in failures:
        print(failure)
    print(f"forms in the browser: {len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
