"""Branching case studies: nodes, choices that lead on, endings with a score, and the path taken.

Pure logic. A ``Walk`` is rebuilt from the choices already made (as saved in the database), so a
learner who closes the app comes back to the same point of the story.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Choice:
    text: str
    consequence: str
    next: str


@dataclass(frozen=True)
class Node:
    id: str
    text: str = ""
    choices: tuple[Choice, ...] = ()
    ending: bool = False
    score: int | None = None
    title: str = ""
    debrief: str = ""


@dataclass(frozen=True)
class CaseStudy:
    id: str
    title: str
    summary: str
    start: str
    nodes: dict[str, Node]
    reflect: tuple[str, ...] = ()

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise KeyError(f"case study {self.id} has no node '{node_id}'") from None

    @property
    def best_score(self) -> int:
        return max((n.score or 0 for n in self.nodes.values() if n.ending), default=0)

    @property
    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.ending]


@dataclass(frozen=True)
class Step:
    """One decision: where the learner was, what they chose and what happened."""

    node_id: str
    choice_index: int
    choice: Choice


@dataclass
class Walk:
    """Where a learner is in a case study, and how they got there."""

    case: CaseStudy
    steps: list[Step] = field(default_factory=list)

    @classmethod
    def replay(cls, case: CaseStudy, choices: list[tuple[str, int]]) -> Walk:
        """Rebuild a walk from saved (node id, choice index) pairs; stops at the first that no
        longer fits the content (the story was edited), keeping the learner on solid ground."""
        walk = cls(case)
        for node_id, index in choices:
            if walk.finished or walk.current.id != node_id:
                break
            if not 0 <= index < len(walk.current.choices):
                break
            walk.choose(index)
        return walk

    @property
    def current(self) -> Node:
        if not self.steps:
            return self.case.node(self.case.start)
        return self.case.node(self.steps[-1].choice.next)

    @property
    def finished(self) -> bool:
        return self.current.ending

    @property
    def score(self) -> int | None:
        return self.current.score if self.finished else None

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    def choose(self, index: int) -> Step:
        node = self.current
        if node.ending:
            raise ValueError("the case study has ended; start again to choose differently")
        if not 0 <= index < len(node.choices):
            raise IndexError(f"node '{node.id}' has no choice {index + 1}")
        step = Step(node.id, index, node.choices[index])
        self.steps.append(step)
        return step

    def breadcrumb(self) -> list[str]:
        """The path so far: "Start", then each choice made, in a few words, then the ending."""
        names = ["Start"] + [_words(step.choice.text) for step in self.steps]
        if self.finished:
            names.append(self.current.title or "Ending")
        return names


def _words(text: str, limit: int = 7) -> str:
    words = text.split()
    return " ".join(words) if len(words) <= limit else " ".join(words[:limit]) + "…"


def paths_to_endings(case: CaseStudy, limit: int = 10_000) -> list[list[Step]]:
    """Every path from the start to an ending (up to ``limit`` paths), as lists of steps.

    Raises ValueError when a path loops back on itself, because then a learner could go round
    for ever."""
    found: list[list[Step]] = []

    def walk(node_id: str, path: list[Step], seen: tuple[str, ...]) -> None:
        if len(found) >= limit:
            return
        node = case.node(node_id)
        if node.ending:
            found.append(path)
            return
        for index, choice in enumerate(node.choices):
            if choice.next in seen:
                raise ValueError(f"choice {index + 1} at '{node_id}' leads back to "
                                 f"'{choice.next}', so the story can loop for ever")
            walk(choice.next, [*path, Step(node_id, index, choice)], (*seen, choice.next))

    walk(case.start, [], (case.start,))
    return found


def design_problems(case: CaseStudy) -> list[str]:
    """The rules of docs/content-format.md that need the whole story to check: every path ends
    (no loops), at least three endings with different scores, at least two decisions on the way to
    the best ending."""
    problems = []
    scores = {n.score for n in case.endings if n.score is not None}
    if len(scores) < 3:
        problems.append(f"case study {case.id}: needs at least three endings with different "
                        f"scores (has {len(scores)})")
    try:
        paths = paths_to_endings(case)
    except (ValueError, KeyError) as exc:
        return [*problems, f"case study {case.id}: {exc}"]
    best = max(scores, default=None)
    to_best = [len(p) for p in paths if case.node(_end(case, p)).score == best]
    if to_best and min(to_best) < 2:
        problems.append(f"case study {case.id}: the best ending is reached after "
                        f"{min(to_best)} decision(s); make at least two decisions lead to it")
    return problems


def _end(case: CaseStudy, path: list[Step]) -> str:
    return path[-1].choice.next if path else case.start
