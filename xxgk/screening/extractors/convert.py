"""Converting a document with LibreOffice headless (Debian's libreoffice-*-nogui).

Each conversion runs `soffice --convert-to` in its own process group, in a throwaway
directory, with a user profile that no other conversion uses at the same time: profiles are
kept in a small pool of this process (starting LibreOffice on a fresh profile costs about half
a second more), one conversion per profile, and a profile whose conversion failed or was killed
is thrown away. A conversion that takes longer than `TIMEOUT_SECONDS` is killed with its whole
process group. Every failure raises `ExtractionError` with the reason in Chinese.

A document can point LibreOffice at other places (a linked picture at an intranet address, an
INCLUDETEXT field, a linked object, a reference to another workbook): converting it must not make
the server fetch anything (server-side request forgery). So every conversion
- runs without a network where the kernel lets us: in a new network namespace (`unshare --net`, as
  an unprivileged user namespace), which has no interface but a loopback that is down;
- and, in any case, with a profile whose settings (`SETTINGS`, written into its
  registrymodifications.xcu) send every HTTP, HTTPS and FTP request to a proxy that is not there
  (127.0.0.1 port 1, no exceptions), block links from untrusted documents ("stealth mode":
  `BlockUntrustedRefererLinks`), never update links in Writer and Calc, and never run macros.
What lives behind a link is then not in the conversion: links.py reports it as unscreenable.
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

#: Profile settings for every conversion: (node path, property, value).
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),  # manual proxies, below
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    *(
        ("/org.openoffice.Inet/Settings", f"ooInet{scheme}Proxy{field}", value)
        for scheme in ("HTTP", "HTTPS", "FTP")
        for field, value in (("Name", "127.0.0.1"), ("Port", "1"))
    ),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # never (sw linkenum.hxx: NEVER = 0)
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),  # never (sc ScLkUpdMode: LM_NEVER = 1)
)
#: Run LibreOffice in a network namespace of its own: None to find out whether this machine allows
#: it (once per process), True or False to say so.
NETWORK_NAMESPACE: bool | None = None

_lock = threading.Lock()
_idle: list[str] = []
_owner = os.getpid()


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _item(path: str, prop: str, value: str) -> str:
    return f'<item oor:path="{path}"><prop oor:name="{prop}" oor:op="fuse"><value>{value}</value></prop></item>'


def _settle(profile: str) -> None:
    """Make sure the profile's registrymodifications.xcu carries `SETTINGS` (LibreOffice rewrites the
    file when it ends; the settings stay, but a profile is checked before every conversion)."""
    path = Path(profile, "user", "registrymodifications.xcu")
    items = [_item(*setting) for setting in SETTINGS]
    try:
        current = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        current = ""
    if current and all(item in current for item in items) and "</oor:items>" in current:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    )
    body = current.rsplit("</oor:items>", 1)[0] if "</oor:items>" in current else head
    path.write_text(body + "\n".join(items) + "\n</oor:items>\n", encoding="utf-8")


def _take_profile() -> str:
    global _owner
    with _lock:
        if _owner != os.getpid():  # a forked worker: the parent's idle profiles are not ours
            _idle.clear()
            _owner = os.getpid()
        if _idle:
            profile = _idle.pop()
            _settle(profile)
            return profile
    profile = tempfile.mkdtemp(prefix="xxgk-lo-profile-")
    _settle(profile)
    return profile


def without_network() -> list[str]:
    """The command prefix that runs a program in a network namespace of its own, or [] where this
    machine does not allow it (no `unshare`, or unprivileged user namespaces switched off)."""
    global NETWORK_NAMESPACE
    if NETWORK_NAMESPACE is None:
        program = shutil.which("unshare")
        ok = False
        if program:
            try:
                probe = subprocess.run(
                    [program, "--user", "--map-root-user", "--net", "true"],
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=10,
                    check=False,
                )
                ok = probe.returncode == 0
            except (OSError, subprocess.SubprocessError):
                ok = False
        NETWORK_NAMESPACE = ok
    if not NETWORK_NAMESPACE:
        return []
    return [shutil.which("unshare") or "unshare", "--user", "--map-root-user", "--net"]


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
                *without_network(),
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
