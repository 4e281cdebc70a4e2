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


NARROW_WIDTH = 320  # the smallest screen a page must work on (UX.md, WCAG reflow)


def save(page, name: str) -> None:
    """``name.png`` at the test's own width and ``name-320.png`` at 320 px, then the width is put back."""
    target = folder()
    if target is not None:
        wait_until_settled(page)  # a picture of the page as it ends up, not half loaded
        page.screenshot(path=str(target / f"{name}.png"), full_page=True)
        size = page.viewport_size
        if size and size["width"] != NARROW_WIDTH:
            page.set_viewport_size({"width": NARROW_WIDTH, "height": size["height"]})
            page.screenshot(path=str(target / f"{name}-{NARROW_WIDTH}.png"), full_page=True)
            page.set_viewport_size(size)
