"""The shape every sitrep component shares, after spaCy's own rule components (`SpanRuler`, `AttributeRuler`).

- Settings come from the factory's `default_config`; a data file is named relative to `models/` (never an absolute
  path, so `nlp.to_disk()` writes a config that loads on any machine).
- Data is loaded by `initialize()` (called from the constructor with the configured files, or again by
  `nlp.initialize()`), kept as plain JSON-able `self.data`, and compiled into lookups by `setup()`.
- `to_disk()` / `from_disk()` write and read that data, so a saved pipeline carries its lexicons and loads with
  `spacy.load()` from any path.
- `__call__` runs `process()` under the error handler (a `process` that makes a new Doc returns it): by default
  a document that makes the component raise keeps the output of every other stage and gets a record in
  `doc._.errors` (stage, error, message), which becomes a row of the `errors` table; `set_error_handler()`
  replaces that, as for any spaCy pipe.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.util import ensure_path

from .. import extensions
from ..resources import model_file

extensions.register()

DATA_FILE = "data.json"


def record_error(name: str, component: Callable, docs: list[Doc], exc: Exception) -> None:
    """The default error handler: note the failure on each Doc (reported as an `errors` row) and go on."""
    for doc in docs:
        errors = list(doc._.errors or [])
        errors.append({"stage": name, "error": type(exc).__name__, "message": f"{name} failed on this document: "
                       f"{type(exc).__name__}: {exc}; its other stages' output is kept"})
        doc._.errors = errors


def note_problem(doc: Doc, stage: str, exc: Exception, consequence: str) -> None:
    """A step that failed without stopping the component: an `errors` row that says what was lost."""
    errors = list(doc._.errors or [])
    errors.append({"stage": stage, "error": type(exc).__name__,
                   "message": f"{stage}: {type(exc).__name__}: {exc}; {consequence}"})
    doc._.errors = errors


def read_model_json(name: str) -> Any:
    """A JSON data file of `models/` (or $SITREP_MODELS), by its name relative to that folder."""
    with open(model_file(name), encoding="utf-8") as f:
        return json.load(f)


class Component(Pipe):
    """Base of sitrep's components: subclasses set `data_files` (setting name -> loader) and implement `setup`
    (data -> lookups) and `process` (the work on one Doc)."""

    #: settings whose value is a data file in models/, and how to read it
    data_files: dict[str, Callable[[str], Any]] = {}

    def __init__(self, nlp: Language, name: str, **settings: Any):
        self.name = name
        self.vocab = nlp.vocab
        self.settings = settings
        self.data: dict[str, Any] = {}
        self.initialize()

    # ------------------------------------------------------------------ data
    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   **data: Any) -> None:
        """Load the configured data files; `data` given here (from `[initialize]` in the config) wins."""
        loaded = {key: read(self.settings[key]) for key, read in self.data_files.items() if self.settings.get(key)}
        loaded.update(data)
        self.data = loaded
        self.setup(self.data)

    def setup(self, data: dict[str, Any]) -> None:
        """Compile `data` into the lookups `process` uses. Default: nothing to compile."""

    # ------------------------------------------------------------------ work
    def process(self, doc: Doc) -> Doc | None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        try:
            out = self.process(doc)
        except Exception as e:  # noqa: BLE001 - the handler decides: by default an errors row, not a lost batch
            self.get_error_handler()(self.name, self, [doc], e)
            return doc
        return out if isinstance(out, Doc) else doc

    def get_error_handler(self) -> Callable:
        return getattr(self, "error_handler", record_error)

    # ------------------------------------------------------------------ serialisation
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / DATA_FILE, self.data)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Component:
        path = ensure_path(path)
        if (path / DATA_FILE).exists():
            self.data = srsly.read_json(path / DATA_FILE)
            self.setup(self.data)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.data).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Component:
        self.data = srsly.json_loads(data.decode("utf-8"))
        self.setup(self.data)
        return self
