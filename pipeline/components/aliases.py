"""`sitrep_aliases`: group a document's mentions into actors; every mention gets `span._.actor_key`.

A bare surname joins the one full name it ends; otherwise mentions group by their normalised text.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions
from ..schema import LABEL_TYPE
from ..text import actor_key, norm_name

extensions.register()


class AliasLinker:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions = [e for e in doc.ents if e.label_ in LABEL_TYPE]
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for ent in mentions:
            groups[(ent.label_, norm_name(ent.text))].append(ent)
        # canonical text of each group: its longest, then most frequent surface form
        canon = {}
        for (label, key), ents in groups.items():
            counts = Counter(e.text for e in ents)
            canon[(label, key)] = max(counts, key=lambda t: (len(t), counts[t], t))
        # a one-word PERSON group joins the single multi-word PERSON group ending with that word
        parent: dict[tuple[str, str], tuple[str, str]] = {}
        full_names = [k for k in groups if k[0] == "PERSON" and " " in k[1]]
        for k in groups:
            if k[0] == "PERSON" and " " not in k[1]:
                owners = [f for f in full_names if f[1].split()[-1] == k[1]]
                if len(owners) == 1:
                    parent[k] = owners[0]
        actors: dict[str, dict] = {}
        for k, ents in sorted(groups.items(), key=lambda kv: kv[1][0].start_char):
            root = parent.get(k, k)
            name = canon[root]
            type_ = LABEL_TYPE[root[0]]
            key = actor_key(type_, name)
            a = actors.setdefault(key, {"key": key, "name": name, "type": type_, "aliases": [], "n_mentions": 0,
                                        "role": None})
            for e in ents:
                e._.actor_key = key
                a["n_mentions"] += 1
                if e.text != name and e.text not in a["aliases"]:
                    a["aliases"].append(e.text)
        doc._.actors = list(actors.values())
        return doc


@Language.factory("sitrep_aliases", default_config={})
def make_aliases(nlp: Language, name: str) -> AliasLinker:
    return AliasLinker(nlp, name)
