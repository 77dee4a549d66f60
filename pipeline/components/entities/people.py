"""Person cues and names: a title before the name, a human verb, "X's family", "X, who", a role in apposition,
and the names the model missed where the sentence says they are people."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ... import docindex
from ...gazetteer import place_key
from .resources import Resources
from .words import (
    APPOSITION_ROLES,
    CALENDAR,
    HONORIFICS,
    HUMAN_VERBS,
    KIN_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
    TITLES,
)

ROLE_NP_STOP = ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ")


def person_cue(doc: Doc, start: int, end: int) -> bool:
    """"Gen. X", "a man named X", "X said" (a short name), "X's family", "X, who", "X, with his"."""
    if start > 0 and (doc[start - 1].lower_.rstrip(".") in TITLES or doc[start - 1].lower_ in ("named", "called")
                      and start > 1 and doc[start - 2].pos_ == "NOUN"):
        return True
    root = doc[end - 1]
    if root.dep_ == "nsubj" and root.head.lower_ in HUMAN_VERBS and end - start <= 3:
        return True
    if root.dep_ == "poss" and root.head.lower_ in KIN_NOUNS:
        return True
    return end + 2 < len(doc) and doc[end].text == "," and (doc[end + 1].lower_ == "who" or (
        doc[end + 2].lower_ in ("his", "her") and doc[end + 1].pos_ == "ADP"))


def role_apposition(doc: Doc, end: int) -> bool:
    """"X, the/a ... <role>" right after the name, before any verb: "X, the Special Advisor to ..."."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("the", "a", "an"):
        return False
    for k in range(end + 2, min(len(doc), end + 6)):
        if doc[k].lower_.rstrip(".") in APPOSITION_ROLES:
            return k + 1 >= len(doc) or doc[k + 1].tag_ != "POS"
        if doc[k].pos_ in ("VERB", "AUX", "ADP", "PRON") or doc[k].is_punct:
            return False
    return False


def complete_name(res: Resources, doc: Doc, ent: Span, ent_toks: set[int]) -> Span:
    """"Dr. Ahmed Kamil Murad" tagged "Ahmed Kamil": the capitalised name word right after a person's span."""
    e = ent.end
    while e < len(doc) and e - ent.end < 2 and e not in ent_toks and doc[e].is_title and doc[e].pos_ == "PROPN" \
            and not doc[e].is_sent_start and doc[e].lower_ not in CALENDAR and doc[e].lower_ not in TITLES \
            and doc[e].text not in res.country_names and not res.gaz.is_strong(doc[e].text) \
            and doc[e - 1].whitespace_ == " ":
        e += 1
    return doc[ent.start:e] if e > ent.end else ent


def _role_after(doc: Doc, e: int) -> bool:
    """"Tarek, a police officer", "Manal, a 28-year-old teacher": a person noun in the noun phrase after "a"."""
    n = len(doc)
    j = e + (e < n and doc[e].text == ",")
    if not (j < n and doc[j].lower_ in ("a", "an")):
        return False
    for k in range(j + 1, min(n, j + 9)):
        if doc[k].lower_ in PERSON_NOUNS:
            return True
        if doc[k].pos_ in ROLE_NP_STOP or doc[k].is_punct and doc[k].text != "-":
            return False
    return False


def unnamed_people(res: Resources, doc: Doc, taken: list[bool], title: list[int]) -> list[tuple[int, int]]:
    """Names the model missed where the sentence says they are people: "said Tarek, a police officer",
    "Manal, a 28-year-old teacher living in ...". One to three capitalised words nobody else tagged."""
    out = []
    n = len(doc)
    for i in [i for i, t in enumerate(title) if t and not taken[i]]:
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or tok.lower_ in CALENDAR or \
                tok.lower_ in TITLES or tok.lower_ in HONORIFICS or i + 1 < n and doc[i + 1].text == ".":
            continue  # "said Col. John Dorrian": the title is not the name
        if i > 0 and (doc[i - 1].is_title and not doc[i - 1].is_sent_start or taken[i - 1]):
            continue  # inside a longer capitalised run
        e = i + 1
        while e < n and e - i < 3 and doc[e].is_title and doc[e].pos_ == "PROPN" and not taken[e]:
            e += 1
        if e < n and (doc[e].is_title or taken[e]) or res.gaz.is_strong(place_key(doc[i:e].text)):
            continue
        after_speech = i > 0 and doc[i - 1].lower_ in SPEECH_VERBS
        if _role_after(doc, e) or after_speech and (e >= n or doc[e].is_punct or doc[e].lower_ in ("a", "an")):
            out.append((i, e))
    return out


def repeated_surnames(res: Resources, doc: Doc, chosen: list, taken: list[bool]) -> list[tuple[int, int]]:
    """"member of the Kurdish National Council Mustafa Sino said ... Sino told journalists": news names a person in
    full once and by the surname after (the aliases stage links the two). The last word of a chosen person's full
    name, written alone where nobody else tagged it and not inside a longer capitalised run, is that person again;
    a surname that is a strong gazetteer place or a country is left to the place rules."""
    names = {doc[c.end - 1].text for c in chosen if c.label == "PERSON" and c.n >= 2
             and doc[c.end - 1].is_title and len(doc[c.end - 1]) >= 3 and not doc[c.end - 1].is_stop}
    names = {n for n in names if not res.gaz.is_strong(place_key(n)) and n.lower() not in res.country_names_lower}
    if not names:
        return []
    n = len(doc)
    at = docindex.index(doc).positions({doc.vocab.strings[w.lower()] for w in names})  # the Doc's array, no Tokens
    return [(i, i + 1) for i in at if doc[i].text in names and not taken[i]
            and not (i > 0 and doc[i - 1].is_title and not doc[i - 1].is_sent_start)
            and not (i + 1 < n and doc[i + 1].is_title)]
