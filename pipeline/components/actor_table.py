"""`sitrep_actors`: the one owner of `doc._.actors`, the document's actors as the tables report them.

The stages before it emit facts on their own extensions: `sitrep_aliases` the actors its clusters make
(`doc._.actor_clusters`: key, name, type, aliases, the number of named mentions, role, and for a place its
location), `sitrep_nominals` how many descriptions it linked to each of them (`doc._.nominal_links`: key ->
count), `sitrep_quotes` the apposition of a quoted speaker ("said Maria Lopez, a nurse at the clinic":
`doc._.speaker_roles`: key -> role). This stage adds them up into `doc._.actors`, which the incident stage and
the tables read. It runs after the quote stage (pipeline/nlp.py), which reads the actors' names from
`doc._.actor_clusters`: the one order in which every fact is in before the actors are made, with no second pass.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions
from .base import Component

extensions.register()


def aggregate(clusters: list[dict], nominal_links: dict[str, int],
              speaker_roles: dict[str, str] | None = None) -> list[dict]:
    """One record per actor, in the order of `clusters`; mentions are named plus nominal ones; an actor with no
    role from its own mentions takes its quoted speaker's."""
    roles = speaker_roles or {}
    out = []
    for a in clusters:
        a = dict(a)
        a["n_mentions"] += nominal_links.get(a["key"], 0)
        if not a.get("role") and a["key"] in roles:
            a["role"] = roles[a["key"]]
        out.append(a)
    return out


class ActorTable(Component):
    """No settings and no data: the sum is the definition above."""

    def process(self, doc: Doc) -> None:
        clusters = doc._.actor_clusters
        if clusters is None:
            return
        doc._.actors = aggregate(clusters, doc._.nominal_links or {}, doc._.speaker_roles)


@Language.factory("sitrep_actors", default_config={}, assigns=["doc._.actors"],
                  requires=["doc._.actor_clusters", "doc._.nominal_links", "doc._.speaker_roles"])
def make_actor_table(nlp: Language, name: str) -> ActorTable:
    return ActorTable(nlp, name)
