"""The Dask executor on a local cluster reads what the local one reads: the same staged
tables from the same workers' Parquet partitions, the same quarantine reasons, and a long
PDF split into page ranges on the cluster's workers."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import ROOT, SAMPLE, make_project, run_cli
from tests.hostile import many_pages_pdf

REFERENCE_PDF = ROOT / "raw" / "000_2427d1ecc5489c44.pdf"


@pytest.fixture(scope="module")
def both(tmp_path_factory):  # type: ignore[no-untyped-def]
    documents = {
        SAMPLE.name: SAMPLE.read_bytes(),
        REFERENCE_PDF.name: REFERENCE_PDF.read_bytes(),
        "long.pdf": many_pages_pdf(40),  # two page ranges of 32 pages at most
        "cut.pdf": REFERENCE_PDF.read_bytes()[:5000],
    }
    staged = {}
    for executor in ("local", "dask"):
        project = make_project(tmp_path_factory.mktemp(executor), documents)
        result = run_cli(project, "extract", "--executor", executor, "--jobs", "2")
        assert result.exit_code == 3, result.output  # cut.pdf is quarantined
        staged[executor] = project / "staged" / "extract"
    return staged


@pytest.mark.parametrize(
    "table", ["documents", "pages", "paragraphs", "cells", "breakdown_raw", "summary_cells"]
)
def test_dask_stages_the_same_tables(both, table):
    local = pd.read_parquet(both["local"] / f"{table}.parquet")
    dask = pd.read_parquet(both["dask"] / f"{table}.parquet")
    assert len(local) > 0
    if table == "documents":  # where each project lives differs; nothing else
        local, dask = (frame.drop(columns=["path"]) for frame in (local, dask))
    pd.testing.assert_frame_equal(local, dask)


def test_dask_reads_page_ranges_and_quarantines_alike(both):
    pages = pd.read_parquet(both["dask"] / "pages.parquet")
    documents = pd.read_parquet(both["dask"] / "documents.parquet")
    long = documents.loc[documents["path"].str.endswith("long.pdf"), "document_id"].item()
    assert sorted(pages.loc[pages["document_id"] == long, "page"]) == list(range(1, 41))
    quarantine = {
        executor: pd.read_parquet(folder / "quarantine.parquet")[["reason"]].to_dict("records")
        for executor, folder in both.items()
    }
    assert quarantine["dask"] == quarantine["local"] == [{"reason": "truncated-pdf"}]
    assert not (both["dask"] / "parts").exists()  # the partitions are joined, then removed


def test_a_failed_range_quarantines_its_book_and_the_batch_goes_on(tmp_path, monkeypatch):
    """A book's page range that fails (here: times out) quarantines the book with that
    range's reason; the other documents of the batch load."""
    from pipeline.errors import DocumentError
    from pipeline.extract import parallel

    isolated = parallel.ParallelReader._isolated

    def second_range_times_out(self, work, argument):  # type: ignore[no-untyped-def]
        if work is parallel._read_range and argument[1] == 33:
            raise DocumentError("time-limit", "reading took longer than 60 s; stopped")
        return isolated(self, work, argument)

    monkeypatch.setattr(parallel.ParallelReader, "_isolated", second_range_times_out)
    documents = {"long.pdf": many_pages_pdf(40), SAMPLE.name: SAMPLE.read_bytes()}
    project = make_project(tmp_path, documents)
    result = run_cli(project, "extract", "--jobs", "2")
    assert result.exit_code == 3, result.output
    staged = project / "staged" / "extract"
    quarantine = pd.read_parquet(staged / "quarantine.parquet")
    assert quarantine[["reason"]].to_dict("records") == [{"reason": "time-limit"}]
    assert quarantine["path"].item().endswith("long.pdf")
    loaded = pd.read_parquet(staged / "documents.parquet")["path"]
    assert [p.rsplit("/", 1)[-1] for p in loaded] == [SAMPLE.name]
