"""The word classes of entity tagging, read once from models/entity_lexicon.json (places, titles, heads of
organisation names ...), and the few closed sets of function words the rules are written in."""
from __future__ import annotations

from ...lexicon import inflect, load, plurals

LEXICON = "entity_lexicon.json"
_LEX = load(LEXICON)


def _set(key: str) -> set[str]:
    return set(_LEX[key])


DEFAULT_LABEL_MAP = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG"}
DROP = {"NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
OURS = {"PERSON", "PLACE", "FACTION", "ORG"}

PLACE_PREPS = _set("place_preps")
PLACE_NOUNS = _set("place_nouns")
COMPASS = _set("compass")
PLACE_VERBS_BASE = _set("place_verbs_base")
TITLES = _set("titles")
HUMAN_VERBS_BASE = _set("human_verbs_base")
FACILITY_HEADS = _set("facility_heads")
NOT_ACTOR_HEADS = _set("not_actor_heads")
HONORIFICS = _set("honorifics")
NONCOMBATANTS = _set("noncombatants")
MOVE_VERBS_BASE = _set("move_verbs_base")
KIN_NOUNS = _set("kin_nouns")
LEAD_STRIP = _set("lead_strip")
ACTION_DEPS = {"nsubj", "nsubjpass", "agent"}
# Title-case names ending in one of these are organisations ("Freedom for Daraa Campaign"); armed ones are factions
ORG_HEADS = _set("org_heads")
HEADLINE_WORDS = _set("headline_words")
FACTION_HEADS = _set("faction_heads")
LEAD_POS = {"ADV", "CCONJ", "SCONJ", "ADP", "DET", "INTJ", "PRON", "VERB", "AUX"}
MILITARY_NOUNS = _set("military_nouns")
ADMIN_NOUNS = _set("admin_nouns")
ROLE_HEADS = _set("role_heads")
SPEECH_VERBS = _set("speech_verbs")
PERSON_NOUNS = TITLES | _set("person_nouns")
CALENDAR = _set("calendar")
NAME_PARTICLES = _set("name_particles")
ARABIC_ARTICLES = _set("arabic_articles")
CONNECT = {"for", "of", "the", "and", "de", "al", "-"}
SPONSOR_SUFFIXES = _set("sponsor_suffixes")

PLACE_VERBS = inflect(PLACE_VERBS_BASE)
PLACE_NOUNS_PL = plurals(PLACE_NOUNS)
SIDE_WORDS = _set("side_words")
HUMAN_VERBS = inflect(HUMAN_VERBS_BASE)
MOVE_VERBS = inflect(MOVE_VERBS_BASE)
STATE_PLACE_HEADS = _set("state_place_heads") | PLACE_NOUNS | PLACE_NOUNS_PL | COMPASS
STATE_PLACE_VERBS = inflect(_set("state_place_verbs")) | PLACE_VERBS | MOVE_VERBS
STATE_PARTNER_NOUNS = _set("state_partner_nouns")
STATE_AGENT_PREPS = _set("state_agent_preps")
STATE_AGENCY_NOUNS = _set("state_agency_nouns")
# role words of an apposition that says the name before it is a person ("X, the Special Advisor to ...")
APPOSITION_ROLES = ROLE_HEADS | {"officer", "activist", "journalist", "spokesperson", "leader", "chief"}
