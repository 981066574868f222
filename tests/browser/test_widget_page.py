"""The widget in headless Chromium against the real servers (channel without JWT)."""

from __future__ import annotations

import base64
import os
import struct
import zlib

from browser_kit import AXE, ROOT, Chat
from playwright.sync_api import expect

# the check asks about six types of neglect, one at a time (as in tests/conversation/test_check.py)
SIX_TYPES = 6


def test_open_greet_click_a_button_and_get_the_answer(chat_page):
    chat = chat_page
    log = chat.page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    assert "decision support" in chat.say("hello")
    expect(log).to_contain_text("decision support")
    assert "Check my concerns about a child" in chat.buttons()
    assert "What would you like to know" in chat.click("Ask a question")
    # a clicked button is shown as the user's own message, and the old buttons are gone
    expect(chat.page.locator(".na-msg-user").last).to_contain_text("Ask a question")
    assert chat.buttons() == []
    answer = chat.say("what is drift?")
    assert "Drift" in answer


def test_reload_shows_the_conversation_and_it_goes_on(chat_page):
    chat = chat_page
    chat.say("hello")
    chat.click("Check my concerns about a child")
    assert "immediate danger" in chat.text
    page = chat.page
    page.reload()
    chat = Chat(page).connected()
    earlier = page.locator(".na-earlier")
    expect(earlier).to_contain_text("Earlier in this conversation")
    expect(earlier.locator(".na-msg-user .na-body")).to_have_text(["hello", "Check my concerns about a child"])
    expect(earlier).to_contain_text("is any child in immediate danger right now?")
    # the question still waiting for an answer keeps its buttons, and the check carries on
    assert "No" in chat.buttons()
    assert "case reference" in chat.click("No")


def test_a_short_check_by_buttons(chat_page):
    chat = chat_page
    chat.say("hello")
    chat.click("Check my concerns about a child")
    chat.click("No")
    assert "case reference" in chat.text
    chat.say("WEB-501")
    assert "How old is the child" in chat.text
    chat.click("1 to 4")
    assert "disability" in chat.text
    chat.click("No")
    for _ in range(SIX_TYPES):
        assert "Have you seen signs of" in chat.text
        if "signs of physical neglect?" in chat.text:
            chat.click("Yes")
            chat.click("Persistent")
            chat.click("Serious")
        else:
            chat.click("No")
    chat.click("None of these")
    chat.click("Managing")
    chat.click("Warm relationship")
    chat.click("Seem to engage")
    chat.click("Yes")
    chat.click("No")
    assert "What does the child say" in chat.text
    chat.say("nothing yet")
    chat.click("More than a year")
    chat.click("No")
    chat.click("Yes")
    assert "0 to 10" in chat.text
    summary = chat.click("4")
    assert "Neglect check for case WEB-501" in summary
    assert "point towards Child protection" in summary
    # the summary's lists are real lists, built from text
    last = chat.page.locator(".na-log .na-msg-bot").filter(has_text="Neglect check for case WEB-501")
    assert last.locator("ul li").count() >= 3
    assert last.locator("ol li").count() >= 1


