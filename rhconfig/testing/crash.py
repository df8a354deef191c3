"""Kill a command with SIGKILL at random instants, then let it finish: the crash harness the
batch tests and ``benchmarks/bench_batch.py`` share (POSIX only).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def rhconfig_command(*args: str) -> list[str]:
    """``python -m rhconfig ARGS`` with this interpreter."""
    return [sys.executable, "-m", "rhconfig", *args]


@dataclass
class CrashReport:
    kills: int = 0  # runs killed while still running
    finished_early: int = 0  # runs that ended before their kill came
    resumes: int = 0  # runs after the first
    final_code: int | None = None
    seconds: float = 0.0
    delays: list[float] = field(default_factory=list)


def run_with_kills(
    argv: Sequence[str],
    *,
    kills: int,
    rng: random.Random,
    delay: tuple[float, float] = (0.5, 2.0),
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    timeout: float = 120.0,
) -> CrashReport:
    """Start ``argv`` ``kills`` times, each killed (SIGKILL) after a random delay in ``delay``
    unless it ended first; then once more to the end (within ``timeout`` seconds)."""
    report = CrashReport()
    started = time.monotonic()
    environ = dict(os.environ if env is None else env)
    for attempt in range(kills + 1):
        if attempt:
            report.resumes += 1
        proc = subprocess.Popen(
            list(argv),
            env=environ,
            cwd=None if cwd is None else Path(cwd),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if attempt == kills:
            try:
                report.final_code = proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
                raise
            break
        wait = rng.uniform(*delay)
        report.delays.append(wait)
        try:
            proc.wait(wait)
            report.finished_early += 1
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            report.kills += 1
    report.seconds = time.monotonic() - started
    return report
