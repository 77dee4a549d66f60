"""`sitrep_incidents`: ACLED-typed incidents with date, place, actors and casualty counts, on `doc._.incidents`.

One pass per document: a PhraseMatcher finds event cues (models/event_types.json), cues are grouped by the
clause they sit in, each clause is typed by its most specific cue, its arguments are read from the parse and
the actor layer, and mentions of one event (same type, date and place) are merged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import dates as _dates
from .. import docindex, extensions, gazetteer
from .. import numbers as _numbers
from ..text import SUBJECT_DEPS, VALUE_ENTS, fold, norm_name
from .base import Component, note_problem, read_model_json
from .boilerplate import in_ranges, start_outside

extensions.register()

DEFAULT_LEXICON = "event_types.json"  # relative to models/ (an absolute path also works, but is not portable)
CLAUSE_DEPS = {"ROOT", "advcl", "ccomp", "relcl", "parataxis", "xcomp", "acl"}
ACTOR_LABELS = {"PERSON", "FACTION", "ORG"}
MODALS = {"could", "would", "might", "may", "will", "shall", "should", "'ll", "wo", "ca", "must"}
IRREALIS_MARKS = frozenset(MODALS | {"if", "unless"})
REMOTE_SUBS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED",
                         "Chemical weapon"})
SUBSUMED = {"Armed clash", "Attack", "Looting/property destruction"}
ADDITIVE = re.compile(r"\b(?:in addition to|besides|apart from|as well as)\b", re.I)


@dataclass
class Cue:
    group: dict
    span: Span

    @property
    def root(self) -> Token:
        return self.span.root


@dataclass
class Mention:
    """One event clause before merging."""
    sub: str
    sent: Span
    start_char: int
    end_char: int
    trigger: Token
    actor1: tuple | None = None    # (name, key)
    actor2: tuple | None = None
    place: dict | None = None
    date: dict | None = None       # value, text, precision, explicit
    killed: int | None = None
    injured: int | None = None
    anaphoric: bool = False
    casualty_only: bool = False
    additive: bool = False         # "in addition to the bomber, two were killed": adds to the earlier count
    weapon: bool = False           # typed by a weapon cue (air strike, shelling, bomb)
    blast: bool = False            # typed only by an explosion word ('explosions rocked'), not by what exploded
    cues: list = field(default_factory=list)


class IncidentExtractor(Component):
    data_files = {"lexicon": read_model_json}

    def __init__(self, nlp: Language, name: str, lexicon: str):
        self._make_doc = nlp.make_doc  # the trigger phrases are tokenized as the text is
        super().__init__(nlp, name, lexicon=lexicon)

    def setup(self, data: dict) -> None:
        """Compile the lexicon (models/event_types.json) into the matcher and word sets."""
        nlp_vocab, make_doc, lex = self.vocab, self._make_doc, data["lexicon"]
        self.event_types: dict[str, str] = lex["event_types"]
        self.groups: list[dict] = lex["triggers"]
        self.matcher = PhraseMatcher(nlp_vocab, attr="LOWER")
        for i, g in enumerate(self.groups):
            self.matcher.add(str(i), [make_doc(t) for t in g["terms"]])
        self.armed = set(lex["armed_words"])
        self._state_rx = _alternation([fold(w) for w in lex["state_words"]])
        self.generic_actor = set(lex["generic_actor_words"])
        self.inverse = set(lex["inverse_roles"])
        self.hypothetical = set(lex["hypothetical_heads"])
        self.background = _alternation(lex["background_cues"])
        self.claim = set(lex["claim_verbs"])
        self.attrib = set(lex["attribution_verbs"])
        self.designators = set(lex["place_designators"])
        self.place_preps = set(lex["place_preps"])
        self.particles = set(lex["name_particles"])
        self.countries = {fold(name): cc for cc, name in gazetteer.country_names().items()}
        self.combos = [(c["sub"], c["priority"], set(c["overrides"]), [_alternation(w) for w in c["when"]],
                        _alternation(c["unless"]) if c.get("unless") else None)
                       for c in sorted(lex.get("combos", []), key=lambda c: -c["priority"])]
        self.combo_ignore = _alternation(lex["combo_ignore"]) if lex.get("combo_ignore") else None
        self.kill_verbs = set(lex["kill_verbs"])
        self.perpetrate = set(lex.get("perpetrate_verbs", []))
        self.person_nouns = set(lex.get("person_nouns", []))
        self._perp_ids = {nlp_vocab.strings.add(w) for w in self.claim | self.attrib}
        self.people_nouns = frozenset(lex["people_nouns"])  # "residents of X": X is where they live, not an actor
        self.non_actor_nouns = frozenset(lex["non_actor_nouns"])  # "the outskirts", "gunfire": never an actor
        self.phrase_strip_words = frozenset(lex["phrase_strip_words"])  # determiners dropped from actor phrases
        self.capture_verbs = set(lex.get("capture_verbs", []))
        self.calendar = set(lex.get("calendar_words", []))
        self.state_adj = {k.lower(): v for k, v in lex.get("state_adjectives", {}).items()}
        self.actor_mods = set(lex.get("actor_modifiers", []))
        self.injure_verbs = set(lex["injure_verbs"])
        self.bg_dates = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in lex.get("background_date_cues", [])) +
                                   r")\s+(?:the\s+)?$") if lex.get("background_date_cues") else None

    # ------------------------------------------------------------------ cues
    def _cues(self, doc: Doc) -> list[Cue]:
        """Longest non-overlapping cue matches (an `air strike` is not a `strike`)."""
        found = sorted(self.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        taken = bytearray(len(doc))
        out = []
        furniture = doc._.boilerplate or []  # page furniture (sitrep_boilerplate): no incident starts there
        for mid, s, e in found:
            if any(taken[s:e]) or furniture and in_ranges(furniture, doc[s].idx):
                continue
            gi = int(doc.vocab.strings[mid])
            if self.groups[gi]["kind"] == "ignore":  # "riot police" is no riot
                taken[s:e] = b"\x01" * (e - s)
                continue
            if doc[s].ent_type_ in ("DATE", "TIME") and self.groups[gi]["kind"] != "anaphor":
                continue  # "4 March", "a March 2018 attack": a month is no march
            taken[s:e] = b"\x01" * (e - s)
            out.append(Cue(self.groups[gi], doc[s:e]))
        out.sort(key=lambda c: c.span.start)
        return out

    @staticmethod
    def _clause_heads(sent: Span) -> dict[int, Token]:
        """The head of the clause each token of the sentence is in (a clausal dependent, a verb conjunct or the
        root), in one pass: the tokens a walk up the tree passes share its answer, so each is worked out once."""
        doc, memo = sent.doc, {}
        for t in sent:
            path, x = [], t
            for _ in range(40):
                if x.i in memo:
                    x = memo[x.i]
                    break
                if x.dep_ in CLAUSE_DEPS or x.head.i == x.i or (x.dep_ == "conj" and x.pos_ in ("VERB", "AUX")):
                    break
                path.append(x.i)
                x = x.head
            memo[x.i] = memo.get(x.i, x)
            for i in path:
                memo[i] = x
        return {t.i: memo.get(t.i, doc[t.i]) for t in sent}

    # ---------------------------------------------------------------- filters
    def _is_irrealis(self, tok: Token) -> bool:
        """Negated, modal or hypothetical ('threatened to attack'). A quote is not irrealis by itself: monitors and
        officials report casualties in direct speech ("25 people were killed on Tuesday," the Observatory said)."""
        x = tok
        for _ in range(12):
            for c in x.children:
                if c.dep_ == "neg" or (c.dep_ in ("aux", "mark") and c.lower_ in IRREALIS_MARKS):
                    return True
            if x is not tok and x.lower_ in self.hypothetical:
                return True
            if x.head is x:
                break
            x = x.head
        return False

    def _is_background(self, clause_text: str) -> bool:
        return self.background.search(clause_text.lower()) is not None

    # ----------------------------------------------------------------- actors
    def _actor(self, tok: Token | None, ent_by_tok: dict) -> tuple | None:
        """(name, actor_key) for the phrase headed by `tok`: the entity's canonical actor, else the noun phrase."""
        if tok is None or tok.pos_ == "PRON" or tok.is_punct or tok.ent_type_ in VALUE_ENTS:
            return None
        ent = ent_by_tok.get(tok.i)
        if ent is not None and ent.label_ in ACTOR_LABELS:  # "Coalition aircraft" is an actor though a weapon cue
            key = ent._.actor_key
            return self._canon.get(key) or ent.text, key
        if tok.i in self._cue_toks or tok.lower_ in self.designators or tok.lower_ in self.non_actor_nouns:
            return None
        if ent is None:
            for c in tok.children:  # "Taliban militants", "forces of the regime"
                if c.dep_ in ("compound", "amod", "poss") and c.i in ent_by_tok:
                    ent = ent_by_tok[c.i]
                    if ent.label_ == "PLACE":
                        ent = None
                    break
        if ent is not None and ent.label_ in ACTOR_LABELS:
            key = ent._.actor_key
            return self._canon.get(key) or ent.text, key
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod")
                and t.lower_ not in self.phrase_strip_words and not t.like_num]
        start = min([tok.i] + [t.left_edge.i for t in left])
        end = tok.i + 1
        for c in tok.rights:  # "Residents of Daraa al-Balad", "fighters in Daraa al-Balad"
            if c.dep_ == "prep" and c.right_edge.i - tok.i <= 6 and (
                    c.lower_ == "of" or (c.lower_ in ("in", "from") and tok.lower_ in self.people_nouns)):
                end = c.right_edge.i + 1
            break
        span = tok.doc[start:end]
        words = [t for t in span if t.lower_ not in self.phrase_strip_words and not t.is_punct or t.text == "-"]
        if not words:
            return None
        text = tok.doc[words[0].i:words[-1].i + 1].text
        return text, None

    def _modifier_actor(self, t: Token, ent_by_tok: dict) -> tuple | None:
        """The side named by a modifier of an attack noun: 'U.S. airstrikes', 'Russian shelling', 'regime barrel bomb
        attacks', 'Coalition strikes'."""
        if t.pos_ not in ("NOUN", "PROPN"):
            return None
        hosts = [t]
        h = t
        while h.dep_ == "compound" and h.head.i > h.i and h.head.pos_ in ("NOUN", "PROPN"):
            h = h.head
            hosts.append(h)
        for x in hosts:
            for c in x.lefts:
                if c.dep_ not in ("compound", "amod", "nmod", "poss") or c.i in self._cue_toks:
                    continue
                ent = ent_by_tok.get(c.i)
                if ent is not None and ent.label_ in ACTOR_LABELS:
                    return self._canon.get(ent._.actor_key) or ent.text, ent._.actor_key
                name = ent.text if ent is not None and ent.label_ == "PLACE" else c.text
                state = self.state_adj.get(name.lower()) or (
                    name if ent is not None and ent.label_ == "PLACE" and fold(name) in self.countries else None)
                if state:
                    return state, ent._.actor_key if ent is not None and ent.label_ == "PLACE" else None
                if ent is None and c.lower_ in self.actor_mods:
                    return c.text, None
        return None

    def _is_generic(self, actor: tuple | None) -> bool:
        """"gunmen", "unidentified assailants": nobody in particular. A side's word ("Taliban militants", "rebel
        gunmen": models/event_types.json actor_modifiers) makes them somebody."""
        if not actor or not actor[0]:
            return True
        words = fold(actor[0]).split()
        return not words or words[-1] in self.generic_actor and len(words) <= 2 and not self.actor_mods & set(words)

    def _is_state(self, name: str | None) -> bool:
        return self._state_rx.search(fold(name or "")) is not None

    @staticmethod
    def _pobj(prep: Token) -> Token | None:
        return next((x for x in prep.children if x.dep_ == "pobj"), None)

    def _roles(self, t: Token) -> dict:
        """Syntactic slots around an event word: subject, object, agent, `between`, `by`, `with/on/against`."""
        r: dict = {"subj": None, "passive": False, "obj": None, "agent": None, "between": [], "with": None}
        hosts = [t]
        if t.dep_ in ("amod", "compound") and t.head.pos_ in ("NOUN", "PROPN"):
            hosts.append(t.head)  # a verb misparsed as a modifier ("repelled attacks"): read its noun's slots
        if t.pos_ == "NOUN" and t.dep_ in SUBJECT_DEPS:  # "clashes broke out between A and B"
            between = next((p for p in t.head.children if p.dep_ == "prep" and p.lower_ == "between"), None)
            o = self._pobj(between) if between is not None else None
            if o is not None:
                r["between"] = [o] + [x for x in o.children if x.dep_ == "conj"][:1]
        for h in hosts:
            for c in h.children:
                if c.dep_ in SUBJECT_DEPS and r["subj"] is None:
                    r["subj"] = c
                    r["passive"] = c.dep_ == "nsubjpass"
                elif c.dep_ == "auxpass":
                    r["passive"] = True
                elif c.dep_ == "agent":
                    r["agent"] = self._pobj(c) or r["agent"]
                elif c.dep_ == "dobj" and r["obj"] is None:
                    r["obj"] = c
                    by = next((p for p in c.children if p.dep_ == "prep" and p.lower_ == "by"), None)
                    if by is not None and self._pobj(by) is not None:
                        r["agent"] = self._pobj(by)  # "repelled attacks by X"
                        r["obj"] = None
                elif c.dep_ == "prep":
                    o = self._pobj(c)
                    if o is None:
                        continue
                    if c.lower_ == "between":
                        r["between"] = [o] + [x for x in o.children if x.dep_ == "conj"][:1]
                    elif c.lower_ == "by" and h.pos_ in ("NOUN", "PROPN"):
                        r["agent"] = o
                    elif c.lower_ in ("with", "on", "against", "targeting", "upon") and r["with"] is None:
                        r["with"] = o
                elif c.dep_ == "poss" and r["agent"] is None and h.pos_ in ("NOUN", "PROPN"):
                    r["agent"] = c
        return r

    def _arguments(self, m: Mention, ent_by_tok: dict) -> None:
        t = m.trigger
        r = self._roles(t)
        act = lambda x: self._actor(x, ent_by_tok) if x is not None and x.i not in self._place_toks else None  # noqa: E731
        verb = t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")
        a1 = a2 = None
        if r["between"]:
            a1 = act(r["between"][0])
            a2 = act(r["between"][1]) if len(r["between"]) > 1 else None
        if verb:
            v = t
            subj = r["subj"]
            for _ in range(4):  # conjoined / controlled verbs share the subject
                if subj is not None or v.dep_ not in ("conj", "xcomp", "advcl") or v.head is v:
                    break
                v = v.head
                subj = next((x for x in v.children if x.dep_ in SUBJECT_DEPS), None)
                if subj is not None:
                    r["passive"] = r["passive"] or subj.dep_ == "nsubjpass"
            if r["passive"]:
                a1 = act(r["agent"]) or a1
                a2 = act(subj) or a2
            else:
                a1 = act(subj) or act(r["agent"]) or a1
                a2 = act(r["obj"]) or act(r["with"]) or a2
        else:
            a1 = act(r["agent"]) or a1 or self._modifier_actor(t, ent_by_tok)
            a2 = a2 or act(r["with"])
            if a1 is None and r["subj"] is not None and t.dep_ not in SUBJECT_DEPS:
                a1 = act(r["subj"])
            if a1 is None and t.dep_ == "dobj" and t.head.pos_ == "VERB" and (
                    t.head.lower_ in self.perpetrate):  # "militants launched an attack", not "the US condemns it"
                a1 = act(next((x for x in t.head.children if x.dep_ == "nsubj"), None))
        if t.lower_ in self.inverse:
            # the subject of "repelled" defends: the attacker is the object or the "attacks by X"
            if not r["passive"]:
                a1, a2 = (act(r["agent"]) or act(r["obj"])), (act(r["subj"]) or a1)
            else:
                a1, a2 = a2, a1
        if a1 and a2 and m.sub == "Armed clash" and r["between"] and self._is_state(a2[0]) and not self._is_state(
                a1[0]):
            a1, a2 = a2, a1  # symmetric wording ("fighting between residents and regime forces"): state side first
        if a1 and a2 and a1[0] == a2[0]:
            a2 = None
        m.actor1, m.actor2 = a1, a2

    # ----------------------------------------------------------------- places
    def _chains(self, sent: Span, ent_by_tok: dict) -> list[list[tuple[int, int]]]:
        """Comma chains of place names after a preposition: `in Kecha area, Maqur district, Badghis, Afghanistan`."""
        doc = sent.doc
        chains = []
        i = sent.start
        while i < sent.end:
            if doc[i].lower_ in self.place_preps and i + 1 < sent.end:
                j = i + 1
                if doc[j].lower_ == "the":
                    j += 1
                chain = []
                while j < sent.end:
                    k = j
                    if not (doc[k].is_title or doc[k].is_upper) or doc[k].is_punct or self._not_place(
                            doc[k], ent_by_tok):
                        break
                    while k < sent.end and (doc[k].is_title or doc[k].is_upper or doc[k].lower_ in self.particles
                                            or doc[k].lower_ in self.designators) and not (
                            doc[k].is_punct and doc[k].text not in "-'") and not self._not_place(doc[k], ent_by_tok):
                        k += 1
                    while k > j and (doc[k - 1].lower_ in self.particles):
                        k -= 1
                    if k == j:
                        break
                    chain.append((j, k))
                    if k + 1 < sent.end and doc[k].text == "," and (doc[k + 1].is_title or doc[k + 1].is_upper):
                        j = k + 1
                        continue
                    break
                if chain:
                    chains.append(chain)
                    i = chain[-1][1]
                    continue
            i += 1
        return chains

    def _not_place(self, tok: Token, ent_by_tok: dict) -> bool:
        """Weekdays, months, faction and date tokens end a place name (ORG may be a building, PERSON a village)."""
        if tok.lower_ in self.calendar:
            return True
        e = ent_by_tok.get(tok.i)
        return e is not None and e.label_ in ("FACTION", "DATE", "TIME")

    def _country_word(self, tok: Token) -> str | None:
        """ISO-2 of a country name, also in the comma-less possessive of FA-KES copy ('Syrias')."""
        low = fold(tok.text)
        for w in (low, low[:-2] if low.endswith("'s") else None, low[:-1] if low.endswith("s") else None):
            if w and w in self.countries:
                return self.countries[w]
        return None

    def _strip(self, doc: Doc, s: int, e: int) -> str:
        toks = [t for t in doc[s:e]]
        while len(toks) > 1 and toks[-1].lower_ in self.designators:
            toks.pop()
        while len(toks) > 1 and toks[0].lower_ in self.designators | {"the"}:
            toks.pop(0)
        if len(toks) > 1 and self._country_word(toks[0]) and not self._country_word(toks[1]):
            toks.pop(0)  # "Syria's Aleppo"
        if len(toks) > 1 and fold(toks[-1].text) in self.countries:
            toks.pop()  # "Tabqa Syria"
        self._strip_start = toks[0].i
        return doc[toks[0].i:toks[-1].i + 1].text

    def _is_modifier(self, doc: Doc, s: int, e: int, ent: Span | None) -> bool:
        """A name modifying an attack noun ('US air strikes') or an unknown name modifying any common noun ('Assad
        clans hometown') is no place; a known place before a noun still is ('the Qardaha hospital')."""
        last = doc[e - 1]
        if e - s > 1 and last.head.i not in self._cue_toks:  # "Damascus Opera House state media": a long name stays
            return False
        if not (last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= e and last.head.pos_ == "NOUN"
                and last.head.is_lower):
            return False
        if last.head.i in self._cue_toks:
            return True
        key = ent._.actor_key if ent is not None and ent.label_ == "PLACE" else None
        # a country has a point too (its centroid), but "Syria air strikes" names no place of the event
        return not (key and self._geo.get(key, {}).get("lat") is not None and fold(ent.text) not in self.countries)

    def _place_from(self, doc: Doc, tokens: range, chains: list, ent_by_tok: dict) -> dict | None:
        best = None
        for chain in chains:
            if not (tokens.start <= chain[0][0] < tokens.stop):
                continue
            chain = [(s, e) for s, e in chain if not self._is_modifier(doc, s, e, ent_by_tok.get(e - 1))]
            if not chain:
                continue
            names, ents = [], []
            for s, e in chain:
                names.append(self._strip(doc, s, e))
                ents.append(ent_by_tok.get(self._strip_start))
            is_country = [fold(n) in self.countries for n in names]
            has_ent = any(x is not None and x.label_ == "PLACE" for x in ents)
            has_des = any(doc[e - 1].lower_ in self.designators for s, e in chain)
            after_des = chain[0][0] >= 2 and doc[chain[0][0] - 2].lower_ in self.designators  # "the village of X"
            if not (has_ent or has_des or after_des or len(chain) >= 2):
                continue
            if all(is_country) and best is not None:
                continue
            idx = 0
            country = admin1 = None
            if any(is_country):
                ci = is_country.index(True)
                country = self.countries[fold(names[ci])]
                if ci >= 2:
                    admin1 = names[ci - 1]
                if ci == 0:
                    idx = 0
            elif len(chain) >= 2:
                admin1 = names[-1]
            place = {"location": names[idx], "ent": ents[idx], "admin1": admin1, "country": country}
            if best is None or (best["country"] and best["location"] and fold(best["location"]) in self.countries):
                best = place
            if not all(is_country):
                break
        if best is None:
            for t in tokens:
                e = ent_by_tok.get(t)
                if e is not None and e.label_ == "PLACE" and e.start == t and not self._is_modifier(
                        doc, e.start, e.end, e):
                    country = self.countries.get(fold(e.text))
                    cand = {"location": e.text, "ent": e, "admin1": None, "country": country}
                    if best is None or (best["country"] and not country):
                        best = cand
                    if not country:
                        break
        return best

    # -------------------------------------------------------------- the pass
    def process(self, doc: Doc) -> None:
        doc._.incidents = []
        cues = self._cues(doc)
        ix = docindex.index(doc)
        sent_of, all_sents = ix.sentence_of, ix.sentences
        combo_of = {s.start: self._combo(_undated(s)) for s in all_sents}  # once per sentence, read twice below
        combo_sents = [s for s in all_sents if combo_of[s.start] is not None]
        if not cues and not combo_sents:
            return
        self._cue_toks = {i for c in cues if c.group["kind"] != "anaphor" for i in range(c.span.start, c.span.end)}
        self._canon = {a["key"]: a["name"] for a in (doc._.actors or [])}
        geo = {a["key"]: a for a in (doc._.actors or [])}
        self._geo = geo
        ent_by_tok = {}
        for e in doc.ents:
            for i in range(e.start, e.end):
                ent_by_tok[i] = e
        published = extensions.context_value(doc, "published")
        self._text = ix.text
        try:
            date_mentions = list(_dates.find_dates(self._text, published))
        except Exception as e:  # noqa: BLE001 - a date parser bug must not lose the incidents: kept undated, reported
            note_problem(doc, self.name, e, "its incidents are kept without dates from the text")
            date_mentions = []
        by_sent: dict[int, list[Cue]] = {s.start: [] for s in combo_sents}
        sents = {s.start: s for s in combo_sents}
        for c in cues:
            s = sent_of(c.span.start)
            sents[s.start] = s
            by_sent.setdefault(s.start, []).append(c)

        mentions: list[Mention] = []
        for s_start, scues in sorted(by_sent.items()):
            sent = sents[s_start]
            self._place_toks = set()
            chains = self._chains(sent, ent_by_tok)
            for chain in chains:
                for s, e in chain:
                    self._place_toks.update(range(s, e))
            for t in sent:
                e = ent_by_tok.get(t.i)
                if e is not None and e.label_ == "PLACE":
                    self._place_toks.add(t.i)
            heads = self._clause_heads(sent)
            clauses: dict[int, list[Cue]] = {}
            for c in scues:
                clauses.setdefault(heads[c.root.i].i, []).append(c)
            sent_mentions = []
            anaphor = any(c.group["kind"] == "anaphor" for c in scues)
            for h, ccues in clauses.items():
                real = [c for c in ccues if c.group["kind"] in ("event", "weapon")]
                casualty = [c for c in ccues if c.group["kind"] == "casualty"]
                if not real and not casualty:
                    continue
                head_tok = doc[h]
                pick = None
                head_cue = next((c for c in real if c.span.start <= h < c.span.end), None)
                if head_cue and head_cue.group["kind"] == "event" and not head_cue.group.get("generic"):
                    pick = head_cue
                pool = real or casualty
                if pick is None:
                    pick = max(pool, key=lambda c: (c.group["priority"], -c.span.start))
                if self._is_irrealis(pick.root):
                    continue
                ctoks = [doc[i] for i in range(sent.start, sent.end) if heads[i].i == h]
                if self._is_background(" ".join(t.text for t in ctoks)):  # its own words, not a nested clause's
                    continue
                trig = head_tok if (head_cue is pick) else pick.root
                m = Mention(sub=pick.group["sub"], sent=sent, start_char=min(t.idx for t in ctoks),
                            end_char=max(t.idx + len(t) for t in ctoks), trigger=trig, cues=ccues,
                            casualty_only=not real, anaphoric=anaphor, weapon=pick.group["kind"] == "weapon",
                            blast=bool(pick.group.get("effect")))
                self._arguments(m, ent_by_tok)
                if pick.group.get("armed_becomes"):
                    subj_ids = set()
                    for t in ctoks:
                        if t.dep_ in SUBJECT_DEPS and (t.head.i == trig.i
                                                       or trig.dep_ == "dobj" and t.head.i == trig.head.i):
                            subj_ids.update(x.i for x in t.subtree)
                    target = {t.lower_ for t in ctoks if t.i not in subj_ids}
                    if target & self.armed and not (m.actor2 and not (set(fold(m.actor2[0]).split()) & self.armed)):
                        m.sub = pick.group["armed_becomes"]
                self._territory(m)
                m.place = self._place_from(doc, range(ctoks[0].i, ctoks[-1].i + 1), chains, ent_by_tok)
                if m.place is None:
                    m.place = self._place_from(doc, range(sent.start, sent.end), chains, ent_by_tok)
                if m.place and m.actor2 and fold(m.actor2[0]) == fold(m.place["location"]):
                    m.actor2 = None
                if trig.pos_ == "VERB" and m.sub in REMOTE_SUBS:
                    for c in trig.children:  # "shelled Karak": a proper-noun object of a strike is a place
                        if c.dep_ == "dobj" and c.pos_ == "PROPN":
                            e = ent_by_tok.get(c.i)
                            if e is None or e.label_ not in ("PERSON", "FACTION"):
                                m.place = {"location": e.text if e is not None else c.text, "ent": e,
                                           "admin1": (m.place or {}).get("admin1"),
                                           "country": (m.place or {}).get("country")}
                                m.actor2 = None
                self._date(m, date_mentions, sent)
                sent_mentions.append(m)
            combo = combo_of[sent.start]
            if combo is not None:
                sub, overrides = combo
                for m in sent_mentions:
                    if not overrides or m.sub in overrides or m.casualty_only:
                        m.sub = sub
                        m.casualty_only = False
                        self._territory(m)
                if not sent_mentions and not self._is_irrealis(sent.root):
                    m = Mention(sub=sub, sent=sent, start_char=sent.start_char, end_char=sent.end_char,
                                trigger=sent.root)
                    self._arguments(m, ent_by_tok)
                    self._territory(m)
                    m.place = self._place_from(doc, range(sent.start, sent.end), chains, ent_by_tok)
                    self._date(m, date_mentions, sent)
                    sent_mentions.append(m)
            if not sent_mentions:
                continue
            # one incident per type per sentence; casualty clauses fold into the sentence's event
            events = [m for m in sent_mentions if not m.casualty_only]
            kept: list[Mention] = []
            for m in events:
                same = next((k for k in kept if k.sub == m.sub), None)
                if same is None:
                    kept.append(m)
                else:
                    same.actor1 = same.actor1 or m.actor1
                    same.actor2 = same.actor2 or m.actor2
                    same.place = same.place or m.place
            kept = self._subsume(kept)
            if not kept:
                first = sent_mentions[0]
                first.start_char, first.end_char = sent.start_char, sent.end_char
                kept = [first]
            if len(kept) == 1:
                kept[0].start_char, kept[0].end_char = sent.start_char, sent.end_char
            k, inj = self._counts(sent)
            k = _max(k, self._victims(sent, self.kill_verbs))
            inj = _max(inj, self._victims(sent, self.injure_verbs))
            if k is not None or inj is not None:
                kept[0].killed, kept[0].injured = k, inj
                kept[0].additive = bool(ADDITIVE.search(sent.text))
            mentions.extend(kept)

        self._resolve(doc, mentions, published)
        incidents = self._merge(mentions)
        self._perpetrator(doc, incidents, ent_by_tok)
        doc._.incidents = self._outside_furniture(doc, [self._row(i, geo) for i in incidents])

    @staticmethod
    def _outside_furniture(doc: Doc, rows: list[dict]) -> list[dict]:
        """No incident starts in page furniture (sitrep_boilerplate): "DAMASCUS (Reuters) - Syrian forces shelled"
        starts at "Syrian"."""
        furniture = doc._.boilerplate or []
        out = []
        for r in rows:
            start = start_outside(furniture, docindex.index(doc).text, r["start_char"], r["end_char"]) \
                if furniture else r["start_char"]
            if start is not None:
                out.append({**r, "start_char": start} if start != r["start_char"] else r)
        return out

    def _subsume(self, kept: list[Mention]) -> list[Mention]:
        """One sentence, one event: a generic noun ('the attack', 'fighting', 'destroyed') named after a weapon event
        of the sentence at the same place is that event, not a second incident. Verb clauses ('shelled X and
        exchanged gunfire') stay separate events."""
        weapons = [m for m in kept if m.weapon and not m.blast]
        if not weapons or len(kept) < 2:
            return kept
        out = []
        for m in kept:
            w = weapons[0]
            if m.blast:  # "explosions rocked the area as militants fired rockets": the rockets exploded
                w.actor1 = w.actor1 or m.actor1
                w.place = w.place or m.place
                continue
            if (not m.weapon and m.sub in SUBSUMED and m.trigger.pos_ != "VERB" and w.trigger.i < m.trigger.i and (
                    m.place is None or w.place is None or norm_name(m.place["location"]) == norm_name(
                        w.place["location"]))):
                w.actor1 = w.actor1 or m.actor1
                continue
            out.append(m)
        return out

    def _territory(self, m: Mention) -> None:
        """Territory changing hands: the state side regains it, anyone else overtakes it. People captured are no
        territory: the state arrests them, anyone else abducts them ('troops captured a senior commander')."""
        territory = ("Non-state actor overtakes territory", "Government regains territory")
        if m.sub in territory and self._captive(m.trigger):
            m.sub = "Arrests" if m.actor1 and self._is_state(m.actor1[0]) else "Abduction/forced disappearance"
            return
        if m.sub in ("Non-state actor overtakes territory", "Government regains territory") and m.actor1:
            m.sub = ("Government regains territory" if self._is_state(m.actor1[0])
                     else "Non-state actor overtakes territory")

    def _captive(self, t: Token) -> bool:
        """Is the object of a capture verb a person ('captured a senior commander', 'two soldiers were captured')?"""
        if t.pos_ not in ("VERB", "AUX") or t.lower_ not in self.capture_verbs:  # not "drove the militants out"
            return False
        obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            return False
        return obj.ent_type_ == "PERSON" or obj.lower_ in self.person_nouns

    def _combo(self, text: str) -> tuple[str, set] | None:
        """The highest-priority combination rule the sentence satisfies (protest + tear gas, bomb + defused ...)."""
        low = text.lower()
        if self.combo_ignore is not None:
            low = self.combo_ignore.sub(" ", low)
        for sub, _prio, overrides, rxs, unless in self.combos:
            if all(rx.search(low) for rx in rxs) and not (unless and unless.search(low)):
                return sub, overrides
        return None

    # ------------------------------------------------------------ dates/counts
    def _date(self, m: Mention, date_mentions: list, sent: Span) -> None:
        text = self._text
        s0, s1 = sent.start_char, sent.end_char  # Span offsets build Tokens on each access: read them once
        inside = [d for d in date_mentions if s0 <= d.start and d.end <= s1 and d.value
                  and not (self.bg_dates and self.bg_dates.search(text[max(0, d.start - 25):d.start].lower()))]
        if inside:
            pos = m.trigger.idx
            d = min(inside, key=lambda d: (not (m.start_char <= d.start < m.end_char), abs(d.start - pos)))
            m.date = {"value": d.value, "text": d.text, "precision": d.precision, "explicit": True}

    def _counts(self, sent: Span) -> tuple[int | None, int | None]:
        try:
            c = _numbers.find_casualties(sent.text)
        except Exception as e:  # noqa: BLE001 - a number parser bug leaves the counts empty, reported
            note_problem(sent.doc, self.name, e, "the casualty counts of one sentence are left empty")
            return None, None
        return getattr(c, "killed", None), getattr(c, "injured", None)

    def _victims(self, sent: Span, verbs: set[str]) -> int | None:
        """Victims named one by one ("shot and killed Nabi, a civilian"; "Himmat and an assailant were killed"): the
        count the number reader cannot give because no number is written."""
        best = None
        for t in sent:
            if t.lower_ not in verbs or t.pos_ not in ("VERB", "AUX"):
                continue
            if any(c.dep_ == "neg" for c in t.children):
                continue
            pats = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            if not pats:
                continue
            heads = [pats[0]] + [x for x in pats[0].conjuncts if x.pos_ in ("NOUN", "PROPN")]
            n = 0
            for h in heads:
                ent = h.ent_type_
                if h.pos_ == "PROPN" and ent in ("PERSON", "") or ent == "PERSON":
                    n += 1
                elif h.pos_ == "NOUN" and h.tag_ == "NN" and any(
                        c.dep_ in ("det", "poss") and c.lower_ in ("a", "an", "the", "his", "her", "their", "one")
                        or c.dep_ == "poss" for c in h.children):
                    n += 1
                else:
                    return best
            best = _max(best, n or None)
        return best

    def _resolve(self, doc: Doc, mentions: list[Mention], published: str | None) -> None:
        """Undated mentions take the narrative date (the last explicit one) or the publication date. Relative days
        ("the day prior") are settled by dates.find_dates against the date before them."""
        narrative = None
        for m in mentions:
            if m.date and m.date.get("explicit"):
                if m.date["precision"] == "day":
                    narrative = m.date["value"]
                continue
            base = narrative or published
            if base:
                m.date = {"value": str(base)[:10], "text": None, "precision": "day", "explicit": False,
                          "published": narrative is None}

    def _merge(self, mentions: list[Mention]) -> list[dict]:
        focus = None
        out: list[dict] = []
        for m in mentions:
            if m.place and focus is None and fold(m.place["location"]) not in self.countries:
                focus = m.place
        for m in mentions:
            date = (m.date or {}).get("value")
            loc = m.place["location"] if m.place else None
            target = None
            if m.casualty_only and out:
                target = out[-1]
            else:
                for n, inc in enumerate(reversed(out)):
                    if inc["sub"] != m.sub or inc["date"] != date:
                        continue
                    if loc is None and n > 0 and (m.date or {}).get("explicit"):
                        break  # an unplaced, dated mention ("airstrikes on Wednesday") restates only the latest event
                    if loc is None or inc["loc"] is None or norm_name(loc) == norm_name(inc["loc"]):
                        target = inc
                        break
                    if (n == 0 and (m.killed is not None or m.injured is not None) and m.sent.text.find(inc["loc"]) >= 0
                            and fold(inc["loc"]) not in self.countries):
                        target = inc  # "two killed by a mortar round that hit the Opera House": the toll of that event
                        break
            if target is None:
                out.append({"sub": m.sub, "date": date, "loc": loc, "mentions": [m]})
                continue
            target["mentions"].append(m)
            if target["loc"] is None:
                target["loc"] = loc
        # an undated headline or lead ("Army shells village") is the dated report that follows it
        for inc in list(out):
            if all(m.date and m.date.get("published") for m in inc["mentions"]):
                twin = next((o for o in out if o is not inc and o["sub"] == inc["sub"] and any(
                    m.date and m.date.get("explicit") for m in o["mentions"]) and (
                    inc["loc"] is None or o["loc"] is None or norm_name(inc["loc"]) == norm_name(o["loc"]))), None)
                if twin is not None:
                    twin["mentions"][:0] = inc["mentions"]
                    out.remove(inc)
        for inc in out:
            ms = inc["mentions"]
            inc["evidence_m"] = next((m for m in ms if m.date and m.date.get("explicit") and not m.casualty_only),
                                     next((m for m in ms if not m.casualty_only), ms[0]))
            pick = inc["evidence_m"]
            inc["actor1"] = pick.actor1 or next((m.actor1 for m in ms if m.actor1), None)
            inc["actor2"] = pick.actor2 or next((m.actor2 for m in ms if m.actor2), None)
            inc["place"] = pick.place or next((m.place for m in ms if m.place), None) or (
                focus if inc["sub"] else None)
            inc["date_m"] = next((m.date for m in ms if m.date and m.date.get("explicit")),
                                 next((m.date for m in ms if m.date), None))
            inc["killed"] = inc["injured"] = None
            for m in ms:  # repeated mentions restate a count; "in addition to the bomber, ..." adds to it
                for f in ("killed", "injured"):
                    v = getattr(m, f)
                    if v is not None:
                        inc[f] = v + (inc[f] or 0) if m.additive else _max(inc[f], v)
        return out

    def _perpetrator(self, doc: Doc, incidents: list[dict], ent_by_tok: dict) -> None:
        """`X claimed responsibility`, `sources attributed the attack to X`: X is actor1 where the text says only
        'assailants'."""
        perp = None
        lower = doc.to_array([LOWER]).tolist()  # one array read, not a Python attribute per token
        for i in [i for i, h in enumerate(lower) if h in self._perp_ids]:
            t = doc[i]
            lo = t.lower_
            if lo in self.claim and any(c.lower_ == "responsibility" for c in t.children):
                if any(c.dep_ == "neg" for c in t.children):
                    continue
                subj = [c for c in t.children if c.dep_ in SUBJECT_DEPS]
                if subj and subj[0].lower_ not in ("no", "none") and not any(
                        c.lower_ in ("no", "none") for c in subj[0].children):
                    perp = self._actor(subj[0], ent_by_tok) or perp
                    if perp:
                        break
            elif lo in self.attrib:
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in ("to", "on"):
                        objs = [x for x in c.children if x.dep_ == "pobj"]
                        if objs:
                            perp = self._actor(objs[0], ent_by_tok) or perp
                if perp:
                    break
        if perp is None:
            return
        for inc in incidents:
            if self.event_types.get(inc["sub"]) in ("Protests", "Strategic developments"):
                continue
            if self._is_generic(inc["actor1"]):
                inc["actor1"] = perp

    def _row(self, inc: dict, geo: dict) -> dict:
        m = inc["evidence_m"]
        place = inc["place"]
        loc_key = None
        g = {}
        if place:
            e = place.get("ent")
            loc_key = e._.actor_key if e is not None and e.label_ == "PLACE" else None
            g = geo.get(loc_key, {}) if loc_key else {}
        d = inc["date_m"] or {}
        a1, a2 = inc["actor1"] or (None, None), inc["actor2"] or (None, None)
        return {
            "event_type": self.event_types.get(inc["sub"]), "sub_event_type": inc["sub"],
            "date": d.get("value"), "date_text": d.get("text"), "date_precision": d.get("precision") if d.get(
                "value") else None,
            "location": place["location"] if place else None, "location_actor_id": loc_key,
            "country": (place or {}).get("country") or g.get("country"),
            "admin1": (place or {}).get("admin1") or g.get("admin1"),
            "lat": g.get("lat"), "lon": g.get("lon"),
            "actor1": a1[0], "actor1_id": a1[1], "actor2": a2[0], "actor2_id": a2[1],
            "killed": inc["killed"], "injured": inc["injured"],
            "evidence": m.sent.text, "start_char": m.start_char, "end_char": m.end_char,
        }


def _alternation(words: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(words, key=len, reverse=True)) + r")\b")


_MONTH_MARCH = re.compile(r"\bMarch\b(?=\s*\d)|(?<=\d)(?:st|nd|rd|th)?\s+March\b")


def _undated(sent: Span) -> str:
    """Sentence text with its dates blanked, for the keyword combos ('on 1 March' is no protest march)."""
    parts = [" " * len(t.text_with_ws) if t.ent_type_ in ("DATE", "TIME") else t.text_with_ws for t in sent]
    return _MONTH_MARCH.sub(lambda m: " " * len(m.group(0)), "".join(parts))


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


@Language.factory("sitrep_incidents", default_config={"lexicon": DEFAULT_LEXICON},
                  assigns=["doc._.incidents"], requires=["doc.ents", "token.dep", "doc._.actors"])
def make_incidents(nlp: Language, name: str, lexicon: str) -> IncidentExtractor:
    return IncidentExtractor(nlp, name, lexicon)
