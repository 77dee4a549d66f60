"""The records the incident steps pass along: cues, mentions (one event clause), their arguments and the merged
incidents, plus the per-Doc context every step reads (so no per-document state lives on the component)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span, Token

from ...docindex import DocIndex, EntityIndex


class Actor(NamedTuple):
    """A side of an event: its name as written (or the canonical actor name) and its actor key, if it is one."""
    name: str
    key: str | None


@dataclass
class Place:
    """Where a mention happened: the place name, its entity (if the name is one), admin1 and ISO-2 country."""
    location: str
    ent: Span | None
    admin1: str | None = None
    country: str | None = None


@dataclass
class When:
    """A mention's date: explicit (read in its sentence) or inherited (the narrative or publication date)."""
    value: str
    text: str | None
    precision: str | None
    explicit: bool
    published: bool = False  # inherited from the publication date (no narrative date before it)


@dataclass
class Combo:
    """A keyword combination rule of the lexicon: `sub` when every `when` pattern matches and `unless` does not."""
    sub: str
    priority: int
    overrides: set
    when: list
    unless: Any = None


@dataclass
class Cue:
    """A trigger phrase found by the matcher and its lexicon group (kind, sub-event type, priority ...)."""
    group: dict
    span: Span

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def kind(self) -> str:
        return self.group["kind"]


@dataclass
class Roles:
    """Syntactic slots around an event word: subject, object, agent, `between`, `with/on/against`."""
    subj: Token | None = None
    passive: bool = False
    obj: Token | None = None
    agent: Token | None = None
    between: list = field(default_factory=list)
    with_: Token | None = None


@dataclass
class Mention:
    """One event clause before merging."""
    sub: str
    sent: Span
    start_char: int
    end_char: int
    trigger: Token
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    date: When | None = None
    killed: int | None = None
    injured: int | None = None
    anaphoric: bool = False
    casualty_only: bool = False
    additive: bool = False         # "in addition to the bomber, two were killed": adds to the earlier count
    weapon: bool = False           # typed by a weapon cue (air strike, shelling, bomb)
    blast: bool = False            # typed only by an explosion word ('explosions rocked'), not by what exploded
    generic: bool = False          # typed by a generic word ('attack', 'killed', 'explosion'), not a specific act
    headline: bool = False         # in the article's headline ('Suicide bomber kills 4 in Qardaha')
    definite: bool = False         # a definite event noun refers back ('the bombardment', "Monday's raid")
    aggregate: bool = False        # a toll over several days ('over the past two days'): the sum of daily events
    casualty_sides: bool = False   # the sides were read from the casualties ('129 loyalists and 116 rebels')
    priority: int = 0              # the typing cue's priority in the lexicon (a specific act over a generic one)
    cues: list = field(default_factory=list)

    @property
    def date_value(self) -> str | None:
        return self.date.value if self.date else None

    @property
    def explicit(self) -> bool:
        return bool(self.date and self.date.explicit)


@dataclass
class Incident:
    """Mentions of one event merged; the fields the row is written from are filled by `merge.settle`."""
    sub: str
    date: str | None
    loc: str | None
    mentions: list[Mention]
    evidence: Mention | None = None   # the clearest report: the row's evidence sentence and fields
    first: Mention | None = None      # the first report in the text: the row's start_char / end_char
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    when: When | None = None
    killed: int | None = None
    injured: int | None = None


@dataclass
class DocContext:
    """What the steps read about the Doc being processed: built once per Doc by the component."""
    doc: Doc
    lex: Any                        # the compiled lexicon (lexicon.Lexicon)
    ix: DocIndex
    ents: EntityIndex               # actor-label entities (the shared index)
    cue_toks: set[int]
    canon: dict[str, str]           # actor key -> canonical name
    geo: dict[str, dict]            # actor key -> actor record (lat, lon, country, admin1)
    date_mentions: list = field(default_factory=list)
    published: str | None = None
    stage: str = "sitrep_incidents"
    anaphor_toks: set[int] = field(default_factory=set)  # inside an anaphor ('the attack'): never a side
    act_toks: set[int] = field(default_factory=set)      # inside an event or casualty cue (triggers.act_tokens)

    def ent(self, i: int) -> Span | None:
        """The entity covering token `i`, of any label (DATE, CARDINAL ... too)."""
        k = self.ents.any_at[i]
        return self.ents.every[k] if k >= 0 else None


@dataclass
class SentenceContext:
    """One sentence with cues: its place-name chains, the tokens in place names and each token's clause head."""
    ctx: DocContext
    sent: Span
    chains: list[list[tuple[int, int]]]
    place_toks: set[int]
    heads: dict[int, int]           # token index -> index of the head of its clause


@dataclass
class Frame:
    """An event clause read from the parse: its mention, the cue that typed it and the clause's own tokens."""
    mention: Mention
    cue: Cue
    clause: list[Token]
