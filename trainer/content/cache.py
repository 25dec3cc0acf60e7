"""A cache of validated content, so that the app starts without parsing and validating every file.

Reading, parsing and validating the bundled pack takes longer than starting Qt; loading the result
of the last validation takes a few milliseconds. The cache is one file per set of packs in the data
folder's ``cache`` folder. It is used only when every file the last load read (and the list of
content files in each folder it read from) is byte for byte the same, the app's content code is
the same, and the Python version is the same; otherwise the packs are loaded and validated afresh
and the cache rewritten. Any problem with the cache (missing, damaged, unwritable) just means a
full load.

Validated schema models are stored as plain :class:`Spec` records with the same fields, so that
loading the cache does not import pydantic (which alone takes longer than the rest of the start).
The cache is read with an unpickler that only builds the app's own content classes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
from pathlib import Path

from trainer import __version__, paths
from trainer.content import reads

FORMAT = 1
_MAGIC = b"trainer-content-cache\n"
_CODE_PACKAGES = ("content", "quiz")
_ALLOWED_OTHER = {("pathlib", "PosixPath"), ("pathlib", "WindowsPath"), ("pathlib", "Path")}


class Spec:
    """A validated content record from the cache: the same fields as its schema model."""

    __hash__ = None  # type: ignore[assignment]  # mutable, like the pydantic models

    def __init__(self, fields: dict):
        self.__dict__.update(fields)

    def __eq__(self, other: object) -> bool:
        return (type(other).__name__ == type(self).__name__
                and getattr(other, "__dict__", None) == self.__dict__)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    def model_dump(self) -> dict:
        def plain(value):
            if isinstance(value, Spec):
                return value.model_dump()
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value

        return {k: plain(v) for k, v in self.__dict__.items()}


_SPEC_CLASSES: dict[str, type[Spec]] = {}


def _spec(name: str, fields: dict) -> Spec:
    cls = _SPEC_CLASSES.get(name)
    if cls is None:
        cls = _SPEC_CLASSES[name] = type(name, (Spec,), {"__module__": __name__,
                                                         "__qualname__": name})
    return cls(fields)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if type(obj).__module__ == "trainer.content.schema" and hasattr(obj, "model_fields_set"):
            return _spec, (type(obj).__name__, dict(obj.__dict__))
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Builds only the app's own content classes (and paths): a damaged or foreign file cannot
    make it call anything else."""

    def find_class(self, module: str, name: str):
        if "." not in name and (module, name) in _ALLOWED_OTHER:
            return super().find_class(module, name)
        if module.startswith("trainer.") and "." not in name:
            obj = super().find_class(module, name)
            if obj is _spec or (isinstance(obj, type) and obj.__module__.startswith("trainer.")):
                return obj
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the content cache")


def _code_digest() -> str:
    """The app's content and quiz code, so that a changed rule is never skipped by the cache."""
    digest = hashlib.blake2b(f"{__version__}|{sys.version_info[:2]}|{FORMAT}".encode(),
                             digest_size=16)
    if getattr(sys, "frozen", False):  # a bundle has no .py files to read: its build will do
        try:
            stat = os.stat(sys.executable)
            digest.update(f"{stat.st_size}|{stat.st_mtime_ns}".encode())
        except OSError:
            pass
    package = Path(__file__).resolve().parent.parent
    for sub in _CODE_PACKAGES:
        for path in sorted((package / sub).glob("*.py")):
            digest.update(path.name.encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                pass
    return digest.hexdigest()


def _fingerprint(files: list[str], dirs: list[str]) -> str:
    digest = hashlib.blake2b(_code_digest().encode(), digest_size=20)
    for name in files:
        try:
            data = Path(name).read_bytes()
        except OSError:
            data = b"\0missing"
        digest.update(f"\0file\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    for name in dirs:
        try:
            listing = sorted(n for n in os.listdir(name) if n.endswith((".yaml", ".yml")))
        except OSError:
            listing = ["\0missing"]
        digest.update(f"\0dir\0{name}\0{'/'.join(listing)}".encode())
    return digest.hexdigest()


def _manifests(extra: list[Path] | None, include_bundled: bool) -> list[str]:
    from trainer.content.library import manifest_in

    found = [paths.bundled_pack_manifest()] if include_bundled else []
    found += [manifest_in(Path(p)) for p in extra or []]
    return [str(Path(m).resolve()) for m in found]


def cache_file(cache_dir: Path, manifests: list[str]) -> Path:
    key = hashlib.blake2b("\n".join(manifests).encode(), digest_size=8).hexdigest()
    return cache_dir / f"content-{key}.cache"


def _read(path: Path, manifests: list[str]):
    try:
        with path.open("rb") as handle:
            if handle.readline() != _MAGIC:
                return None
            header = json.loads(handle.readline())
            if header.get("format") != FORMAT or header.get("manifests") != manifests:
                return None
            if _fingerprint(header["files"], header["dirs"]) != header["fingerprint"]:
                return None
            return _Unpickler(handle).load()
    except (OSError, ValueError, KeyError, TypeError, EOFError, AttributeError, ImportError,
            pickle.UnpicklingError):
        return None


def _write(path: Path, manifests: list[str], library, files: list[Path]) -> None:
    names = sorted({str(Path(f).resolve()) for f in files} | set(manifests))
    dirs = {str(Path(f).parent) for f in names if f.endswith((".yaml", ".yml"))}
    for pack in library.packs:
        manifest = pack.manifest
        for sub in (manifest.modules, manifest.quizzes, manifest.glossary):
            dirs.add(str((pack.root / sub).resolve()))
    header = {"format": FORMAT, "manifests": manifests, "files": names, "dirs": sorted(dirs),
              "fingerprint": _fingerprint(names, sorted(dirs))}
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(library)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(_MAGIC + json.dumps(header).encode() + b"\n" + buffer.getvalue())
        part.replace(path)
    except OSError:
        pass  # an unwritable data folder only costs a full load next time


def load_library_cached(extra: list[Path] | None = None, include_bundled: bool = True,
                        cache_dir: Path | None = None):
    """:func:`trainer.content.library.load_library`, from the cache when nothing has changed."""
    from trainer.content.library import load_library

    manifests = _manifests(extra, include_bundled)
    path = cache_file(cache_dir or paths.data_dir() / "cache", manifests)
    library = _read(path, manifests)
    if library is not None:
        return library
    with reads.record() as files:
        library = load_library(extra, include_bundled)
    _write(path, manifests, library, files)
    return library
