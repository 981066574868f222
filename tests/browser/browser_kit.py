"""What the browser tests share: paths and a person's view of the widget on a page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
REPLY_TIMEOUT_MS = 60_000


class Chat:
    """The widget on a page, driven as a person would: typing, pressing Enter, clicking."""

    def __init__(self, page):
        self.page = page
        self.bot = page.locator(".na-log .na-msg-bot, .na-earlier .na-msg-bot")
        self.typing = page.locator(".na-typing")
        self.status = page.locator(".na-status")
        self.box = page.get_by_label("Your message")
        self.last: list[str] = []

    def connected(self, timeout: float = 30_000) -> Chat:
        expect(self.status).to_have_text("Connected", timeout=timeout)
        return self

    def _after(self, action) -> str:
        before = self.bot.count()
        action()
        expect(self.bot).not_to_have_count(before, timeout=REPLY_TIMEOUT_MS)
        expect(self.typing).to_have_text("", timeout=REPLY_TIMEOUT_MS)
        self.last = [self.bot.nth(i).inner_text() for i in range(before, self.bot.count())]
        return self.text

    @property
    def text(self) -> str:
        return "\n".join(self.last)

    def say(self, message: str) -> str:
        def act():
            self.box.fill(message)
            self.box.press("Enter")

        return self._after(act)

    def buttons(self) -> list[str]:
        return self.page.locator(".na-replies button").all_inner_texts()

    def click(self, title: str) -> str:
        """Clicks the answer button of the latest question whose title is `title`, or else
        the first that starts with it."""
        buttons = self.page.locator(".na-replies").last.locator("button")
        titles = [t.strip().lower() for t in buttons.all_inner_texts()]
        want = title.lower()
        for i in [i for i, t in enumerate(titles) if t == want] + [
            i for i, t in enumerate(titles) if t.startswith(want)
        ]:
            return self._after(buttons.nth(i).click)
        raise AssertionError(f"no button '{title}' in {titles}")

    def said(self, where: str = "") -> list[str]:
        """The user's messages, as shown (in `.na-earlier` or `.na-log` only, if given)."""
        return self.page.locator(f"{where} .na-msg-user .na-body".strip()).all_inner_texts()
