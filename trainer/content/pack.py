"""Loading a content pack: manifest, report, modules, banks, glossary and guidance.

A file that cannot be read or does not fit the schema is skipped and reported; a question that
breaks a rule is left out and reported; everything else still loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.content.report import ReportIndex, load_report
from trainer.content.yamlio import ContentError, Problem, YamlDoc, read_yaml
from trainer.quiz.model import Option, Question, QuestionType, QuizRules

if TYPE_CHECKING:  # pydantic is imported when content is validated, not when it comes from the cache
    from pydantic import ValidationError

    from trainer.content import schema


@dataclass
class ContentPack:
    root: Path
    manifest: schema.Manifest
    report: ReportIndex
    modules: dict[str, schema.ModuleSpec] = field(default_factory=dict)
    banks: dict[str, schema.BankSpec] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    quizzes: dict[str, QuizRules] = field(default_factory=dict)
    vignettes: dict[str, schema.VignetteSpec] = field(default_factory=dict)
    glossary: dict[str, schema.TermSpec] = field(default_factory=dict)
    guidance: dict[str, schema.GuidanceFactSpec] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def attribution(self) -> str:
        return self.manifest.source.attribution

    def ordered_modules(self) -> list[schema.ModuleSpec]:
        return sorted(self.modules.values(), key=lambda m: (m.order, m.id))

    def quiz_for_module(self, module_id: str) -> QuizRules | None:
        module = self.modules.get(module_id)
        if module and module.quiz and module.quiz in self.quizzes:
            return self.quizzes[module.quiz]
        return None

    def pool(self, quiz: QuizRules) -> list[Question]:
        wanted = set(quiz.modules)
        return [q for q in self.questions.values() if q.module in wanted]


def _schema_problems(doc: YamlDoc, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown field '{loc[-1]}' (check the spelling against docs/content-format.md)"
        elif error["type"] == "missing":
            message = f"missing required field '{loc[-1]}'"
        else:
            field_name = ".".join(str(p) for p in loc) or "file"
            message = f"{field_name}: {message}"
        problems.append(doc.problem(loc, message))
    return problems


def _read(path: Path, root: Path, model: type[schema.Strict], problems: list[Problem]):
    from pydantic import ValidationError

    display = _display(path, root)
    try:
        doc = read_yaml(path, display)
    except ContentError as exc:
        problems.append(exc.problem)
        return None, None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_schema_problems(doc, exc))
        return doc, None


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve().parent))
    except ValueError:
        return str(path)


def _to_question(spec: schema.QuestionSpec) -> Question:
    return Question(
        id=spec.id, module=spec.module, topic=spec.topic, type=QuestionType(spec.type),
        stem=spec.stem,
        options=tuple(Option(o.id, o.text, o.feedback, o.match) for o in spec.options),
        answer=tuple(spec.answer), explanation=spec.explanation, cites=tuple(spec.cites),
        difficulty=spec.difficulty, guidance=tuple(spec.guidance), vignette=spec.vignette,
        distractors=tuple(spec.distractors),
    )


def _to_rules(spec: schema.QuizSpec) -> QuizRules:
    return QuizRules(
        id=spec.id, title=spec.title, module=spec.module, modules=tuple(spec.modules),
        draw=spec.draw, pass_mark=spec.pass_mark, shuffle_options=spec.shuffle_options,
        feedback=spec.feedback, max_attempts=spec.max_attempts,
        time_limit_minutes=spec.time_limit_minutes, cpd_minutes=spec.cpd_minutes,
    )


def load_pack(manifest_path: Path) -> tuple[ContentPack | None, list[Problem]]:
    """Load one pack. Returns (None, problems) only when the manifest or the report is unusable."""
    from trainer.content import schema
    from trainer.content.validate import validate_pack

    root = manifest_path.parent
    problems: list[Problem] = []
    _, manifest = _read(manifest_path, root, schema.Manifest, problems)
    if manifest is None:
        return None, problems
    report_path = (root / manifest.source.file).resolve()
    if not report_path.is_file():
        problems.append(Problem(_display(manifest_path, root),
                                f"source file '{manifest.source.file}' was not found"))
        return None, problems
    try:
        report = load_report(report_path)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(_display(report_path, root),
                                f"the source report cannot be read as UTF-8 text ({exc})"))
        return None, problems
    pack = ContentPack(root=root, manifest=manifest, report=report)
    docs: dict[str, YamlDoc] = {}

    guidance_path = root / manifest.guidance
    if guidance_path.is_file():
        doc, guidance = _read(guidance_path, root, schema.GuidanceSpec, problems)
        if guidance:
            pack.guidance = {f.id: f for f in guidance.facts}
    for path in sorted((root / manifest.glossary).glob("*.yaml")):
        doc, glossary = _read(path, root, schema.GlossarySpec, problems)
        if glossary:
            docs[str(path)] = doc
            for index, term in enumerate(glossary.terms):
                if term.id in pack.glossary:
                    problems.append(doc.problem(("terms", index, "id"),
                                                f"glossary term '{term.id}' is defined twice"))
                pack.glossary[term.id] = term
    module_docs: dict[str, YamlDoc] = {}
    for path in sorted((root / manifest.modules).glob("*.yaml")):
        doc, module = _read(path, root, schema.ModuleSpec, problems)
        if module:
            if module.id in pack.modules:
                problems.append(doc.problem(("id",), f"module id '{module.id}' is used twice"))
                continue
            pack.modules[module.id] = module
            module_docs[module.id] = doc
    bank_docs: dict[str, YamlDoc] = {}
    for path in sorted((root / manifest.quizzes).glob("*.yaml")):
        doc, bank = _read(path, root, schema.BankSpec, problems)
        if bank:
            if bank.id in pack.banks:
                problems.append(doc.problem(("id",), f"bank id '{bank.id}' is used twice"))
                continue
            pack.banks[bank.id] = bank
            bank_docs[bank.id] = doc
    found, bad_questions = validate_pack(pack, module_docs, bank_docs)
    problems.extend(found)
    for bank in pack.banks.values():
        for vignette in bank.vignettes:
            pack.vignettes[vignette.id] = vignette
        for spec in bank.questions:
            if spec.id in bad_questions or spec.id in pack.questions:
                continue
            pack.questions[spec.id] = _to_question(spec)
        for quiz in bank.quizzes:
            pack.quizzes[quiz.id] = _to_rules(quiz)
    pack.problems = problems
    return pack, problems
