"""Place candidates and cues: gazetteer hits on capitalised words, a possessive that lost its apostrophe, and the
context that says a name is a place ("in X", "the village of X", "X neighborhood", "shelled X")."""
from __future__ import annotations

from spacy.tokens import Doc

from ... import lexicon
from ...gazetteer import place_key
from ...text import norm_name
from .model import Flags
from .resources import Resources
from .words import (
    COMPASS,
    HEADLINE_WORDS,
    MOVE_VERBS,
    PLACE_NOUNS,
    PLACE_NOUNS_PL,
    PLACE_PREPS,
    PLACE_VERBS,
    SIDE_WORDS,
)

REGION_PREFIXES = lexicon.words("region_prefixes", "actor_kinds.json")  # "eastern", "South", "central"


def possessive_place(res: Resources, word: str, before_lower: bool) -> str | None:
    """"Syrias civil war", "Aleppos countryside": scraped copy that dropped a possessive's apostrophe. The word
    less its "s" is a strong place, a lowercase word follows (what is possessed), and the word is no name of
    its own ("Hamas" is not Hama's)."""
    if not before_lower or len(word) < 5 or not word.endswith("s") or word[0].islower():
        return None
    if norm_name(word) in res.canon:
        return None
    base = place_key(word[:-1])
    return base if base in res.gaz.index and res.gaz.is_strong(word[:-1]) else None


def _longest_hit(res: Resources, text: str, f: Flags, i: int, words: int) -> tuple[int, int, str] | None:
    """The longest gazetteer name of at most `words` words starting at token `i`."""
    index, maxw = res.gaz.index, min(res.gaz.max_words, 6)
    title, upper, alpha, idx, length = f.title, f.upper, f.alpha, f.idx, f.length
    for j in range(min(len(title), i + min(words, maxw) * 2 - 1), i, -1):
        k = j - 1
        if not alpha[k] or not (title[k] or upper[k]):
            continue
        chunk = text[idx[i]:idx[k] + length[k]]
        if "\n" in chunk:
            continue
        key = place_key(chunk)
        if key in index and not (j == i + 1 and (upper[i] and key not in res.country_keys
                                                 or len(key) < 3 and not upper[i])):  # "Us" is no "US"
            return i, j, key
    return None


def gazetteer_spans(res: Resources, text: str, f: Flags) -> list[tuple[int, int, str]]:
    """Longest gazetteer hit starting at each capitalised token (or Arabic article + hyphen): (start, end, key).
    Only words that start some place name open a search, and only as long as such names are."""
    out = []
    title, upper, alpha, idx, length, lower, orth = f.title, f.upper, f.alpha, f.idx, f.length, f.lower, f.orth
    n, firsts = len(title), res.gaz.first_words
    i = 0
    while i < n:
        cap = alpha[i] and (title[i] or upper[i] and length[i] > 1)
        article = alpha[i] and lower[i] in res.article_ids and i + 2 < n and orth[i + 1] == res.hyphen \
            and title[i + 2]
        if not (cap or article):
            i += 1
            continue
        word = text[idx[i]:idx[i] + length[i]]
        words = firsts.get(place_key(word))
        if words is None:
            base = possessive_place(res, word, i + 1 < n and alpha[i + 1] and not title[i + 1] and not upper[i + 1])
            if base:
                out.append((i, i + 1, base))
            i += 1
            continue
        hit = _longest_hit(res, text, f, i, words)
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def in_name(res: Resources, doc: Doc, s: int, e: int, strong: bool = False) -> bool:
    """A lone gazetteer word inside a longer capitalised name ("The New Arab") or a common word ("May"). A major
    place name that is no English word (`strong`) is a place whatever part of speech the model gave it ("Aleppo
    bomb blast kills" opening a text), and the capitalised words around it are no name it is part of when they
    only say which part of it is meant ("South Damascus"), own it ("Syrias Aleppo"), count ("Aleppo Two people
    were killed": copy that lost a full stop) or are a title-case headline's event ("Syrias Aleppo Bomb Blast").
    Not inside a hyphenated modifier ("Pro-Damascus media"): that is no mention of the place."""
    strong = strong and not (s > 0 and doc[s - 1].text == "-" or e < len(doc) and doc[e].text == "-")
    if e - s == 1 and (doc[s].is_stop or doc[s].pos_ != "PROPN" and not strong):
        return True
    prev = doc[s - 1] if s > 0 else None
    if prev is not None and prev.is_title and not prev.is_sent_start and prev.lower_ not in PLACE_PREPS \
            and not (strong and (prev.lower_ in REGION_PREFIXES or possessive_place(res, prev.text, True))):
        return True
    if e < len(doc) and doc[e].is_title and not (strong and (doc[e].like_num or doc[e].lower_ in HEADLINE_WORDS)):
        return True
    return e + 1 < len(doc) and doc[e].lower_ in ("of", "for") and doc[e + 1].is_title


