"""A caseload past one machine: partitions of clients on a Dask cluster, the same function on each.

The caseload table is cut into partitions that never split a client (a client's rows share an
index value, and Dask cuts only between index values); ``dask.dataframe.map_partitions`` runs
:func:`run_partition` — the very pipeline :func:`calculator.caseload.run_caseload` runs in one
process — on each, and the partitions' results are put back in input order. Each client's
figures are computed exactly as they would be alone (:mod:`.run`), so the result equals the
single-process run row for row, however the caseload is cut.

Needs the optional extra: ``pip install -r requirements-scale.txt``. With no scheduler address a
local cluster starts (one worker per core, no dashboard). The workers need this project (the same
version: the ``library_version`` column says which library each row used) on their path.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import OK, PROBLEM, CaseloadResult, run_caseload
from .results import order_columns
from .run import Progress

#: Partitions per worker when the caller does not say.
PARTITIONS_PER_WORKER = 4
#: Rows of the first partition run here to learn the results' columns (Dask's ``meta``).
MAX_OPTIONS_META = 4
CLIENT_KEY = "_client"


def run_partition(part: pd.DataFrame) -> pd.DataFrame:
    """One partition's results: the single-process caseload run on just these clients."""
    table = part.reset_index(drop=True)
    return run_caseload(table).frame


def run_dask(
    table: pd.DataFrame,
    scheduler: str | None = None,
    partitions: int | None = None,
    progress: Progress | None = None,
) -> CaseloadResult:
    """Run a caseload table (from :func:`calculator.caseload.read_caseload`) on a Dask cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); ``None`` starts a
    local cluster for the run. ``progress(done, total)`` counts clients as partitions finish.
    """
    from dask.distributed import Client

    cluster = None if scheduler else local_cluster()
    try:
        with Client(scheduler or cluster) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            frame = _compute(client, table, partitions or PARTITIONS_PER_WORKER * workers, progress)
    finally:
        if cluster is not None:
            cluster.close()
    return _result(frame)


#: The worker environment a local cluster gets. Dask's default (``MALLOC_TRIM_THRESHOLD_=65536``)
#: hands freed memory back to the system so eagerly that every short-lived numpy array is
#: faulted in afresh: the engine then runs about twice as slow. Workers of your own cluster do
#: best started with the same two settings.
WORKER_MALLOC = {"MALLOC_TRIM_THRESHOLD_": 1 << 30, "MALLOC_MMAP_THRESHOLD_": 1 << 25}


def local_cluster(n_workers: int | None = None):
    """A local Dask cluster for caseloads: one single-threaded worker process per core (or
    ``n_workers``), no dashboard, quiet logs, and the worker memory settings above."""
    import dask
    from dask.distributed import LocalCluster

    settings = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_MALLOC.items()}
    with dask.config.set(settings):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, dashboard_address=None, silence_logs=40)


def _keyed(table: pd.DataFrame) -> pd.DataFrame:
    """The table indexed by client (in order of first appearance), a client's rows together."""
    ids = table["client_id"].where(table["client_id"] != "", None)
    # Rows without a client_id are each their own client (each becomes a row naming the problem).
    codes = pd.factorize(ids)[0].astype(np.int64)
    missing = codes < 0
    codes[missing] = codes.max(initial=-1) + 1 + np.arange(missing.sum())
    return table.assign(**{CLIENT_KEY: codes}).sort_values(CLIENT_KEY, kind="stable").set_index(CLIENT_KEY)


def pieces(table: pd.DataFrame, partitions: int) -> tuple[list[pd.DataFrame], tuple]:
    """The table cut into at most ``partitions`` pieces of whole clients, and their divisions."""
    keyed = _keyed(table)
    keys = keyed.index.to_numpy()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    cuts = starts[np.linspace(0, starts.size, max(1, min(partitions, starts.size)) + 1).astype(int)[:-1]]
    bounds = [*cuts.tolist(), len(keyed)]
    parts = [keyed.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    divisions = (*(int(keys[a]) for a in bounds[:-1]), int(keys[-1])) if len(keyed) else (None, None)
    return parts, divisions


def partitioned(table: pd.DataFrame, partitions: int, client=None):
    """The table as a Dask DataFrame whose partitions each hold whole clients, in input order.

    With a ``client``, the pieces are sent straight to the workers (not through the task graph).
    """
    import dask.dataframe as dd
    from dask import delayed

    parts, divisions = pieces(table, partitions)
    sources = client.scatter(parts) if client is not None else [delayed(p) for p in parts]
    return dd.from_delayed(sources, meta=parts[0].iloc[:0], divisions=divisions, verify_meta=False), parts


def _compute(client, table: pd.DataFrame, partitions: int, progress: Progress | None) -> pd.DataFrame:
    from dask.distributed import as_completed

    data, parts = partitioned(table, partitions, client)
    meta = run_partition(parts[0].iloc[: min(len(parts[0]), MAX_OPTIONS_META)])
    results = data.map_partitions(run_partition, meta=meta, enforce_metadata=False, align_dataframes=False)
    futures = client.compute(results.to_delayed())
    sizes = [part.index.nunique() for part in parts]
    index = {f.key: i for i, f in enumerate(futures)}
    total, done = sum(sizes), 0
    frames: list[pd.DataFrame | None] = [None] * len(futures)
    for future in as_completed(futures):
        i = index[future.key]
        frames[i] = future.result()
        done += sizes[i]
        if progress is not None:
            progress(done, total)
    frame = pd.concat(frames, ignore_index=True)
    return order_columns(frame.sort_values("row", kind="stable").reset_index(drop=True))


def _result(frame: pd.DataFrame) -> CaseloadResult:
    status = frame["status"]
    clients = frame.loc[frame["client_id"] != "", "client_id"].nunique()
    computed = frame.loc[status == OK, "client_id"].nunique()
    problems = tuple(int(r) for r in frame.loc[status == PROBLEM, "row"])
    return CaseloadResult(frame, clients, computed, problems, groups=-1, passes=-1)
