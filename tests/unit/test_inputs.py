"""What the REST channel accepts, and what it says about the rest."""

from bot.walks.inputs import MAX_MESSAGE_CHARS, check_rest_payload, clean_text


def test_good_message_passes_with_control_characters_removed():
    c = check_rest_payload({"sender": "u1", "message": "hello\x00 there\x07"}, False, 40)
    assert c.status == 200 and c.message == "hello there" and not c.error


def test_numeric_sender_is_accepted_as_text():
    assert check_rest_payload({"sender": 12, "message": "hi"}, False, 10).sender == "12"


def test_bad_payloads_get_4xx_with_a_reason():
    assert check_rest_payload(None, True, 5).status == 400
    assert check_rest_payload(["x"], False, 5).status == 400
    assert "sender" in check_rest_payload({"message": "hi"}, False, 5).error
    assert check_rest_payload({"sender": "", "message": "hi"}, False, 5).status == 400
    assert check_rest_payload({"sender": "x" * 500, "message": "hi"}, False, 5).status == 400
    assert "missing" in check_rest_payload({"sender": "a"}, False, 5).error
    assert check_rest_payload({"sender": "a", "message": {"t": 1}}, False, 5).status == 400
    assert check_rest_payload({"sender": "a", "message": "hi", "metadata": "x"}, False, 5).status == 400
    long = check_rest_payload({"sender": "a", "message": "a" * (MAX_MESSAGE_CHARS + 1)}, False, 6000)
    assert long.status == 413 and "too long" in long.error
    assert check_rest_payload({"sender": "a", "message": "hi"}, False, 100_000).status == 413


def test_empty_message_is_answered_without_nlu():
    c = check_rest_payload({"sender": "a", "message": " \n\t "}, False, 10)
    assert c.status == 200 and "didn't receive any text" in c.reply


def test_clean_text_keeps_new_lines_and_emoji():
    assert clean_text(" a\nb \u200b") == "a\nb"
    assert clean_text("👍") == "👍"