def test_bot_text_is_shown_as_text_never_as_html(chat_page):
    page = chat_page.page
    chat_page.say("<b>bold</b> <img src=x onerror=alert(1)>")
    user = page.locator(".na-msg-user").last
    expect(user).to_contain_text("<b>bold</b> <img src=x onerror=alert(1)>")
    assert user.locator("b, img").count() == 0
    # a bot message with markup, a list, a link, a data-URL image and a javascript: image, handed to
    # the widget's handler of `bot_uttered` events as if it had come from the server
    page.evaluate(
        """() => window.NeglectAssistant.widgets[0].onBot({
        text: "<script>window.pwned=1</script><i>x</i>\\nSteps:\\n- one\\n- two\\n1. first\\nSee https://example.org/guide.",
        attachment: {type: "image", payload: {src: "%s", alt: "Distance travelled chart"}}})"""
        % _png_data_url()
    )
    page.evaluate("""() => window.NeglectAssistant.widgets[0].onBot({
        text: "bad image", attachment: {type: "image", payload: {src: "javascript:alert(1)"}}})""")
    msg = page.locator(".na-log .na-msg-bot").filter(has_text="Steps:")
    expect(msg).to_contain_text("<script>window.pwned=1</script><i>x</i>")
    assert msg.locator("script, i").count() == 0
    assert page.evaluate("() => window.pwned") is None
    assert msg.locator("ul li").all_inner_texts() == ["one", "two"]
    assert msg.locator("ol li").all_inner_texts() == ["first"]
    link = msg.locator("a")
    assert link.get_attribute("href") == "https://example.org/guide"  # the full stop stays outside
    assert link.get_attribute("rel") == "noopener noreferrer"
    img = msg.get_by_role("img", name="Distance travelled chart")
    expect(img).to_be_visible()
    assert page.evaluate("(el) => el.naturalWidth", img.element_handle()) == 4
    bad = page.locator(".na-log .na-msg-bot").filter(has_text="bad image")
    assert bad.locator("img").count() == 0


def test_keyboard_only(new_page, stack):
    page = new_page()
    page.goto(stack["page"])
    chat = Chat(page).connected()
    # Tab from the top: the skip link, then into the chat, to the message box
    page.keyboard.press("Tab")
    assert _focused(page) == "A:Skip to the chat"
    for _ in range(6):
        page.keyboard.press("Tab")
        if _focused(page) == "TEXTAREA:":
            break
    assert _focused(page) == "TEXTAREA:"
    assert _outline(page) == "solid", "the focused message box has no visible focus ring"
    page.keyboard.type("hello")
    chat._after(lambda: page.keyboard.press("Enter"))
    assert "decision support" in chat.text
    # back to the answer buttons with Shift+Tab, then Enter on one
    for _ in range(8):
        page.keyboard.press("Shift+Tab")
        if _focused(page) == "BUTTON:Ask a question":
            break
    assert _focused(page) == "BUTTON:Ask a question"
    assert _outline(page) == "solid"
    chat._after(lambda: page.keyboard.press("Enter"))
    assert "What would you like to know" in chat.text
    assert _focused(page) == "TEXTAREA:", "after a button, focus goes back to the message box"
    # Shift+Enter makes a new line instead of sending
    page.keyboard.type("line one")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("line two")
    assert chat.box.input_value() == "line one\nline two"


def test_reconnects_and_sends_what_was_typed_meanwhile(chat_page):
    chat, page = chat_page, chat_page.page
    chat.say("hello")
    # the connection drops (and stays down until we let it come back)
    page.evaluate("""() => { const s = window.NeglectAssistant.widgets[0].socket;
                             s.io.reconnection(false); s.io.engine.close(); }""")
    expect(chat.status).to_contain_text("Connection lost")
    chat.box.fill("thanks")
    chat.box.press("Enter")
    expect(page.locator(".na-msg-user").last).to_contain_text("Not sent yet")
    before = chat.bot.count()
    page.evaluate("""() => { const s = window.NeglectAssistant.widgets[0].socket;
                             s.io.reconnection(true); s.connect(); }""")
    chat.connected()
    expect(chat.bot).not_to_have_count(before, timeout=60_000)
    expect(page.locator(".na-msg-user").last).not_to_contain_text("Not sent yet")
    # nothing was shown twice
    assert chat.said() == ["hello", "thanks"]


def test_new_conversation_starts_afresh(chat_page):
    chat, page = chat_page, chat_page.page
    chat.say("hello")
    first = page.evaluate("() => window.NeglectAssistant.widgets[0].sessionId")
    page.get_by_role("button", name="New conversation").click()
    chat.connected()
    # nothing of the old conversation: only the first-use statement of the new one
    expect(page.locator(".na-msg")).to_have_count(1)
    expect(page.locator(".na-msg")).to_contain_text("About this assistant")
    second = page.evaluate("() => window.NeglectAssistant.widgets[0].sessionId")
    assert second and second != first
    assert "decision support" in chat.say("hello")
    page.reload()
    Chat(page).connected()
    expect(page.locator(".na-earlier .na-msg-user")).to_have_count(1)


