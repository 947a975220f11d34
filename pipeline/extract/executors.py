"""Where isolated readers run: worker processes of this machine, or a Dask cluster.

Both run the same isolated call (``pipeline.worker.run_isolated``: a capped child
process per document, page range or join of a book's ranges), so the memory and time
limits, the quarantine reasons and the staged Parquet partitions are the same whichever
runs them. The Dask executor (``pip install 'yesan[dask]'``, ``--executor dask``) sends
each call to a Dask worker; with ``--scheduler`` empty it starts a local cluster of
``jobs`` worker processes, else it joins the scheduler at that address, whose workers
must see the same ``raw/`` and ``staged/`` paths (a shared file system) and run with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (a daemonic process may not start the
capped child). Locally a book's join runs beside its range readers, taking each range
as it lands; on Dask it runs after them (a waiting task would hold a worker).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from pipeline.worker import Limits, run_isolated


class Executor(Protocol):
    """Runs ``work(argument)`` isolated, at most ``slots`` at once; blocks for the result."""

    slots: int
    limits: Limits

    def run(self, work: Callable[[Any], Any], argument: Any) -> Any: ...

    def run_beside(
        self, work: Callable[[Any], Any], argument: Any, time_limit_s: float
    ) -> Future | None:
        """Start ``work`` isolated outside the slots, for work that mostly waits on the
        slots' work (a book's join); ``None`` where it would hold a slot while waiting."""

    def close(self) -> None: ...


class LocalExecutor:
    """Capped worker processes of this machine, ``jobs`` alive at once (and beside them
    the joins of the books being read, which mostly wait)."""

    def __init__(self, limits: Limits, jobs: int) -> None:
        self.limits, self.slots = limits, jobs
        self._slots = threading.BoundedSemaphore(jobs)
        self._beside = ThreadPoolExecutor(jobs, thread_name_prefix="yesan-join")

    def run(self, work: Callable[[Any], Any], argument: Any) -> Any:
        with self._slots:
            return run_isolated(work, argument, self.limits)

    def run_beside(
        self, work: Callable[[Any], Any], argument: Any, time_limit_s: float
    ) -> Future | None:
        limits = Limits(self.limits.memory_limit_mib, time_limit_s)
        return self._beside.submit(run_isolated, work, argument, limits)

    def close(self) -> None:
        self._beside.shutdown(cancel_futures=True)


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

    def run_beside(
        self, work: Callable[[Any], Any], argument: Any, time_limit_s: float
    ) -> Future | None:
        return None  # a waiting task would hold one of the cluster's worker threads

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(name: str, limits: Limits, jobs: int, scheduler: str = "") -> Executor:
    """The executor ``name`` (one of ``settings.EXECUTORS``, checked there)."""
    return DaskExecutor(limits, jobs, scheduler) if name == "dask" else LocalExecutor(limits, jobs)
