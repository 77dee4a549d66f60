"""Small text helpers shared by the components: slugs, name normalisation, and the few word and label sets
several components read."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
VALUE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY"})  # never actors
COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "become", "became", "becomes", "remains", "remained"})


def is_acronym(name: str) -> bool:
    """"UN", "U.N.", "SANA": two to six capital letters, dots aside."""
    bare = name.replace(".", "")
    return bare.isupper() and bare.isalpha() and 2 <= len(bare) <= 6


def fold(s: str) -> str:
    """Lower-case ASCII-folded text with straight quotes: what comparisons use."""
    s = unicodedata.normalize("NFKD", s.translate(_QUOTES))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def slug(s: str) -> str:
    """`Ahmad Abazeid` -> `ahmad-abazeid`; the stable part of an actor id."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")
    return s or "x"


def actor_key(type_: str, name: str) -> str:
    return f"{type_}:{slug(name)}"


_ARTICLE_ALIAS = re.compile(r"^(the)\s+", re.I)
_AL = re.compile(r"\b(al|el|ad|as|ar|an|at|az)[-\s]", re.I)
_LED_ALLIANCE = re.compile(r"\b(led|backed) (?:\w+ ){1,3}(coalition|alliance)$")


@lru_cache(maxsize=1 << 16)  # names repeat across a corpus: each is normalised once
def norm_name(s: str) -> str:
    """Name comparison key: case, quote marks, hyphens, `al-`/`el-`, a leading `the`, possessive `'s` folded."""
    s = fold(s).replace("'s", "")
    s = _ARTICLE_ALIAS.sub("", s.strip())
    s = _AL.sub("", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    # "US-led international coalition", "US-led anti-terror coalition": a led alliance is named by its leader
    return _LED_ALLIANCE.sub(r"\1 \2", s)
