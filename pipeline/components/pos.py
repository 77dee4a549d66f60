"""`sitrep_pos`: coarse POS from the tag (plus the word and dependency for a few exceptions) by dict lookup.

The base model's attribute_ruler does this with a Matcher and costs about a fifth of the whole model's
time. Our stages only need the universal POS, so the model's own single-token rules are taken over as data
(`rules`: `[lower, TAG, dep, POS]` rows, empty parts meaning any) and the ruler is dropped. Rows, not a dict keyed
by "lower|TAG|dep": config keys holding "." are read back as nested sections, so such a dict does not survive
`nlp.to_disk()` / `spacy.load()`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import Component

CONDITIONS = ("LOWER", "TAG", "DEP")


def _values(v) -> list[str]:
    return v["IN"] if isinstance(v, dict) and "IN" in v else [v]


def rules_from_ruler(ruler) -> list[list[str]]:
    """The single-token POS rules of an attribute_ruler over LOWER, TAG and DEP, later rules winning."""
    out: dict[tuple[str, str, str], str] = {}
    for p in ruler.patterns:
        pats = p["patterns"]
        if len(pats) != 1 or len(pats[0]) != 1 or "POS" not in p["attrs"]:
            continue
        cond = pats[0][0]
        if not set(cond) <= set(CONDITIONS) or any(isinstance(v, dict) and "IN" not in v for v in cond.values()):
            continue
        for lower in _values(cond.get("LOWER", "")):
            for tag in _values(cond.get("TAG", "")):
                for dep in _values(cond.get("DEP", "")):
                    out[(lower, tag, dep)] = p["attrs"]["POS"]
    return [[*k, v] for k, v in out.items()]


class TagToPos(Component):
    """Settings: `rules` (the rows above, taken from the model's attribute_ruler by `nlp.build_nlp`). They are
    the component's data, so `to_disk` writes them too."""

    def initialize(self, get_examples=None, *, nlp: Language | None = None, **data) -> None:
        data.setdefault("rules", self.settings.get("rules", []))
        super().initialize(get_examples, nlp=nlp, **data)

    def setup(self, data: dict) -> None:
        rules = data["rules"]
        self._rules = {(lower, tag, dep): pos for lower, tag, dep, pos in rules}
        self._words = {k[0] for k in self._rules if k[0]}
        self._deps = {k[2] for k in self._rules if k[2]}

    def process(self, doc: Doc) -> Doc:
        rules, words, deps = self._rules, self._words, self._deps
        for tok in doc:
            tag = tok.tag_
            w = tok.lower_ if tok.lower_ in words else ""
            d = tok.dep_ if tok.dep_ in deps else ""
            # most specific rule first
            for key in ((w, tag, d), (w, "", d), ("", tag, d), (w, tag, ""), (w, "", ""), ("", tag, "")):
                pos = rules.get(key)
                if pos is not None:
                    tok.pos_ = pos
                    break
        return doc


@Language.factory("sitrep_pos", default_config={"rules": []}, assigns=["token.pos"], requires=["token.tag"])
def make_pos(nlp: Language, name: str, rules: list[list[str]]) -> TagToPos:
    return TagToPos(nlp, name, rules=rules)
