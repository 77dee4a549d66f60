"""Truecasing for text written mostly in capitals (wire copy, telex, shouting headlines), keeping its length.

The model was trained on mixed-case text: in "REGIME FORCES SHELLED DARAA" every word looks like a name. A
document is *mostly capitals* when at least `min_share` of its cased letters are upper case (and it has at least
`min_letters` of them). Its words are then recased, one character for one character, so every offset into the
recased text is an offset into the original:

1. Known names keep their written form: multi-word names of the faction registry and the strong places of the
   gazetteer ("FREE SYRIAN ARMY" -> "Free Syrian Army", "DEIR EZ-ZOR" -> "Deir Ez-Zor"), nationalities
   (models/faction_patterns.json) and month and weekday words (models/common.json) are capitalised; a one-word
   name only when it is not a common English word (wordfreq Zipf frequency below 4: "Aleppo", not "Reading"),
   country names always; news agencies (models/boilerplate.json) too.
2. Acronyms stay in capitals: registry aliases and country codes written in capitals ("SDF", "UN"), unless the
   word is a very common English word ("IS", "US" alone are "is", "us"; after "the" or before a hyphen they stay
   "US"); a word without a vowel is an acronym too ("YPG").
3. A word after an Arabic article and a hyphen ("AL-BAB" -> "al-Bab"), unless very common, is capitalised; so
   is a word right after a capitalised word that is an organisation head (models/entity_lexicon.json: "Syrian
   Observatory") or less common than `name_zipf` ("Rami Abdel Rahman"): names go on. Up to three words after a
   title or role ("SPOKESWOMAN MARIA ZAKHAROVA"), or after "of"/"for" ("the") behind a capitalised organisation
   head ("OBSERVATORY FOR HUMAN RIGHTS"), are capitalised while they are no function word (spaCy's stop words),
   no -ed/-ing form and less common than `very_common_zipf` (after a title) or one more (in an organisation).
4. Any other word whose lower-case form is common in English (Zipf >= `common_zipf`) is lower-cased; a rare one
   is taken for a name and capitalised ("RAMI" -> "Rami").
5. The first word of a sentence (text start, line start, after . ! ? and any opening quote or bracket) and the
   pronoun "I" are capitalised.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .lexicon import load, words

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
JOIN = re.compile(r"[ \-]+")  # what may stand between the words of one name
VOWELS = set("aeiouy")
MAX_NAME_WORDS = 5
PLACE_ZIPF = 4.0  # a one-word name more common than this as a word is a word ("Reading", "Northern")


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def mostly_caps(text: str, min_share: float = 0.8, min_letters: int = 20) -> bool:
    """At least `min_share` of the cased letters are capitals (and there are `min_letters` of them)."""
    up = low = 0
    for c in text:
        if c.isupper():
            up += 1
        elif c.islower():
            low += 1
    return up >= min_letters and up >= min_share * (up + low)


class Truecaser:
    """Recases mostly-capital text; see the module docstring for the rules."""

    def __init__(self, common_zipf: float = 3.0, very_common_zipf: float = 5.0, name_zipf: float = 3.5):
        self.common_zipf = common_zipf
        self.very_common_zipf = very_common_zipf
        self.name_zipf = name_zipf
        self.names, self.acronyms, self.single = _lexicon()
        ents = load("entity_lexicon.json")
        self.articles = frozenset(w.lower() for w in ents["arabic_articles"])
        self.heads = frozenset(w.lower() for w in ents["org_heads"] + ents["faction_heads"])
        self.titles = frozenset(w.lower().rstrip(".") for w in ents["titles"] + ents["role_heads"])
        self.head_or_title = self.heads | self.titles
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stop = frozenset(STOP_WORDS) | {"said", "says", "told", "tells"}
        self._freq: dict[str, float] = {}

    def zipf(self, low: str) -> float:
        f = self._freq.get(low)
        if f is None:
            f = self._freq[low] = _zipf(low)
        return f

    def __call__(self, text: str) -> str:
        out = list(text)
        words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        self._named = [-2]  # indices of the words given a capital so far (a name may go on after them)
        self._named_set: set[int] = set()
        i = 0
        while i < len(words):
            n = self._name_at(text, words, i)
            if n:
                for k in range(i, i + n):
                    self._apply(out, words[k], self.names[self._key(words, i, n)][k - i])
                self._named.append(i + n - 1)
                self._named_set.add(i + n - 1)
                i += n
                continue
            s, e, w = words[i]
            low = w.lower()
            prev = words[i - 1][2].lower() if i else ""
            hyphen = e < len(text) and text[e] == "-"
            cue = self._cue_before(words, i, text)
            after_article = s > 0 and text[s - 1] == "-" and prev in self.articles and i and words[i - 1][1] == s - 1
            after_name = i and self._named[-1] == i - 1 and JOIN.fullmatch(text[words[i - 1][1]:s]) is not None
            if low in self.acronyms and (self.zipf(low) < self.very_common_zipf or prev == "the" or hyphen):
                form = w.upper()
            elif low in self.single:
                form = self.single[low]
            elif after_article and self.zipf(low) < self.very_common_zipf:
                form = low[:1].upper() + low[1:]  # "AL-BAB" -> "al-Bab", "AL-NUSRA" -> "al-Nusra"
            elif after_name and low not in self.titles and (low in self.heads or self.zipf(low) < self.name_zipf):
                form = low[:1].upper() + low[1:]  # "RAMI ABDEL RAHMAN", "SYRIAN OBSERVATORY": one name
            elif cue and self._name_word(low, self.very_common_zipf + (cue == "org")):
                form = low[:1].upper() + low[1:]  # "SPOKESWOMAN MARIA ZAKHAROVA", "OBSERVATORY FOR HUMAN RIGHTS"
            elif self.zipf(low) >= self.common_zipf or len(low) == 1:
                form = low
            elif not VOWELS & set(low):
                form = w.upper()
            else:
                form = low[:1].upper() + low[1:]
            self._apply(out, words[i], form)
            if form[:1].isupper() and len(form) > 1:
                self._named.append(i)
                self._named_set.add(i)
            i += 1
        for s, _e, w in words:  # sentence starts and "I"
            if w.lower() == "i" or _starts_sentence(text, s):
                c = out[s].upper()
                if len(c) == 1:
                    out[s] = c
        return "".join(out)

    def _name_word(self, low: str, max_zipf: float) -> bool:
        """Could be a word of a name: no function word, no verb form ending -ed/-ing, not too common."""
        return low not in self.stop and not low.endswith(("ed", "ing")) and self.zipf(low) < max_zipf

    def _cue_before(self, words: list, i: int, text: str) -> str | None:
        """Word `i` goes on a name: it follows a title ("PRESIDENT VLADIMIR PUTIN") or "of"/"for" (and "the") after
        a capitalised organisation head ("OBSERVATORY FOR HUMAN RIGHTS"), with at most 2 name words between."""
        j, k = i - 1, 0
        while j >= 0 and k < 3 and j in self._named_set and words[j][2].lower() not in self.head_or_title:
            j, k = j - 1, k + 1
        if j < 0 or not JOIN.fullmatch(text[words[j][1]:words[j + 1][0]]):
            return None
        w = words[j][2].lower()
        if w in self.titles and k < 3:
            return "title"
        if w == "the" and j > 0:
            j, w = j - 1, words[j - 1][2].lower()
        if w in ("of", "for") and j > 0 and j - 1 in self._named_set and words[j - 1][2].lower() in self.heads:
            return "org"
        return None

    @staticmethod
    def _key(words: list, i: int, n: int) -> tuple[str, ...]:
        return tuple(w.lower() for _s, _e, w in words[i:i + n])

    def _name_at(self, text: str, words: list, i: int) -> int:
        """Number of words of the longest known multi-word name starting at word `i` (0: none)."""
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 1, -1):
            if not all(JOIN.fullmatch(text[words[k][1]:words[k + 1][0]]) for k in range(i, i + n - 1)):
                continue
            if self._key(words, i, n) in self.names:
                return n
        return 0

    @staticmethod
    def _apply(out: list[str], word: tuple[int, int, str], form: str) -> None:
        """Write `form` over the word, character by character, where it is the same letter in another case."""
        s, e, w = word
        if len(form) != e - s:
            return
        for k, (a, b) in enumerate(zip(w, form)):
            if a != b and a.lower() == b.lower() and len(b) == 1:
                out[s + k] = b


def _starts_sentence(text: str, s: int) -> bool:
    j = s - 1
    while j >= 0 and text[j] in " \t\"'“‘([":
        j -= 1
    return j < 0 or text[j] in ".!?\n"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[tuple[str, ...], tuple[str, ...]], frozenset[str], dict[str, str]]:
    """(multi-word names -> their words as written, acronyms, one-word names -> as written)."""
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    single: dict[str, str] = {}
    acronyms: set[str] = set()

    def add(name: str, always: bool = False) -> None:
        ws = WORD.findall(name)
        if not ws or len(ws) > MAX_NAME_WORDS:
            return
        if len(ws) == 1:
            w = ws[0]
            if w.isupper() and len(w) >= 2:
                acronyms.add(w.lower())
            elif w[:1].isupper() and (always or _zipf(w.lower()) < PLACE_ZIPF):
                single.setdefault(w.lower(), w)
            return
        if any(w[:1].isupper() for w in ws):
            names.setdefault(tuple(w.lower() for w in ws), tuple(ws))

    facs, _canon = gazetteer.factions()
    for fac in facs:
        for n in (fac.name, *fac.aliases):
            add(n)
    for name in gazetteer.country_names().values():
        add(name, always=True)
    gaz = gazetteer.places()
    for row in gaz._rows:  # the display names of strong places (countries, regions, big cities)
        place = gazetteer.Place(*row)
        if place.strong:
            add(place.name, always=place.kind == "country")
    for key in gaz.country_keys:  # "us", "uk", "uae" written as codes
        if len(key) <= 3 and " " not in key:
            acronyms.add(key)
    for w in load("boilerplate.json")["agencies"]:  # news agencies: "AFP", "Reuters"
        if w.isalpha():
            if len(w) <= 4:
                acronyms.add(w.lower())
            else:
                single.setdefault(w.lower(), w[:1].upper() + w[1:].lower())
    for w in load("faction_patterns.json")["lists"].get("nationality", []):
        if w.isalpha():
            single[w.lower()] = w[:1].upper() + w[1:].lower()
    for w in words("calendar"):
        if _zipf(w) < 5.5:  # "May" the month is far rarer than "may" the verb
            single[w] = w[:1].upper() + w[1:]
    return names, frozenset(acronyms), single
