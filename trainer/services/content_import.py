"""Importing a content pack from a zip: a backup first, then a checked unpack into packs/."""

from __future__ import annotations

from pathlib import Path

from trainer import paths
from trainer.content.importer import ImportedPack, PackImportError, import_pack_zip
from trainer.services.errors import UserError
from trainer.store import Store


def installed_pack_folders() -> list[Path]:
    folder = paths.packs_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / "pack.yaml").is_file())


def import_content_pack(zip_path: Path, store: Store | None = None,
                        replace: bool = False) -> ImportedPack:
    """Back up the records (if a store is given), then unpack ``zip_path`` into the data
    folder's packs/ directory."""
    zip_path = Path(zip_path)
    if not zip_path.is_file():
        raise UserError(f"{zip_path} does not exist or is not a file.")
    if store is not None and store.path is not None:
        from trainer.services.backups import BackupService

        BackupService(store).backup_now("before-import")
    try:
        return import_pack_zip(zip_path, paths.packs_dir(), replace=replace)
    except PackImportError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"Cannot unpack {zip_path.name} into {paths.packs_dir()} "
                        f"({exc.strerror or exc}).") from exc
