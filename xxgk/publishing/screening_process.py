"""Screening one attachment file down to plain data, in this process or in a child process bounded
in time and memory.

`summarise` runs `xxgk.screening.screen` and keeps what the gate stores: the extracted text (for
search), each screened part's findings with their context, and what could not be screened. It
returns JSON-able values, so the same summary comes back from a child process.

`mask` writes a file's masked copy and says what it did, also as plain data; `mask_isolated` runs
it in the same kind of child process (masking a scan reads it by OCR again).

`summarise_isolated` runs `summarise` in a child process (`python -m
xxgk.publishing.screening_process`) that is killed, with everything it started (OCR, converters),
after `timeout` seconds, and whose address space is limited to `memory_mb`; a child that is killed,
runs out of memory or fails raises `ScreeningFailed` with the reason in Chinese, and the caller
fails closed. Children are reused: loading the name dictionary alone takes seconds. Everything but
small files of fast types is screened this way; those are screened in the calling process.

No Django import here: the child runs only the screening library.
"""

from __future__ import annotations

import json
import os
import pickle
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter

from xxgk import screening

CONTEXT = 24


class ScreeningFailed(Exception):
    """The file's screening did not finish; `why` (Chinese) says why."""

    def __init__(self, why: str):
        self.why = why
        super().__init__(why)


def context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : start] + "【" + text[start:end] + "】" + text[end : end + CONTEXT]


def summarise(data: bytes, name: str, config, limits=None) -> dict:
    """What screening `data` (a file called `name`) found, as plain data:

    {"text": the extracted text of every part,
     "parts": [{"path", "count", "kinds": {kind: n}, "rows": [[kind, text, context, confidence, reason,
               location], …] or None when the part has more findings than the cap}],
     "unscreenable": [[path, reason], …], "cap": the findings cap}
    """
    limits = limits or screening.Limits()
    result = screening.screen(data, name, config, limits)
    parts = []
    for part in result.parts:
        text = part.extracted.text
        rows = None
        if not part.too_many:
            rows = [
                [
                    f.kind,
                    f.text,
                    context(text, f.start, f.end),
                    f.confidence,
                    f.reason,
                    "/".join(x for x in (part.member, f.location) if x)[-100:],
                ]
                for f in part.findings
            ]
        kinds = Counter(f.kind for f in part.findings)
        parts.append({"path": part.path, "count": len(part.findings), "kinds": dict(kinds), "rows": rows})
    return {
        "text": "\n".join(part.extracted.text for part in result.parts),
        "parts": parts,
        "unscreenable": [[u.path, u.reason] for u in result.unscreenable],
        "cap": limits.findings,
    }


def mask(source: str, target: str, config) -> dict:
    """Write the masked copy of the file at `source` to `target` (`screening.mask_file`) and say
    what was done, as plain data: {"written": bool, "masked": n, "left": n, "warnings": […]}, or
    {"unreadable": why} when the file cannot be read."""
    try:
        report = screening.mask_file(source, target, config)
    except screening.ExtractionError as exc:
        return {"unreadable": exc.why}
    return {
        "written": report.written,
        "masked": len(report.masked),
        "left": len(report.left),
        "warnings": list(report.warnings),
    }


def summarise_isolated(data: bytes, name: str, config, limits=None, *, timeout: float, memory_mb: int = 0) -> dict:
    """`summarise` in a child process, killed (with whatever it started) after `timeout` seconds;
    `memory_mb` (0: none) caps the child's address space. Raises ScreeningFailed when the child gives
    no result. Children are kept and reused (loading the word lists and models takes seconds), a few
    at a time, and replaced after an error, a timeout or `JOBS_PER_CHILD` files."""
    return _isolated(("screen", data, name, config, limits), timeout, memory_mb)


def mask_isolated(source: str, target: str, config, *, timeout: float, memory_mb: int = 0) -> dict:
    """`mask` in a child process bounded like `summarise_isolated` (masking a scan reads it by OCR
    again): the child writes the copy to `target`. Raises ScreeningFailed when it gives no result."""
    return _isolated(("mask", source, target, config), timeout, memory_mb)


