"""Numbers and casualty counts read from one sentence of conflict news.

Why rules and not a model: counts must be exact and explainable ("at least four" is 4, "dozens" is no
number at all), they run on every sentence of thousands of articles, and the vocabulary is small and
stable. The vocabulary lives in ``models/numbers.json`` so that it can be extended without touching code.

Conventions (the ones GTD and ACLED use):

- a stated lower bound counts as the number ("at least 10" -> 10, "more than 20" -> 20);
- vague quantities are not numbers ("dozens", "several", "an unknown number" -> None), and a clause
  with a vague or unknown count makes the whole count of that kind unknown rather than an undercount;
- perpetrators count ("a suicide bomber blew himself up" -> 1 killed);
- people listed after "including" / "among them" are a subset and are not added again;
- "casualties" alone is ambiguous (killed and/or injured) and gives no count, except "no casualties" -> 0 / 0;
- "killed or wounded" with one number cannot be split and gives no count for either.

Modules, one job each: `lexicon` (the vocabulary of models/numbers.json compiled into tables), `words` (number
phrases: `parse_number`), `tokens` (the sentence's tokens and their classes), `groups` (the subject / object walks),
`casualties` (trigger phrases, tolls and zeros settled into `Casualties`: `find_casualties`).
"""
from __future__ import annotations

from .casualties import Casualties, find_casualties
from .lexicon import LEXICON_PATH
from .words import parse_number

__all__ = ["Casualties", "LEXICON_PATH", "find_casualties", "parse_number"]
