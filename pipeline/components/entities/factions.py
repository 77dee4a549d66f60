"""Faction and organisation candidates: the faction patterns (models/faction_patterns.json) matched around the
words they need, capitalised names ending in an organisation head, and the names of the faction registry (UCDP
+ curated, `gazetteer.factions`)."""
from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .model import ModelEnt
from .words import CALENDAR, CONNECT, FACTION_HEADS, MILITARY_NOUNS, NONCOMBATANTS, ROLE_HEADS

WINDOW = 8  # tokens either side of an anchor word: longer than any pattern


def expand(patterns: list, lists: dict[str, list[str]]) -> list:
    """Replace "$name" in {"IN": "$name"} by that list."""
    def sub(x: Any) -> Any:
        if isinstance(x, str) and x.startswith("$"):
            return lists[x[1:]]
        if isinstance(x, dict):
            return {k: sub(v) for k, v in x.items()}
        if isinstance(x, list):
            return [sub(v) for v in x]
        return x
    return sub(patterns)


def pattern_matcher(vocab: Vocab, spec: dict) -> tuple[Matcher, set[int]]:
    """The faction Matcher and the ids of its anchor words (a window around one is where a pattern can match)."""
    matcher = Matcher(vocab)
    matcher.add("FACTION", expand(spec["patterns"], spec["lists"]), greedy="LONGEST")
    anchors = set()
    for key in ("head", "standalone", "the_standalone", "backed", "alliance", "organization"):
        anchors.update(w for x in spec["lists"][key] for w in x.split())
    anchors.update(("regime", "pro"))
    return matcher, {vocab.strings.add(a) for a in anchors}


def curated(fac: Any) -> bool:
    """UCDP's bare acronyms of armed groups need the model's ORG; curated entries and other kinds do not."""
    return fac.curated or fac.kind != "armed group"


def registry_matcher(vocab: Vocab, tokenizer: Tokenizer, facs: list) -> tuple[PhraseMatcher, set[str]]:
    """Registry names, exact case (acronyms) and title case; 2-3 letter acronyms are set apart: they only relabel
    a model ORG. A longer acronym also matches with the "s" of a possessive whose apostrophe the source dropped
    ("ISILs positions", common in scraped copy): the name is the mention (CORPUS.md), its possessive folded later
    (`linkrules.Guards.possessive_base`)."""
    phrases = PhraseMatcher(vocab, attr="ORTH")
    short_acronyms: set[str] = set()
    seen: set[str] = set()
    docs = []
    for fac in facs:
        for n in (fac.name, *fac.aliases):
            if n in seen or len(n) < 2:
                continue
            seen.add(n)
            if n.isupper() and len(n.replace(".", "")) <= 3 and fac.kind != "armed group" or (
                    n.isupper() and len(n) <= 3 and not curated(fac)):
                short_acronyms.add(n)
                continue
            docs.append(n)
            if n.isupper() and n.isalpha() and len(n) >= 4:
                docs.append(n + "s")  # "ISILs positions": a possessive whose apostrophe the source dropped
            if n[:1].islower() or n.lower().startswith("the "):
                docs.append(n[:1].upper() + n[1:])
    phrases.add("FACTION", [tokenizer(n) for n in sorted(set(docs))])
    return phrases, short_acronyms


def match_windows(doc: Doc, matcher: Matcher, anchor_ids: set[int], lower: list[int],
                  window: int = WINDOW) -> list[tuple[int, int, int]]:
    """Run the faction Matcher only on windows around the words a pattern needs ("forces", "regime"...): the same
    matches for a fraction of the cost of matching every token."""
    n = len(doc)
    ranges: list[list[int]] = []
    for i, h in enumerate(lower):
        if h in anchor_ids:
            s, e = max(0, i - window), min(n, i + window)
            if ranges and s <= ranges[-1][1]:
                ranges[-1][1] = e
            else:
                ranges.append([s, e])
    out = []
    for s, e in ranges:
        out.extend((m, s + a, s + b) for m, a, b in matcher(doc[s:e]))
    return out


