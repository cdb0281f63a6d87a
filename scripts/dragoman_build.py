"""Builds the dragoman binary for the scripts in this folder and finds it.

Each script builds in its own scratch folder (`.build-NAME`, git-ignored) so that it never waits for
or disturbs a debug build in `.build`.
"""
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable


def build_dragoman(repo: Path, scratch: str, release: bool, build: bool = True,
                   log: Callable[[str], None] = lambda message: None) -> Path:
    """The path of the built `dragoman`; raises RuntimeError with a readable message on failure."""
    if shutil.which("swift") is None:
        raise RuntimeError("`swift` is not on PATH; install Swift 6 or pass --binary PATH")
    config = ["-c", "release"] if release else []
    if build:
        command = ["swift", "build", *config, "--product", "dragoman", "--scratch-path", scratch]
        log("building: " + " ".join(command))
        for attempt in (1, 2):
            result = subprocess.run(command, cwd=repo, capture_output=True, text=True)
            if result.returncode == 0:
                break
            output = result.stdout + result.stderr
            # Someone saving a source file mid-build makes SwiftPM stop; once more is enough.
            if attempt == 1 and "was modified during the build" in output:
                log("a source file changed during the build; building again")
                continue
            sys.stderr.write(output)
            raise RuntimeError(f"swift build failed (exit {result.returncode})")
    result = subprocess.run(["swift", "build", *config, "--scratch-path", scratch, "--show-bin-path"],
                            cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise RuntimeError("swift build --show-bin-path failed")
    binary = Path(result.stdout.strip().splitlines()[-1]) / "dragoman"
    if not binary.is_file():
        raise RuntimeError(f"no dragoman binary at {binary}" + ("" if build else " (build it first)"))
    return binary
