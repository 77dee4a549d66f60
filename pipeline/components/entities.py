"""`sitrep_entities`: the model's entities + gazetteers (places, factions) + label repair -> PERSON/PLACE/FACTION/ORG.

Why: the small model tags "Daraa al-Balad" PERSON and "Karak" ORG and misses "regime forces". Three cheap
signals fix most of that: an offline gazetteer (GeoNames + curated districts), faction patterns and the UCDP
registry, and context cues ("in X", "the X neighborhood", "shelled X", "Gen. X"). Then one label per string
across the document, so a place tagged right once is right everywhere. Other model labels (DATE, CARDINAL, ...)
are kept as they are: the incident stage reads them.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from rapidfuzz import fuzz
from spacy.attrs import IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import extensions, gazetteer
from ..gazetteer import place_key
from ..lexicon import inflect, plurals
from ..resources import model_file
from ..text import COPULAS, norm_name
from ..unionfind import UnionFind
from .boilerplate import in_ranges

extensions.register()

DEFAULT_LABEL_MAP = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG"}
DROP = {"NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
OURS = {"PERSON", "PLACE", "FACTION", "ORG"}
# Word lists (places, titles, heads of organisation names ...) are data: models/entity_lexicon.json.
_LEX = json.loads(model_file("entity_lexicon.json").read_text(encoding="utf-8"))
TEXT_KEY = "sitrep_text"  # doc.user_data key: the text, built once here, popped by sitrep_aliases

PLACE_PREPS = set(_LEX["place_preps"])
PLACE_NOUNS = set(_LEX["place_nouns"])
COMPASS = set(_LEX["compass"])
PLACE_VERBS_BASE = set(_LEX["place_verbs_base"])
TITLES = set(_LEX["titles"])
HUMAN_VERBS_BASE = set(_LEX["human_verbs_base"])
FACILITY_HEADS = set(_LEX["facility_heads"])
NOT_ACTOR_HEADS = set(_LEX["not_actor_heads"])
HONORIFICS = set(_LEX["honorifics"])
NONCOMBATANTS = set(_LEX["noncombatants"])
MOVE_VERBS_BASE = set(_LEX["move_verbs_base"])
KIN_NOUNS = set(_LEX["kin_nouns"])
LEAD_STRIP = set(_LEX["lead_strip"])
ACTION_DEPS = {"nsubj", "nsubjpass", "agent"}
# Title-case names ending in one of these are organisations ("Freedom for Daraa Campaign"); armed ones are factions
ORG_HEADS = set(_LEX["org_heads"])
FACTION_HEADS = set(_LEX["faction_heads"])
LEAD_POS = {"ADV", "CCONJ", "SCONJ", "ADP", "DET", "INTJ", "PRON", "VERB", "AUX"}
MILITARY_NOUNS = set(_LEX["military_nouns"])
ADMIN_NOUNS = set(_LEX["admin_nouns"])
ROLE_HEADS = set(_LEX["role_heads"])
SPEECH_VERBS = set(_LEX["speech_verbs"])
PERSON_NOUNS = TITLES | set(_LEX["person_nouns"])
CALENDAR = set(_LEX["calendar"])
NAME_PARTICLES = set(_LEX["name_particles"])
ARABIC_ARTICLES = set(_LEX["arabic_articles"])
CONNECT = {"for", "of", "the", "and", "de", "al", "-"}


SPONSOR_SUFFIXES = set(_LEX["sponsor_suffixes"])


PLACE_VERBS = inflect(PLACE_VERBS_BASE)
PLACE_NOUNS_PL = plurals(PLACE_NOUNS)
SIDE_WORDS = set(_LEX["side_words"])
HUMAN_VERBS = inflect(HUMAN_VERBS_BASE)
MOVE_VERBS = inflect(MOVE_VERBS_BASE)
STATE_PLACE_HEADS = set(_LEX["state_place_heads"]) | PLACE_NOUNS | PLACE_NOUNS_PL | COMPASS
STATE_PLACE_VERBS = inflect(set(_LEX["state_place_verbs"])) | PLACE_VERBS | MOVE_VERBS
STATE_PARTNER_NOUNS = set(_LEX["state_partner_nouns"])
STATE_AGENT_PREPS = set(_LEX["state_agent_preps"])
STATE_AGENCY_NOUNS = set(_LEX["state_agency_nouns"])


def _expand(patterns: list, lists: dict[str, list[str]]) -> list:
    """Replace "$name" in {"IN": "$name"} by that list."""
    def sub(x):
        if isinstance(x, str) and x.startswith("$"):
            return lists[x[1:]]
        if isinstance(x, dict):
            return {k: sub(v) for k, v in x.items()}
        if isinstance(x, list):
            return [sub(v) for v in x]
        return x
    return sub(patterns)


class EntityTagger:
    def __init__(self, nlp: Language, name: str, label_map: dict[str, str], patterns_file: str, max_junk_words: int,
                 fuzzy_cutoff: float):
        self.name = name
        self.label_map = dict(label_map)
        self.max_junk_words = max_junk_words
        self.fuzzy_cutoff = fuzzy_cutoff
        spec = json.loads((gazetteer.MODELS / patterns_file).read_text(encoding="utf-8"))
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("FACTION", _expand(spec["patterns"], spec["lists"]), greedy="LONGEST")
        self.arabic_heads = frozenset(spec["lists"].get("arabic_head", ()))
        stop = json.loads((gazetteer.MODELS / "not_actor_names.json").read_text(encoding="utf-8"))
        self.not_names, self.not_first = frozenset(stop["names"]), frozenset(stop["first_words"])
        anchors = set()
        for key in ("head", "standalone", "the_standalone", "backed"):
            anchors.update(w for x in spec["lists"][key] for w in x.split())
        anchors.update(("regime", "pro"))
        self._anchor_ids = {nlp.vocab.strings.add(a) for a in anchors}
        self.window = 8  # tokens either side of an anchor: longer than any pattern
        self.gaz = gazetteer.places()
        strings = nlp.vocab.strings
        self._article_ids = {strings.add(a) for a in ARABIC_ARTICLES}
        self._hyphen = strings.add("-")
        self._head_ids = {strings.add(h) for h in plurals(ORG_HEADS | FACTION_HEADS)}
        self.country_names = set(gazetteer.country_names().values())
        self.country_names_lower = {n.lower() for n in self.country_names}
        self.capitals = gazetteer.capitals()
        # all-caps words are acronyms ("SANA" the news agency), places only when they name a country ("US", "UK")
        self.country_keys = self.gaz.country_keys
        facs, self.canon = gazetteer.factions()
        # registry names: exact case (acronyms) and title case; 2-3 letter acronyms only relabel a model ORG
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.short_acronyms: set[str] = set()
        seen: set[str] = set()
        docs = []
        for fac in facs:
            for n in (fac.name, *fac.aliases):
                if n in seen or len(n) < 2:
                    continue
                seen.add(n)
                if n.isupper() and len(n.replace(".", "")) <= 3 and fac.kind != "armed group" or (
                        n.isupper() and len(n) <= 3 and not self._curated(fac)):
                    self.short_acronyms.add(n)
                    continue
                docs.append(n)
                if n[:1].islower() or n.lower().startswith("the "):
                    docs.append(n[:1].upper() + n[1:])
        self.phrases.add("FACTION", [nlp.make_doc(n) for n in sorted(set(docs))])

    def _match_windows(self, doc: Doc, lower: list[int]) -> list[tuple[int, int, int]]:
        """Run the faction Matcher only on windows around the words a pattern needs ("forces", "regime"...):
        the same matches for a fraction of the cost of matching every token."""
        n, w = len(doc), self.window
        ranges: list[list[int]] = []
        for i, h in enumerate(lower):
            if h in self._anchor_ids:
                s, e = max(0, i - w), min(n, i + w)
                if ranges and s <= ranges[-1][1]:
                    ranges[-1][1] = e
                else:
                    ranges.append([s, e])
        out = []
        for s, e in ranges:
            out.extend((m, s + a, s + b) for m, a, b in self.matcher(doc[s:e]))
        return out

    @staticmethod
    def _acts(tok) -> bool:
        """Subject of an active verb, or one side of "between X and Y" / "X and regime forces"."""
        while tok.dep_ == "conj":
            tok = tok.head
        if tok.dep_ == "nsubj":
            return not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.head.children)
        if tok.dep_ == "pobj" and tok.head.lower_ in ("between", "against", "by"):
            return True
        return False

    @staticmethod
    def _curated(fac) -> bool:
        return fac.curated or fac.kind != "armed group"  # UCDP's bare acronyms of armed groups need the model's ORG

    # -- candidate spans --------------------------------------------------------------------------------
    def _gazetteer_spans(self, doc: Doc, text: str, arr: list) -> list[tuple[int, int, str]]:
        """Longest gazetteer hit starting at each capitalised token: (start, end, key). Token flags come from one
        `doc.to_array` call: Python attribute access per token would cost more than the lookups."""
        out = []
        n, index, maxw, firsts = len(doc), self.gaz.index, min(self.gaz.max_words, 6), self.gaz.first_words
        title, upper, alpha, idx, length, lower, orth = arr
        i = 0
        while i < n:
            cap = alpha[i] and (title[i] or upper[i] and length[i] > 1)
            article = alpha[i] and lower[i] in self._article_ids and i + 2 < n and orth[i + 1] == self._hyphen \
                and title[i + 2]
            if not (cap or article):
                i += 1
                continue
            # only words that start some place name open a search, and only as long as such names are
            words = firsts.get(place_key(text[idx[i]:idx[i] + length[i]]))
            if words is None:
                base = self._possessive_place(text[idx[i]:idx[i] + length[i]], i + 1 < n and alpha[i + 1]
                                              and not title[i + 1] and not upper[i + 1])
                if base:
                    out.append((i, i + 1, base))
                i += 1
                continue
            hit = None
            for j in range(min(n, i + min(words, maxw) * 2 - 1), i, -1):
                k = j - 1
                if not alpha[k] or not (title[k] or upper[k]):
                    continue
                chunk = text[idx[i]:idx[k] + length[k]]
                if "\n" in chunk:
                    continue
                key = place_key(chunk)
                if key in index and not (j == i + 1 and (upper[i] and key not in self.country_keys
                                                         or len(key) < 3 and not upper[i])):  # "Us" is no "US"
                    hit = (i, j, key)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def _possessive_place(self, word: str, before_lower: bool) -> str | None:
        """"Syrias civil war", "Aleppos countryside": scraped copy that dropped a possessive's apostrophe. The word
        less its "s" is a strong place, a lowercase word follows (what is possessed), and the word is no name of
        its own ("Hamas" is not Hama's)."""
        if not before_lower or len(word) < 5 or not word.endswith("s") or word[0].islower():
            return None
        if norm_name(word) in self.canon:
            return None
        base = place_key(word[:-1])
        return base if base in self.gaz.index and self.gaz.is_strong(word[:-1]) else None

    @staticmethod
    def _clean(doc: Doc, s: int, e: int, label: str = "", countries: frozenset | set = frozenset()) -> tuple[int, int]:
        """Trim what the model glued to a name in comma-less text: "Meanwhile the Observatory" -> "Observatory",
        "Damascus Saturday the Observatory" -> "Damascus"."""
        while s < e - 1 and (doc[s].lower_ in LEAD_STRIP or doc[s].pos_ in LEAD_POS) and not doc[s].is_upper:
            s += 1
        if label == "PERSON":  # "Gen. Joseph Votel", "Sayyed Ali Khamenei": the name without the title
            while s < e - 1 and (doc[s].lower_.rstrip(".") in TITLES or doc[s].lower_ in HONORIFICS
                                 or doc[s].text == "."):
                s += 1
        while e - s >= 2 and doc[e - 1].text in ("(", "[", "{", ",", ";", ":", "-"):
            e -= 1  # "State Board of Antiquities and Heritage (SBAH)": the name without the bracket
        if e - s >= 2 and doc[e - 1].text in countries and doc[e - 2].is_title:
            e -= 1  # "Tabqa Syria" in comma-less text is "Tabqa, Syria"
        for i in range(s + 1, e):
            t = doc[i]
            if t.lower_ in CALENDAR or (t.is_lower and t.is_alpha and t.lower_ not in CONNECT
                                        and t.lower_ not in ARABIC_ARTICLES and t.lower_ not in NAME_PARTICLES):
                return s, i
        return s, e

    @staticmethod
    def _in_name(doc: Doc, s: int, e: int) -> bool:
        """A lone gazetteer word inside a longer capitalised name ("The New Arab") or a common word ("May")."""
        if e - s == 1 and (doc[s].is_stop or doc[s].pos_ not in ("PROPN",)):
            return True
        if s > 0 and doc[s - 1].is_title and not doc[s - 1].is_sent_start and doc[s - 1].lower_ not in PLACE_PREPS:
            return True
        if e < len(doc) and doc[e].is_title:
            return True
        return e + 1 < len(doc) and doc[e].lower_ in ("of", "for") and doc[e + 1].is_title

    def _named_orgs(self, doc: Doc, lower: list[int]) -> list[Span]:
        """Capitalised names ending in an organisation head ("Freedom for Daraa Campaign", "Syrian Observatory")."""
        out = []
        heads = self._head_ids
        for i in [i for i, h in enumerate(lower) if h in heads]:
            tok = doc[i]
            low = tok.lower_
            if not tok.is_title:
                continue
            s = tok.i
            while s > 0 and (doc[s - 1].is_title or doc[s - 1].is_upper and len(doc[s - 1]) > 1 or (
                    doc[s - 1].lower_ in CONNECT and s > 1 and (doc[s - 2].is_title or doc[s - 2].lower_ in CONNECT))):
                prev = doc[s - 1]
                if prev.is_sent_start and prev.is_stop or prev.lower_ in CALENDAR or prev.pos_ in ("VERB", "ADV"):
                    break
                if prev.lower_ == "the" and not (s > 1 and doc[s - 2].lower_ in ("of", "for")):
                    break
                if prev.lower_ in ("of", "for") and s > 1 and doc[s - 2].lower_ in ROLE_HEADS:
                    break  # "Director of the Office of Museums": the office, not the person's title
                s -= 1
            while s < tok.i and doc[s].lower_ in CONNECT:
                s += 1
            e = tok.i + 1
            if e + 1 < len(doc) and doc[e].lower_ in ("for", "of", "on") and (doc[e + 1].is_title or (
                    doc[e + 1].lower_ == "the" and e + 2 < len(doc) and doc[e + 2].is_title)):
                j = e + 1 + (doc[e + 1].lower_ == "the")
                while j < len(doc) and (doc[j].is_title or doc[j].lower_ in ("and", "of")) and "\n" not in doc[j].text:
                    j += 1
                while j > e and not doc[j - 1].is_title:
                    j -= 1
                if j > e + 1:
                    e = j
            if s < tok.i or e > tok.i + 1:
                out.append(Span(doc, s, e, label="FACTION" if low in FACTION_HEADS else "ORG"))
        return out

    @staticmethod
    def _strong_place_cue(doc: Doc, start: int, end: int) -> bool:
        """Cues that name a place whatever the model thought: "the village of X", "X neighborhood"."""
        if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS_PL:
            return True
        root = doc[end - 1]
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head  # "the villages of Zaytan and Khalasa"
        if root.i != end - 1 and root.dep_ == "pobj" and root.head.lower_ == "of" and \
                root.head.head.lower_ in PLACE_NOUNS_PL:
            return True
        if start > 3 and doc[start - 1].lower_ in ("and", "or", ","):  # the same without the parse
            j = start - 1
            while j > max(0, start - 8) and (doc[j].lower_ in ("and", "or", ",", "-") or doc[j].is_title):
                j -= 1
            if j > 0 and j < start - 2 and doc[j].lower_ == "of" and doc[j - 1].lower_ in PLACE_NOUNS_PL:
                return True
        if end + 1 < len(doc) and doc[end].is_lower and doc[end].is_alpha and doc[end].lower_ not in SIDE_WORDS and \
                doc[end + 1].lower_ in PLACE_NOUNS and doc[end + 1].lower_ != "state":
            return True  # "Kweyris military airport", "Hmeimim air base"
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an"):
            # "Sabboura, an area outside Damascus", "Daquq, a Kurdish-controlled town"
            j = end + 2
            while j < min(len(doc), end + 5) and doc[j].pos_ in ("ADJ", "VERB", "PUNCT") and doc[j].lower_ not in \
                    PLACE_NOUNS:
                j += 1
            if j < len(doc) and doc[j].lower_ in PLACE_NOUNS and (j + 1 == len(doc) or doc[j + 1].tag_ != "POS"):
                return True
        return end < len(doc) and doc[end].lower_ in PLACE_NOUNS and doc[end].lower_ not in ("state", "base")

    def _place_cue(self, doc: Doc, start: int, end: int) -> bool:
        # "the town of X", "north of X", "X, Syria"
        if start > 1 and doc[start - 1].lower_ == "of" and (doc[start - 2].lower_ in PLACE_NOUNS
                                                            or doc[start - 2].lower_ in COMPASS):
            return True
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in self.country_names:
            return True
        if start > 0 and doc[start - 1].lower_ in PLACE_PREPS:
            # "in Mr. X", "to Ahmad" stay persons: those are decided by the title/speech cues
            return doc[start - 1].lower_ != "to" or doc[start - 1].head.lower_ in MOVE_VERBS
        if end < len(doc) and doc[end].lower_ in PLACE_NOUNS:
            return True
        if start > 1 and doc[start - 1].lower_ == "the" and end < len(doc) and doc[end].lower_ in PLACE_NOUNS:
            return True
        # "X, a neighborhood in Y"
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "the") \
                and doc[end + 2].lower_ in PLACE_NOUNS:
            return True
        root = doc[end - 1]
        return root.dep_ in ("dobj", "pobj") and root.head.lower_ in PLACE_VERBS

    def _person_cue(self, doc: Doc, start: int, end: int) -> bool:
        if start > 0 and (doc[start - 1].lower_.rstrip(".") in TITLES or doc[start - 1].lower_ in ("named", "called")
                          and start > 1 and doc[start - 2].pos_ == "NOUN"):
            return True
        root = doc[end - 1]
        if root.dep_ == "nsubj" and root.head.lower_ in HUMAN_VERBS and end - start <= 3:
            return True
        # "Sadiq's family", "Karim, who", "Karim, with his"
        if root.dep_ == "poss" and root.head.lower_ in KIN_NOUNS:
            return True
        return end + 2 < len(doc) and doc[end].text == "," and (doc[end + 1].lower_ == "who" or (
            doc[end + 2].lower_ in ("his", "her") and doc[end + 1].pos_ == "ADP"))

    def _complete_name(self, doc: Doc, ent: Span, ent_toks: set[int]) -> Span:
        """"Dr. Ahmed Kamil Murad" tagged "Ahmed Kamil": the capitalised name word right after a person's span."""
        e = ent.end
        while e < len(doc) and e - ent.end < 2 and e not in ent_toks and doc[e].is_title and doc[e].pos_ == "PROPN" \
                and not doc[e].is_sent_start and doc[e].lower_ not in CALENDAR and doc[e].lower_ not in TITLES \
                and doc[e].text not in self.country_names and not self.gaz.is_strong(doc[e].text) \
                and doc[e - 1].whitespace_ == " ":
            e += 1
        return doc[ent.start:e] if e > ent.end else ent

    @staticmethod
    def _role_apposition(doc: Doc, end: int) -> bool:
        """"X, the/a ... <role>" right after the name, before any verb: "X, the Special Advisor to ..."."""
        if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("the", "a", "an"):
            return False
        for k in range(end + 2, min(len(doc), end + 6)):
            w = doc[k].lower_.rstrip(".")
            if w in ROLE_HEADS or w in ("officer", "activist", "journalist", "spokesperson", "leader", "chief"):
                return k + 1 >= len(doc) or doc[k + 1].tag_ != "POS"
            if doc[k].pos_ in ("VERB", "AUX", "ADP", "PRON") or doc[k].is_punct:
                return False
        return False

    def _junk(self, doc: Doc, text: str, start: int, end: int) -> bool:
        """Photo credits ("[Getty]") and section labels ("Live Story"): short lines that are not sentences."""
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if s > 0 and text[s - 1] == "[" and text[e:e + 1] == "]":
            return True
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        line = text[ls:le if le >= 0 else len(text)].strip()
        return len(line.split()) <= self.max_junk_words and not line.endswith((".", "!", "?", '"', "”", ":"))

    # -- main -------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: read once, and handed to sitrep_aliases
        doc.user_data[TEXT_KEY] = text
        arr = doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA, IDX, LENGTH, LOWER, ORTH]).T.tolist() if len(doc) else \
            [[] for _ in range(7)]
        keep_other, model = [], []
        ent_toks = {t for ent in doc.ents for t in range(ent.start, ent.end)}
        for ent in doc.ents:
            lab = self.label_map.get(ent.label_)
            if lab == "ORG" and ent[-1].lower_ in NOT_ACTOR_HEADS:
                continue  # "International Humanitarian Law", "Cessation of Hostilities": not actors
            if lab and (ent.text in self.not_names or ent.text[-1:] == "s" and ent.text[:-1] in self.not_names
                        or len(ent) > 1 and ent[0].text in self.not_first):
                continue  # "VBIED", "God", "Operation Steel Curtain": no actor
            if lab in ("ORG", "PERSON") and ent[-1].lower_ in FACILITY_HEADS and (lab == "ORG" or len(ent) > 1):
                # "the Brandbergen Mosque", "Tiyas Military Airfield": buildings and sites are places ("Samarra
                # Barrage" is no person either)
                lab = "PLACE"
            if lab in ("ORG", "PERSON") and len(ent) > 1 and ent[0].lower_ in self.arabic_heads:
                lab = "FACTION"  # "Jaish al-Islam", "Liwa al-Quds": Arabic names of armed groups
            if lab in ("ORG", "FACTION", "PERSON"):
                k = next((t.i for t in ent if t.lower_ in ("of", "for")), None)
                if k is None and len(ent) > 1 and ent[-1].lower_ in ROLE_HEADS:
                    ent = doc[ent.start:ent.end - 1]  # "Central Command spokesman": the organisation, without the role
                elif lab == "ORG" and (ent[-1].lower_ in ROLE_HEADS if k is None else k > ent.start
                                       and doc[k - 1].lower_ in ROLE_HEADS):
                    continue  # "the Minister of Foreign Affairs of Iraq" describes a person (sitrep_nominals links it)
            if lab:
                cuts = [t.i for t in ent if t.text == ","] if lab != "PERSON" else []
                if lab == "PERSON" and ent.end < len(doc):
                    ent = self._complete_name(doc, ent, ent_toks)
                # "Iraqi Ministry of Culture, State Board of Antiquities": the model's span is a list of names
                for a, b in zip([ent.start, *(c + 1 for c in cuts)], [*cuts, ent.end]):
                    s, e = self._clean(doc, a, b, lab, self.country_names)
                    if s < e:
                        model.append((s, e, lab, ent.label_))
            elif ent.label_ not in DROP:
                keep_other.append(ent)

        fac_spans = []
        for _, s, e in self._match_windows(doc, arr[5]):
            last = doc[e - 1]
            if last.dep_ in ("compound", "amod") and last.head.i >= e and last.head.pos_ in ("NOUN", "PROPN") \
                    and last.head.lower_ not in MILITARY_NOUNS:
                continue  # "the military escalation", "regime figures": a modifier, not the actor
            if doc[s].lower_ in NONCOMBATANTS and not self._acts(doc[s]):
                continue  # civilians are a side only when they act ("residents repelled"), not as victims
            fac_spans.append(Span(doc, s, e, label="FACTION"))
        fac_spans.extend(self._named_orgs(doc, arr[5]))
        for _, s, e in self.phrases(doc):
            fac_spans.append(Span(doc, s, e, label="FACTION"))
        model_by_tok: dict[int, tuple] = {}
        for m in model:
            for t in range(m[0], m[1]):
                model_by_tok[t] = m
        for m in model:  # short registry acronyms (ANC, PKK...) only where the model already saw an ORG
            if m[2] == "ORG" and doc[m[0]:m[1]].text in self.short_acronyms:
                fac_spans.append(Span(doc, m[0], m[1], label="FACTION"))
        taken = [False] * len(doc)
        chosen: list[list] = []  # [start, end, label, place_key or None, strong]
        for sp in filter_spans(fac_spans):
            m = model_by_tok.get(sp.start)
            if m and m[2] == "ORG" and m[0] <= sp.start and m[1] >= sp.end and (m[1] - m[0]) > len(sp) \
                    and not doc[m[1] - 1].is_lower:
                s, e = m[0], m[1]  # "ISIL tactical units" stays one FACTION span
            else:
                s, e = sp.start, sp.end
            if any(taken[s:e]):
                continue
            for t in range(s, e):
                taken[t] = True
            chosen.append([s, e, sp.label_, None, False])

        for ent in keep_other:  # dates, numbers: "in May" is a month
            for t in range(ent.start, ent.end):
                taken[t] = True
        gaz_hits = {}
        for s, e, key in self._gazetteer_spans(doc, text, arr):
            if not any(taken[s:e]):
                gaz_hits[(s, e)] = key
        # model entities, adjusted by gazetteer hits
        used_gaz = set()
        for s, e, lab, _raw in model:
            if any(taken[s:e]):
                continue
            key = gaz_hits.get((s, e))
            if key is None:
                # a gazetteer hit that covers the model span ("Daraa" inside "Daraa al-Balad") wins
                cover = [(gs, ge) for (gs, ge) in gaz_hits if gs <= s and ge >= e and (gs, ge) != (s, e)]
                if cover and lab != "ORG":
                    gs, ge = cover[0]
                    if not any(taken[gs:ge]):
                        s, e, key = gs, ge, gaz_hits[(gs, ge)]
            if key is not None:
                used_gaz.add((s, e))
            for t in range(s, e):
                taken[t] = True
            chosen.append([s, e, lab, key, key is not None and key not in self.gaz.weak_keys])
        for (s, e), key in gaz_hits.items():
            if (s, e) in used_gaz or any(taken[s:e]):
                continue
            strong = key not in self.gaz.weak_keys and not self._in_name(doc, s, e)
            if strong or self._place_cue(doc, s, e):
                for t in range(s, e):
                    taken[t] = True
                chosen.append([s, e, "PLACE", key, strong])

        for s, e, lab in self._defined_acronyms(doc, chosen, taken):
            for t in range(s, e):
                taken[t] = True
            chosen.append([s, e, lab, None, False])
        for s, e in self._unnamed_people(doc, taken, arr[0]):
            for t in range(s, e):
                taken[t] = True
            chosen.append([s, e, "PERSON", None, False])
        self._repair(doc, chosen)
        for c in chosen:  # "Idlib province" is the name of the province, not the city
            if c[2] == "PLACE" and c[1] < len(doc) and doc[c[1]].lower_ in ADMIN_NOUNS and not taken[c[1]]:
                c[1] += 1
        furniture = doc._.boilerplate or []  # page furniture (sitrep_boilerplate): no mention starts or runs there
        if furniture:
            for c in chosen:  # "Syrias Aleppo Monitor AFP": the name ends where the byline starts
                c[1] = next((t for t in range(c[0], c[1]) if in_ranges(furniture, doc[t].idx)), c[1])
        ents = [Span(doc, s, e, label=lab) for s, e, lab, *_ in chosen if lab and e > s
                and not self._junk(doc, text, s, e) and not (e - s == 1 and doc[s].text in self.not_names)]
        mine = {t for sp in ents for t in range(sp.start, sp.end)}
        doc.ents = filter_spans(ents + [e for e in keep_other if not any(t in mine for t in range(e.start, e.end))])
        return doc

    @staticmethod
    def _defined_acronyms(doc: Doc, chosen: list[list], taken: list[bool]) -> list[tuple[int, int, str]]:
        """"the Syria Recovery Trust Fund (SRTF)": the acronym in brackets after an organisation is its name too,
        there and wherever else the article uses it."""
        n = len(doc)
        defined: dict[str, str] = {}
        for c in chosen:
            e = c[1]
            if c[2] in ("ORG", "FACTION") and e + 2 < n and doc[e].text == "(" and doc[e + 2].text == ")" \
                    and doc[e + 1].is_upper and 2 <= len(doc[e + 1].text) <= 8 and not taken[e + 1]:
                defined[doc[e + 1].text] = c[2]
        if not defined:
            return []
        for c in chosen:
            if c[1] - c[0] == 1 and doc[c[0]].text in defined:
                c[2] = defined[doc[c[0]].text]
        return [(t.i, t.i + 1, defined[t.text]) for t in doc if t.text in defined and not taken[t.i]]

    def _unnamed_people(self, doc: Doc, taken: list[bool], title: list[int]) -> list[tuple[int, int]]:
        """Names the model missed where the sentence says they are people: "said Tarek, a police officer",
        "Manal, a 28-year-old teacher living in ...". One to three capitalised words nobody else tagged."""
        out = []
        n = len(doc)
        for i in [i for i, t in enumerate(title) if t and not taken[i]]:  # flags from one to_array call
            tok = doc[i]
            if taken[i] or tok.pos_ != "PROPN" or tok.lower_ in CALENDAR or \
                    tok.lower_ in TITLES or tok.lower_ in HONORIFICS or i + 1 < n and doc[i + 1].text == ".":
                continue  # "said Col. John Dorrian": the title is not the name
            if i > 0 and (doc[i - 1].is_title and not doc[i - 1].is_sent_start or taken[i - 1]):
                continue  # inside a longer capitalised run
            e = i + 1
            while e < n and e - i < 3 and doc[e].is_title and doc[e].pos_ == "PROPN" and not taken[e]:
                e += 1
            if e < n and (doc[e].is_title or taken[e]) or self.gaz.is_strong(place_key(doc[i:e].text)):
                continue
            after_speech = i > 0 and doc[i - 1].lower_ in SPEECH_VERBS
            j = e + (e < n and doc[e].text == ",")
            role = False
            if j < n and doc[j].lower_ in ("a", "an"):
                for k in range(j + 1, min(n, j + 9)):  # the noun phrase after "a": "a 28-year-old teacher"
                    if doc[k].lower_ in PERSON_NOUNS:
                        role = True
                        break
                    if doc[k].pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ") or doc[k].is_punct and \
                            doc[k].text != "-":
                        break
            if role or after_speech and (e >= n or doc[e].is_punct or doc[e].lower_ in ("a", "an")):
                out.append((i, e))
        return out

    def _repair(self, doc: Doc, chosen: list[list]) -> None:
        """One label per string (and per spelling variant) across the document, from votes of model, gazetteer
        and context; a known place is never a PERSON unless it is the surname of a person named in full."""
        groups: dict[str, list[list]] = defaultdict(list)
        for c in chosen:
            if c[2] in ("PERSON", "PLACE", "ORG"):
                groups[place_key(doc[c[0]:c[1]].text)].append(c)
        # surnames of people named in full (both "Hourani" and "al-Hourani")
        surnames, firsts = set(), set()
        for c in chosen:
            if c[2] == "PERSON" and c[1] - c[0] >= 2:
                toks = place_key(doc[c[0]:c[1]].text).split()
                if len(toks) < 2 or toks[0] in ARABIC_ARTICLES:
                    continue  # "al-Bab" is one word with its article, not a first name and a surname
                surnames.add(toks[-1])
                if len(toks) >= 3:
                    surnames.add(" ".join(toks[-2:]))
                if toks[0] not in NAME_PARTICLES and toks[0] not in HONORIFICS:
                    firsts.add(toks[0])  # "Anas" after "Anas Ahmad": a first name used alone
        keys = sorted(groups, key=len, reverse=True)
        # spelling variants vote together ("Dara al-Balad" with "Daraa al-Balad")
        variants = UnionFind(keys)
        for i, a in enumerate(keys):
            if len(a) < 6:
                continue
            for b in keys[i + 1:]:
                if len(b) >= 6 and abs(len(a) - len(b)) <= 2 and fuzz.ratio(a, b) >= self.fuzzy_cutoff:
                    variants.union(a, b)
        merged: dict[str, list[list]] = defaultdict(list)
        for k in keys:
            merged[variants.find(k)].extend(groups[k])
        for key, cs in merged.items():
            votes = defaultdict(float)
            strong_place = any(c[4] for c in cs) or self.gaz.is_strong(key)
            known_place = strong_place or any(c[3] for c in cs) or bool(self.gaz.index.get(key))
            bare = key.split()[-1] if key.startswith(("al ", "el ")) else key
            is_surname = key in surnames or bare in surnames
            person_cue = False
            # the model's labels count as 2 votes in all, split by how often it gave each; every context cue counts
            # 1.5: a name the model calls a place ten times is still a person if it "said" and "told" things
            share = 2.0 / len(cs)
            for c in cs:
                votes[c[2]] += share if known_place or c[2] != "PLACE" else share / 2
                if self._strong_place_cue(doc, c[0], c[1]):
                    votes["PLACE"] += 2.5
                elif self._place_cue(doc, c[0], c[1]) and (known_place or c[2] != "PERSON"):
                    votes["PLACE"] += 1.5
                if self._person_cue(doc, c[0], c[1]):
                    votes["PERSON"] += 1.5
                    person_cue = True
                if self._role_apposition(doc, c[1]):
                    votes["PERSON"] += 2.5  # "Knox Thames, the Special Advisor to ...": a person
                    person_cue = True
            if is_surname:
                votes["PERSON"] += 4.0
            elif key in firsts and not strong_place:
                votes["PERSON"] += 2.5
            if strong_place:
                votes["PLACE"] += 2.5
            elif known_place:
                votes["PLACE"] += 0.6
            label = max(sorted(votes), key=lambda k: votes[k])
            if label == "PERSON" and strong_place and not is_surname and not person_cue:
                label = "PLACE"
            for c in cs:
                c[2] = label
        # registry names are factions whatever the model said, also with a possessive s that lost its apostrophe
        for c in chosen:
            if c[2] in ("ORG", "PERSON", "PLACE") and c[1] - c[0] <= 6:
                w = doc[c[0]:c[1]].text
                # the s-less form is a registry acronym or a longer name: "Anas" is a first name, not "ANA"s
                if norm_name(w) in self.canon or (c[1] - c[0] == 1 and w.endswith("s") and len(w) > 3
                                                  and (w[:-1].isupper() or len(w) > 5)
                                                  and norm_name(w[:-1]) in self.canon):
                    c[2] = "FACTION"
        # an acronym spelled out in this document takes the spelled-out name's label: "SARC" after "Syrian Arab Red
        # Crescent" is the aid organisation, not the UCDP armed group of the same letters
        spelled = {}
        for c in chosen:
            if c[1] - c[0] >= 2 and c[2] in ("ORG", "PLACE", "FACTION"):
                ini = "".join(t.text[0] for t in doc[c[0]:c[1]] if t.is_title or t.is_upper)
                if len(ini) >= 2:
                    spelled.setdefault(ini.upper(), c[2])
        for c in chosen:
            if c[1] - c[0] == 1 and doc[c[0]].is_upper and doc[c[0]].text in spelled:
                c[2] = spelled[doc[c[0]].text]
        # "Observatory" after "Syrian Observatory for Human Rights": a lone word of one organisation's name
        heads: dict[str, set[str]] = defaultdict(set)
        for c in chosen:
            if c[2] in ("ORG", "FACTION") and c[1] - c[0] >= 2:
                for t in doc[c[0]:c[1]]:
                    if t.is_title and not t.is_stop and t.lower_ not in self.country_names_lower:
                        heads[t.lower_].add(c[2])
        for c in chosen:
            if c[1] - c[0] == 1 and c[2] in ("PERSON", "PLACE") and len(heads.get(doc[c[0]].lower_, ())) == 1 \
                    and not (c[2] == "PLACE" and c[4]):
                c[2] = next(iter(heads[doc[c[0]].lower_]))
        self._foreign_states(doc, chosen)

    def _foreign_states(self, doc: Doc, chosen: list[list]) -> None:
        """A foreign state that acts in the article (strikes, is backed, says) is a side: all its mentions become
        FACTION. The country the events happen in (the one most places belong to) stays a PLACE."""
        where = Counter()
        country_of: dict[int, str] = {}
        named_country: set[int] = set()  # the country's own name, not its capital
        for idx, c in enumerate(chosen):
            if c[2] != "PLACE":
                continue
            cands = self.gaz.lookup_key(c[3] or place_key(doc[c[0]:c[1]].text))
            best = self.gaz.best(cands)
            if best is None or not best.country:
                continue
            # the home country is where the towns and districts named are; country names only break ties
            where[best.country] += 0.1 if best.kind == "country" else 1.0
            if best.kind == "country":
                country_of[idx] = best.country
                named_country.add(idx)
            elif self.capitals.get(best.name) == best.country and best.population > 0:
                country_of[idx] = best.country  # "Moscow launched air strikes": the capital speaks for the state
        if not country_of:
            return
        home = where.most_common(1)[0][0]
        acting = set()
        for idx, cc in country_of.items():
            c = chosen[idx]
            root = doc[c[1] - 1]
            nxt = doc[c[1]] if c[1] < len(doc) else None
            if cc != home and (
                    root.dep_ in ACTION_DEPS
                    or root.dep_ == "dobj" and root.head.pos_ == "VERB" and root.head.lower_ not in STATE_PLACE_VERBS
                    or root.dep_ == "poss" and root.head.lower_ in MILITARY_NOUNS
                    or root.dep_ in ("compound", "amod") and root.head.lower_ in MILITARY_NOUNS
                    or nxt is not None and nxt.text == "-" and c[1] + 1 < len(doc)
                    and doc[c[1] + 1].lower_ in SPONSOR_SUFFIXES):
                acting.add(cc)
        for idx, cc in country_of.items():
            if cc in acting or idx in named_country and self._state_acts(doc, chosen[idx], cc == home):
                chosen[idx][2] = "FACTION"

    @staticmethod
    def _state_acts(doc: Doc, c: list, home: bool) -> bool:
        """This mention of a country is the state acting, not the territory: "Iraq signed", "Australia's efforts",
        "U.S. airstrikes", "support for Iraq", "our ally Turkey". "In Iraq", "Iraq's north", "visited Iraq" stay
        places, and so does the country the events happen in when it only modifies a noun ("Syria air strikes")."""
        if c[1] - c[0] > 4:
            return False
        tok = doc[c[1] - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        dep, head = tok.dep_, tok.head
        if dep == "nsubj":  # a passive subject undergoes: "Syria was hit by unrest" is where it happened
            return not (head.lower_ in COPULAS and any(ch.dep_ == "attr" for ch in head.children))  # "X is a ..."
        if dep == "appos" or dep == "compound" and head.i < tok.i:
            return head.lower_ in STATE_PARTNER_NOUNS  # "our ally Turkey"
        if dep in ("poss", "compound", "amod", "nmod"):
            if home and (dep != "poss" or head.lower_ not in STATE_AGENCY_NOUNS):
                return False  # "Syria's elections", "Syria air strikes": where, not who
            return head.i > tok.i and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in STATE_PLACE_HEADS \
                and head.ent_type_ not in ("GPE", "LOC", "FAC")
        if dep == "dobj":
            return head.pos_ == "VERB" and head.lower_ not in STATE_PLACE_VERBS
        if dep == "pobj":
            prep = head.lower_
            return prep in STATE_AGENT_PREPS and not (prep == "for" and head.head.lower_ in STATE_PLACE_VERBS)
        return False


@Language.factory("sitrep_entities", default_config={"label_map": DEFAULT_LABEL_MAP,
                                                     "patterns_file": "faction_patterns.json",
                                                     "max_junk_words": 3, "fuzzy_cutoff": 88.0})
def make_entities(nlp: Language, name: str, label_map: dict[str, str], patterns_file: str, max_junk_words: int,
                  fuzzy_cutoff: float) -> EntityTagger:
    return EntityTagger(nlp, name, label_map, patterns_file, max_junk_words, fuzzy_cutoff)



