"""The local engine: `nlp.pipe` in this process, or in N forked worker processes that each return rows only.

Workers are forked after the pipeline is built, so the model loads once; each worker runs `nlp.pipe` over
whole batches and sends back plain rows (not Docs), which is what lets two processes beat spaCy's own
multiprocessing. At most 2×N batches are in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language

from ..ingest import Article, Item
from ..rows import doc_rows, empty, error_rows, processing_error

Batch = list[tuple[int, Item]]
Result = tuple[int, list[str], dict[str, list[dict]]]

_WORKER_NLP: Language | None = None


def item_key(item: Item) -> str:
    if isinstance(item, Article):
        return f"doc:{item.doc_id}:{item.content_hash}"
    return f"err:{item.path}:{item.doc_id}:{item.line}:{item.error}"


def process_batch(nlp: Language, batch: Batch) -> Result:
    """Rows of one batch: articles through `nlp.pipe`, bad inputs straight to error rows."""
    arts = [(i, it) for i, it in batch if isinstance(it, Article)]
    docs = nlp.pipe(((a.text, {"doc_id": a.doc_id, "published": a.published}) for _, a in arts), as_tuples=True,
                    batch_size=max(1, len(arts)))
    by_seq: dict[int, dict[str, list[dict]]] = {}
    for (seq, art), (doc, _ctx) in zip(arts, docs):
        by_seq[seq] = doc_rows(doc, art)
    return batch_result(batch, (by_seq[seq] if seq in by_seq else error_rows(it) for seq, it in batch))


def run_batch(nlp: Language, batch: Batch) -> Result:
    """`process_batch`, or, when the batch fails as a whole, its documents one by one."""
    try:
        return process_batch(nlp, batch)
    except Exception:
        return _one_by_one(nlp, batch)


def _worker(batch: Batch) -> Result:
    assert _WORKER_NLP is not None
    return run_batch(_WORKER_NLP, batch)


def _one_by_one(nlp: Language, batch: Batch) -> Result:
    """A batch that failed as a whole is redone document by document, so one bad document costs only itself."""
    def one(seq: int, it: Item) -> dict[str, list[dict]]:
        try:
            return process_batch(nlp, [(seq, it)])[2]
        except Exception as e:  # the document itself breaks a component: report it, keep the rest
            return error_rows(processing_error(it, e))

    return batch_result(batch, (one(seq, it) for seq, it in batch))


def batch_result(batch: Batch, parts: Iterable[dict[str, list[dict]]]) -> Result:
    """A batch's result from the rows of its documents (or pieces), in order."""
    rows = empty()
    for part in parts:
        for name, lst in part.items():
            rows[name].extend(lst)
    return batch[0][0], [item_key(it) for _, it in batch], rows


def batches(items: Iterable[tuple[int, Item]], size: int) -> Iterator[Batch]:
    buf: Batch = []
    for x in items:
        buf.append(x)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def split(batch: Batch, n_process: int) -> list[Batch]:
    """A batch cut into pieces for parallel workers, so the last batches do not leave a worker idle (with 13
    whole batches on 2 workers one of them does 7, a 1.86x ceiling); pieces stay >= 8 documents for nlp.pipe."""
    step = max(8, -(-len(batch) // (2 * n_process)))
    return [batch[i:i + step] for i in range(0, len(batch), step)]


def merge(batch: Batch, results: list[Result]) -> Result:
    """The results of a batch's pieces as the result of the batch: rows are per document, so this is exact."""
    return batch_result(batch, (part for _seq0, _keys, part in results))


def run_local(nlp: Language, items: Iterable[tuple[int, Item]], batch_size: int = 64,
              n_process: int = 1) -> Iterator[Result]:
    """Results of each batch, in input order."""
    if n_process <= 1 or "fork" not in mp.get_all_start_methods():
        for b in batches(items, batch_size):
            yield run_batch(nlp, b)
        return
    global _WORKER_NLP
    _WORKER_NLP = nlp
    ctx = mp.get_context("fork")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with ctx.Pool(n_process) as pool:
        pending: deque = deque()
        for b in batches(items, batch_size):
            pending.append((b, [pool.apply_async(_worker, (p,)) for p in split(b, n_process)]))
            while len(pending) >= 2 * n_process:
                b0, parts = pending.popleft()
                yield merge(b0, [r.get() for r in parts])
        while pending:
            b0, parts = pending.popleft()
            yield merge(b0, [r.get() for r in parts])