def _in_list_of_places(doc: Doc, start: int, end: int) -> bool:
    """"the villages of Zaytan and Khalasa": a later member of a list after a plural place noun + "of"."""
    root = doc[end - 1]
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.i != end - 1 and root.dep_ == "pobj" and root.head.lower_ == "of" and \
            root.head.head.lower_ in PLACE_NOUNS_PL:
        return True
    if start > 3 and doc[start - 1].lower_ in ("and", "or", ","):  # the same without the parse
        j = start - 1
        while j > max(0, start - 8) and (doc[j].lower_ in ("and", "or", ",", "-") or doc[j].is_title):
            j -= 1
        if j > 0 and j < start - 2 and doc[j].lower_ == "of" and doc[j - 1].lower_ in PLACE_NOUNS_PL:
            return True
    return False


def _described_as_place(doc: Doc, end: int) -> bool:
    """"Sabboura, an area outside Damascus", "Daquq, a Kurdish-controlled town"."""
    if not (end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an")):
        return False
    j = end + 2
    while j < min(len(doc), end + 5) and doc[j].pos_ in ("ADJ", "VERB", "PUNCT") and doc[j].lower_ not in \
            PLACE_NOUNS:
        j += 1
    return j < len(doc) and doc[j].lower_ in PLACE_NOUNS and (j + 1 == len(doc) or doc[j + 1].tag_ != "POS")


def strong_place_cue(doc: Doc, start: int, end: int) -> bool:
    """Cues that name a place whatever the model thought: "the village of X", "X neighborhood"."""
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS_PL:
        return True
    if _in_list_of_places(doc, start, end):
        return True
    if end + 1 < len(doc) and doc[end].is_lower and doc[end].is_alpha and doc[end].lower_ not in SIDE_WORDS and \
            doc[end + 1].lower_ in PLACE_NOUNS and doc[end + 1].lower_ != "state":
        return True  # "Kweyris military airport", "Hmeimim air base"
    if _described_as_place(doc, end):
        return True
    return end < len(doc) and doc[end].lower_ in PLACE_NOUNS and doc[end].lower_ not in ("state", "base")


def place_cue(res: Resources, doc: Doc, start: int, end: int) -> bool:
    """"the town of X", "north of X", "X, Syria", "in X", "X province", "X, a neighborhood in Y", "shelled X"."""
    if start > 1 and doc[start - 1].lower_ == "of" and (doc[start - 2].lower_ in PLACE_NOUNS
                                                        or doc[start - 2].lower_ in COMPASS):
        return True
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in res.country_names:
        return True
    if start > 0 and doc[start - 1].lower_ in PLACE_PREPS:
        # "in Mr. X", "to Ahmad" stay persons: those are decided by the title/speech cues
        return doc[start - 1].lower_ != "to" or doc[start - 1].head.lower_ in MOVE_VERBS
    if end < len(doc) and doc[end].lower_ in PLACE_NOUNS:
        return True
    if start > 1 and doc[start - 1].lower_ == "the" and end < len(doc) and doc[end].lower_ in PLACE_NOUNS:
        return True
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "the") \
            and doc[end + 2].lower_ in PLACE_NOUNS:
        return True
    root = doc[end - 1]
    return root.dep_ in ("dobj", "pobj") and root.head.lower_ in PLACE_VERBS
