"""What the browser scripts share: headless Chromium through Selenium, or exit 3 when it cannot run here."""
import shutil
import sys


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
    import json
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
