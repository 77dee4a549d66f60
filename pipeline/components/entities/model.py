"""Records of entity tagging: the token flags read once per Doc, the model's entities after label mapping, the
spans chosen for `doc.ents`, and the vote weights of label repair (models/entity_votes.json)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, LOWER, ORTH
from spacy.tokens import Doc

VOTES_FILE = "entity_votes.json"


@dataclass(frozen=True)
class Flags:
    """Per-token flags from one `doc.to_array` call: Python attribute access per token would cost more than the
    lookups that read them."""
    title: list[int]
    upper: list[int]
    alpha: list[int]
    idx: list[int]
    length: list[int]
    lower: list[int]
    orth: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Flags:
        if not len(doc):
            return cls([], [], [], [], [], [], [])
        return cls(*doc.to_array([IS_TITLE, IS_UPPER, IS_ALPHA, IDX, LENGTH, LOWER, ORTH]).T.tolist())


@dataclass(frozen=True)
class ModelEnt:
    """A model entity (or one name of a model entity that lists several) with our label; `raw` is the model's."""
    start: int
    end: int
    label: str
    raw: str


@dataclass
class Choice:
    """A span chosen for `doc.ents`. `key` is its gazetteer key when a gazetteer hit made or confirmed it;
    `strong` says that key names a strong place (not a weak, common-word one); `fixed`, that its label is not voted."""
    start: int
    end: int
    label: str
    key: str | None = None
    strong: bool = False
    fixed: bool = False  # the span's own words decide its label ("Syrian state TV"): no vote changes it

    @property
    def n(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Votes:
    """Weights of the label vote (`votes.py`): the model's labels share `model_total` votes per string (halved for
    a PLACE the gazetteer does not know); each context cue of a mention and each document fact adds its weight."""
    model_total: float
    unknown_place_divisor: float
    strong_place_cue: float
    place_cue: float
    person_cue: float
    role_apposition: float
    surname: float
    first_name: float
    strong_place: float
    known_place: float

    @classmethod
    def from_data(cls, spec: dict) -> Votes:
        """From the JSON of models/entity_votes.json (keys starting with "_" are notes)."""
        return cls(**{k: float(v) for k, v in spec.items() if not k.startswith("_")})


@dataclass
class Selection:
    """The spans chosen so far and the tokens they (or kept non-actor entities) cover: a token is taken once."""
    taken: list[bool]
    chosen: list[Choice]

    @classmethod
    def empty(cls, n: int) -> Selection:
        return cls([False] * n, [])

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def take(self, s: int, e: int) -> None:
        for t in range(s, e):
            self.taken[t] = True

    def add(self, c: Choice) -> None:
        self.take(c.start, c.end)
        self.chosen.append(c)
