"""The steps of sitrep_quotes (pipeline/components/quotes/) one by one, on small sentences with exact values."""
from __future__ import annotations

import pytest

from pipeline.components.quotes import marks, prepare
from pipeline.components.quotes.confidence import confidence
from pipeline.components.quotes.continuation import uncued
from pipeline.components.quotes.cues import direct_quotes, governing_cue
from pipeline.components.quotes.marks import nickname, segments, sent_ends
from pipeline.components.quotes.mentions import antecedent, mention
from pipeline.components.quotes.reported import reported_quotes
from pipeline.components.quotes.speakers import named
from pipeline.components.quotes.subjects import subject
from pipeline.docindex import paragraphs


def test_a_failing_step_becomes_an_errors_row(nlp, monkeypatch):
    """A bug in a quote step is an `errors` record of stage sitrep_quotes; the other stages' output stays."""
    def boom(*args, **kwargs):
        raise RuntimeError("broken step")

    monkeypatch.setattr(marks, "segments", boom)
    text = "Gunmen killed two soldiers in Aleppo on Monday, the army said. “We will respond,” Ali Hassan said."
    doc = nlp(text)
    assert doc._.quotes == []
    assert [(e["stage"], e["error"]) for e in doc._.errors] == [("sitrep_quotes", "RuntimeError")]
    assert "broken step" in doc._.errors[0]["message"]
    assert any(e.text == "Aleppo" for e in doc.ents)
    assert doc._.incidents
    assert any(a["name"] == "Ali Hassan" for a in doc._.actors)


def test_factory_settings_name_the_lexicon_relative_to_models(nlp):
    cfg = nlp.get_pipe_config("sitrep_quotes")
    assert (cfg["lexicon"], cfg["max_scare_words"], cfg["min_indirect_tokens"]) == ("quote_cues.json", 4, 2)
    meta = nlp.get_pipe_meta("sitrep_quotes")
    assert meta.assigns == ["doc._.quotes", "doc._.speaker_roles"]


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_gives_no_quotes(nlp, text):
    assert nlp(text)._.quotes == []


def prepared(nlp, text):
    """The Doc through the whole pipeline, then the quote component's context and marked spans."""
    doc = nlp(text)
    return prepare(doc, nlp.get_pipe("sitrep_quotes").cues)


def spans(text, segs):
    return [(text[s.start:s.end], s.para, s.closed, s.nested, s.group) for s in segs]


# ---------------------------------------------------------------- marks
def test_marks_pair_curly_straight_nested_and_open_paragraphs():
    text = 'He said “We left. "They came," she said.” Then\n“The first part\n“and the rest.” And a ” stray.'
    segs = segments(text, paragraphs(text))
    assert spans(text, segs) == [
        ("We left. \"They came,\" she said.", 0, True, False, None),
        ("The first part", 1, False, False, 1),
        ("and the rest.", 2, True, False, 1),
        ("They came,", 0, True, True, None),
    ]


def test_marks_nickname_and_sentence_ends():
    text = "John “J.D.” Doe spoke."
    seg = segments(text, paragraphs(text))[0]
    assert nickname(text, seg)
    text = "Mr. Smith left. A. B. Jones came!"
    assert sent_ends(text, 0, len(text), {"mr"}) == [15, len(text)]  # not after an abbreviation or an initial


# ---------------------------------------------------------------- subjects
def test_subjects_of_cues(nlp):
    """The subject, the subject of the verb a clause hangs on ("going on to say"), the object of "according to"."""
    ctx, _, _ = prepared(nlp, "Ali Hassan said, going on to say that the road was closed. According to the mayor, "
                              "the road is open.")
    doc = ctx.doc
    said, say, according = (next(t for t in doc if t.text == w) for w in ("said", "say", "According"))
    assert [subject(ctx.cues, v).text for v in (said, say, according)] == ["Hassan", "Hassan", "mayor"]


# ---------------------------------------------------------------- cues
@pytest.mark.parametrize("text, cue, speaker", [
    ("“We will return,” Ali Hassan said.", "said", "Hassan"),
    ("Ali Hassan said: “We will return.”", "said", "Hassan"),
    ("“We will return.” \u2015 Ali Hassan", "\u2015", "Hassan"),
])
def test_cues_find_the_attribution_of_a_marked_span(nlp, text, cue, speaker):
    ctx, segs, _ = prepared(nlp, text)
    direct_quotes(ctx, segs)
    (s,) = segs
    assert (s.kind, s.attr.cue, s.attr.subj.text) == ("direct", cue, speaker)


def test_cues_speech_act_governs_a_fragment(nlp):
    ctx, segs, _ = prepared(nlp, "The minister called the attack “a cowardly crime” on Monday.")
    found = governing_cue(ctx, segs[0], ctx.inside)
    assert (found.cue, found.subj.text) == ("called", "minister")


