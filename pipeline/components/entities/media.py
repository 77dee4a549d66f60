"""A state's broadcaster as organisation mentions: "Syrian state TV", "Syrias government run TV", "state television"
(models/state_media.json). The owner is part of the mention when a demonym or a country name (or its
possessive) says whose state it is; an owner that is no country ("Hezbollahs official television", "Al-Manar's
own TV") makes the outlet that owner's, not a state's, and no candidate is made here."""
from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ... import lexicon
from .factions import expand

MEDIA_FILE = "state_media.json"
KINDS = "actor_kinds.json"
POSSESSIVE = ("'s", "’s")
MEDIA_KB = "state_media"  # the kb_id of these spans: their label is fixed by their words
OUTLET_NOUNS = frozenset({"station", "channel", "network"})


def media_matcher(vocab: Vocab) -> Matcher:
    """The state-media patterns, with the demonyms of actor_kinds.json as owners."""
    spec = lexicon.load(MEDIA_FILE)
    lists = {"owner": sorted(lexicon.load(KINDS)["demonyms"]), "heads": spec["heads"],
             "ownership": spec["ownership_words"]}
    matcher = Matcher(vocab)
    matcher.add("ORG", expand(spec["patterns"], lists), greedy="LONGEST")
    return matcher


def _owner(doc: Doc, s: int, countries: set[str], known: dict) -> int | None:
    """Where the mention starts once its owner before `s` is taken in: a country ("Syria state-run TV") or its
    possessive ("Syrias", "Syria's") joins the mention; None when the owner is some other named actor."""
    if s == 0:
        return s
    prev = doc[s - 1]
    if prev.text in POSSESSIVE and s > 1:
        return s - 2 if doc[s - 2].text in countries else None
    if prev.text in countries:
        return s - 1
    if prev.is_title and prev.text.endswith("s") and len(prev) > 4:
        base = prev.text[:-1]
        if base in countries:
            return s - 1
        if base.lower() in known or prev.pos_ == "PROPN" and prev.dep_ == "poss":
            return None  # "Hezbollahs official television": a group's outlet
    return s


def _named_after(doc: Doc, e: int) -> bool:
    """"official television station al-Manar": the words describe the named outlet that follows."""
    return e + 1 < len(doc) and doc[e].lower_ in OUTLET_NOUNS and (doc[e + 1].is_title or doc[e + 1].lower_ == "al")


def state_media_spans(doc: Doc, matcher: Matcher, countries: set[str], known: dict) -> list[Span]:
    """ORG spans of a state's broadcaster, owner included."""
    out = []
    for _, s, e in matcher(doc):
        if _named_after(doc, e):
            continue
        if doc[s].lower_ in lexicon.load(KINDS)["demonyms"]:
            out.append(Span(doc, s, e, label="ORG", kb_id=MEDIA_KB))
            continue
        start = _owner(doc, s, countries, known)
        if start is not None:
            out.append(Span(doc, start, e, label="ORG", kb_id=MEDIA_KB))
    return out
