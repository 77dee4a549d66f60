"""The whole pipeline as spaCy citizens: saved and loaded elsewhere it gives the same rows on whole articles, and a
component that raises on a document becomes an `errors` row while the other stages' output is kept.
(tests/test_docindex.py checks the same on one sentence and on a toy component.)"""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import spacy

from pipeline.components import entities, nominals
from pipeline.engines.local import process_batch
from pipeline.ingest import Article, iter_articles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _articles() -> list[Article]:
    """data/raw, the gold article and the first FA-KES records (those two when ../shared is beside the project)."""
    inputs: list[list[Path]] = [[ROOT / "data" / "raw"]]
    if SHARED.exists():
        inputs.append(sorted((SHARED / "gold").glob("*.txt")))
    arts = [a for paths in inputs for a in iter_articles(paths) if isinstance(a, Article)]
    fakes = SHARED / "data" / "fakes" / "fakes.jsonl"
    if fakes.exists():
        arts.extend(a for a in itertools.islice(iter_articles([fakes]), 4) if isinstance(a, Article))
    return arts


def _rows(nlp, art: Article) -> dict[str, list[dict]]:
    """The rows of one article, as `sitrep run` makes them."""
    _, _, rows = process_batch(nlp, [(0, art)])
    return rows


def _absolute_paths(cfg: dict) -> list[str]:
    """String values of a config that are absolute paths."""
    out = []
    for value in cfg.values():
        if isinstance(value, dict):
            out.extend(_absolute_paths(value))
        elif isinstance(value, str) and value and Path(value).is_absolute():
            out.append(value)
    return out


def test_saved_pipeline_copied_to_another_path_gives_the_same_rows(nlp, tmp_path):
    nlp.to_disk(tmp_path / "saved")
    text = (tmp_path / "saved" / "config.cfg").read_text(encoding="utf-8")
    assert str(tmp_path) not in text and str(ROOT) not in text
    assert _absolute_paths(spacy.util.load_config(tmp_path / "saved" / "config.cfg")) == []
    shutil.copytree(tmp_path / "saved", tmp_path / "elsewhere" / "copy")
    shutil.rmtree(tmp_path / "saved")  # nothing may be read from the first folder
    again = spacy.load(tmp_path / "elsewhere" / "copy")
    assert again.pipe_names == nlp.pipe_names
    arts = _articles()
    assert arts
    for art in arts:
        mine, theirs = _rows(nlp, art), _rows(again, art)
        assert mine == theirs, art.doc_id
        assert mine["mentions"] and mine["doc_actors"] and not mine["errors"]


def _raise(*args, **kwargs):
    raise RuntimeError("a bug in this step")


def test_entity_step_failure_is_an_errors_row_and_the_other_stages_run(nlp, monkeypatch):
    art = next(a for a in iter_articles([ROOT / "data" / "raw"]) if isinstance(a, Article))
    before = _rows(nlp, art)
    monkeypatch.setattr(entities, "foreign_states", _raise)  # the last step of label repair
    rows = _rows(nlp, art)
    [err] = rows["errors"]
    assert (err["doc_id"], err["stage"], err["error"]) == (art.doc_id, "sitrep_entities", "RuntimeError")
    assert "a bug in this step" in err["message"] and "its other stages' output is kept" in err["message"]
    assert rows["documents"][0]["status"] == "ok"
    # the model's entities stay in doc.ents; aliases, quotes and incidents run on them
    assert rows["mentions"] and rows["doc_actors"] and rows["quotes"] and rows["incidents"]
    assert len(rows["quotes"]) == len(before["quotes"])


def test_nominal_failure_keeps_the_named_actors_and_their_mentions(nlp, monkeypatch):
    art = next(a for a in iter_articles([ROOT / "data" / "raw"]) if isinstance(a, Article))
    before = _rows(nlp, art)
    monkeypatch.setattr(nominals.NominalLinker, "_titles", _raise)
    rows = _rows(nlp, art)
    [err] = rows["errors"]
    assert (err["stage"], err["error"]) == ("sitrep_nominals", "RuntimeError")
    def spans(ms):
        return {(m["start_char"], m["end_char"], m["actor_id"]) for m in ms}

    # the names stay, the descriptions are gone
    assert rows["mentions"] and spans(rows["mentions"]) < spans(before["mentions"])
    # sitrep_actors still builds doc._.actors: the same actors, counting their named mentions only
    assert [a["key"] for a in rows["doc_actors"]] == [a["key"] for a in before["doc_actors"]]
    assert sum(a["n_mentions"] for a in rows["doc_actors"]) == len(
        [m for m in rows["mentions"] if m["actor_id"]]) < sum(a["n_mentions"] for a in before["doc_actors"])


def test_actor_table_adds_the_nominal_links_to_the_named_mentions():
    from pipeline.components.actor_table import aggregate

    clusters = [{"key": "place:daquq", "n_mentions": 2, "role": None}, {"key": "person:votel", "n_mentions": 1}]
    out = aggregate(clusters, {"place:daquq": 3, "faction:none": 1})
    assert [(a["key"], a["n_mentions"]) for a in out] == [("place:daquq", 5), ("person:votel", 1)]
    assert clusters[0]["n_mentions"] == 2  # the clusters, facts of sitrep_aliases, stay as emitted


def test_acronyms_take_the_label_of_the_name_they_spell_or_follow():
    from pipeline.components.entities.model import Choice
    from pipeline.components.entities.relabel import defined_acronyms, spelled_acronyms

    doc = spacy.blank("en")("The Syria Recovery Trust Fund ( SRTF ) said SRTF and SARC met Syrian Arab Red Crescent")
    chosen = [Choice(1, 5, "ORG"), Choice(13, 17, "ORG"), Choice(11, 12, "FACTION")]
    taken = [False] * len(doc)
    assert defined_acronyms(doc, chosen, taken) == [(6, 7, "ORG"), (9, 10, "ORG")]
    spelled_acronyms(doc, chosen)
    assert chosen[2].label == "ORG"  # "SARC" after "Syrian Arab Red Crescent": not the armed group of that name


def test_vote_weights_are_data():
    from pipeline.components.entities.model import VOTES_FILE, Votes
    from pipeline.lexicon import load

    w = Votes.from_data(load(VOTES_FILE))
    assert (w.model_total, w.surname, w.known_place) == (2.0, 4.0, 0.6)
