"""Every command block of README.md and docs/*.md runs as written.

Each ```bash / ```sh / ```shell block (and the ``$ `` lines of a ```console block) runs under
``bash -euo pipefail`` in a fresh copy of the repository, with ``rhconfig`` on PATH (a shim
running ``python -m rhconfig`` from this checkout, as the installed script would) and
``python`` this interpreter. A block that needs a server gets one local RunningHub
(``rhconfig fake-server``, started once for the module): RUNNINGHUB_BASE_URL and a key point at
it. A block that starts its own fake-server keeps it, on a free port instead of the one it
shows. Nothing reaches the internet: proxies point at a closed local port, and a block whose
RUNNINGHUB_BASE_URL is not loopback fails.

The rules below are the only changes made to a block before it runs (README "Development"
lists them):

- ``export NAME=...`` (the value is literally ``...``) is a placeholder for yours: the test's
  value is kept;
- what CI runs itself is not run again here: ``python -m pip install ...``, ``python -m
  pytest``, ``ruff check``, ``mypy`` (each becomes ``:``) and ``bash .ci/run`` (the file must
  exist);
- benchmarks are not run (speed is not judged by tests): ``python benchmarks/X.py ...``
  becomes a check that the script exists.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import REPO

KEY = "k" * 32
LANGS = ("bash", "sh", "shell", "console")
FENCE = re.compile(r"^```(\w*)[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".benchmarks",
    "__pycache__", "build", "*.egg-info", ".ci-venv", ".venv",
)  # fmt: skip
_CMD_START = r"(^|&&|\|\||;|\|)([ \t]*)"
_CMD_END = r"[^&|;#\n]*?(?=[ \t]*(?:#|&&|\|\||;|\||$))"  # up to the next operator or comment
SKIP_RULES = (
    (re.compile(_CMD_START + r"(python3? -m pip install\b" + _CMD_END + ")", re.M), ":"),
    (re.compile(_CMD_START + r"(python3? -m pytest\b" + _CMD_END + ")", re.M), ":"),
    (re.compile(_CMD_START + r"(ruff check\b" + _CMD_END + ")", re.M), ":"),
    (re.compile(_CMD_START + r"(mypy\b" + _CMD_END + ")", re.M), ":"),
)
CI_RUN = re.compile(_CMD_START + r"bash (\.ci/run)\b" + _CMD_END, re.M)
BENCHMARK = re.compile(_CMD_START + r"python3? (benchmarks/[\w.-]+\.py)" + _CMD_END, re.M)
PLACEHOLDER = re.compile(r"^([ \t]*export[ \t]+([A-Za-z_]\w*))=\.\.\.(?=[ \t]|$)", re.M)
OWN_FAKE_PORT = re.compile(r"rhconfig fake-server\b[^\n]*?--port[ =](\d+)")
BASE_URL = re.compile(r"RUNNINGHUB_BASE_URL=(\S+)")


@dataclass(frozen=True)
class Block:
    path: str  # relative to the repository
    line: int  # of the opening fence
    lang: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.path}:{self.line}"


def doc_files(root: Path = REPO) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def extract_blocks(text: str, path: str) -> list[Block]:
    out = []
    for match in FENCE.finditer(text):
        lang, body = match.group(1), match.group(2)
        if lang not in LANGS:
            continue
        if lang == "console":  # only the commands: "$ cmd" lines
            body = "".join(ln[2:] + "\n" for ln in body.splitlines() if ln.startswith("$ "))
        out.append(Block(path, text.count("\n", 0, match.start()) + 1, lang, body))
    return out


def all_blocks() -> list[Block]:
    found = []
    for doc in doc_files():
        rel = doc.relative_to(REPO).as_posix()
        found += extract_blocks(doc.read_text(encoding="utf-8"), rel)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(text: str) -> str:
    """The block as it runs: the rules of this module's docstring, nothing else."""
    for rule, stub in SKIP_RULES:
        text = rule.sub(lambda m, stub=stub: f"{m.group(1)}{m.group(2)}{stub}", text)
    text = CI_RUN.sub(lambda m: f"{m.group(1)}{m.group(2)}test -f {m.group(3)}", text)
    text = BENCHMARK.sub(lambda m: f"{m.group(1)}{m.group(2)}test -f {m.group(3)}", text)
    text = PLACEHOLDER.sub(lambda m: f'{m.group(1)}="${{{m.group(2)}:?}}"', text)
    for port in set(OWN_FAKE_PORT.findall(text)):
        text = re.sub(rf"(?<![\d.]){port}(?!\d)", str(free_port()), text)
    for url in BASE_URL.findall(text):
        host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].strip("\"'")
        if host not in ("127.0.0.1", "localhost", "$RUNNINGHUB_BASE_URL"):
            raise AssertionError(f"a block points RUNNINGHUB_BASE_URL at {url}: use the fake")
    # background servers a block starts end with it
    return "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + text


@dataclass
class Env:
    bin_dir: Path
    base_url: str
    pristine: Path  # a copy of the repository, copied again for every block


