"""The incidents lexicon (models/event_types.json) compiled into the matcher, word sets and patterns the steps use."""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ... import gazetteer, lexicon
from ...text import fold
from .model import Combo
from .reported import ReportedCues

SIDES = "sides.json"  # ACLED's actor definitions and the side word lists (models/sides.json)


class SideWords:
    """The word lists of models/sides.json (each list's ACLED definition is beside it there)."""

    def __init__(self, data: dict, designators: set[str]):
        self.quantity = frozenset(data["quantity_nouns"])
        self.possession = frozenset(data["possession_nouns"])
        self.affiliation = frozenset(data["affiliation_nouns"])
        self.non_side = frozenset(data["non_side_nouns"])
        self.inverse = frozenset(data["inverse_phrases"])
        self.battles = frozenset(data["battle_types"])
        self.air_means = tuple(data["air_means"])
        self.statement = frozenset(data["claim_statement_verbs"])
        self.target_verbs = frozenset(data["target_verbs"])
        self.group_nouns = frozenset(data["group_nouns"])
        self.unarmed = frozenset(data["unarmed_words"])
        self.death_verbs = frozenset(data["death_verbs"])
        self.generic = {w: g for g, ws in data["generic_sides"].items() for w in ws}
        self.place_nouns = lexicon.plurals(designators)  # 'the villages of Zaytan and Khalasa' is no side


def alternation(words: list[str]) -> re.Pattern:
    """One regex matching any of `words` as whole words, longest first."""
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(words, key=len, reverse=True)) + r")\b")


class Lexicon:
    """Read-only lookups of the lexicon; built once per component (and again when its data is reloaded)."""

    def __init__(self, vocab: Vocab, make_doc: Callable[[str], Doc], lex: dict):
        self.event_types: dict[str, str] = lex["event_types"]
        self.groups: list[dict] = lex["triggers"]
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        for i, g in enumerate(self.groups):
            self.matcher.add(str(i), [make_doc(t) for t in g["terms"]])
        self._words(lex)
        self._patterns(lex)
        self.countries = {fold(name): cc for cc, name in gazetteer.country_names().items()}
        # copy that drops apostrophes writes the possessive as one word ("Syrias civil war", "in Iraqs north"):
        # still the country, never a place of its own
        self.countries.update({k + "s": cc for k, cc in list(self.countries.items()) if not k.endswith("s")})
        # nationality adjectives, defined once for the project in models/actor_kinds.json (the linker's too)
        self.demonyms = frozenset(k.lower() for k in dict(lexicon.load("actor_kinds.json")["demonyms"]))
        self.perp_ids = {vocab.strings.add(w) for w in self.claim | self.attrib}

    def _words(self, lex: dict) -> None:
        self.armed = set(lex["armed_words"])
        self.generic_actor = set(lex["generic_actor_words"])
        self.inverse = set(lex["inverse_roles"])
        self.hypothetical = set(lex["hypothetical_heads"])
        self.claim = set(lex["claim_verbs"])
        self.attrib = set(lex["attribution_verbs"])
        # verbs of saying, claiming and attributing: in the present they report, their object is the event
        self.reporting = frozenset(lexicon.words("speech_verbs") | self.claim | self.attrib)
        self.designators = set(lex["place_designators"])
        self.place_preps = set(lex["place_preps"])
        self.particles = set(lex["name_particles"])
        self.kill_verbs = set(lex["kill_verbs"])
        self.injure_verbs = set(lex["injure_verbs"])
        self.perpetrate = set(lex.get("perpetrate_verbs", []))
        self.person_nouns = set(lex.get("person_nouns", []))
        self.people_nouns = frozenset(lex["people_nouns"])  # "residents of X": X is where they live, not an actor
        self.non_actor_nouns = frozenset(lex["non_actor_nouns"])  # "the outskirts", "gunfire": never an actor
        self.causes = {k: frozenset(v) for k, v in lex["non_violent_causes"].items()}  # deaths without an actor
        self.phrase_strip_words = frozenset(lex["phrase_strip_words"])  # determiners dropped from actor phrases
        self.capture_verbs = set(lex.get("capture_verbs", []))
        self.calendar = set(lex.get("calendar_words", []))
        self.state_adj = {k.lower(): v for k, v in lex.get("state_adjectives", {}).items()}
        self.actor_mods = set(lex.get("actor_modifiers", []))
        self.reported = ReportedCues(lex["reported_event"])
        self.sides = SideWords(lexicon.load(SIDES), self.designators)

    def _patterns(self, lex: dict) -> None:
        self.state_rx = alternation([fold(w) for w in lex["state_words"]])
        self.background = alternation(lex["background_cues"])
        self.combos = [Combo(c["sub"], c["priority"], set(c["overrides"]), [alternation(w) for w in c["when"]],
                             alternation(c["unless"]) if c.get("unless") else None)
                       for c in sorted(lex.get("combos", []), key=lambda c: -c["priority"])]
        # the words of each combination pattern: one of them is in any text the pattern matches (`may_combo`)
        self.combo_words = {alternation(w): tuple(w) for c in lex.get("combos", []) for w in c["when"]}
        self.combo_ignore = alternation(lex["combo_ignore"]) if lex.get("combo_ignore") else None
        cues = lex.get("background_date_cues")
        self.bg_dates = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\s+(?:the\s+)?$") \
            if cues else None

    def is_state(self, name: str | None) -> bool:
        """Does the name say state forces ('regime forces', 'the army': models/event_types.json state_words)?"""
        return self.state_rx.search(fold(name or "")) is not None

    def is_country(self, name: str) -> bool:
        return fold(name) in self.countries
