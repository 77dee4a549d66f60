"""The Dask engine: the same per-batch work as the local engine, on the workers of a Dask cluster.

Each worker process builds the pipeline once (the process-wide cache in `pipeline.nlp`), runs `process_batch`
on pieces of batches (`local.split`) and sends back plain rows, exactly like a forked local worker; the
client keeps at most 2 x (worker threads) batches in flight and yields results in input order, so the stored
tables, ids and order equal the local engine's and memory does not grow with the corpus. Corpus-level actor
linking runs afterwards on the client (`api.finalize`), as for the local engine.

Workers must be able to import `pipeline` at the same version as the client, and have the same spaCy model
installed: start `dask worker` from the same environment (same venv or image, same PYTHONPATH).
"""
from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator

from ..ingest import Item
from ..rows import error_rows, processing_error
from .local import Batch, Result, batch_result, batches, merge, run_batch, split

LOCAL_WORKERS = 2
# How long to wait for a scheduler (and for the first worker) before giving up; `SITREP_DASK_TIMEOUT` overrides.
CONNECT_TIMEOUT = "10s"
_BUILD_LOCK = threading.Lock()


class DaskEngineError(RuntimeError):
    """The Dask engine cannot run: no `distributed`, no scheduler at the address, or workers that cannot work."""


def _nlp(model: str):
    """The worker's pipeline, built once per worker process (a lock keeps threads of one worker from racing)."""
    from ..nlp import get_nlp

    with _BUILD_LOCK:
        return get_nlp(model)


def _run_batch(model: str, batch: Batch) -> Result:
    """Task body on a worker: one batch to rows; a batch that fails is redone document by document."""
    return run_batch(_nlp(model), batch)


def _probe() -> tuple[str, str]:
    """What a worker runs first: proves it can import `pipeline`, and says which version."""
    import pipeline

    return pipeline.__version__, os.path.dirname(pipeline.__file__)


def _failed(batch: Batch, exc: BaseException) -> Result:
    """Rows for documents whose task died on the cluster (e.g. the worker was killed while running them)."""
    return batch_result(batch, (error_rows(processing_error(it, exc, " on the cluster")) for _seq, it in batch))


def _connect(scheduler: str | None, n_workers: int, timeout: str):
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise DaskEngineError("--engine dask needs dask.distributed: pip install 'dask[distributed]'") from e
    if scheduler is None:
        # No dashboard, and its HTTP server on a free port: a second run on the machine must not collide.
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"})
        return Client(cluster), cluster
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as e:
        raise DaskEngineError(f"cannot reach the Dask scheduler at {scheduler} (waited {timeout})") from e
    return client, None


def _check_workers(client, timeout: str) -> int:
    """Wait for a worker, check it runs our code; returns the number of worker threads."""
    import pipeline

    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as e:
        raise DaskEngineError(f"the Dask scheduler at {client.scheduler.address} has no workers (waited {timeout}); "
                              f"start some with `dask worker {client.scheduler.address}`") from e
    try:
        version, where = client.submit(_probe, pure=False).result()
    except Exception as e:
        raise DaskEngineError(f"Dask workers cannot import `pipeline` ({type(e).__name__}: {e}); start them in "
                              f"the same environment as the client") from e
    if version != pipeline.__version__:
        raise DaskEngineError(f"Dask workers run sitrep {version} from {where}, this client runs "
                              f"{pipeline.__version__}: start them in the same environment")
    return max(1, sum(client.nthreads().values()))


def _check_connected(client) -> None:
    """A lost scheduler stops the run (batches already stored stay; a rerun resumes) instead of turning every
    remaining document into an error row that a rerun would skip."""
    if client.status != "running":
        raise DaskEngineError(f"lost the Dask scheduler ({client.status}); rerun the same command to resume")


def run_dask(items: Iterable[tuple[int, Item]], model: str | None = None, batch_size: int = 64,
             scheduler: str | None = None, n_workers: int = LOCAL_WORKERS) -> Iterator[Result]:
    """Results of each batch, in input order, computed on a Dask cluster.

    `scheduler=None` starts a local cluster of `n_workers` single-threaded processes and closes it at the end;
    `scheduler="tcp://host:port"` uses a running one (left running).
    """
    from ..nlp import resolve_model

    model = resolve_model(model)  # resolved here, so every worker loads the model the client would
    timeout = os.environ.get("SITREP_DASK_TIMEOUT", CONNECT_TIMEOUT)
    client, cluster = _connect(scheduler, n_workers, timeout)
    try:
        threads = _check_workers(client, timeout)
        limit = 2 * threads
        pending: deque = deque()

        def take() -> Result:
            batch, parts = pending.popleft()
            results = []
            for piece, fut in parts:
                try:
                    results.append(fut.result())
                except Exception:  # the task itself died (worker killed, lost): redo its documents one by one
                    _check_connected(client)
                    results.append(_retry_each(client, model, piece))
            return merge(batch, results)

        for b in batches(items, batch_size):
            pending.append((b, [(p, client.submit(_run_batch, model, p, pure=False)) for p in split(b, threads)]))
            while len(pending) >= limit:
                yield take()
        while pending:
            yield take()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _retry_each(client, model: str, batch: Batch) -> Result:
    """One task per document, so a document that kills its worker costs only itself."""
    futs = [client.submit(_run_batch, model, [x], pure=False, retries=0) for x in batch]

    def one(x: tuple[int, Item], fut) -> dict[str, list[dict]]:
        try:
            return fut.result()[2]
        except Exception as e:
            _check_connected(client)
            return _failed([x], e)[2]

    return batch_result(batch, (one(x, fut) for x, fut in zip(batch, futs)))
