"""From candidates to one span per token: faction candidates first, then the model's entities adjusted by the
gazetteer, then gazetteer places with a cue, acronyms defined in brackets and people the model missed."""
from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ... import gazetteer
from .factions import match_windows, named_orgs, pattern_spans, short_acronym_spans
from .media import MEDIA_KB, outlet_names, reporting_outlets, state_media_spans
from .model import Choice, ModelEnt, Selection
from .people import repeated_surnames, unnamed_people
from .places import in_name, place_cue, possessive_place
from .relabel import defined_acronyms
from .resources import Resources


def faction_candidates(res: Resources, doc: Doc, lower: list[int], model: list[ModelEnt]) -> list[Span]:
    """Faction patterns, organisation names, registry names, short registry acronyms the model tagged ORG, state
    media, outlets named by their acronym beside a reporter or as the one told."""
    spans = pattern_spans(doc, match_windows(doc, res.matcher, res.anchor_ids, lower))
    spans.extend(named_orgs(doc, lower, res.head_ids))
    spans.extend(Span(doc, s, e, label="FACTION") for _, s, e in res.phrases(doc))
    spans.extend(short_acronym_spans(doc, model, res.short_acronyms))
    spans.extend(state_media_spans(doc, res.media, res.country_names, res.canon))
    spans.extend(outlet_names(doc, res.country_names))
    spans.extend(reporting_outlets(doc, res.country_keys))
    return spans


def choose_factions(res: Resources, doc: Doc, spans: list[Span], model: list[ModelEnt], sel: Selection) -> None:
    """The longest faction candidates; one inside a longer model ORG takes the model's span when the words the
    model added are words of a group's name ("ISIL tactical units" stays one FACTION span). Not otherwise: in a
    headline every word has a capital ("Latest Syrian Army Offensive", "Regime Air Raids"), and "the city of
    Palmyra Daesh carried out" is copy that lost a comma: the place and the group are two names."""
    model_by_tok: dict[int, ModelEnt] = {}
    for m in model:
        for t in range(m.start, m.end):
            model_by_tok[t] = m
    for sp in filter_spans(spans):
        m = model_by_tok.get(sp.start)
        if m and m.label == "ORG" and m.start <= sp.start and m.end >= sp.end and (m.end - m.start) > len(sp) \
                and not doc[m.end - 1].is_lower \
                and all(t.lower_ in res.pattern_words for t in (*doc[m.start:sp.start], *doc[sp.end:m.end])):
            s, e = m.start, m.end
        else:
            s, e = sp.start, sp.end
        if sel.free(s, e):
            sel.add(Choice(s, e, sp.label_, fixed=sp.kb_id_ == MEDIA_KB))


def possessive_head(res: Resources, doc: Doc, s: int, e: int, sel: Selection) -> int:
    """"Aleppos Salaheddin district", "Syrias Hama province": copy that lost a possessive's apostrophe glues the
    owner to the name it owns. The owner (a strong place, less its "s") is a place of its own; returns where the
    rest of the entity starts."""
    if e - s < 2 or not doc[s + 1].is_title:
        return s
    key = possessive_place(res, doc[s].text, True)
    if key is None:
        return s
    sel.add(Choice(s, s + 1, "PLACE", key, key not in res.gaz.weak_keys))
    return s + 1


def choose_model(res: Resources, doc: Doc, model: list[ModelEnt], gaz_hits: dict[tuple[int, int], str],
                 sel: Selection) -> set[tuple[int, int]]:
    """The model's entities, with the gazetteer key of the same span, or the span of a gazetteer hit that covers
    it ("Daraa" inside "Daraa al-Balad"; not for an ORG). Returns the gazetteer hits used."""
    used_gaz = set()
    for m in model:
        s, e, lab = m.start, m.end, m.label
        if not sel.free(s, e):
            continue
        s = possessive_head(res, doc, s, e, sel)
        key = gaz_hits.get((s, e))
        if key is None:
            cover = [(gs, ge) for (gs, ge) in gaz_hits if gs <= s and ge >= e and (gs, ge) != (s, e)]
            if cover and lab != "ORG":
                gs, ge = cover[0]
                if sel.free(gs, ge):
                    s, e, key = gs, ge, gaz_hits[(gs, ge)]
        if key is not None:
            used_gaz.add((s, e))
        sel.add(Choice(s, e, lab, key, key is not None and key not in res.gaz.weak_keys))
    return used_gaz


def choose_places(res: Resources, doc: Doc, gaz_hits: dict[tuple[int, int], str], used_gaz: set,
                  sel: Selection) -> None:
    """Gazetteer hits the model missed: a strong place, or any place with a place cue."""
    for (s, e), key in gaz_hits.items():
        if (s, e) in used_gaz or not sel.free(s, e):
            continue
        strong = key not in res.gaz.weak_keys
        # a major place that is no English word ("Aleppo", not "Date") is a place whatever the words around say
        name_like = strong and res.gaz.is_strong(doc[s:e].text) and not gazetteer.is_common_word(key)
        strong = strong and not in_name(res, doc, s, e, name_like)
        if strong or place_cue(res, doc, s, e):
            sel.add(Choice(s, e, "PLACE", key, strong))


def choose_rest(res: Resources, doc: Doc, title: list[int], sel: Selection) -> None:
    """Acronyms defined in brackets after a chosen organisation, people the model missed, and the surnames of people
    named in full, written alone."""
    for s, e, lab in defined_acronyms(doc, sel.chosen, sel.taken):
        sel.add(Choice(s, e, lab))
    for s, e in unnamed_people(res, doc, sel.taken, title):
        sel.add(Choice(s, e, "PERSON"))
    for s, e in repeated_surnames(res, doc, sel.chosen, sel.taken):
        sel.add(Choice(s, e, "PERSON"))