@pytest.fixture(scope="module")
def docs_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    root = tmp_path_factory.mktemp("docs")
    bin_dir = root / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "rhconfig"  # `rhconfig` as the installed script runs it, from this checkout
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rhconfig "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    # `python` is the interpreter that has rhconfig's dependencies, as in the user's venv
    # (a script, not a symlink: a venv's python found through a link elsewhere is not the venv)
    for name in ("python", "python3"):
        python = bin_dir / name
        python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
        python.chmod(0o755)
    pristine = root / "repo"
    shutil.copytree(REPO, pristine, ignore=COPY_IGNORE, symlinks=True)
    fake = subprocess.Popen(
        [sys.executable, "-m", "rhconfig", "fake-server", "--port", "0", "--quiet",
         "--workflows-dir", str(pristine / "workflows"), "--queue-seconds", "0",
         "--run-seconds", "0.2"],
        cwd=pristine, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        base_url = _read_url(fake)
        yield Env(bin_dir, base_url, pristine)
    finally:
        fake.terminate()
        try:
            fake.wait(timeout=10)
        except subprocess.TimeoutExpired:
            fake.kill()
            fake.wait(timeout=10)


def _read_url(fake: subprocess.Popen[str]) -> str:
    """The URL from the fake's first line; fails after 30 s (the reader thread has a deadline)."""
    found: list[str] = []

    def read() -> None:
        assert fake.stdout is not None
        for line in fake.stdout:
            match = re.search(r"http://127\.0\.0\.1:\d+", line)
            if match:
                found.append(match.group())
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if not found:
        raise AssertionError("rhconfig fake-server printed no URL within 30 s")
    return found[0]


def run_block(block: Block, env: Env, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    work = tmp_path / "repo"
    shutil.copytree(env.pristine, work, symlinks=True)
    script = prepare(block.text)
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RUNNINGHUB_", "RHCONFIG_WORKFLOWS")) and k.lower() != "no_proxy"
    }
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens: no request leaves this host
    environ.update(
        PATH=f"{env.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        PYTHONPATH=str(REPO),
        RUNNINGHUB_BASE_URL=env.base_url,
        RUNNINGHUB_API_KEY=KEY,
        HTTP_PROXY=closed, HTTPS_PROXY=closed, ALL_PROXY=closed,
        http_proxy=closed, https_proxy=closed, all_proxy=closed,
        NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
        TMPDIR=str(tmp_path),
    )  # fmt: skip
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=work,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )


BLOCKS = all_blocks()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_doc_block_runs_as_written(block: Block, docs_env: Env, tmp_path: Path) -> None:
    res = run_block(block, docs_env, tmp_path)
    report = (
        f"{block.id} exited {res.returncode}\n--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}"
    )
    assert res.returncode == 0, report
    assert "Traceback (most recent call last)" not in res.stdout + res.stderr, report


def test_the_docs_have_their_blocks() -> None:
    """The extraction finds the README's own examples (so a broken fence is noticed)."""
    text = "\n".join(b.text for b in BLOCKS)
    assert {b.path for b in BLOCKS} >= {"README.md", "docs/gen.md"}
    assert "rhconfig run 1900000000000000002 --set image=@photo.png" in text
    assert "rhconfig scan 1900000000000000001 --from-file" in text


def test_rules_change_only_what_they_name() -> None:
    block = (
        "python -m pip install . && rhconfig show 1\n"
        "ruff check . && mypy && python -m pytest -q\n"
        "bash .ci/run        # CI\n"
        "python benchmarks/bench_scan.py --quick\n"
        "export RUNNINGHUB_API_KEY=...   # yours\n"
        "export RUNNINGHUB_API_KEY=...x\n"
        "rhconfig fake-server --port 8765 &\n"
        "export RUNNINGHUB_BASE_URL=http://127.0.0.1:8765\n"
    )
    lines = prepare(block).splitlines()[1:]
    assert lines[0] == ": && rhconfig show 1"
    assert lines[1] == ": && : && :"
    assert lines[2] == "test -f .ci/run        # CI"
    assert lines[3] == "test -f benchmarks/bench_scan.py"
    assert lines[4] == 'export RUNNINGHUB_API_KEY="${RUNNINGHUB_API_KEY:?}"   # yours'
    assert lines[5] == "export RUNNINGHUB_API_KEY=...x"
    port = lines[6].split("--port ")[1].split()[0]
    assert port != "8765" and lines[7] == f"export RUNNINGHUB_BASE_URL=http://127.0.0.1:{port}"
    with pytest.raises(AssertionError, match="use the fake"):
        prepare("export RUNNINGHUB_BASE_URL=https://www.runninghub.cn\n")


def test_console_blocks_run_their_commands_only() -> None:
    text = "intro\n```console\n$ rhconfig show 1\nsome output\n$ rhconfig --version\n```\n"
    (block,) = extract_blocks(text, "x.md")
    assert block.text == "rhconfig show 1\nrhconfig --version\n" and block.line == 2


def test_a_stale_name_in_a_block_fails(docs_env: Env, tmp_path: Path) -> None:
    """When a name changes and the docs do not follow, the block fails."""
    stale = Block(
        "README.md", 0, "bash", "rhconfig run 1900000000000000002 --set load_image_image=a.png\n"
    )
    res = run_block(stale, docs_env, tmp_path)
    assert res.returncode != 0
    assert "load_image_image" in res.stderr and "Traceback" not in res.stderr
