"""All the content the app has: the bundled pack and any extra packs, with their problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trainer import paths
from trainer.content.pack import ContentPack, load_pack
from trainer.content.yamlio import Problem


@dataclass
class Library:
    packs: list[ContentPack] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def pack(self, pack_id: str) -> ContentPack | None:
        return next((p for p in self.packs if p.id == pack_id), None)


def manifest_in(folder: Path) -> Path:
    folder = Path(folder)
    if folder.is_file():
        return folder
    for candidate in (folder / "pack.yaml", folder / "resources" / "pack.yaml"):
        if candidate.is_file():
            return candidate
    return folder / "pack.yaml"


def load_library(extra: list[Path] | None = None, include_bundled: bool = True) -> Library:
    library = Library()
    manifests = [paths.bundled_pack_manifest()] if include_bundled else []
    manifests += [manifest_in(Path(p)) for p in extra or []]
    for manifest in manifests:
        if not manifest.is_file():
            library.problems.append(Problem(str(manifest.parent),
                                            "no pack.yaml manifest found in this folder"))
            continue
        pack, problems = load_pack(manifest)
        library.problems.extend(problems)
        if pack is None:
            continue
        if library.pack(pack.id):
            library.problems.append(Problem(str(manifest),
                                            f"a pack with id '{pack.id}' is already loaded"))
            continue
        library.packs.append(pack)
    return library
