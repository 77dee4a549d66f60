"""A state's broadcaster as organisation mentions: "Syrian state TV", "Syrias government run TV", "state television"
(models/state_media.json). The owner is part of the mention when a demonym or a country name (or its
possessive) says whose state it is; an owner that is no country ("Hezbollahs official television", "Al-Manar's
own TV") makes the outlet that owner's, not a state's, and no candidate is made here."""
from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ... import docindex, lexicon
from ...gazetteer import place_key
from ...text import is_acronym
from .factions import expand, match_windows
from .words import CALENDAR

MEDIA_FILE = "state_media.json"
KINDS = "actor_kinds.json"
POSSESSIVE = ("'s", "’s")
MEDIA_KB = "state_media"  # the kb_id of these spans: their label is fixed by their words
OUTLET_NOUNS = frozenset({"station", "channel", "network"})
TV_WORDS = frozenset({"tv", "television"})
DEMONYMS = frozenset(lexicon.load(KINDS)["demonyms"])
HEADS = frozenset(lexicon.load(MEDIA_FILE)["heads"])
REPORTERS = frozenset(lexicon.load(MEDIA_FILE)["reporter_nouns"])
ADDRESS_VERBS = frozenset(lexicon.load(MEDIA_FILE)["address_verbs"])


def _positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """The tokens whose lower-cased form is one of `words`, from the Doc's array (no Token objects made): most
    articles name no broadcaster, and these steps then cost nothing."""
    return docindex.index(doc).positions({doc.vocab.strings[w] for w in words})  # a word's hash, not added


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
    if not prev.is_sent_start and (prev.pos_ == "PROPN" or prev.like_num) and prev.lower_ not in DEMONYMS:
        return None  # "Rossiya 24 state television": a named outlet, not the country's
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
    out: list[Span] = []
    if not _positions(doc, HEADS):
        return out
    heads = {doc.vocab.strings[w] for w in HEADS}  # every pattern ends in a head: match only around the heads
    found = match_windows(doc, matcher, heads, docindex.index(doc).lowers)
    for _, s, e in sorted(found, key=lambda m: (m[1] - m[2], m[1])):  # the whole-Doc matcher's order: longest first
        if _named_after(doc, e):
            continue
        if doc[s].lower_ in DEMONYMS:
            out.append(Span(doc, s, e, label="ORG", kb_id=MEDIA_KB))
            continue
        start = _owner(doc, s, countries, known)
        if start is not None:
            out.append(Span(doc, start, e, label="ORG", kb_id=MEDIA_KB))
    return out


def _name_tok(doc: Doc, i: int) -> bool:
    t = doc[i]
    if t.lower_ in CALENDAR or t.text.endswith("s") and t.is_title and i + 1 < len(doc) and doc[i + 1].lower_ == "al":
        return False  # "on Sunday Al-Manar TV", "Hezbollahs al-Manar TV": a date, an owner, no part of the name
    return t.is_title or t.lower_ == "al" or t.text == "-" and 0 < i < len(doc) - 1 or t.like_num and i > 0


def outlet_names(doc: Doc, countries: set[str]) -> list[Span]:
    """Names a broadcaster is called by: "TV station al-Mayadeen", "Lebanese TV channel Al-Mayadin" (the name
    after the description), "Al Mayadeen TV channel", "Halab Today TV" (a name with "TV" in it): an organisation,
    whatever a same-named town is. A country or demonym before "TV" is no such name (`state_media_spans`)."""
    out = []
    for i in _positions(doc, TV_WORDS):
        j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ in OUTLET_NOUNS)
        if j > i + 1 and j < len(doc) and (doc[j].is_title or doc[j].lower_ == "al"):
            k = j
            while k < len(doc) and _name_tok(doc, k) and "\n" not in doc[k].text:
                k += 1
            while k > j and doc[k - 1].text == "-":
                k -= 1
            out.append(Span(doc, j, k, label="ORG", kb_id=MEDIA_KB))
            continue
        k = i
        while k > 0 and _name_tok(doc, k - 1) and not doc[k].is_sent_start and doc[k - 1].text not in countries \
                and doc[k - 1].lower_ not in DEMONYMS and doc[k - 1].text[:-1] not in countries:
            k -= 1
        while k < i and doc[k].text == "-":
            k += 1
        if k < i and any(tok.is_alpha and tok.lower_ != "al" for tok in doc[k:i]):
            out.append(Span(doc, k, i + 1, label="ORG", kb_id=MEDIA_KB))  # "Orient TV": the word is in the name
    return out


def _acronym(text: str, country_keys: frozenset[str]) -> bool:
    """An organisation's acronym ("SANA", "AFP", and "SANAs" with a dropped possessive apostrophe), not a
    country's ("US", "UK": gazetteer keys of countries)."""
    bare = text[:-1] if text.endswith("s") and text[:-1].isupper() else text
    return "." not in bare and is_acronym(bare) and place_key(bare) not in country_keys


def reporting_outlets(doc: Doc, country_keys: frozenset[str]) -> list[Span]:
    """A news outlet named by its acronym where the words say it is one (models/state_media.json `reporter_nouns`,
    `address_verbs`): "SANA reporter in Aleppo said", "SANAs reporter", "AFP's correspondent"; "told SANA that"
    (the acronym alone as the addressee)."""
    out = []
    for i in _positions(doc, REPORTERS):
        j = i - 1 - (i > 1 and doc[i - 1].text in POSSESSIVE)
        if j >= 0 and _acronym(doc[j].text, country_keys):
            out.append(Span(doc, j, j + 1, label="ORG", kb_id=MEDIA_KB))
    for i in _positions(doc, ADDRESS_VERBS):
        j = i + 1
        if j < len(doc) and _acronym(doc[j].text, country_keys) and doc[j].dep_ == "dobj" \
                and not (j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN")):
            out.append(Span(doc, j, j + 1, label="ORG", kb_id=MEDIA_KB))
    return out
