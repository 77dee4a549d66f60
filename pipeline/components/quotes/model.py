"""The records of sitrep_quotes: the compiled cue lexicon (`Cues`), the per-Doc facts every step reads
(`DocContext`), the marked spans (`Segment`), who said them (`Attribution`), the quotes found before their
speakers are resolved (`Candidate`) and the speakers met so far (`Speaker`, for pronouns)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from ... import docindex
from ..nominals import SPAN_KEY as NOMINALS
from .indirect import IndirectSpeech


def _lower(data: dict) -> dict:
    """Word lists as lower-cased sets, tables with lower-cased keys (the `_doc` strings dropped)."""
    out: dict = {k: {w.lower() for w in v} for k, v in data.items() if isinstance(v, list)}
    out.update({k: {a.lower(): b for a, b in v.items()} for k, v in data.items() if isinstance(v, dict)})
    return out


@dataclass
class Cues:
    """The word classes and weights of models/quote_cues.json (see its `_doc`), and the two settings."""
    speech: set[str]
    weak: set[str]
    acts: set[str]
    male: set[str]
    female: set[str]
    plural: set[str]
    first: set[str]
    male_titles: set[str]
    female_titles: set[str]
    abbr: set[str]
    according: dict[str, str]  # "according to X": the first word -> the second, whose object is the speaker
    person_nouns: set[str]
    definite: set[str]
    naming: set[str]
    statements: set[str]
    indefinite: set[str]
    kinds: dict[str, str]
    kind_labels: dict[str, list[str]]
    weights: dict[str, float]
    indirect: IndirectSpeech
    kind_ids: set[int]  # hashes of `kinds`, to find organisation nouns without touching every token
    reporting_ids: set[int]  # hashes of the words that can open reported speech
    max_scare_words: int = 4
    min_indirect_tokens: int = 2

    @classmethod
    def build(cls, data: dict, strings: StringStore, max_scare_words: int, min_indirect_tokens: int) -> Cues:
        c = _lower(data)
        according = dict(p.split() for p in c["according"])
        indirect = IndirectSpeech(c, according)
        return cls(
            speech=c["speech_verbs"], weak=c["weak_verbs"], acts=c["speech_act_verbs"], male=c["male_pronouns"],
            female=c["female_pronouns"], plural=c["plural_pronouns"], first=c["first_person"],
            male_titles=c["male_titles"], female_titles=c["female_titles"], abbr=c["abbreviations"],
            according=according, person_nouns=c.get("person_nouns", set()),
            definite=c.get("definite_determiners", set()), naming=c.get("naming_verbs", set()),
            statements=c.get("statement_nouns", set()), indefinite=c.get("indefinite_determiners", set()),
            kinds=c.get("description_kinds", {}), kind_labels=c.get("description_fallback_labels", {}),
            weights=c["confidence"], indirect=indirect, kind_ids={strings.add(w) for w in c.get("description_kinds",
                                                                                                  {})},
            reporting_ids={strings.add(w) for w in indirect.words}, max_scare_words=max_scare_words,
            min_indirect_tokens=min_indirect_tokens)


@dataclass
class Attribution:
    """Who said a marked or reported span: the cue as reported, the speaker's token (or None), the span the
    speaker rests on when it is not the token's own mention (a dash name, a transcript label), the cue token."""
    cue: str
    subj: Token | None
    mention: Span | None = None
    cue_i: int | None = None


@dataclass(eq=False)
class Segment:
    """Text in quotation marks: the marks' offsets, its paragraph, the text between them [start, end) without
    edge spaces and its tokens; what the steps decide (attribution, kind, fragment or continuation)."""
    open: int
    close: int
    para: int
    closed: bool
    nested: bool = False
    group: int | None = None  # paragraphs of one multi-paragraph quote share a group
    start: int = 0
    end: int = 0
    toks: tuple[int, int] = (0, 0)
    nxt: int = 0  # where the window after the marks ends (the next marks, or the paragraph end)
    attr: Attribution | None = None
    kind: str | None = None
    frag: bool = False
    cont: bool = False
    group_attr: Attribution | None = None


@dataclass
class Candidate:
    """A quote before its speaker is resolved."""
    attr: Attribution
    start_char: int
    end_char: int
    kind: str
    cont: bool = False
    frag: bool = False
    para: int | None = None


@dataclass
class Speaker:
    """A speaker already resolved, for pronouns further on."""
    start_char: int
    name: str
    key: str | None
    label: str | None


@dataclass
class DocContext:
    """The per-Doc facts the steps share (built once by `DocContext.build`, never kept on the component)."""
    doc: Doc
    cues: Cues
    ix: docindex.DocIndex
    text: str
    paras: list[tuple[int, int]]
    ents: list[Span]
    ent_at: list[int]
    actors: dict[str, dict]
    full_names: dict[str, Span]  # the first name of two words or more by its last word, for a bare surname
    inside: list[bool] = field(default_factory=list)  # tokens inside marked spans
    gender: dict[str, str] = field(default_factory=dict)  # "m"/"f" by speaker name, learned from pronouns
    org_subjects: list[Token] = field(default_factory=list)  # subjects headed by an organisation noun
    described: dict[int, Span] = field(default_factory=dict)  # token -> description linked to an actor (nominals)

    @classmethod
    def build(cls, doc: Doc, cues: Cues) -> DocContext:
        ix = docindex.index(doc)
        ents = ix.ents
        full_names: dict[str, Span] = {}
        for e in ents:
            if e.label_ == "PERSON" and len(e) > 1:
                full_names.setdefault(e[-1].lower_, e)
        described = {i: sp for sp in doc.spans.get(NOMINALS, ()) if sp._.actor_key for i in range(sp.start, sp.end)}
        return cls(doc, cues, ix, ix.text, ix.paragraphs, ents, ix.ent_at,
                   {a["key"]: a for a in (doc._.actor_clusters or [])}, full_names, described=described)

    @property
    def lowers(self) -> list[int]:
        """The hash of each token's lower-cased form (the shared index's)."""
        return self.ix.lowers

    def tok_range(self, a: int, b: int) -> tuple[int, int]:
        """Indices of the tokens starting in [a, b)."""
        return self.ix.token_range(a, b)

    def ent(self, i: int) -> Span | None:
        """The actor-label entity at token `i`, if any."""
        k = self.ent_at[i]
        return self.ents[k] if k >= 0 else None
