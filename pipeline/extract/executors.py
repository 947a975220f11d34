"""Where isolated readers run: worker processes of this machine, or a Dask cluster.

Both run the same isolated call (``pipeline.extract.isolated.run_isolated``: a capped child
process per document or page range), so the memory and time limits, the quarantine
reasons and the staged Parquet partitions are the same whichever runs them. The Dask
executor (``pip install 'yesan[dask]'``, ``--executor dask``) sends each call to a
Dask worker; with ``--scheduler`` empty it starts a local cluster of ``jobs`` worker
processes, else it joins the scheduler at that address, whose workers must see the
same ``raw/`` and ``staged/`` paths (a shared file system) and run with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (a daemonic process may not start the
capped child).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from pipeline.extract.isolated import Limits, run_isolated


class Executor(Protocol):
    """Runs ``work(argument)`` isolated, at most ``slots`` at once; blocks for the result."""

    slots: int

    def run(self, work: Callable[[Any], Any], argument: Any) -> Any: ...

    def close(self) -> None: ...


class LocalExecutor:
    """Capped worker processes of this machine, ``jobs`` alive at once."""

    def __init__(self, limits: Limits, jobs: int) -> None:
        self.limits, self.slots = limits, jobs
        self._slots = threading.BoundedSemaphore(jobs)

    def run(self, work: Callable[[Any], Any], argument: Any) -> Any:
        with self._slots:
            return run_isolated(work, argument, self.limits)

    def close(self) -> None:
        return None


class DaskExecutor:
    """Each isolated call as a Dask task; the cluster's threads bound how many run."""

    def __init__(self, limits: Limits, jobs: int, scheduler: str = "") -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise RuntimeError("--executor dask needs Dask: pip install 'yesan[dask]'") from exc
        self.limits = limits
        self._cluster = None
        if scheduler:
            self._client = Client(scheduler)
        else:
            with dask.config.set({"distributed.worker.daemon": False}):
                self._cluster = LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            self._client = Client(self._cluster)
        self.slots = max(sum(self._client.nthreads().values()), 1)

    def run(self, work: Callable[[Any], Any], argument: Any) -> Any:
        future = self._client.submit(run_isolated, work, argument, self.limits, pure=False)
        return future.result()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(name: str, limits: Limits, jobs: int, scheduler: str = "") -> Executor:
    """The executor ``name`` (one of ``settings.EXECUTORS``, checked there)."""
    return DaskExecutor(limits, jobs, scheduler) if name == "dask" else LocalExecutor(limits, jobs)
