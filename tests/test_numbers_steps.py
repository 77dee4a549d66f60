"""The modules of pipeline.numbers one by one: the lexicon tables, number phrases, the token layer, the subject /
object walks and the casualty reading that settles them."""
from __future__ import annotations

from pipeline.numbers import casualties, groups, lexicon, tokens, words


def test_lexicon_phrase_tables_match_longest_first():
    table = lexicon.phrase_table(["at least", "at least some", "more than"])
    assert table["at"] == [("at", "least", "some"), ("at", "least")]
    assert lexicon.match(["at", "least", "four"], 0, table) == 2
    assert lexicon.match(["at", "least", "some"], 0, table) == 3
    assert lexicon.match(["four"], 0, table) == 0 and lexicon.match([], 0, table) == 0


def test_words_number_phrases():
    lows = words.tokenize("at least two hundred and fifty people")[1]
    assert words.number_at(lows, 0) == words.Num(0, 6, 250, "count")
    assert words.number_at(["dozens", "of"], 0) == words.Num(0, 1, None, "vague")
    assert words.number_at(["no", "one"], 0).value == 0
    assert words.parse_number("1,200") == 1200 and words.parse_number("1.200") is None


def test_tokens_classes_and_spans():
    t = tokens.Tokens("Two soldiers (ANA) were killed, including a commander.")
    assert t.texts == ["Two", "soldiers", "(", "ANA", ")", "were", "killed", ",", "including", "a", "commander", "."]
    assert t._cls == ["num", "np", "paren", "paren", "paren", "verb", "trigger", "comma", "subset", "num", "np",
                      "punct"]
    assert t.span(0, 2) == (0, 12) and t.num_starting(0).value == 2 and t.num_starting(1) is None


def test_groups_subject_and_objects():
    g = groups.Groups("one civilian and six assailants were killed")
    assert g.subject(4, "pl") == [(6, (17, 20), 3), (1, (0, 3), 0)]
    g = groups.Groups("killing three people and a child")
    assert g.objects(1) == [(3, (8, 13), 1), (1, (25, 26), 4)]


def test_casualties_settled_counts():
    s = casualties.Sentence("killing three people and injuring 12 others")
    s.run()
    s.zeros()
    assert s.result() == casualties.Casualties(3, 12, (8, 13), (34, 36))
    assert casualties.find_casualties("the death toll rose to 70 since 2011") == casualties.Casualties(
        None, None, None, None)  # a running total is no count of this event
    assert casualties.find_casualties("There were no casualties").killed == 0
