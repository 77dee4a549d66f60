"""The steps of sitrep_quotes (pipeline/components/quotes/) one by one, on small sentences with exact values."""
from __future__ import annotations

import pytest

from pipeline.components.quotes import QuoteExtractor


def test_a_failing_step_becomes_an_errors_row(nlp, monkeypatch):
    """A bug in a quote step is an `errors` record of stage sitrep_quotes; the other stages' output stays."""
    def boom(*args, **kwargs):
        raise RuntimeError("broken step")

    monkeypatch.setattr(QuoteExtractor, "_segments", boom)
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
    assert meta.assigns == ["doc._.quotes"]


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_gives_no_quotes(nlp, text):
    assert nlp(text)._.quotes == []
