"""Batches that survive a crash: a JOBS.jsonl file run line by line with a SQLite ledger.

* :mod:`~rhconfig.batch.jobs` reads and checks every line against the profile (nothing is sent
  when one is wrong) and gives each line a hash of what it would send;
* :mod:`~rhconfig.batch.ledger` is the ledger: one row per line, each state change committed
  before the action it allows, so a kill at any instant leaves a ledger that tells the truth;
* :mod:`~rhconfig.batch.runner` runs the lines on worker threads (upload, create, wait,
  download), resuming whatever an earlier run left.

``rhconfig batch run`` and ``rhconfig batch status`` (:mod:`rhconfig.cli.batch_cmd`) are thin
over these.
"""

from __future__ import annotations

from rhconfig.atfile import PendingUpload
from rhconfig.batch.jobs import Job, JobsError, read_jobs
from rhconfig.batch.ledger import STATES, Ledger, LedgerError, Row, default_ledger_path
from rhconfig.batch.runner import BatchOptions, BatchResult, run_batch

__all__ = [
    "STATES",
    "BatchOptions",
    "BatchResult",
    "Job",
    "JobsError",
    "Ledger",
    "LedgerError",
    "PendingUpload",
    "Row",
    "default_ledger_path",
    "read_jobs",
    "run_batch",
]
