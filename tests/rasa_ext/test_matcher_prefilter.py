"""The matcher that bot/lang/nlp.build_matcher returns (issue 23): it skips its patterns on a
doc that lacks a word every one of them needs, and its matches are always spaCy's own."""

from bot.lang.nlp import PrefilteredMatcher, build_matcher, nlp_doc

WORDS = {"child": ["child", "kid", "baby"]}
ENTRIES = [
    ("alone", "@child be? *2 alone"),
    ("fire", "fire|=smoke alarm?"),
    ("age", "~^[0-6]yo$"),
]
TEXTS = [
    "the kids are home alone",
    "the baby was left alone all night",
    "there is smoke in the hall",
    "a fire",
    "my 4yo is fine",
    "alone",
    "kids",
    "nothing of note today",
    "Yes",
    "",
]


def test_matches_are_the_whole_matchers_own():
    m = build_matcher(ENTRIES, WORDS)
    assert isinstance(m, PrefilteredMatcher)
    assert len(m) == 3
    for text in TEXTS:
        doc = nlp_doc(text)
        assert m(doc) == m.matcher(doc), text
        assert [s.text for s in m(doc, as_spans=True)] == [s.text for s in m.matcher(doc, as_spans=True)]


def test_a_doc_without_the_needed_words_skips_the_patterns_but_not_the_regex_ones():
    m = build_matcher(ENTRIES, WORDS)
    assert not m.could_match(nlp_doc("nothing of note today"))
    assert not m.could_match(nlp_doc("alone"))  # 'alone' also needs a child word
    assert not m.could_match(nlp_doc("my 4yo is fine"))
    assert m.could_match(nlp_doc("the kids are home alone"))
    assert m.could_match(nlp_doc("smoke"))  # '=smoke' is matched on the lower-case text
    doc = nlp_doc("my 4yo is fine")
    assert [doc.vocab.strings[k] for k, _s, _e in m(doc)] == ["age"]
    without_regex = build_matcher(ENTRIES[:2], WORDS)
    assert m.free and without_regex.free == []  # only the regular expressions need no word
    assert without_regex(nlp_doc("my 4yo is fine")) == []
