"""Old Office and WPS files (.doc, .wps, .et, .xls: OLE compound files) → Source, through LibreOffice.

No Python library reads Word 97's binary format well, and LibreOffice reads all of them, so
the file is converted to .docx or .xlsx by LibreOffice in headless mode and read by that
format's reader. The conversion runs on a copy in a temporary folder with a profile of its
own (a user's open LibreOffice, or another conversion running at the same time, would
otherwise hold the profile's lock), under a time limit. Without LibreOffice the user is told
what the file is and what to do.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..source import Source
from .errors import ReadError

# Seconds; a fresh profile costs LibreOffice several seconds before it converts anything. Kept under
# the batch's per-file limit (60 s): a stuck conversion is ended here, soffice with it, instead of
# the worker being killed and soffice (in a session of its own) left running.
TIMEOUT = 45.0
ENV_SOFFICE = "AUDITAPP_SOFFICE"

# suffix → (format reported, what LibreOffice converts it to)
_BY_SUFFIX: dict[str, tuple[str, str]] = {
    ".doc": ("doc", "docx"),
    ".dot": ("doc", "docx"),
    ".wps": ("wps", "docx"),  # WPS 文字
    ".wpt": ("wps", "docx"),
    ".xls": ("xls", "xlsx"),
    ".xlt": ("xls", "xlsx"),
    ".et": ("et", "xlsx"),  # WPS 表格
    ".ett": ("et", "xlsx"),
}
_LABELS = {
    "doc": "Word 文档（.doc）",
    "wps": "WPS 文字文档（.wps）",
    "xls": "Excel 工作簿（.xls）",
    "et": "WPS 表格（.et）",
}


def _stream(name: str) -> bytes:
    """A stream's name as an OLE directory entry stores it (UTF-16LE)."""
    return name.encode("utf-16-le")


def find_soffice() -> str | None:
    """LibreOffice's soffice: the AUDITAPP_SOFFICE override, then PATH, then the usual install folders."""
    override = os.environ.get(ENV_SOFFICE)
    if override:
        return override if os.path.isfile(override) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    if os.name == "nt":
        for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            candidates.append(Path(base or r"C:\Program Files") / "LibreOffice" / "program" / "soffice.exe")
        candidates += [
            Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
            Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
        ]
    return next((str(p) for p in candidates if p.is_file()), None)


# The library of each LibreOffice application, as its program folder holds it on Linux, Windows
# and macOS: Debian and others package Writer and Calc apart, so soffice alone says too little.
_COMPONENTS = {
    "writer": ("libswlo.so", "swlo.dll", "libswlo.dylib"),
    "calc": ("libsclo.so", "sclo.dll", "libsclo.dylib"),
}


def has_component(component: str, soffice: str | None = None) -> bool:
    """Whether the LibreOffice found has `component` ("writer": .doc/.wps, "calc": .xls/.et).
    True when its folders are not laid out as expected (we cannot tell: let it try)."""
    soffice = soffice or find_soffice()
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    folders = [program, program.parent / "Frameworks", program.parent / "program"]
    present = {name for folder in folders if folder.is_dir() for name in os.listdir(folder)}
    known = {name for names in _COMPONENTS.values() for name in names}
    if not present & known:
        return True
    return bool(present & set(_COMPONENTS[component]))


def kind(path: str, data: bytes) -> tuple[str, str]:
    """(format, target): what the file is and what it converts to, by its suffix, else by its streams."""
    if _stream("EncryptedPackage") in data:  # a .docx/.xlsx with a password to open it
        raise ReadError(
            "encrypted", "文件设置了打开密码（已加密），无法读取；请在 Word、Excel 或 WPS 中取消密码后另存再打开"
        )
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    # a directory entry names each stream; a byte search for them is enough to tell the two apart
    if _stream("WordDocument") in data:
        return "doc", "docx"
    if _stream("Workbook") in data or _stream("Book") in data:
        return "xls", "xlsx"
    if _stream("PowerPoint Document") in data:
        raise ReadError("unsupported", "这是一个旧版 PowerPoint 演示文稿（.ppt），不是可读取的报告格式")
    return "doc", "docx"


def read(path: str, data: bytes) -> Source:
    fmt, target = kind(path, data)
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(
            "needs_libreoffice",
            f"这是旧版格式的{_LABELS[fmt]}，读取它需要安装 LibreOffice（本机未找到）；"
            f"请安装 LibreOffice 后重试，或在 Word/WPS 中把它另存为 .{target} 文件后再打开",
        )
    converted = convert(soffice, data, target)
    source = importlib.import_module(f"{__package__}.{target}").read(path, converted)
    note = f"该文件是旧版格式的{_LABELS[fmt]}，已用 LibreOffice 转换为 .{target} 后读取"
    return dataclasses.replace(source, format=fmt, notes=(note, *source.notes))


def convert(soffice: str, data: bytes, target: str, timeout: float = TIMEOUT) -> bytes:
    """The file converted by LibreOffice to `target` ("docx" or "xlsx"); the input is only copied."""
    with tempfile.TemporaryDirectory(prefix="auditapp-lo-") as tmp:
        # an ASCII name with the suffix of its kind: LibreOffice then picks the right import filter
        # (Kingsoft's .wps is Word's binary format, not Microsoft Works')
        src = Path(tmp, "report" + (".doc" if target == "docx" else ".xls"))
        src.write_bytes(data)
        outdir = Path(tmp, "out")
        command = [
            soffice,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ]
        _run(command, timeout)
        out = outdir / f"report.{target}"
        if not out.is_file():
            raise ReadError(
                "convert_failed",
                "LibreOffice 未能转换该文件（文件可能已损坏或设置了密码）；"
                f"请在 Word/WPS 中打开并另存为 .{target} 文件后再打开",
            )
        return out.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    windows = os.name == "nt"
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # its own process group, so a time-out ends soffice.bin too, not only the launcher
            start_new_session=not windows,
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if windows else 0,
        )
    except OSError as e:
        raise ReadError("needs_libreoffice", f"无法启动 LibreOffice（{command[0]}）：{e.strerror or e}") from None
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc, windows)
        raise ReadError(
            "timeout",
            f"用 LibreOffice 转换文件超过 {timeout:.0f} 秒仍未完成，已终止转换；"
            "请在 Word/WPS 中把它另存为 .docx 或 .xlsx 后再打开",
        ) from None


def _kill(proc: subprocess.Popen, windows: bool) -> None:
    if windows:  # the launcher and the soffice.bin it started, by the launcher's id
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)], capture_output=True, check=False)
        proc.kill()
    else:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
    proc.wait()
