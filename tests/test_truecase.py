"""Text in capitals (pipeline/truecase.py, components/truecase.py): recased for the model, kept as written in
the Doc and every table."""
from __future__ import annotations

from pipeline.truecase import Truecaser, mostly_caps

CAPS = ('DAMASCUS (REUTERS) - SYRIAN REGIME FORCES SHELLED THE TOWN OF DARAA AL-BALAD ON MONDAY, THE SYRIAN '
        'OBSERVATORY FOR HUMAN RIGHTS SAID. RAMI ABDEL RAHMAN TOLD AFP THAT THE FREE SYRIAN ARMY FOUGHT ISIS IN '
        'DEIR EZ-ZOR.\n"WE WILL NOT LEAVE," HE SAID.')


def test_names_after_titles_and_organisation_heads():
    out = Truecaser()("RUSSIAN SPOKESWOMAN MARIA ZAKHAROVA SAID PRESIDENT VLADIMIR PUTIN MET THE SYRIAN OBSERVATORY "
                      "FOR HUMAN RIGHTS.")
    assert out == ("Russian spokeswoman Maria Zakharova said president Vladimir Putin met the Syrian Observatory "
                   "for Human Rights.")


def test_mostly_caps():
    assert mostly_caps(CAPS)
    assert not mostly_caps("Syrian forces shelled DARAA AL-BALAD on Monday, the SOHR said, and the UN too.")
    assert not mostly_caps("UN SAYS")  # too few letters to tell


def test_recasing_keeps_every_character_in_place():
    out = Truecaser()(CAPS)
    assert len(out) == len(CAPS)
    assert out.upper() == CAPS
    assert out.startswith("Damascus (Reuters) - Syrian regime forces shelled the town of Daraa al-Balad on Monday")
    assert "Rami Abdel Rahman told AFP that the Free Syrian Army fought ISIS in Deir ez-Zor." in out
    assert out.endswith('\n"We will not leave," he said.')


def test_doc_carries_the_original_text(nlp):
    doc = nlp(CAPS)
    assert doc.text == CAPS
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents["DARAA AL-BALAD"] == "PLACE" and ents["FREE SYRIAN ARMY"] == "FACTION"
    assert ents["DEIR EZ-ZOR"] == "PLACE" and ents["ISIS"] == "FACTION"
    for q in doc._.quotes:
        assert q["text"] == CAPS[q["start_char"]:q["end_char"]]
    assert any(q["text"] == 'WE WILL NOT LEAVE,' for q in doc._.quotes)
    for inc in doc._.incidents:
        assert inc["evidence"] in CAPS
    assert "sitrep_original_text" not in doc.user_data


def test_caps_help(nlp):
    """The same text without recasing finds fewer of its names."""
    with nlp.select_pipes(disable=["sitrep_truecase"]):
        plain = {e.text for e in nlp(CAPS).ents if e.label_ in ("PERSON", "PLACE", "FACTION", "ORG")}
    cased = {e.text for e in nlp(CAPS).ents if e.label_ in ("PERSON", "PLACE", "FACTION", "ORG")}
    assert "RAMI ABDEL RAHMAN" in cased and "RAMI ABDEL RAHMAN" not in plain


def test_mixed_case_text_untouched(nlp):
    text = "Syrian forces shelled Daraa al-Balad on Monday."
    doc = nlp(text)
    assert doc.text == text and "sitrep_original_text" not in doc.user_data


def test_rows_show_the_original_casing():
    from pipeline.api import extract

    t = extract(CAPS, doc_id="caps")
    m = t["mentions"]
    assert (m["text"] == [CAPS[s:e] for s, e in zip(m["start_char"], m["end_char"])]).all()
    assert "FREE SYRIAN ARMY" in set(m["text"])