def _isolated(request: tuple, timeout: float, memory_mb: int) -> dict:
    child = _pool.take(memory_mb)
    try:
        result = child.run(pickle.dumps(request), timeout)
    except ScreeningFailed:
        child.kill()
        raise
    if "error" in result:
        child.kill()
        raise ScreeningFailed(result["error"])
    _pool.give_back(child)
    return result["answer"]


#: A child screens at most this many files, then a fresh one takes over (memory does not creep up).
JOBS_PER_CHILD = 200
#: Idle children kept for reuse (a warm child holds about 150 MB: the name dictionary, the parsers).
IDLE_CHILDREN = 1
_HEADER = 8


class _Child:
    """One child process running `_serve`: a request is a length-prefixed pickle on its stdin, the
    answer a length-prefixed JSON object on its stdout; what it writes to stderr goes to a file."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.jobs = 0
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(int(memory_mb))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            start_new_session=True,  # its own process group: a timeout kills the converters it started too
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def run(self, payload: bytes, timeout: float) -> dict:
        self.jobs += 1
        deadline = time.monotonic() + timeout
        try:
            self.process.stdin.write(len(payload).to_bytes(_HEADER, "big") + payload)
            self.process.stdin.flush()
            size = int.from_bytes(self._read(_HEADER, deadline, timeout), "big")
            return json.loads(self._read(size, deadline, timeout))
        except (BrokenPipeError, EOFError, ValueError):
            why = self._failure()
            self.kill()
            raise ScreeningFailed(why) from None

    def _read(self, size: int, deadline: float, timeout: float) -> bytes:
        out = self.process.stdout
        chunks, got = [], 0
        with selectors.DefaultSelector() as selector:
            selector.register(out, selectors.EVENT_READ)
            while got < size:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise ScreeningFailed(f"筛查超过 {timeout:g} 秒仍未完成，已停止")
                chunk = os.read(out.fileno(), min(size - got, 1 << 20))
                if not chunk:
                    raise EOFError
                chunks.append(chunk)
                got += len(chunk)
        return b"".join(chunks)

    def _failure(self) -> str:
        """Why the child gave no answer (it is stopped first if it is still running)."""
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._kill_group()
            code = self.process.wait()
        self.stderr.seek(0)
        last = (self.stderr.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1][:200]
        if "MemoryError" in last:
            return "筛查所需内存超过上限"
        if code < 0:
            try:
                signame = signal.Signals(-code).name
            except ValueError:
                signame = str(-code)
            return f"筛查进程被终止（{signame}）"
        return f"筛查进程出错（{last or code}）"

    def _kill_group(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self._kill_group()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        self.stderr.close()


class _Pool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Child] = []

    def take(self, memory_mb: int) -> _Child:
        with self._lock:
            for child in self._idle:
                if child.memory_mb == memory_mb and child.alive():
                    self._idle.remove(child)
                    return child
        return _Child(memory_mb)

    def give_back(self, child: _Child) -> None:
        with self._lock:
            if child.jobs < JOBS_PER_CHILD and child.alive() and len(self._idle) < IDLE_CHILDREN:
                self._idle.append(child)
                return
        child.kill()

    def close(self) -> None:
        """Stop the idle children (they also stop by themselves when this process exits)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for child in idle:
            child.kill()


_pool = _Pool()


def _serve(memory_mb: int) -> int:
    """The child: screen (or mask) one file per request until stdin closes."""
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, never into the answers
    sys.stdout = sys.stderr
    if memory_mb:
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    requests = sys.stdin.buffer
    while True:
        header = requests.read(_HEADER)
        if len(header) < _HEADER:
            return 0
        op, *args = pickle.loads(requests.read(int.from_bytes(header, "big")))
        try:
            answer = {"answer": summarise(*args) if op == "screen" else mask(*args)}
        except MemoryError:
            answer = {"error": "筛查所需内存超过上限"}
        except Exception as exc:  # reported to the parent, which fails the file closed
            answer = {"error": f"筛查出错（{type(exc).__name__}: {exc}）"[:200]}
        del args
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        protocol.write(len(body).to_bytes(_HEADER, "big") + body)
        protocol.flush()


if __name__ == "__main__":
    sys.exit(_serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
