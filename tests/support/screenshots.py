"""Screenshots of browser tests, for looking at pages: written only when TEST_SCREENSHOTS names a folder.

    TEST_SCREENSHOTS=/tmp/shots make test ARGS="-m browser"
"""

import os
from pathlib import Path

from tests.support.page_state import wait_until_settled


def folder() -> Path | None:
    name = os.environ.get("TEST_SCREENSHOTS")
    if not name:
        return None
    path = Path(name)
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(page, name: str) -> None:
    target = folder()
    if target is not None:
        wait_until_settled(page)  # a picture of the page as it ends up, not half loaded
        page.screenshot(path=str(target / f"{name}.png"), full_page=True)
