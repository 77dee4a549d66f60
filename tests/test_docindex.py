"""The shared per-Doc index (pipeline.docindex) and the common component shape (components.base)."""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import docindex, lexicon
from pipeline.components.base import Component, record_error

TEXT = "Shelling in Daraa\nRegime forces shelled Daraa al-Balad on Monday. Ahmad Abazeid said so.\n\nMore later."


def _doc() -> Doc:
    nlp = spacy.blank("en")
    doc = nlp(TEXT)
    doc.ents = [Span(doc, 2, 3, "PLACE"), Span(doc, 7, 11, "PLACE"), Span(doc, 12, 13, "DATE"),
                Span(doc, 14, 16, "PERSON")]
    for t in doc:  # sentence boundaries as the parser would give them: one sentence per period here
        t.is_sent_start = t.i == 0 or doc[t.i - 1].text == "."
    return doc


def test_index_text_offsets_and_entities():
    doc = _doc()
    ix = docindex.index(doc)
    assert ix is docindex.index(doc)  # one index per Doc, shared by every stage
    assert ix.text == TEXT
    assert ix.tok_starts[:3] == [0, 9, 12]
    assert [e.text for e in ix.ents] == ["Daraa", "Daraa al-Balad", "Ahmad Abazeid"]  # DATE is not an actor label
    assert ix.ent_at[:4] == [-1, -1, 0, -1]
    assert ix.ent(8).text == "Daraa al-Balad" and ix.ent(0) is None
    assert [e.text for e in ix.ents_by_label("PERSON")] == ["Ahmad Abazeid"]
    assert ix.token_range(18, 47) == (4, 9)
    # every entity, dates included, by its position in doc.ents: the tokens a description cannot take
    assert ix.entities.any_at[12] == 2 and ix.ent_at[12] == -1 and ix.entities.any_at[14] == 3
    assert ix.entities.every[2].label_ == "DATE"


def test_index_follows_a_change_of_entities():
    doc = _doc()
    ix = docindex.index(doc)
    assert len(ix.ents) == 3
    doc.ents = [Span(doc, 2, 3, "PLACE")]
    assert [e.text for e in docindex.index(doc).ents] == ["Daraa"]
    assert docindex.index(doc).ent_at[8] == -1


def test_paragraphs_and_line_cut_sentences():
    doc = _doc()
    ix = docindex.index(doc)
    assert [TEXT[a:b] for a, b in ix.paragraphs] == [
        "Shelling in Daraa", "Regime forces shelled Daraa al-Balad on Monday. Ahmad Abazeid said so.", "More later."]
    assert ix.paragraph_of(TEXT.index("Ahmad")) == 1
    assert [s.text for s in ix.sentences] == ["Shelling in Daraa", "Regime forces shelled Daraa al-Balad on Monday.",
                                              "Ahmad Abazeid said so.", "More later."]
    assert ix.sentence_of(8).text.startswith("Regime")
    docindex.release()
    assert docindex._LAST == [None, None]


def test_inflect_and_plurals():
    assert {"shell", "shells", "shelled", "shelling"} <= lexicon.inflect({"shell"})
    assert {"say", "says", "said"} <= lexicon.inflect({"say"})  # irregular form from models/common.json
    # a final short vowel and consonant: the doubled spelling too ('admited' is no English word, but harmless)
    assert {"admitted", "admitting", "slammed", "quipped"} <= lexicon.inflect({"admit", "slam", "quip"})
    assert "needded" not in lexicon.inflect({"need"}) and "vowwed" not in lexicon.inflect({"vow"})
    assert lexicon.plurals({"society", "committee", "day"}) == {"society", "societies", "committee", "committees",
                                                               "day", "days"}
    assert {"bin", "ibn", "abu"} <= lexicon.words("name_particles")


class _Counter(Component):
    """A component for the tests: counts the words of a lexicon in each Doc; raises on the word 'boom'."""
    data_files = {"lexicon": lexicon.load}

    def setup(self, data):
        self.words = frozenset(data.get("lexicon", {}).get("calendar", []))

    def process(self, doc):
        if any(t.text == "boom" for t in doc):
            raise ValueError("boom in the text")
        doc.user_data["n"] = sum(t.lower_ in self.words for t in doc)


