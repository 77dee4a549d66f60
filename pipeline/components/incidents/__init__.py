"""`sitrep_incidents`: ACLED-typed incidents with date, place, actors and casualty counts, on `doc._.incidents`.

One pass per document, one module per step:
1. `triggers`: a PhraseMatcher finds the event cues of models/event_types.json (and keyword combinations);
2. `frames`: cues are grouped by the clause they sit in; a clause that reports an event becomes a mention;
3. arguments: `arguments` (sides), `places` (location), `when` (date), `counts` (killed, injured);
4. `merge`: one incident per type per sentence, then mentions of one event (same type, date, place) merged;
   `sides.finish`: the article's claimed perpetrator, air strikes' states, ACLED's generic actors;
5. `coding`: the sub-event type refined by the clause's wording, and the table row.
Records are in `model`; everything about the Doc being processed is in a `DocContext`, not on the component.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ... import docindex, extensions
from ...text import fold
from ..base import Component, read_model_json
from ..boilerplate import start_outside
from . import accidents, arguments, coding, counts, frames, merge, places, sides, triggers, when
from .lexicon import Lexicon
from .model import Cue, DocContext, Frame, Mention, SentenceContext

extensions.register()

DEFAULT_LEXICON = "event_types.json"  # relative to models/ (an absolute path also works, but is not portable)

__all__ = ["DEFAULT_LEXICON", "Cue", "IncidentExtractor", "Mention", "make_incidents"]


class IncidentExtractor(Component):
    data_files = {"lexicon": read_model_json}

    def __init__(self, nlp: Language, name: str, lexicon: str):
        self._make_doc = nlp.make_doc  # the trigger phrases are tokenized as the text is
        super().__init__(nlp, name, lexicon=lexicon)

    def setup(self, data: dict) -> None:
        """Compile the lexicon (models/event_types.json) into the matcher and word sets."""
        self.lex = Lexicon(self.vocab, self._make_doc, data["lexicon"])

    def process(self, doc: Doc) -> None:
        doc._.incidents = []
        lex, ix = self.lex, docindex.index(doc)
        cues = triggers.find_cues(doc, lex)
        may = triggers.may_combo(lex, [ix.text[s.start_char:s.end_char] for s in ix.sentences])
        combo_of = {s.start: triggers.combo(lex, triggers.undated(s)) if ok else None
                    for s, ok in zip(ix.sentences, may)}
        combo_sents = [s for s in ix.sentences if combo_of[s.start] is not None]
        if not cues and not combo_sents:
            return
        ctx = self.context(doc, cues)
        mentions: list[Mention] = []
        for sent, scues in frames.by_sentence(ctx, cues, combo_sents):
            found = self._sentence(frames.sentence_context(ctx, sent), scues, combo_of[sent.start])
            if found and frames.is_headline(sent):
                for m in found:
                    m.headline = True
            mentions.extend(found)
        when.resolve(mentions, ctx.published)
        mentions = [m for m in mentions if not when.year_only(m, ctx.published)]
        incidents = merge.merge(mentions, lex.countries, lex.event_types)
        sides.finish(ctx, incidents)
        doc._.incidents = _outside_furniture(doc, [coding.row(lex, i, ctx.geo) for i in incidents])

    def context(self, doc: Doc, cues: list[Cue] | None = None) -> DocContext:
        """What the steps read about `doc` (its index, entities, actors, cue tokens, dates), built once per Doc;
        public so that one step can be run on its own (tests, tools)."""
        ix, actors = docindex.index(doc), doc._.actors or []
        cues = triggers.find_cues(doc, self.lex) if cues is None else cues
        ctx = DocContext(doc=doc, lex=self.lex, ix=ix, ents=ix.entities,
                         cue_toks=triggers.cue_tokens(cues), canon={a["key"]: a["name"] for a in actors},
                         geo={a["key"]: a for a in actors},
                         published=extensions.context_value(doc, "published"), stage=self.name,
                         anaphor_toks=triggers.anaphor_tokens(cues), act_toks=triggers.act_tokens(cues))
        ctx.date_mentions = when.date_mentions(ctx)
        return ctx

    def _sentence(self, sc: SentenceContext, scues: list[Cue], combo: tuple | None) -> list[Mention]:
        """The incidents of one sentence: its event clauses, retyped by a keyword combination, one per type."""
        clauses = frames.clause_frames(sc, scues)
        political = accidents.political(self.lex.causes, clauses, scues, sc.ctx.cue_toks)
        if clauses and not political:
            return []  # a tsunami, a crash, a boiler blast: no political actor, no ACLED event
        found = [self._fill(sc, f) for f in political]
        if combo is not None:
            coding.apply_combo(self.lex, found, combo)
            # the combination types a sentence without event words, never one whose event words were all not
            # reported ('press the regime to end its attacks and strikes')
            if not found and not frames.sentence_unreported(sc, scues):
                found.append(self._combo_mention(sc, combo[0]))
        if not found:
            return []
        kept = merge.per_sentence(found, self.lex.event_types, self.lex.countries)
        k, inj, additive = counts.sentence_counts(sc.ctx, sc.sent)
        if k is not None or inj is not None:
            kept[0].killed, kept[0].injured, kept[0].additive = k, inj, additive
        return kept

    def _fill(self, sc: SentenceContext, f: Frame) -> Mention:
        """Arguments and type of one event clause: sides, armed target, territory, place, date."""
        m, lex = f.mention, self.lex
        arguments.fill_sides(sc, m)
        coding.armed_target(lex, f)
        sides.complete(sc, m)  # the casualties as the side acted upon: after typing, which reads the target
        coding.territory(lex, m)
        m.place = places.place_in(sc, range(f.clause[0].i, f.clause[-1].i + 1)) or places.place_in(
            sc, range(sc.sent.start, sc.sent.end))
        if m.place and m.actor2 and fold(m.actor2[0]) == fold(m.place.location):
            m.actor2 = None
        places.struck_place(sc.ctx, m)
        sides.struck_object(sc.ctx, m)
        when.fill_date(sc.ctx, m, sc.sent)
        return m

    def _combo_mention(self, sc: SentenceContext, sub: str) -> Mention:
        """A sentence a keyword combination types though no cue heads a clause ('protesters ... tear gas')."""
        sent: Span = sc.sent
        m = Mention(sub=sub, sent=sent, start_char=sent.start_char, end_char=sent.end_char, trigger=sent.root)
        arguments.fill_sides(sc, m)
        sides.complete(sc, m)
        coding.territory(self.lex, m)
        m.place = places.place_in(sc, range(sent.start, sent.end))
        when.fill_date(sc.ctx, m, sent)
        return m


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


@Language.factory("sitrep_incidents", default_config={"lexicon": DEFAULT_LEXICON},
                  assigns=["doc._.incidents"], requires=["doc.ents", "token.dep", "doc._.actors"])
def make_incidents(nlp: Language, name: str, lexicon: str) -> IncidentExtractor:
    return IncidentExtractor(nlp, name, lexicon)
