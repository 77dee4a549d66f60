"""Turn one processed Doc (or one bad input) into plain rows for every table."""
from __future__ import annotations

import bisect
import json

from spacy.tokens import Doc

from . import docindex
from .ingest import Article, IngestError
from .interactions import coder
from .schema import LABEL_TYPE, SCHEMAS


def document_row(art: Article, status: str = "ok", error: str | None = None) -> dict:
    text = art.text or ""
    return {
        "doc_id": art.doc_id, "path": art.path, "title": art.title, "published": art.published,
        "source": art.source, "url": art.url, "n_chars": len(text), "n_words": len(text.split()),
        "status": status, "error": error, "content_hash": art.content_hash if status == "ok" else None,
        "extra": json.dumps(art.extra, ensure_ascii=False, sort_keys=True, default=str) if art.extra else None,
    }


def error_row(err: IngestError) -> dict:
    return {"path": err.path, "doc_id": err.doc_id, "line": err.line, "stage": err.stage, "error": err.error,
            "message": err.message}


def empty() -> dict[str, list[dict]]:
    return {name: [] for name in (*SCHEMAS, "doc_actors")}


def processing_error(item: Article | IngestError, exc: BaseException, where: str = "") -> IngestError:
    """An input whose processing raised `exc`, as an error; an article keeps its documents row (status error)."""
    return IngestError(getattr(item, "path", None), getattr(item, "doc_id", None), getattr(item, "line", None),
                       type(exc).__name__, f"processing failed{where}: {exc}", stage="nlp",
                       article=item if isinstance(item, Article) else None)


def error_rows(err: IngestError) -> dict[str, list[dict]]:
    out = empty()
    out["errors"].append(error_row(err))
    if err.article is not None and err.doc_id is not None:
        out["documents"].append(document_row(err.article, "error", f"{err.error}: {err.message}"))
    return out


def doc_rows(doc: Doc, art: Article) -> dict[str, list[dict]]:
    """Rows of one article; ids are `<doc_id>:m<n>`, `:q<n>`, `:e<n>` in text order, so reruns agree."""
    out = empty()
    doc_id = art.doc_id
    out["documents"].append(document_row(art))
    out["errors"].extend(error_row(p) for p in art.problems)
    out["errors"].extend({"path": art.path, "doc_id": doc_id, "line": art.line, **e} for e in doc._.errors or [])
    sent_starts = [sent.start for sent in docindex.index(doc).sentences] or [0]  # the stages' own sentences

    n = 0
    nominals = list(doc.spans["sitrep_nominals"]) if "sitrep_nominals" in doc.spans else []  # "the town" etc.
    for ent in sorted([*doc.ents, *nominals], key=lambda e: e.start) if nominals else doc.ents:
        if ent.label_ not in LABEL_TYPE:
            continue
        out["mentions"].append({
            "doc_id": doc_id, "mention_id": f"{doc_id}:m{n}", "start_char": ent.start_char, "end_char": ent.end_char,
            "text": ent.text, "label": ent.label_, "actor_id": ent._.actor_key,
            "sentence": max(0, bisect.bisect_right(sent_starts, ent.start) - 1),
        })
        n += 1
    for i, q in enumerate(sorted(doc._.quotes or [], key=lambda q: q["start_char"])):
        out["quotes"].append({**q, "quote_id": f"{doc_id}:q{i}", "doc_id": doc_id})
    codes = coder()
    for i, inc in enumerate(sorted(doc._.incidents or [], key=lambda x: x["start_char"])):
        sides = {f"inter{n}": codes.code(inc.get(f"actor{n}"), (inc.get(f"actor{n}_id") or ":").split(":")[0],
                                         inc.get("country")) for n in (1, 2)}
        out["incidents"].append({**inc, **sides, "incident_id": f"{doc_id}:e{i}", "doc_id": doc_id})
    for a in doc._.actors or []:
        out["doc_actors"].append({**a, "doc_id": doc_id})
    return out
