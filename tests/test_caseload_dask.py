"""The caseload on a Dask cluster gives the single-process results row for row.

Dask is an optional extra (``requirements-scale.txt``), so this test is skipped, with its reason,
where Dask is not installed; ``make scale-test`` installs the extra and runs it.
"""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip(
    "dask.distributed",
    reason="Dask is an optional extra: `make scale-test` installs requirements-scale.txt and runs this",
)

from calculator.caseload import OK, run_caseload  # noqa: E402
from calculator.caseload.distributed import partitioned, run_dask  # noqa: E402
from calculator.caseload.synthetic import synthetic_caseload  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40) as local:
        yield local


def _caseload() -> pd.DataFrame:
    table = synthetic_caseload(150, seed=21)
    table.loc[7, "option.stages[0].length_days"] = "999"  # a bad row travels with its client
    table.loc[40, "client_id"] = ""
    return table


def test_partitions_never_split_a_client():
    table = _caseload()
    data, _ = partitioned(table, 7)
    parts = data.to_delayed()
    seen: dict[str, int] = {}
    for i, part in enumerate(parts):
        for client in set(part.compute()["client_id"]) - {""}:
            assert client not in seen, f"{client} in partitions {seen[client]} and {i}"
            seen[client] = i
    assert len(parts) == 7


def test_the_dask_run_equals_the_single_process_run_row_for_row(cluster):
    table = _caseload()
    single = run_caseload(table).frame
    dask = run_dask(table, scheduler=cluster.scheduler_address, partitions=6)
    pd.testing.assert_frame_equal(dask.frame, single, check_dtype=False)
    # Row 9's length is out of range (its partner row still runs); row 42 has no client_id, which
    # leaves row 43 a client with one option. Every other row is computed.
    assert (single["status"] == OK).sum() == len(single) - 3
    assert dask.rows_with_problems == (9, 42, 43)
