"""Page furniture (components/boilerplate.py): exact ranges on small texts, and no mention, quote or incident
starting inside them."""
from __future__ import annotations

import pytest

from pipeline.components.boilerplate import in_ranges, merge, start_outside
from pipeline.nlp import COMPONENTS, build_nlp
from pipeline.schema import LABEL_TYPE

CASES = [
    # dateline: only "CITY (AGENCY) -" is furniture, the sentence after it is text; credit lines at the end
    ("DAMASCUS (Reuters) - Syrian forces shelled the town of Douma on Monday.\n"
     "Reporting by John Smith; Editing by Jane Doe",
     ["DAMASCUS (Reuters) -", "Reporting by John Smith; Editing by Jane Doe"]),
    # a tag list glued to the next sentence ends before the capitalised function word that opens it
    ("Rebels took the town on Monday, a monitor said. Tags Syria Islamic State group The group said it lost "
     "20 fighters.", ["Tags Syria Islamic State group"]),
    # a byline between headline and body; a subscribe line with its copyright notice
    ("Barrel bombs kill 11 in Aleppo Monitor AFP Eleven children were killed on Thursday. Subscribe TRT World "
     "on Youtube Like Follow Copyright 2018 TRT World.",
     ["Monitor AFP", "Subscribe TRT World on Youtube Like Follow Copyright 2018 TRT World."]),
    # a photo credit between sentences; an acronym after its spelled-out name is no credit
    ("Residents fled the city on July 10 2016. (AFP) Residents say prices have doubled.\n"
     "The Syrian Arab News Agency (SANA) said troops advanced.", ["(AFP)"]),
    # a sentence that starts with a label word is text
    ("Photos and video emerging from Khan Sheikhoun show limp bodies.", []),
    # a call to action whose run is a sentence to the reader ("you"); one with a quoted "you" is text
    ("Rebels took the town. FOLLOW TRTWORLD Dont miss out on the Latest News We wont spam you and we respect "
     "your privacy. Follow the money, he said.",
     ["FOLLOW TRTWORLD Dont miss out on the Latest News We wont spam you and we respect your privacy."]),
    # a glued dateline, a hyphenated word that is none, and the editors' sign-off after the last sentence
    ("6 October 2016 Aleppo SANA-Terrorist organizations fired shells on Aleppo. The US-led coalition struck "
     "Raqqa. Manar/Mazen", ["Aleppo SANA-", "Manar/Mazen"]),
    # a time stamp label; an embedded post with its link, author, handle and date
    ("Published July 4 2015 An explosion hit a mosque in Hasaka. Bab Tadmor Homs - SANA pic.twitter.com/wAOZTx "
     "Hassan Ridha (sayedridha) September 5 2016 Regime media reported the attack.",
     ["Published July 4 2015",
      "Bab Tadmor Homs - SANA pic.twitter.com/wAOZTx Hassan Ridha (sayedridha) September 5 2016"]),
    # FA-KES: a photo credit "AGENCY/Photographer" inside flattened text, not "Reuters/AFP" after a verb; an
    # embedded video's title ends in its site suffix
    ("Victims lie in Duma August 21 2013. REUTERS/Bassam Khabieh Assads officials denied it. Troops told "
     "Reuters/AFP that the road was cut. Air strikes on Atareb kill dozens of civilians - YouTube Air strikes "
     "were in a de-escalation zone.", ["REUTERS/Bassam Khabieh", "- YouTube"]),
    # a sign-off after a dash at the end of a line; "Read more" with its link text
    ("Government forces retook the village, the army said. - REUTERS\nRead more: Aleppo battle rages",
     ["- REUTERS", "Read more: Aleppo battle rages"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_furniture_ranges(nlp, text, expected):
    doc = nlp(text)
    assert [text[s:e] for s, e in doc._.boilerplate] == expected
    assert all(isinstance(s, int) and s < e for s, e in doc._.boilerplate)


def test_exact_offsets(nlp):
    text = CASES[0][0]
    assert nlp(text)._.boilerplate == [[0, 20], [72, 116]]


@pytest.mark.parametrize("text,expected", CASES)
def test_nothing_starts_in_furniture(nlp, text, expected):
    doc = nlp(text)
    ranges = doc._.boilerplate
    for e in doc.ents:
        if e.label_ in LABEL_TYPE:
            assert not in_ranges(ranges, e.start_char), e.text
    for q in doc._.quotes or []:
        assert not in_ranges(ranges, q["start_char"])
    for i in doc._.incidents or []:
        assert not in_ranges(ranges, i["start_char"])


def test_filters_change_the_output():
    """Without the component the furniture's names are mentions and the dateline opens the incident."""
    with_bp = build_nlp()
    without = build_nlp(stages=tuple(c for c in COMPONENTS if c != "sitrep_boilerplate"))
    text = "Rebels took the town on Monday. Tags Syria Islamic State group The group said it lost 20 fighters."
    names = {e.text for e in without(text).ents if e.label_ in LABEL_TYPE}
    assert "Islamic State group" in names or "Syria" in names
    assert not {e.text for e in with_bp(text).ents if e.label_ in LABEL_TYPE} & {"Islamic State group", "Syria"}
    text = "DAMASCUS (Reuters) - Syrian forces shelled the town of Douma on Monday."
    assert [i["start_char"] for i in without(text)._.incidents] == [0]
    assert [i["start_char"] for i in with_bp(text)._.incidents] == [21]


def test_pipeline_order(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("sitrep_boilerplate") < names.index("sitrep_entities")


def test_range_helpers():
    assert merge([(5, 9), (0, 3), (3, 4), (8, 12), (20, 20)]) == [[0, 4], [5, 12]]
    r = [[0, 4], [5, 12]]
    assert [c for c in range(14) if in_ranges(r, c)] == [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11]
    text = "ABC - Syrian forces"
    assert start_outside([[0, 5]], text, 0, len(text)) == 6
    assert start_outside([[0, 5]], text, 6, len(text)) == 6
    assert start_outside([[0, 5]], text, 1, 5) is None


def test_saved_pipeline_keeps_the_lexicon(tmp_path, nlp):
    import spacy

    nlp.get_pipe("sitrep_boilerplate").to_disk(tmp_path / "bp")
    from pipeline.components.boilerplate import Boilerplate

    comp = Boilerplate(spacy.blank("en"), "bp", lexicon="boilerplate.json")
    comp.data, comp.fw = {}, None  # what from_disk must restore
    comp.from_disk(tmp_path / "bp")
    assert ("tags",) in comp.fw.label_kinds and "afp" in comp.fw.agencies
