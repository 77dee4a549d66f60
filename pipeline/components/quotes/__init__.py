"""`sitrep_quotes`: direct, indirect and mixed attributions with their speakers, on `doc._.quotes`.

The package: `extractor` (quotation marks and their spans, cue windows, speaker resolution, the spaCy factory)
and `indirect` (reported speech from the dependency parse). `from pipeline.components.quotes import ...` keeps
working for the names below.
"""
from __future__ import annotations

from .extractor import DEFAULT_LEXICON, QuoteExtractor, make_quotes

__all__ = ["DEFAULT_LEXICON", "QuoteExtractor", "make_quotes"]
