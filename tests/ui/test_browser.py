"""One real browser against the real server: start `workbench serve`, upload, read.

Chromium comes from Debian's package (browsers cannot be downloaded here); Playwright
drives it through ``executable_path``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_binary

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path, project) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "WORKBENCH_DB": f"sqlite:///{tmp_path / 'browser.db'}",
        "WORKBENCH_PROJECT": str(project.root),
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workbench.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--headless",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail("server did not start:\n" + (tmp_path / "server.log").read_text())
        time.sleep(0.3)
    try:
        yield url
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)
        log.close()


def test_upload_a_file_and_read_its_sentences(server: str, tmp_path: Path) -> None:
    require_binary(CHROMIUM, "chromium")
    from playwright.sync_api import expect, sync_playwright

    upload = tmp_path / "the-inner-picture.txt"
    upload.write_text(
        "The Inner Picture\n\n"
        "Question: How do I value the friends? Answer: Look at the inner picture, e.g. at unity.\n"
        "[654321]\n"
        "From the Daily Kabbalah Lesson 5/6/21\n",
        encoding="utf-8",
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.goto(server)
            # the demo workspace was created on first start
            expect(page.get_by_text("The Ladder Of Degrees").first).to_be_visible(timeout=60_000)
            page.get_by_text("Import files").click()
            page.locator("input[type=file]").set_input_files(str(upload))
            page.get_by_role("button", name="Import").click()
            expect(page.get_by_text("Imported:")).to_be_visible(timeout=60_000)
            expect(page.get_by_text("Question: How do I value the friends?")).to_be_visible()
            expect(
                page.get_by_text("Answer: Look at the inner picture, e.g. at unity.")
            ).to_be_visible()
        finally:
            browser.close()
