"""What the benchmark scripts (bench.py, bench_glossary.py) share: building the release binary,
generating the corpus, and running a command once while measuring it (wall time, user and system
CPU, peak RSS of the command alone, exit status and standard error).

Standard library only; Linux (ru_maxrss is in KiB there; the subreaper is prctl's).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from dragoman_build import build_dragoman

REPO = Path(__file__).resolve().parent.parent
SCRATCH = ".build-bench"


class BenchError(Exception):
    """A condition that ends the benchmark with a message and a non-zero exit."""


class LaunchError(BenchError):
    """The launcher shell did not start the command."""


def swift_build(no_build: bool, log) -> Path:
    """The release binary in .build-bench, built unless `no_build`."""
    try:
        return build_dragoman(REPO, SCRATCH, release=True, build=not no_build, log=log)
    except RuntimeError as error:
        raise BenchError(str(error) + (" (run without --no-build)" if no_build else "")) from None


def make_corpus(args: argparse.Namespace, workdir: Path, log) -> Path:
    """args.corpus if given, else a corpus of args.mb MiB from ../shared/bench/gen_corpus.py
    (JSON Lines when args.jsonl)."""
    if args.corpus is not None:
        if not args.corpus.is_file():
            raise BenchError(f"--corpus {args.corpus}: no such file")
        return args.corpus.resolve()
    generator = args.shared / "bench" / "gen_corpus.py"
    if not generator.is_file():
        raise BenchError(
            f"corpus generator not found: {generator}\n"
            f"  The shared folder is expected beside the repository ({REPO.parent / 'shared'}); "
            "pass --shared DIR to point elsewhere, or --corpus FILE to reuse a corpus.")
    jsonl = getattr(args, "jsonl", False)
    mb = f"{args.mb:g}"
    corpus = workdir / ("corpus.jsonl" if jsonl else "corpus.txt")
    command = [sys.executable, str(generator), mb] + (["--jsonl"] if jsonl else [])
    log(f"generating a {mb} MB corpus: {' '.join(command)}")
    with corpus.open("wb") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.PIPE)
    if result.returncode != 0 or corpus.stat().st_size == 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise BenchError(f"gen_corpus.py failed (exit {result.returncode})")
    return corpus


@dataclass
class Run:
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_kib: int
    exit_code: int
    stderr: str

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


# A child's ru_maxrss includes the peak RSS of the process it was forked (or vfork-spawned) from:
# Linux carries the old address space's high-water mark across execve. Spawned straight from this
# script, `cat` would report Python's ~16 MiB. So each command is forked by a ~1 MiB `sh` that
# backgrounds it, reports its pid on fd 3 and exits; this script, as child subreaper, inherits the
# orphan and wait4s it. The orphan waits for a line on fd 4 before exec'ing the command, so it cannot
# finish (and be reaped by the shell) before it is ours, and the shell's start-up is not timed.
LAUNCHER = ["/bin/sh", "-c", '{ read -r _ <&4 && exec "$@" 4<&-; } 3>&- & echo $! >&3', "sh"]
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def move_fd_above_9(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


def run_once(argv: list[str], stdout_path: str, stderr_path: Path, clean_rss: bool = True) -> Run:
    """Runs argv with stdin from /dev/null and stdout to stdout_path; returns its own rusage."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, str(stderr_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    if clean_rss:
        pid_read, pid_write = os.pipe()
        go_read, go_write = os.pipe()
        # The shell's ends move above 9 so that the dup2s onto 3 and 4 cannot clobber each other;
        # everything else is close-on-exec (Python's default) and never reaches the shell.
        pid_write, go_read = (move_fd_above_9(fd) for fd in (pid_write, go_read))
        actions += [(os.POSIX_SPAWN_DUP2, pid_write, 3), (os.POSIX_SPAWN_DUP2, go_read, 4)]
        shell = os.posix_spawn(LAUNCHER[0], LAUNCHER + argv, os.environ, file_actions=actions)
        os.close(pid_write)
        os.close(go_read)
        with os.fdopen(pid_read) as pid_pipe:
            line = pid_pipe.readline()
        os.waitpid(shell, 0)  # once the shell is gone, its background child is ours
        if not line.strip().isdigit():
            os.close(go_write)
            raise LaunchError(f"launcher shell did not start {argv[0]}")
        pid = int(line)
        start = time.perf_counter()
        os.write(go_write, b"go\n")
        os.close(go_write)
    else:
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    return Run(
        wall_s=wall, user_s=usage.ru_utime, sys_s=usage.ru_stime, max_rss_kib=usage.ru_maxrss,
        exit_code=os.waitstatus_to_exitcode(status),
        stderr=stderr_path.read_text(errors="replace"),
    )


def describe_exit(code: int) -> str:
    return f"killed by signal {-code}" if code < 0 else f"exit {code}"


# --- machine facts and report --------------------------------------------------------------------

def first_line(argv: list[str]) -> str | None:
    """The first line a command prints, or None when it fails or cannot start."""
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0] if result.returncode == 0 and text else None


def host_facts() -> dict[str, str]:
    """nproc, cpu and kernel, the first lines of every benchmark's machine facts."""
    facts: dict[str, str] = {"nproc": str(len(os.sched_getaffinity(0)))}
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        if model:
            facts["cpu"] = model.group(1).strip()
    except OSError:
        pass
    facts["kernel"] = platform.release()
    return facts


def commit_fact() -> str | None:
    """The repository's short HEAD, marked when tracked files have uncommitted changes."""
    head = first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    if not head:
        return None
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return head + (" + uncommitted changes" if dirty else "")


def print_rows(header: list[str], rows: list[list[str]]) -> None:
    """A table: the first column left-aligned, the others right-aligned, a rule under the header."""
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join([cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])])

    print(line(header))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))
