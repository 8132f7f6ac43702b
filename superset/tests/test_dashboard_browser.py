"""The dashboard in a real browser: Debian's chromium driven by Playwright, logged in through the login page."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import sync_playwright

from assay_superset.bundle import DASHBOARD_SLUG
from assay_superset.metadata import admin_password

CHROMIUM = "/usr/bin/chromium"
CHARTS = 8
ERROR_SELECTORS = '[role="alert"], [data-test="error-alert"], .alert-danger'


@pytest.fixture(scope="module")
def browser():
    args = ["--disable-dev-shm-usage"] + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield browser
        browser.close()


def log_in(page, url: str, user: str, password: str) -> None:
    page.goto(f"{url}/login/")
    page.locator('input[name="username"], input#username').first.fill(user)
    page.locator('input[name="password"], input#password').first.fill(password)
    page.locator('button[type="submit"], input[type="submit"]').first.click()


@pytest.fixture(scope="module")
def rendered(superset, browser, artifacts):
    """The dashboard once every chart has rendered: its page, the chart-data responses, the screenshot."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r) if "/api/v1/chart/data" in r.url else None)
    log_in(page, superset.url, superset.admin_user, admin_password(superset))
    page.wait_for_url(lambda u: "/login" not in u, timeout=60_000)
    page.goto(f"{superset.url}/superset/dashboard/{DASHBOARD_SLUG}/")
    page.wait_for_selector('[data-test="dashboard-header-container"], .dashboard-header', timeout=120_000)
    _wait_until_rendered(page, responses, timeout_s=300)
    page.wait_for_timeout(1500)  # let ECharts finish its entry animation before the picture
    shot = artifacts / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    yield {"page": page, "responses": responses, "screenshot": shot}
    context.close()


def _wait_until_rendered(page, responses, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        charts = page.locator('[data-test="chart-grid-component"]').count()
        loading = page.locator('[data-test="chart-grid-component"] [data-test="loading-indicator"], '
                               '[data-test="chart-grid-component"] .loading').count()
        if charts == CHARTS and loading == 0 and len(responses) >= CHARTS:
            return
        page.wait_for_timeout(500)
    raise TimeoutError(f"charts did not all render in {timeout_s:.0f} s: {charts} charts, {loading} still loading, "
                       f"{len(responses)} chart-data responses")


def test_wrong_password_stays_on_the_login_page(superset, browser):
    page = browser.new_page()
    log_in(page, superset.url, superset.admin_user, "not-the-password")
    page.wait_for_timeout(2000)
    assert "/login" in page.url
    assert page.get_by_text("Invalid login", exact=False).count() + page.locator(ERROR_SELECTORS).count() > 0
    page.close()


def test_every_chart_renders_without_error(rendered):
    page = rendered["page"]
    assert page.locator('[data-test="chart-grid-component"]').count() == CHARTS
    errors = page.locator(f'[data-test="chart-grid-component"] :is({ERROR_SELECTORS})')
    assert errors.count() == 0, [errors.nth(i).inner_text() for i in range(errors.count())]
    for response in rendered["responses"]:
        assert response.status == 200, f"{response.url}: {response.status} {response.text()[:300]}"
        for result in response.json()["result"]:
            assert not result.get("error"), result["error"]
    drawn = page.locator('[data-test="chart-grid-component"] :is(canvas, svg, table)')
    assert drawn.count() >= CHARTS


def test_screenshot_is_a_real_picture(rendered):
    shot: Path = rendered["screenshot"]
    assert shot.stat().st_size > 50_000
    with Image.open(shot) as picture:
        assert picture.format == "PNG"
        assert picture.width >= 1600 and picture.height >= 1000
        rgb = picture.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 200, "a rendered dashboard has many colours (charts, text, anti-aliasing)"
        assert max(ImageStat.Stat(rgb).stddev) > 20, "the picture is almost uniform: blank"
