"""The vocabulary of the number reader (models/numbers.json) and the tables compiled from it: number words,
qualifiers, casualty trigger phrases by kind and category, word classes, the prefilter and the zero regex."""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..resources import model_file

LEXICON_PATH = model_file("numbers.json")

# Words, comma-thousands numbers, plain numbers (decimals stay one token so that they are never read as counts),
# dotted abbreviations ("U.S."), and single punctuation characters. Hyphenated and apostrophe words
# ("twenty-five", "al-Hourani", "wasn't") are one token.
TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\S")
DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _load_lexicon(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


LEX = _load_lexicon(LEXICON_PATH)


def phrase_table(phrases) -> dict[str, list[tuple[str, ...]]]:
    """Index multi-word phrases by their first token, longest first, for token-level matching."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        toks = tuple(t.lower() for t in TOKEN_RE.findall(p))
        if toks:
            table.setdefault(toks[0], []).append(toks)
    for v in table.values():
        v.sort(key=len, reverse=True)
    return table


def match(lows: list[str], i: int, table: dict[str, list[tuple[str, ...]]]) -> int:
    """Length in tokens of the longest phrase of `table` starting at token i (0 if none)."""
    if i >= len(lows):
        return 0
    for ph in table.get(lows[i], ()):
        n = len(ph)
        if tuple(lows[i:i + n]) == ph:
            return n
    return 0


UNITS: dict[str, int] = LEX["units"]
TENS: dict[str, int] = LEX["tens"]
SCALES: dict[str, int] = LEX["scales"]
DOZEN: int = LEX["dozen"]
QUALS = phrase_table(LEX["qualifiers"])
VAGUE = phrase_table(LEX["vague_quantifiers"])
ZERO = phrase_table(LEX["zero_words"])
ARTICLE_ONE = phrase_table(LEX["article_one"])
FIXED: dict[str, int] = LEX["fixed"]
ORDINALS = frozenset(LEX["ordinals"])
ORDINAL_LEAD = frozenset(LEX["ordinal_lead"])
ONE_MORE = frozenset(LEX["one_more"])
NUM_FIRST = (frozenset(UNITS) | frozenset(TENS) | frozenset(QUALS) | frozenset(VAGUE) | frozenset(ZERO)
              | frozenset(ARTICLE_ONE) | frozenset(FIXED) | ORDINAL_LEAD | {"a", "an"})  # tokens a number can start
NOT_ZERO_AFTER_NO = frozenset({"longer", "more", "less", "fewer", "later", "sooner", "matter", "doubt", "way"})

KINDS = ("killed", "injured")
CATS = ("passive", "intransitive", "active", "nominal_of", "counted", "self")
TRIGGERS: dict[str, dict[str, dict[str, list[tuple[str, ...]]]]] = {
    kind: {cat: phrase_table(LEX[kind].get(cat, [])) for cat in CATS} for kind in KINDS
}
TOLL = frozenset(LEX["killed"]["toll_words"])
TOLL_NOT_AFTER = frozenset(LEX["killed"]["toll_not_after"])
CUM_STRONG = re.compile("|".join(LEX["cumulative_strong"]))
CUM_WEAK = re.compile("|".join(LEX["cumulative_weak"]))
CUM_BEFORE = re.compile("|".join(LEX["cumulative_before"]))
HEADLINE_VERBS = frozenset(LEX["headline_verbs"])
ZERO_NOUNS: dict[str, list[str]] = LEX["zero_nouns"]
PASSIVE_AUX = frozenset(LEX["passive_aux"])
NEG_AUX = frozenset(LEX["negated_aux"])
SG_AUX = frozenset(LEX["singular_aux"])
PL_AUX = frozenset(LEX["plural_aux"])
PERFECT_AUX = frozenset(LEX["perfect_aux"])
NEGATIONS = frozenset(LEX["negations"])
ADVERBS = frozenset(LEX["adverbs"])
RELPRON = frozenset(LEX["relative_pronouns"])
SEPARATORS = frozenset(LEX["separators"])
SUBSET = frozenset(w for w in LEX["subset_markers"] if " " not in w)
CLAUSE = frozenset(LEX["clause_words"])
PREPS = frozenset(LEX["prepositions"])
VERBS = frozenset(LEX["verbs"])
DETS = frozenset(LEX["determiners"])
SG_PRON = frozenset(LEX["singular_pronouns"])
PL_PRON = frozenset(LEX["plural_pronouns"])
PARTICLES = frozenset(LEX["name_particles"])
NOT_NAMES = frozenset(LEX["not_names"])
PLURAL_NOUNS = frozenset(LEX["plural_nouns"])
ED_ADJ = frozenset(LEX["ed_adjectives"])
ING_ADJ = frozenset(LEX["ing_adjectives"])
TIME_UNITS = frozenset(LEX["time_units"])
NON_PERSON = frozenset(LEX["non_person_nouns"])
TRIGGER_WORDS = (frozenset(
    first for kind in KINDS for cat in CATS for first in TRIGGERS[kind][cat]
) | TOLL | {"casualties", "casualty"}) - {"suicide"}
OBJECT_START = DETS | {"him", "her", "them"}


def _static_classes() -> dict[str, str]:
    """Class of the words whose class does not depend on context, in order of precedence (first wins)."""
    out: dict[str, str] = {"-": "np", "'": "np", "’": "np", ",": "comma"}
    for cls, words in (("sep", SEPARATORS), ("subset", SUBSET), ("trigger", TRIGGER_WORDS),
                       ("verb", VERBS | PASSIVE_AUX | NEG_AUX), ("clause", CLAUSE), ("prep", PREPS)):
        for w in words:
            out.setdefault(w, cls)
    return out


STATIC_CLASS = _static_classes()


def _trigger_index() -> dict[str, list[tuple[tuple[str, ...], str, frozenset[str]]]]:
    """first token -> [(phrase, kind, categories)], longest first: one lookup per token finds any trigger."""
    cats_of: dict[tuple[tuple[str, ...], str], set[str]] = {}
    for kind in KINDS:
        for cat in CATS:
            for phrases in TRIGGERS[kind][cat].values():
                for ph in phrases:
                    cats_of.setdefault((ph, kind), set()).add(cat)
    index: dict[str, list[tuple[tuple[str, ...], str, frozenset[str]]]] = {}
    for (ph, kind), cats in cats_of.items():
        index.setdefault(ph[0], []).append((ph, kind, frozenset(cats)))
    for v in index.values():
        v.sort(key=lambda e: (-len(e[0]), KINDS.index(e[1])))
    return index


TRIGGER_INDEX = _trigger_index()
TOLL_SKIP_BEFORE = frozenset({"in", "since", "of"})
FLOATING = frozenset({"all", "both", "each"})



COMMON_WORDS = frozenset({
    "their", "his", "her", "the", "of", "and", "to", "left", "found", "shot", "lost", "claimed", "claiming", "claim",
    "took", "taking", "cost", "costing", "seriously", "critically", "confirmed", "declared", "pronounced", "leaving",
    "suffered", "sustained", "up", "down", "himself", "herself", "themselves", "minor", "serious", "critical"})


def _prefilter_stems() -> tuple[str, ...]:
    """For every trigger phrase, the first five letters of its longest word: a sentence that contains none of
    these cannot state a casualty count, and substring tests reject it at C speed."""
    phrases = [ph for kind in KINDS for cat in CATS for group in TRIGGERS[kind][cat].values() for ph in group]
    phrases += [(w,) for w in TOLL] + [tuple(n.split()) for words in ZERO_NOUNS.values() for n in words]
    return tuple(sorted({max(ph, key=lambda w: (w not in COMMON_WORDS, len(w)))[:5] for ph in phrases}))


PREFILTER_STEMS = _prefilter_stems()
PREFILTER = re.compile("|".join(map(re.escape, PREFILTER_STEMS)))  # plain literals on lower-cased text: fast


def _zero_regex() -> re.Pattern[str]:
    adjs = "|".join(sorted((r"\s+".join(map(re.escape, a.split())) for a in LEX["zero_adjectives"]),
                           key=len, reverse=True))
    nouns = {kind: "|".join(sorted((r"\s+".join(map(re.escape, n.split())) for n in words), key=len, reverse=True))
             for kind, words in ZERO_NOUNS.items()}
    what = "|".join(f"(?P<{kind}>{alt})" for kind, alt in nouns.items())
    return re.compile(
        r"\b(?:no|without|nor|not\s+(?:\w+\s+){0,3}?any|never\s+(?:\w+\s+){0,2}?any)\s+"
        rf"(?:(?:{adjs})\s+){{0,2}}(?:{what})\b",
        re.IGNORECASE,
    )


ZERO_RE = _zero_regex()