def test_a_page_on_an_origin_not_allowed_cannot_connect(new_page, stack):
    page = new_page()
    page.goto(stack["other_origin_page"])  # localhost, not 127.0.0.1: not in the allowed origins
    expect(page.locator(".na-status")).to_contain_text("Can't reach the assistant", timeout=20_000)


def test_phone_width_and_the_embed(new_page, stack):
    page = new_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page.goto(stack["page"])
    chat = Chat(page).connected()
    chat.say("hello")
    assert _no_horizontal_scroll(page)
    expect(page.get_by_role("button", name="Send")).to_be_in_viewport()
    for box in page.locator(".na-replies button").all():
        b = box.bounding_box()
        assert b["width"] >= 24 and b["height"] >= 24  # WCAG 2.2 target size

    # the one-tag embed: a launcher that opens the chat full screen on a phone, Escape closes it
    page.goto(stack["embed"])
    launcher = page.get_by_role("button", name="Chat with the neglect practice assistant")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    dialog = page.get_by_role("dialog", name="Neglect practice assistant")
    expect(dialog).to_be_visible()
    chat = Chat(page).connected()
    assert _focused(page) == "TEXTAREA:"
    box = dialog.bounding_box()
    assert box["width"] == 320 and _no_horizontal_scroll(page)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert _focused(page) == "BUTTON:Chat with the neglect practice assistant"


def test_axe_finds_no_serious_violations(new_page, stack):
    # bypass_csp lets the test inject axe-core into the page (the page's own CSP forbids inline scripts)
    for url, size, open_embed in [
        (stack["page"], {"width": 1000, "height": 820}, False),
        (stack["page"], {"width": 320, "height": 640}, False),
        (stack["embed"], {"width": 1000, "height": 820}, True),
    ]:
        page = new_page(viewport=size, bypass_csp=True)
        page.goto(url)
        if open_embed:
            page.get_by_role("button", name="Chat with the neglect practice assistant").click()
        chat = Chat(page).connected()
        chat.say("hello")
        chat.click("Check my concerns about a child")
        page.locator(".na-msg-user").last.hover()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
            resultTypes: ["violations"]})""")
        serious = [
            (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{url} at {size}: {serious}"
        assert result["testEngine"]["version"].startswith("4.")


def test_screenshot_for_the_readme(new_page, stack, tmp_path):
    page = new_page(viewport={"width": 900, "height": 980})
    page.goto(stack["page"])
    chat = Chat(page).connected()
    chat.say("hello")
    chat.click("Check my concerns about a child")
    chat.click("No")
    chat.say("ABC-12")
    page.mouse.move(0, 0)
    page.get_by_label("Your message").focus()
    out = ROOT / "results" / "widget.png"
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out))
    docs = ROOT / "docs" / "widget.png"
    if os.environ.get("UPDATE_SCREENSHOT") or not docs.exists():
        docs.parent.mkdir(exist_ok=True)
        docs.write_bytes(out.read_bytes())
    assert out.stat().st_size > 10_000


# -- helpers ------------------------------------------------------------------------------------
def _focused(page) -> str:
    """TAG:text of the focused element, looking inside the widget's shadow root."""
    return page.evaluate("""() => { let e = document.activeElement;
        while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
        return e ? e.tagName + ":" + (e.tagName === "TEXTAREA" ? "" : (e.textContent || "").trim()) : ""; }""")


def _outline(page) -> str:
    return page.evaluate("""() => { let e = document.activeElement;
        while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
        return getComputedStyle(e).outlineStyle; }""")


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def _png_data_url() -> str:
    """A 4x4 PNG made here, as a data URL (the bot's charts may come this way)."""
    raw = b"".join(b"\x00" + b"\x1d\x70\xb8" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()