@Language.factory("test_counter", default_config={"lexicon": "common.json"})
def _make_counter(nlp, name, lexicon):
    return _Counter(nlp, name, lexicon=lexicon)


def test_component_error_becomes_a_record_and_the_doc_goes_on():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_counter")
    ok, bad = list(nlp.pipe(["Clashes on Monday and Tuesday.", "A boom on Monday."]))
    assert ok.user_data["n"] == 2 and ok._.errors is None
    [err] = bad._.errors
    assert err["stage"] == "test_counter" and err["error"] == "ValueError"
    assert err["message"].startswith("test_counter failed on this document: ValueError: boom in the text")
    seen = []
    nlp.get_pipe("test_counter").set_error_handler(lambda name, proc, docs, e: seen.append(name))
    nlp("boom")
    assert seen == ["test_counter"]
    assert record_error is not None


def test_component_data_travels_with_the_pipeline(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("test_counter")
    nlp.get_pipe("test_counter").initialize(lexicon={"calendar": ["monday", "clashes"]})
    nlp.to_disk(tmp_path / "saved")
    assert "/" not in nlp.config["components"]["test_counter"]["lexicon"]  # a models/ name, not a machine path
    again = spacy.load(tmp_path / "saved")
    assert again("Clashes on Monday and Tuesday.").user_data["n"] == 2


def test_component_failure_is_an_errors_row_and_the_document_stays_ok():
    from pipeline.ingest import Article
    from pipeline.rows import doc_rows

    nlp = spacy.blank("en")
    nlp.add_pipe("test_counter")
    doc = nlp("A boom on Monday.")
    rows = doc_rows(doc, Article(doc_id="d1", text=doc.text, path="in/d1.txt"))
    [err] = rows["errors"]
    assert (err["doc_id"], err["path"], err["stage"], err["error"]) == ("d1", "in/d1.txt", "test_counter", "ValueError")
    assert rows["documents"][0]["status"] == "ok"


def test_saved_pipeline_loads_elsewhere_with_the_same_output(nlp, tmp_path):
    """nlp.to_disk() writes no machine path into config.cfg; the folder moved and loaded gives the same rows."""
    import shutil

    nlp.to_disk(tmp_path / "a")
    assert str(tmp_path) not in (tmp_path / "a" / "config.cfg").read_text(encoding="utf-8")
    assert "/work" not in (tmp_path / "a" / "config.cfg").read_text(encoding="utf-8")
    shutil.move(tmp_path / "a", tmp_path / "b")
    again = spacy.load(tmp_path / "b")
    assert again.pipe_names == nlp.pipe_names
    text = ("Regime forces shelled Daraa al-Balad on Monday, killing three civilians, activists said. "
            "\u201cWe will not leave,\u201d said Ahmad Abazeid, an activist.")
    d1, d2 = nlp(text), again(text)
    assert d1._.incidents and d1._.quotes
    assert (d1._.incidents, d1._.quotes, d1._.actors) == (d2._.incidents, d2._.quotes, d2._.actors)
    assert [(e.text, e.label_) for e in d1.ents] == [(e.text, e.label_) for e in d2.ents]


def test_incident_step_failure_is_reported_and_the_incidents_kept(nlp, monkeypatch):
    from pipeline import dates

    def broken(*a, **k):
        raise RuntimeError("date parser bug")

    monkeypatch.setattr(dates, "find_dates", broken)
    doc = nlp("Regime forces shelled Daraa al-Balad on Monday, killing three civilians, activists said.")
    assert doc._.incidents and doc._.incidents[0]["killed"] == 3
    [err] = doc._.errors
    assert err["stage"] == "sitrep_incidents" and err["error"] == "RuntimeError"
    assert err["message"] == ("sitrep_incidents: RuntimeError: date parser bug; its incidents are kept without "
                              "dates from the text")
