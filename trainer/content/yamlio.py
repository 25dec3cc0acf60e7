"""Reading YAML safely, remembering the line of every value so problems can say where they are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

from trainer.content import reads

MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, said so an author can find and fix it."""

    file: str
    reason: str
    line: int | None = None
    where: str = ""

    def __str__(self) -> str:
        place = str(self.line) if self.line else (self.where or "1")
        return f"{self.file}:{place}: {self.reason}"


class ContentError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


Path_ = tuple[Any, ...]


def _lines(node: yaml.Node, path: Path_, out: dict[Path_, int]) -> None:
    import yaml

    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            _lines(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), out)


@dataclass
class YamlDoc:
    file: str
    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def problem(self, path: Path_, reason: str) -> Problem:
        where = ".".join(str(p) for p in path)
        return Problem(self.file, reason, self.line_of(path), where)


def read_yaml(path: Path, display: str | None = None) -> YamlDoc:
    """Parse ``path`` with the safe loader. Raises ContentError with file:line: reason."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ContentError(Problem(name, f"cannot be read ({exc.strerror})")) from exc
    if size > MAX_FILE_BYTES:
        raise ContentError(Problem(
            name, f"is {size // 1000} kB, larger than the {MAX_FILE_BYTES // 1000} kB allowed for a "
            "content file; split it into smaller files"))
    raw = path.read_bytes()
    reads.note(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(Problem(name, "is not valid UTF-8 text; save it with UTF-8 encoding",
                                   line)) from exc
    import yaml  # imported when content is read, not when the app starts from the content cache

    # libyaml's parser when PyYAML was built with it (ten times faster), else the Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError(Problem(name, "is empty"))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = (exc.problem or str(exc)).strip()
        if "could not determine a constructor" in str(exc):
            reason = "uses a YAML tag that is not allowed (only plain YAML is read); remove it"
        raise ContentError(Problem(name, f"is not valid YAML: {reason}", line)) from exc
    except yaml.YAMLError as exc:
        raise ContentError(Problem(name, f"is not valid YAML: {exc}")) from exc
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    _lines(node, (), lines)
    return YamlDoc(name, data, lines)
