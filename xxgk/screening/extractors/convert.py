"""Converting a document with LibreOffice headless (Debian's libreoffice-*-nogui).

Each conversion runs `soffice --convert-to` in its own process group, in a throwaway
directory, with a user profile that no other conversion uses at the same time: profiles are
kept in a small pool of this process (starting LibreOffice on a fresh profile costs about half
a second more), one conversion per profile, and a profile whose conversion failed or was killed
is thrown away. A conversion that takes longer than `TIMEOUT_SECONDS` is killed with its whole
process group. Every failure raises `ExtractionError` with the reason in Chinese.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from ..document import ExtractionError

TIMEOUT_SECONDS = 60.0
_FILTERS = {
    "docx": "docx:MS Word 2007 XML",
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "pptx": "pptx:Impress MS PowerPoint 2007 XML",
}
NOT_INSTALLED = "服务器未安装 LibreOffice，无法读取旧版 Office 文件；请另存为 .docx/.xlsx/.pptx 后重新上传"

_lock = threading.Lock()
_idle: list[str] = []
_owner = os.getpid()


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _take_profile() -> str:
    global _owner
    with _lock:
        if _owner != os.getpid():  # a forked worker: the parent's idle profiles are not ours
            _idle.clear()
            _owner = os.getpid()
        if _idle:
            return _idle.pop()
    return tempfile.mkdtemp(prefix="xxgk-lo-profile-")


def _give_back(profile: str, reusable: bool) -> None:
    if reusable:
        with _lock:
            if _owner == os.getpid():
                _idle.append(profile)
                return
    shutil.rmtree(profile, ignore_errors=True)


@atexit.register
def _remove_profiles() -> None:
    with _lock:
        if _owner == os.getpid():
            for profile in _idle:
                shutil.rmtree(profile, ignore_errors=True)
            _idle.clear()


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def convert(data: bytes, source: str, target: str, name: str | None, timeout: float | None = None) -> bytes:
    """`data` (a file of format `source`, e.g. "doc") converted to `target` ("docx", "xlsx", "pptx")."""
    program = soffice()
    if program is None:
        raise ExtractionError(name, NOT_INSTALLED)
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    profile = _take_profile()
    reusable = False
    try:
        with tempfile.TemporaryDirectory(prefix="xxgk-convert-") as work:
            src = Path(work, f"input.{source}")
            src.write_bytes(data)
            out_dir = Path(work, "out")
            cmd = [
                program,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nolockcheck",
                "--nodefault",
                "--convert-to",
                _FILTERS[target],
                "--outdir",
                str(out_dir),
                str(src),
            ]
            env = {**os.environ, "HOME": work, "SAL_USE_VCLPLUGIN": "svp"}
            proc = subprocess.Popen(
                cmd,
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            try:
                _out, err = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill(proc)
                proc.communicate()
                raise ExtractionError(
                    name, f"LibreOffice 转换超时（超过 {timeout:g} 秒），已停止；文件可能已损坏或过于复杂"
                ) from None
            finally:
                _kill(proc)  # anything it left running in its group
            result = out_dir / f"input.{target}"
            if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
                detail = err.decode("utf-8", "replace").strip().splitlines()
                detail = [line for line in detail if "javaldx" not in line]
                why = f"（{detail[-1][:200]}）" if detail else ""
                raise ExtractionError(name, f"LibreOffice 无法转换此文件，文件可能已损坏或已加密{why}")
            converted = result.read_bytes()
            reusable = True
            return converted
    finally:
        _give_back(profile, reusable)
