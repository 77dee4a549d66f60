"""Issue 16, direct quotes: British single-mark speech (the marks' form rule in quotes/marks.py), paragraphs of a
multi-paragraph quote opened but not closed, a speaker named after a long quote. Made-up sentences, exact values."""
from __future__ import annotations

import pytest

from pipeline.components.quotes.marks import possessive, segments, sent_ends, single_closes, single_opens
from pipeline.docindex import paragraphs


def marked(text: str) -> list[tuple[str, int, bool, bool]]:
    """Every marked span of `text` (quotes and the ones nested in them): text, paragraph, closed, nested."""
    return [(text[s.start:s.end], s.para, s.closed, s.nested) for s in segments(text, paragraphs(text))]


def quotes(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(q["text"], q["kind"], q["speaker"]) for q in nlp(text)._.quotes]


# ---------------------------------------------------------------- the form of a single mark
@pytest.mark.parametrize("text,i,opens", [
    ("'We left", 0, True),           # paragraph start
    ("He said 'We left", 8, True),   # after a space
    ("He said:'We left", 8, True),   # after a colon
    ("(\u2018We left", 1, True),     # after a bracket, curly
    ("the '90s", 4, False),          # an elided year
    ("don't", 3, False),             # inside a word
    ("rebels' way", 6, False),       # after a letter
    ("we ' left", 3, False),         # before a space
    ("\u2019Tis", 0, False),         # a right mark never opens
])
def test_single_opens(text, i, opens):
    assert single_opens(text, i, 0, len(text)) is opens


@pytest.mark.parametrize("text,i,closes", [
    ("left,' he", 5, True),
    ("left.'", 5, True),
    ("left\u2019 he", 4, True),
    ("don't", 3, False),             # a letter on the far side
    ("Qur'an", 3, False),
    ("we ' left", 3, False),         # after a space
    ("\u2018x", 0, False),           # a left mark never closes
])
def test_single_closes(text, i, closes):
    assert single_closes(text, i, 0, len(text)) is closes


def test_plural_possessive_unless_nothing_closes_later_in_the_sentence():
    inside = "'The rebels' positions were shelled,' he said."
    assert possessive(inside, 11, len(inside)) is True
    scare = "'Anonymous' has organized a protest. It was 'big,' they said."
    assert possessive(scare, 10, len(scare)) is False


# ---------------------------------------------------------------- single-marked spans
def test_british_quotes_are_marked_spans():
    assert marked("'We will not leave,' he said.") == [("We will not leave,", 0, True, False)]
    assert marked("He said: \u2018We will not leave.\u2019") == [("We will not leave.", 0, True, False)]
    assert marked("'The rebels' positions were shelled,' he said.") == [
        ("The rebels' positions were shelled,", 0, True, False)]


@pytest.mark.parametrize("text", [
    "The rebels' positions were shelled in the '90s, and they don't read the Qur'an.",
    "The so-called 'safe zone' was shelled, the army said.",        # a scare quote
    "He called them 'Islamic terrorists,' the way they do.",        # two words, even with a comma
    "It was an 'intentional act.' The police left.",                # a full stop after a phrase
    "'Anonymous' has organized protests across the globe in the last years of the decade.",
    "the rock 'n' roll band's singer",
])
def test_apostrophes_and_scare_quotes_are_not_marked(text):
    assert marked(text) == []


def test_a_full_stop_counts_for_a_whole_sentence_only():
    assert marked("Then: 'We will win.'") == [("We will win.", 0, True, False)]
    assert marked("They want 'We will win.'") == []


def test_double_marks_nest_in_single_and_single_marks_in_double_stay_text():
    text = "'They told us: \u201cLeave now,\u201d and we left,' he said."
    assert marked(text) == [("They told us: \u201cLeave now,\u201d and we left,", 0, True, False),
                            ("Leave now,", 0, True, True)]
    text = "\u201cThey said \u2018leave now or die here today\u2019 and we left,\u201d he said."
    assert marked(text) == [("They said \u2018leave now or die here today\u2019 and we left,", 0, True, False)]


def test_an_unclosed_single_mark_is_a_quote_only_when_the_next_paragraph_opens_one():
    text = "'We will stay here.\n'Nobody will force us out,' he said."
    assert marked(text) == [("We will stay here.", 0, False, False), ("Nobody will force us out,", 1, True, False)]
    assert marked("'We will stay here and fight.\nThe army did not comment.") == []


# ---------------------------------------------------------------- quotes and speakers
def test_british_quotes_with_their_speakers(nlp):
    assert quotes(nlp, "'We will not leave,' Ali Hassan said on Monday.") == [
        ("We will not leave,", "direct", "Ali Hassan")]
    assert quotes(nlp, "Ali Hassan, a commander, said: \u2018We will not leave.\u2019") == [
        ("We will not leave.", "direct", "Ali Hassan")]


def test_no_quote_from_apostrophes_or_a_single_marked_scare_quote(nlp):
    assert [k for _, k, _ in quotes(nlp, "The army's 'safe zone' was shelled in the '90s.")] == []


@pytest.mark.parametrize("open_, close", [("\u201c", "\u201d"), ("'", "'")])
def test_paragraphs_opened_and_not_closed_are_one_quote_of_the_attributed_speaker(nlp, open_, close):
    text = (f"Ali Hassan, the governor, said: {open_}We will stay here.\n"
            f"{open_}Nobody will force us out of our homes.\n"
            f"{open_}We are ready for them.{close}\nThe army did not comment.")
    assert quotes(nlp, text) == [("We will stay here.", "direct", "Ali Hassan"),
                                 ("Nobody will force us out of our homes.", "direct", "Ali Hassan"),
                                 ("We are ready for them.", "direct", "Ali Hassan")]


LONG = "\u201cWe will not leave this city. Our fighters are ready and the siege will be broken within days, whatever " \
       "the cost to us,\u201d"


@pytest.mark.parametrize("after,speaker,cue", [
    (" said Ali Hassan, the defence minister, who spoke to reporters in Aleppo.", "Ali Hassan", "said"),
    (" the defence minister, Ali Hassan, who spoke to reporters in Aleppo, said on Monday.", "Ali Hassan", "said"),
    # the parser hangs the name on "government", not on "minister": the description is the speaker
    (" said the minister of defence of the interim government, Ali Hassan.", "the minister", "said"),
    (" added a senior commander of the rebel brigade.", "senior commander", "added"),
])
def test_a_speaker_named_after_a_long_quote(nlp, after, speaker, cue):
    """The parser hangs the cue on a verb inside the quote and gives it a subject there ("the cost"): the
    speaker is the cue's own subject after the marks, or the noun after an inverted cue ("added a ...")."""
    qs = [(q["text"], q["speaker"], q["cue"]) for q in nlp(LONG + after)._.quotes if q["kind"] == "direct"]
    assert qs == [(LONG[1:-1], speaker, cue)]


def test_no_sentence_end_inside_a_one_word_parenthesis(nlp):
    text = "\u201cHe would be a great senator,\u201d Rep. Jane Roe (D-Md.) said. Then (it rained.) We left."
    ends = sent_ends(text, 0, len(text), {"rep"})
    assert [text[:e][-12:] for e in ends] == ["D-Md.) said.", "(it rained.)", "d.) We left."]
    assert quotes(nlp, text[:text.index(" Then")]) == [("He would be a great senator,", "direct", "Jane Roe")]