# ---------------------------------------------------------------- reported
def test_reported_speech_and_mixed(nlp):
    text = "The mayor said that the bridge would reopen as a “vital link” next month."
    ctx, segs, _ = prepared(nlp, text)
    used = direct_quotes(ctx, segs)
    (q,) = reported_quotes(ctx, segs, used)
    assert (text[q.start_char:q.end_char], q.kind, q.attr.cue, q.attr.subj.text) == \
        ("the bridge would reopen as a “vital link” next month", "mixed", "said", "mayor")
    assert segs[0].kind == "fragment"


# ---------------------------------------------------------------- continuation
def test_continuation_of_a_quoted_speaker(nlp):
    text = "“We will return,” Ali Hassan said. “Our homes are still there and we will rebuild them.”"
    ctx, segs, _ = prepared(nlp, text)
    used = direct_quotes(ctx, segs)
    uncued(ctx, segs, reported_quotes(ctx, segs, used))
    assert [(s.kind, s.cont, s.attr.subj.text) for s in segs] == [("direct", False, "Hassan"),
                                                                 ("direct", True, "Hassan")]


# ---------------------------------------------------------------- mentions and speakers
def test_mentions_apposition_and_a_description(nlp):
    ctx, _, _ = prepared(nlp, "The spokesman, Ali Hassan, said the road was open.")
    assert mention(ctx, next(t for t in ctx.doc if t.text == "spokesman")).text == "Ali Hassan"
    text = "The opposition Orient TV network broadcast the footage. The network said the town had fallen."
    ctx, _, _ = prepared(nlp, text)
    doc = ctx.doc
    m = mention(ctx, doc[[t.i for t in doc if t.text == "network"][-1]])
    assert m.text == "The network"
    assert antecedent(ctx, m).text == "Orient TV"


def test_speakers_pronouns_go_back_to_the_last_suitable_speaker(nlp):
    text = "“We will return,” Mrs. Ana Silva said. “It will take a year,” she added."
    qs = nlp(text)._.quotes
    assert [(q["speaker"], q["speaker_actor_id"], q["confidence"]) for q in qs] == \
        [("Ana Silva", "person:ana-silva", 0.9), ("Ana Silva", "person:ana-silva", 0.8)]


def test_speakers_named_is_the_actor_name(nlp):
    ctx, _, _ = prepared(nlp, "Marcia “Cia” Price spoke on Monday.")
    (e,) = ctx.ents
    assert named(ctx, e) == ("Marcia Price", "person:marcia-price", "PERSON")


# ---------------------------------------------------------------- confidence
@pytest.mark.parametrize("kind, has_speaker, pronoun, continued, expected", [
    ("direct", True, False, False, 0.9), ("direct", True, True, False, 0.8), ("mixed", False, False, False, 0.45),
    ("indirect", True, True, True, 0.4), ("indirect", False, False, True, 0.2),
])
def test_confidence_weights(nlp, kind, has_speaker, pronoun, continued, expected):
    weights = nlp.get_pipe("sitrep_quotes").cues.weights
    assert confidence(weights, kind, has_speaker, pronoun, continued) == expected


def test_component_data_round_trips_through_disk(nlp, tmp_path):
    """to_disk/from_disk (the base class) carry the lexicon: a component reads its data back from the folder."""
    import srsly

    from pipeline.components.quotes import QuoteExtractor

    comp = nlp.get_pipe("sitrep_quotes")
    comp.to_disk(tmp_path / "q")
    data = srsly.read_json(tmp_path / "q" / "data.json")
    lex = comp.data["lexicon"]
    assert data["lexicon"].keys() == lex.keys() and data["lexicon"]["speech_verbs"] == lex["speech_verbs"]
    # srsly's JSON writer keeps floats only approximately (0.7 reads back as 0.7000000000000001)
    assert data["lexicon"]["confidence"] == pytest.approx(lex["confidence"])
    data["lexicon"]["confidence"]["direct"] = 0.5  # an edited copy, to see that it is what gets loaded
    srsly.write_json(tmp_path / "q" / "data.json", data)
    other = QuoteExtractor(nlp, "copy", lexicon="quote_cues.json", max_scare_words=4, min_indirect_tokens=2)
    other.from_disk(tmp_path / "q")
    doc = nlp("“We will return,” Ali Hassan said. The mayor said that the bridge would reopen next month.")
    expected = [(q["kind"], q["confidence"]) for q in doc._.quotes]
    other(doc)
    assert expected == [("direct", 0.9), ("indirect", 0.7)]
    assert [(q["kind"], q["confidence"]) for q in doc._.quotes] == [("direct", 0.5), ("indirect", 0.7)]
