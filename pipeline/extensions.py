"""Doc and Span extensions our components read and write. Values are plain lists/dicts so they survive
`Doc.to_bytes` (multiprocessing) and msgpack."""
from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "doc_id": None,        # set from the nlp.pipe context
    "published": None,     # ISO date of publication, the anchor for relative dates
    "actors": None,        # list of within-document actor dicts (actors component: its one owner)
    "actor_clusters": None,  # the actors of the alias clusters, named mentions only (aliases component)
    "nominal_links": None,   # actor key -> descriptions linked to it (nominals component)
    "quotes": None,        # list of quote dicts (quotes component)
    "speaker_roles": None,   # actor key -> the apposition of its first quoted speaker mention (quotes component)
    "incidents": None,     # list of incident dicts (incidents component)
    "boilerplate": None,   # sorted [start, end) char ranges of page furniture (boilerplate component)
    "errors": None,        # list of {stage, error, message}: a component that failed on this doc (components.base)
}
SPAN_EXTENSIONS = {
    "actor_key": None,     # within-document actor key `<type>:<slug>` of the mention's cluster
}


def register() -> None:
    """Idempotent: safe to call from every factory and every process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def context_value(doc: Doc, name: str):
    """A per-document value given to `nlp.pipe(..., as_tuples=True)` as a dict context, else the extension."""
    value = getattr(doc._, name, None)
    if value is None and isinstance(getattr(doc, "_context", None), dict):
        value = doc._context.get(name)
    return value


register()
