"""Legacy office files (.doc, .wps, .xls, .et, .rtf): converted by LibreOffice, then read as
.docx or .xlsx. Without LibreOffice the file is a ``converter_missing`` error naming it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.catalog import ErrorCode
from pipeline.records import PipelineError
from pipeline.stages.ingest.settings import format_rules

STAGE = "ingest"
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui) so that `soffice` is on PATH"
)


def converter() -> str | None:
    """Path of the LibreOffice program, or None when it is not installed."""
    for command in format_rules().office.commands:
        found = shutil.which(command)
        if found:
            return found
    return None


def target_of(ext: str) -> str | None:
    """The format a legacy extension (".doc") is converted to ("docx"), or None."""
    return format_rules().office.convert_to.get(ext.lower().lstrip("."))


def convert(data: bytes, ext: str) -> tuple[bytes, str]:
    """The file converted by LibreOffice: its bytes and new extension ("docx" or "xlsx")."""
    target = target_of(ext)
    if target is None:
        raise PipelineError(ErrorCode.UNSUPPORTED_FORMAT, f"no converter for {ext}", STAGE)
    program = converter()
    if program is None:
        raise PipelineError(
            ErrorCode.CONVERTER_MISSING, f"{ext} files need LibreOffice: {INSTALL_HINT}", STAGE
        )
    with tempfile.TemporaryDirectory(prefix="notice-tasks-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"in.{ext.lower().lstrip('.')}"
        source.write_bytes(data)
        _run(program, source, target, folder)
        out = folder / f"in.{target}"
        if not out.is_file():
            raise PipelineError(
                ErrorCode.CORRUPT_FILE, f"LibreOffice could not convert this {ext} file", STAGE
            )
        return out.read_bytes(), target


def _run(program: str, source: Path, target: str, folder: Path) -> None:
    # a profile of its own: a LibreOffice already open (or another worker) does not block it
    profile = (folder / "profile").as_uri()
    command = [
        program,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        target,
        "--outdir",
        str(folder),
        str(source),
    ]
    timeout = format_rules().office.timeout_seconds
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PipelineError(
            ErrorCode.TIMEOUT, f"LibreOffice took over {timeout:g} s to convert", STAGE
        ) from None
    except OSError as exc:
        raise PipelineError(
            ErrorCode.CONVERTER_MISSING, f"LibreOffice did not start ({exc}): {INSTALL_HINT}"
        ) from None
