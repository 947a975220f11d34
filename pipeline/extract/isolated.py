"""Each document is read in a worker process with a memory cap and a time limit.

A reader runs code nobody here controls over bytes nobody here controls: a Flate bomb
in a PDF, a 400×400 grid of ruling lines, a recursion that never ends. The worker is
forked from a lean fork server (``multiprocessing`` "forkserver", which preloads the
readers; forking the pipeline itself is unsafe once DuckDB and Arrow run threads): its
address space may grow by ``memory_limit_mib`` beyond its size at fork (``RLIMIT_AS``),
and the parent kills it after ``time_limit_s``. Whatever happens
in the child comes back as rows or as one ``DocumentError``-like outcome, so the batch
goes on: ``memory-limit``, ``time-limit`` or ``worker-crashed`` join the readers' own
reasons in the quarantine.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from pipeline.errors import DocumentError

MIB = 2**20


@dataclass(frozen=True)
class Limits:
    memory_limit_mib: int
    time_limit_s: float


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(
    work: Callable[[Any], Any], argument: Any, limits: Limits, connection: Connection
) -> None:
    cap = _address_space() + limits.memory_limit_mib * MIB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        outcome: Any = ("ok", work(argument))
    except DocumentError as exc:
        outcome = ("error", exc.reason, exc.message)
    except MemoryError:
        outcome = ("error", "memory-limit", f"needed more than {limits.memory_limit_mib:,} MiB")
    except RecursionError:
        outcome = ("error", "reader-error", "the reader recursed too deeply (a looping file?)")
    except Exception as exc:  # a reader bug must not stop the batch
        outcome = ("error", "reader-error", f"the reader failed: {type(exc).__name__}: {exc}")
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("error", "memory-limit", "the result is too large to hand back"))
    connection.close()


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    assert isinstance(context, multiprocessing.context.ForkServerContext)
    context.set_forkserver_preload(["__main__", "pipeline.extract"])
    return context


def run_isolated(work: Callable[[Any], Any], argument: Any, limits: Limits) -> Any:
    """``work(argument)`` in a worker process (``work`` a module-level function); its
    result, or ``DocumentError`` with the reason."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(work, argument, limits, send), daemon=True)
    worker.start()
    send.close()
    try:
        if not receive.poll(limits.time_limit_s):
            raise DocumentError(
                "time-limit", f"reading took longer than {limits.time_limit_s:g} s; stopped"
            )
        outcome = receive.recv()
    except EOFError:
        worker.join()
        raise DocumentError("worker-crashed", _crash_message(worker.exitcode)) from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receive.close()
    if outcome[0] == "error":
        raise DocumentError(outcome[1], outcome[2])
    return outcome[1]


def _crash_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"the reader's process died of {signal.Signals(-exitcode).name}"
    return f"the reader's process ended without a result (exit code {exitcode})"
