"""Content packs from a zip file, unpacked safely.

Every entry is checked before anything is written: no absolute paths, no ``..``, no links, no
devices, not too many files, not too large (counted while writing, not trusted from the header).
Everything is written inside a new folder under the packs folder and only renamed into place
once the pack loads; nothing is ever written outside the pack folder.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from trainer.content.pack import load_pack
from trainer.content.yamlio import Problem

MAX_ARCHIVE_BYTES = 50_000_000  # the zip file itself
MAX_UNPACKED_BYTES = 100_000_000  # everything in it, unpacked
MAX_FILE_BYTES = 20_000_000  # any one file, unpacked
MAX_ENTRIES = 5_000
_CHUNK = 1 << 16


class PackImportError(Exception):
    """The archive was refused; the message names the file and the reason."""


@dataclass(frozen=True)
class ImportedPack:
    pack_id: str
    version: str
    path: Path
    problems: list[Problem]


def _safe_member_path(info: zipfile.ZipInfo, archive: str) -> PurePosixPath | None:
    """The relative path to write ``info`` to, or PackImportError. None for folders."""
    name = info.filename
    if "\\" in name:
        name = name.replace("\\", "/")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackImportError(f"{archive}: {info.filename}: links are not allowed in a content pack")
    if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and stat.S_IFMT(mode):
        raise PackImportError(f"{archive}: {info.filename}: only plain files and folders are "
                              "allowed in a content pack")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackImportError(f"{archive}: {info.filename}: absolute paths are not allowed")
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise PackImportError(f"{archive}: {info.filename}: paths that climb out of the pack "
                              "(..) are not allowed")
    if any(ord(ch) < 32 for ch in name):
        raise PackImportError(f"{archive}: {info.filename!r}: control characters in a file name")
    if info.is_dir() or not parts:
        return None
    return PurePosixPath(*parts)


def _unpack(zip_path: Path, into: Path) -> None:
    archive = zip_path.name
    try:
        size = zip_path.stat().st_size
    except OSError as exc:
        raise PackImportError(f"{zip_path}: cannot be read ({exc.strerror})") from exc
    if size > MAX_ARCHIVE_BYTES:
        raise PackImportError(f"{archive}: the archive is {size // 1_000_000} MB; at most "
                              f"{MAX_ARCHIVE_BYTES // 1_000_000} MB is allowed")
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackImportError(f"{archive}: not a zip archive ({exc})") from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_ENTRIES:
            raise PackImportError(f"{archive}: {len(members)} entries; at most {MAX_ENTRIES} "
                                  "are allowed")
        plan = []
        declared = 0
        for info in members:
            target = _safe_member_path(info, archive)
            declared += info.file_size
            if info.file_size > MAX_FILE_BYTES or declared > MAX_UNPACKED_BYTES:
                raise PackImportError(f"{archive}: {info.filename}: the archive unpacks to more "
                                      "than is allowed for a content pack")
            if target is not None:
                plan.append((info, target))
        root = into.resolve()
        written = 0
        for info, relative in plan:
            destination = (into / Path(*relative.parts))
            if not destination.resolve().is_relative_to(root):
                raise PackImportError(f"{archive}: {info.filename}: would be written outside the "
                                      "pack folder")
            destination.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as source, destination.open("xb") as out:
                this_file = 0
                while chunk := source.read(_CHUNK):
                    this_file += len(chunk)
                    written += len(chunk)
                    if this_file > MAX_FILE_BYTES or written > MAX_UNPACKED_BYTES:
                        raise PackImportError(f"{archive}: {info.filename}: unpacks to more than "
                                              "is allowed for a content pack")
                    out.write(chunk)


def _manifest(folder: Path) -> Path | None:
    if (folder / "pack.yaml").is_file():
        return folder / "pack.yaml"
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir() and (entries[0] / "pack.yaml").is_file():
        return entries[0] / "pack.yaml"
    return None


def import_pack_zip(zip_path: Path, packs_dir: Path, replace: bool = False) -> ImportedPack:
    """Unpack ``zip_path`` into ``packs_dir/<pack id>`` after checking it; returns what loaded."""
    zip_path = Path(zip_path)
    packs_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".incoming-", dir=packs_dir))
    try:
        _unpack(zip_path, work / "unpacked")
        (work / "unpacked").mkdir(exist_ok=True)
        manifest = _manifest(work / "unpacked")
        if manifest is None:
            raise PackImportError(f"{zip_path.name}: no pack.yaml at the top of the archive")
        pack, problems = load_pack(manifest)
        if pack is None:
            detail = "; ".join(str(p) for p in problems[:3])
            raise PackImportError(f"{zip_path.name}: the pack cannot be loaded: {detail}")
        pack_id = pack.id
        if not pack_id or "/" in pack_id or "\\" in pack_id or pack_id.startswith("."):
            raise PackImportError(f"{zip_path.name}: the pack id '{pack_id}' cannot be a folder "
                                  "name")
        final = packs_dir / pack_id
        if final.exists():
            if not replace:
                raise PackImportError(f"{zip_path.name}: a pack '{pack_id}' is already installed "
                                      f"in {final}; import with --replace to replace it")
            shutil.rmtree(final)
        manifest.parent.rename(final)
        return ImportedPack(pack_id, pack.version, final, problems)
    finally:
        shutil.rmtree(work, ignore_errors=True)
