"""The shape of every content file, as pydantic models (see docs/content-format.md).

Unknown keys are refused, so a misspelt field is caught rather than silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
ParaRef = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceInfo(Strict):
    file: str
    title: Text
    publisher: str = ""
    licence: Text
    attribution: Text


class Manifest(Strict):
    id: Id
    title: Text
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,3}$")]
    source: SourceInfo
    modules: str = "modules"
    quizzes: str = "quizzes"
    glossary: str = "glossary"
    guidance: str = "guidance.yaml"
    minimums: dict[str, int] = Field(default_factory=dict)


class OptionSpec(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$", max_length=20)]
    text: Text
    feedback: Text
    match: str = ""


class QuestionSpec(Strict):
    id: Id
    module: Id
    topic: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    type: Literal["single", "multiple", "truefalse", "ordering", "matching"]
    difficulty: int = Field(ge=1, le=3)
    vignette: Id | None = None
    stem: Text
    options: list[OptionSpec] = Field(min_length=2, max_length=8)
    answer: list[str] = Field(min_length=1)
    explanation: Text
    cites: list[ParaRef] = Field(min_length=1)
    guidance: list[Id] = Field(default_factory=list)
    distractors: list[Text] = Field(default_factory=list)


class QuizSpec(Strict):
    id: Id
    title: Text
    module: Id
    modules: list[Id] = Field(min_length=1)
    draw: int = Field(default=0, ge=0)
    pass_mark: int = Field(default=80, ge=1, le=100)
    shuffle_options: bool = True
    feedback: Literal["immediate", "end"] = "immediate"
    max_attempts: int = Field(default=0, ge=0)
    time_limit_minutes: int = Field(default=0, ge=0)
    cpd_minutes: int = Field(default=30, ge=1, le=600)


class VignetteSpec(Strict):
    id: Id
    title: Text
    text: Text


class BankSpec(Strict):
    id: Id
    title: Text
    modules: list[Id] = Field(min_length=1)
    quizzes: list[QuizSpec] = Field(default_factory=list)
    vignettes: list[VignetteSpec] = Field(default_factory=list)
    questions: list[QuestionSpec] = Field(default_factory=list)


class ChoiceSpec(Strict):
    text: Text
    consequence: Text
    next: Id


class NodeSpec(Strict):
    id: Id
    text: str = ""
    choices: list[ChoiceSpec] = Field(default_factory=list)
    ending: bool = False
    score: int | None = Field(default=None, ge=0, le=100)
    title: str = ""
    debrief: str = ""
    cites: list[ParaRef] = Field(default_factory=list)


class CaseStudySpec(Strict):
    id: Id
    title: Text
    fictional: Literal[True]
    summary: str = ""
    start: Id
    nodes: list[NodeSpec] = Field(min_length=2)
    reflect: list[Text] = Field(default_factory=list)


class JudgementSpec(Strict):
    area: Text
    grade: Literal["Outstanding", "Good", "Requires improvement", "Inadequate"]


class ModuleSpec(Strict):
    id: Id
    order: int = Field(ge=0)
    title: Text
    area: Literal["help-protection", "looked-after", "adoption", "care-leavers", "leadership",
                  "lscb"]
    judgements: list[JudgementSpec] = Field(min_length=1)
    minutes: int = Field(ge=5, le=600)
    summary: Text
    paragraphs: list[ParaRef] = Field(default_factory=list)
    overview: Text
    works_well: list[Text] = Field(default_factory=list)
    must_improve: list[Text] = Field(default_factory=list)
    recommendations: list[ParaRef] = Field(default_factory=list)
    key_points: str = ""
    case_studies: list[CaseStudySpec] = Field(default_factory=list)
    reflect: list[Text] = Field(default_factory=list)
    glossary: list[Id] = Field(default_factory=list)
    quiz: Id | None = None


class TermSpec(Strict):
    id: Id
    term: Text
    definition: Text
    cites: list[ParaRef] = Field(default_factory=list)
    guidance: list[Id] = Field(default_factory=list)


class GlossarySpec(Strict):
    terms: list[TermSpec] = Field(min_length=1)


class GuidanceFactSpec(Strict):
    id: Id
    tag: Literal["V", "V2"]
    source: Text
    text: Text


class GuidanceSpec(Strict):
    facts: list[GuidanceFactSpec] = Field(default_factory=list)
