"""The Windows version resource of the executables (Properties › Details in Explorer), made from
the package version at build time. It is written as the text PyInstaller reads (`version=` of
EXE: the form its grab_version tool prints, evaluated with its versioninfo classes), because
those classes cannot be imported off Windows; so the text can be made and checked anywhere."""

from __future__ import annotations

import re

CHINESE_UNICODE = (0x0804, 1200)  # zh-CN, UTF-16: the strings below are Chinese


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows shows: 0.1.0 → (0, 1, 0, 0); 1.2rc1 → (1, 2, 0, 0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group(0).split(".")] if release else []
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def version_file_text(version: str, filename: str, description: str) -> str:
    numbers = version_tuple(version)
    language, codepage = CHINESE_UNICODE
    strings = {
        "CompanyName": "auditapp",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": filename.removesuffix(".exe"),
        "LegalCopyright": "Copyright (c) 2026 the auditapp authors. MIT License.",
        "OriginalFilename": filename,
        "ProductName": "auditapp 政府信息公开工作年度报告审核工具",
        "ProductVersion": version,
    }
    structs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '{language:04X}{codepage:04X}',
        [{structs}])
    ]),
    VarFileInfo([VarStruct('Translation', [{language}, {codepage}])])
  ]
)
"""