def acts(tok: Token) -> bool:
    """Subject of an active verb, or one side of "between X and Y" / "X and regime forces"."""
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "nsubj":
        return not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.head.children)
    return tok.dep_ == "pobj" and tok.head.lower_ in ("between", "against", "by")


def pattern_spans(doc: Doc, matches: list[tuple[int, int, int]]) -> list[Span]:
    """Pattern matches that name an actor: not a modifier ("the military escalation"), and civilians only when
    they act ("residents repelled"), not as victims."""
    out = []
    for _, s, e in matches:
        last = doc[e - 1]
        if last.dep_ in ("compound", "amod") and last.head.i >= e and last.head.pos_ in ("NOUN", "PROPN") \
                and last.head.lower_ not in MILITARY_NOUNS:
            continue
        if doc[s].lower_ in NONCOMBATANTS and not acts(doc[s]):
            continue
        out.append(Span(doc, s, e, label="FACTION"))
    return out


def _name_start(doc: Doc, i: int) -> int:
    """Where the capitalised name that ends in the head at `i` starts."""
    s = i
    while s > 0 and (doc[s - 1].is_title or doc[s - 1].is_upper and len(doc[s - 1]) > 1 or (
            doc[s - 1].lower_ in CONNECT and s > 1 and (doc[s - 2].is_title or doc[s - 2].lower_ in CONNECT))):
        prev = doc[s - 1]
        if prev.is_sent_start and prev.is_stop or prev.lower_ in CALENDAR or prev.pos_ in ("VERB", "ADV") \
                or prev.tag_ == "JJS":  # "Latest Syrian Army Offensive": a headline's superlative starts no name
            break
        if prev.lower_ == "the" and not (s > 1 and doc[s - 2].lower_ in ("of", "for")):
            break
        if prev.lower_ in ("of", "for") and s > 1 and doc[s - 2].lower_ in ROLE_HEADS:
            break  # "Director of the Office of Museums": the office, not the person's title
        s -= 1
    while s < i and doc[s].lower_ in CONNECT:
        s += 1
    return s


def _name_end(doc: Doc, i: int) -> int:
    """Where that name ends: after the head, or after its "for/of/on" complement ("Campaign for Daraa")."""
    e = i + 1
    if e + 1 < len(doc) and doc[e].lower_ in ("for", "of", "on") and (doc[e + 1].is_title or (
            doc[e + 1].lower_ == "the" and e + 2 < len(doc) and doc[e + 2].is_title)):
        j = e + 1 + (doc[e + 1].lower_ == "the")
        while j < len(doc) and (doc[j].is_title or doc[j].lower_ in ("and", "of")) and "\n" not in doc[j].text:
            j += 1
        while j > e and not doc[j - 1].is_title:
            j -= 1
        if j > e + 1:
            e = j
    return e


def named_orgs(doc: Doc, lower: list[int], head_ids: set[int]) -> list[Span]:
    """Capitalised names ending in an organisation head ("Freedom for Daraa Campaign", "Syrian Observatory")."""
    out = []
    for i in [i for i, h in enumerate(lower) if h in head_ids]:
        tok = doc[i]
        if not tok.is_title:
            continue
        s, e = _name_start(doc, i), _name_end(doc, i)
        if s < i or e > i + 1:
            out.append(Span(doc, s, e, label="FACTION" if tok.lower_ in FACTION_HEADS else "ORG"))
    return out


def short_acronym_spans(doc: Doc, model: list[ModelEnt], short_acronyms: set[str]) -> list[Span]:
    """Short registry acronyms (ANC, PKK...) only where the model already saw an ORG."""
    return [Span(doc, m.start, m.end, label="FACTION") for m in model
            if m.label == "ORG" and doc[m.start:m.end].text in short_acronyms]
