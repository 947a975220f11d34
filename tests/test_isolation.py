"""The worker process (memory cap, time limit, crashes) and the one-run-at-a-time lock."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline.errors import DocumentError
from pipeline.extract.isolated import Limits, run_isolated
from pipeline.lock import run_lock
from tests.conftest import SAMPLE, make_project, run_cli

LIMITS = Limits(memory_limit_mib=256, time_limit_s=5)


def allocate(mib: int) -> int:
    return len(bytearray(mib * 2**20))


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def die(_: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def fail(_: object) -> None:
    raise DocumentError("broken-pdf", "the reader's own reason")


def test_a_result_comes_back():
    assert run_isolated(allocate, 64, LIMITS) == 64 * 2**20


def test_memory_past_the_cap_is_memory_limit_and_the_parent_is_untouched():
    with pytest.raises(DocumentError) as error:
        run_isolated(allocate, 1024, LIMITS)
    assert error.value.reason == "memory-limit"
    assert run_isolated(allocate, 64, LIMITS) == 64 * 2**20  # the next document is fine


def test_time_past_the_limit_is_time_limit():
    start = time.monotonic()
    with pytest.raises(DocumentError) as error:
        run_isolated(sleep, 60, Limits(256, 0.5))
    assert error.value.reason == "time-limit"
    assert time.monotonic() - start < 10


def test_a_worker_that_dies_is_worker_crashed():
    with pytest.raises(DocumentError) as error:
        run_isolated(die, None, LIMITS)
    assert error.value.reason == "worker-crashed"
    assert "SIGKILL" in error.value.message


def test_a_reader_error_keeps_its_reason():
    with pytest.raises(DocumentError) as error:
        run_isolated(fail, None, LIMITS)
    assert (error.value.reason, error.value.message) == ("broken-pdf", "the reader's own reason")


def test_a_second_run_is_refused_with_exit_4_and_touches_nothing(tmp_path):
    project = make_project(tmp_path, {SAMPLE.name: SAMPLE.read_bytes()})
    with run_lock(project / "marts" / ".budget.lock"):
        result = run_cli(project, "run")
    assert result.exit_code == 4
    assert "another yesan run" in result.stderr and "nothing was touched" in result.stderr
    assert not (project / "staged").exists()
    assert not (project / "marts" / "budget.duckdb").exists()
    assert run_cli(project, "run").exit_code == 0  # the lock is gone with its holder
