"""What the browser scripts share: headless Chromium through Selenium (or exit 3 when it cannot run here), the
platform's API for setting a scene, and a suite's run from its command line to its report."""
import argparse
import json
import os
import shutil
import sys
import urllib.error
import urllib.request


def missing(reason):
    print(f"browser suite cannot run: {reason}")
    sys.exit(3)


def chromium_driver():
    """A headless Chromium, driven by chromedriver."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed (pip install selenium)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        missing("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver_path), options=options)


def load_axe():
    """axe-core's script, from PyPI's axe-playwright-python (installed with --no-deps), or exit 3."""
    import os
    try:
        import axe_playwright_python
        with open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8") as script:
            return script.read()
    except (ImportError, OSError):
        missing("axe-core is not installed (pip install --no-deps axe-playwright-python)")


def emulate(driver, width, height):
    """Sets the viewport (--window-size cannot go below about 500 px in headless Chromium; device metrics can)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def page_problems(driver, axe_script, where, language, width):
    """What is wrong with the page shown now: not in `language`, wider than `width`, or axe-core's serious and
    critical violations; one line each."""
    problems = []
    if driver.execute_script("return document.documentElement.lang") != language:
        problems.append(f"{where}: <html lang> is not {language}")
    # Against the emulated width, not innerWidth: a phone widens its layout viewport to content that overflows.
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"{where}: scrolls sideways ({scroll} px wide in {width} px)")
    driver.execute_script(axe_script)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
    for violation in json.loads(result):
        if violation.get("impact") in ("serious", "critical"):
            problems.append(f"{where}: axe {violation['impact']} {violation['id']}: {violation.get('help')}")
    return problems


def click_and_wait(driver, selector):
    """Clicks `selector` and waits for the page it leads to."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait
    # A mark on this page's window: the next page's window has none. (Waiting for an element to go stale trips
    # chromedriver's "node does not belong to the document" while the old page unloads.)
    driver.execute_script("window.beforeClick = true")
    element = driver.find_element("css selector", selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    # Generous: the machine may be busy building while the suite runs.
    WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return window.beforeClick === undefined && document.readyState === 'complete'"))


def api(base, method, path, body=None, token=None, if_match=None):
    """Calls the platform's API through the gateway and returns the decoded answer; a refusal ends the script,
    naming the call (the scene it sets is not what the suite is about)."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if if_match:
        headers["If-Match"] = if_match
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{method} {path} answered {error.code}: {error.read()[:500]!r}")


def etag(base, path, token):
    """The ETag of the resource at `path`, for a change made against it (`If-Match`)."""
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"}, method="GET")
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["ETag"]


class Suite:
    """One script's run against the platform: its command line (`--base`, `--screenshots` and the first admin's
    credentials), a headless Chromium, and the failures found.

    Used as `with suite:`, it ends the run with its block: a step that raised is reported with the page it
    stopped on, the browser quits, each failure is printed on a line, and the script exits 1 if there was any."""

    def __init__(self, name, axe=True):
        parser = argparse.ArgumentParser()
        parser.add_argument("--base", required=True)
        parser.add_argument("--screenshots", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-password", required=True)
        arguments = parser.parse_args()
        self.name = name
        self.base = arguments.base.rstrip("/")
        self.screenshots = arguments.screenshots
        self.admin_email = arguments.admin_email
        self.admin_password = arguments.admin_password
        self.axe_script = load_axe() if axe else None
        self.failures = []
        self.driver = None
        os.makedirs(self.screenshots, exist_ok=True)

    def open_browser(self):
        """Starts the headless Chromium the suite quits when it ends."""
        self.driver = chromium_driver()
        return self.driver

    def screenshot(self, shot):
        """Saves what the browser shows as `shot`.png among the screenshots."""
        self.driver.save_screenshot(os.path.join(self.screenshots, f"{shot}.png"))

    def check(self, where, language, shot, width):
        """The language, no sideways scrolling and axe-core on the page now shown, with its screenshot."""
        self.screenshot(shot)
        self.failures.extend(page_problems(self.driver, self.axe_script, where, language, width))

    def send(self, button_selector):
        """Clicks a form's button and waits for the page the form leads to."""
        click_and_wait(self.driver, button_selector)

    def sign_in(self, email, password):
        """Fills in the sign-in page now shown and sends it."""
        from selenium.webdriver.common.by import By
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.send("main form button[type=submit]")

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, Exception) and self.driver:
            self.screenshot(f"{self.name}-failure")
            self.failures.append(f"stopped at {self.driver.current_url}: {type(error).__name__} {str(error)[:300]}: {self.main_text()}")
        elif isinstance(error, Exception):
            self.failures.append(f"stopped before the browser started: {type(error).__name__} {str(error)[:300]}")
        if self.driver:
            self.driver.quit()
        if error is not None and not isinstance(error, Exception):
            return False  # an exit of the script's own, or an interrupt
        for failure in self.failures:
            print(failure)
        print(f"{self.name} browser suite: {len(self.failures)} failure(s); screenshots in {self.screenshots}")
        sys.exit(1 if self.failures else 0)

    def main_text(self):
        """The start of what the page shows in its <main>, or nothing when it has none."""
        from selenium.webdriver.common.by import By
        found = self.driver.find_elements(By.TAG_NAME, "main")
        return found[0].text[:300] if found else ""
