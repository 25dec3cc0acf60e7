"""The rules a pack must keep beyond its schema: ids, citations, answers, figures, counts.

Each rule says what is wrong in words an author can act on, at the line where it is wrong.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from trainer.content import schema
from trainer.content.markup import citation_refs, glossary_ids, numbers_in
from trainer.content.yamlio import Problem, YamlDoc

if TYPE_CHECKING:
    from trainer.content.pack import ContentPack


class _Checker:
    def __init__(self, pack: ContentPack):
        self.pack = pack
        self.problems: list[Problem] = []
        self.bad_questions: set[str] = set()

    def add(self, doc: YamlDoc, path: tuple, reason: str, question: str | None = None) -> None:
        self.problems.append(doc.problem(path, reason))
        if question:
            self.bad_questions.add(question)

    def resolve(self, ref: str) -> list[str] | None:
        """The paragraph ids ``ref`` names, or None if any of them is not in the report."""
        ids = self.pack.report.expand(ref)
        if all(self.pack.report.get(i) for i in ids):
            return ids
        return None

    def check_refs(self, doc: YamlDoc, path: tuple, refs: list[str], qid: str | None = None):
        for ref in refs:
            if self.resolve(ref) is None:
                self.add(doc, path, f"citation '¶{ref}' does not match any paragraph of the report",
                         qid)

    def check_text(self, doc: YamlDoc, path: tuple, text: str, qid: str | None = None) -> None:
        self.check_refs(doc, path, citation_refs(text), qid)
        for term in glossary_ids(text):
            if term not in self.pack.glossary:
                self.add(doc, path, f"glossary link '[[{term}]]' names no glossary term", qid)


def _question_rules(c: _Checker, doc: YamlDoc, base: tuple, q: schema.QuestionSpec) -> None:
    qid = q.id
    ids = [o.id for o in q.options]
    for oid, count in Counter(ids).items():
        if count > 1:
            c.add(doc, (*base, "options"), f"{qid}: option id '{oid}' is used twice", qid)
    unknown = [a for a in q.answer if a not in ids]
    if unknown:
        c.add(doc, (*base, "answer"),
              f"{qid}: the answer {', '.join(unknown)} is not among the options ({', '.join(ids)})",
              qid)
    n = len(q.answer)
    if q.type in ("single", "truefalse") and n != 1:
        c.add(doc, (*base, "answer"), f"{qid}: a {q.type} question has exactly one right answer",
              qid)
    if q.type == "truefalse" and sorted(ids) != ["false", "true"]:
        c.add(doc, (*base, "options"), f"{qid}: true/false options must have ids 'true' and 'false'",
              qid)
    if q.type == "multiple" and not 2 <= n < len(ids):
        c.add(doc, (*base, "answer"),
              f"{qid}: a multiple-response question needs two or more right options and at least "
              "one wrong one", qid)
    if q.type in ("ordering", "matching") and sorted(q.answer) != sorted(ids):
        c.add(doc, (*base, "answer"),
              f"{qid}: for {q.type}, 'answer' lists every option id exactly once", qid)
    if q.type == "matching":
        for index, option in enumerate(q.options):
            if not option.match:
                c.add(doc, (*base, "options", index),
                      f"{qid}: matching option '{option.id}' needs a 'match'", qid)
    for index, option in enumerate(q.options):
        if not option.feedback.strip():
            c.add(doc, (*base, "options", index, "feedback"),
                  f"{qid}: option '{option.id}' has no feedback", qid)
    if q.module not in c.pack.modules:
        c.add(doc, (*base, "module"), f"{qid}: module '{q.module}' does not exist", qid)
    if q.vignette and q.vignette not in {v.id for b in c.pack.banks.values() for v in b.vignettes}:
        c.add(doc, (*base, "vignette"), f"{qid}: vignette '{q.vignette}' is not defined", qid)
    c.check_refs(doc, (*base, "cites"), list(q.cites), qid)
    for gid in q.guidance:
        if gid not in c.pack.guidance:
            c.add(doc, (*base, "guidance"), f"{qid}: guidance fact '{gid}' is not in guidance.yaml",
                  qid)
    texts = [((*base, "stem"), q.stem), ((*base, "explanation"), q.explanation)]
    for index, option in enumerate(q.options):
        texts.append(((*base, "options", index, "text"), option.text))
        texts.append(((*base, "options", index, "feedback"), option.feedback))
        if option.match:
            texts.append(((*base, "options", index, "match"), option.match))
    for text_path, text in texts:
        c.check_text(doc, text_path, text, qid)
    _numbers_rule(c, doc, q, texts)


def _numbers_rule(c: _Checker, doc: YamlDoc, q: schema.QuestionSpec, texts) -> None:
    """Every figure in a question must be in what it cites: no invented numbers about the borough."""
    allowed: set[str] = set()
    refs = list(q.cites) + [ref for _, text in texts for ref in citation_refs(text)]
    for ref in refs:
        for pid in c.resolve(ref) or []:
            paragraph = c.pack.report.get(pid)
            allowed |= numbers_in(paragraph.text)
            if paragraph.number is not None:
                allowed.add(str(paragraph.number))  # "recommendation 2" names a cited paragraph
    for gid in q.guidance:
        fact = c.pack.guidance.get(gid)
        if fact:
            allowed |= numbers_in(fact.text)
    for path, text in texts:
        stray = sorted(numbers_in(text) - allowed, key=lambda s: (len(s), s))
        if stray:
            c.add(doc, path,
                  f"{q.id}: the figure(s) {', '.join(stray)} appear in none of the cited paragraphs "
                  "or guidance facts; cite where each comes from, or write ages and story details "
                  "in words", q.id)


def _case_study_rules(c: _Checker, doc: YamlDoc, base: tuple, cs: schema.CaseStudySpec) -> None:
    nodes = {n.id: n for n in cs.nodes}
    if cs.start not in nodes:
        c.add(doc, (*base, "start"), f"case study {cs.id}: start node '{cs.start}' does not exist")
        return
    for index, node in enumerate(cs.nodes):
        npath = (*base, "nodes", index)
        c.check_text(doc, npath, node.text)
        c.check_text(doc, npath, node.debrief)
        c.check_refs(doc, (*npath, "cites"), list(node.cites))
        if node.ending:
            if node.score is None:
                c.add(doc, npath, f"case study {cs.id}: ending '{node.id}' needs a score (0-100)")
            if node.choices:
                c.add(doc, npath, f"case study {cs.id}: ending '{node.id}' cannot offer choices")
        elif not node.choices:
            c.add(doc, npath, f"case study {cs.id}: node '{node.id}' has no choices and is not an "
                              "ending")
        for cindex, choice in enumerate(node.choices):
            c.check_text(doc, (*npath, "choices", cindex), choice.consequence)
            if choice.next not in nodes:
                c.add(doc, (*npath, "choices", cindex, "next"),
                      f"case study {cs.id}: choice leads to '{choice.next}', which does not exist")
    seen, todo = set(), [cs.start]
    while todo:
        nid = todo.pop()
        if nid in seen or nid not in nodes:
            continue
        seen.add(nid)
        todo.extend(ch.next for ch in nodes[nid].choices)
    for index, node in enumerate(cs.nodes):
        if node.id not in seen:
            c.add(doc, (*base, "nodes", index),
                  f"case study {cs.id}: node '{node.id}' cannot be reached from the start")
    endings = [n for n in cs.nodes if n.ending]
    if len(endings) < 2:
        c.add(doc, base, f"case study {cs.id}: needs at least two endings")
    if all(ch.next in nodes for n in cs.nodes for ch in n.choices):
        from trainer.content.cases import case_from_spec
        from trainer.quiz.casestudy import design_problems

        for reason in design_problems(case_from_spec(cs)):
            c.add(doc, base, reason)


def _module_rules(c: _Checker, doc: YamlDoc, m: schema.ModuleSpec) -> None:
    c.check_text(doc, ("overview",), m.overview)
    c.check_text(doc, ("key_points",), m.key_points)
    for key in ("works_well", "must_improve"):
        for index, point in enumerate(getattr(m, key)):
            if not citation_refs(point):
                c.add(doc, (key, index), "every point needs a citation such as [¶13]")
            c.check_text(doc, (key, index), point)
    c.check_refs(doc, ("recommendations",), list(m.recommendations))
    c.check_refs(doc, ("paragraphs",), list(m.paragraphs))
    for term in m.glossary:
        if term not in c.pack.glossary:
            c.add(doc, ("glossary",), f"glossary term '{term}' is not defined in any glossary file")
    if m.quiz and m.quiz not in {q.id for b in c.pack.banks.values() for q in b.quizzes}:
        c.add(doc, ("quiz",), f"knowledge check '{m.quiz}' is not defined in any question bank")
    for index, cs in enumerate(m.case_studies):
        _case_study_rules(c, doc, ("case_studies", index), cs)


def validate_pack(pack: ContentPack, module_docs: dict[str, YamlDoc],
                  bank_docs: dict[str, YamlDoc]) -> tuple[list[Problem], set[str]]:
    c = _Checker(pack)
    for mid, doc in module_docs.items():
        _module_rules(c, doc, pack.modules[mid])
    seen: dict[str, str] = {}
    for bid, doc in bank_docs.items():
        bank = pack.banks[bid]
        for index, q in enumerate(bank.questions):
            base = ("questions", index)
            if q.id in seen:
                c.add(doc, (*base, "id"), f"question id '{q.id}' is already used in {seen[q.id]}",
                      q.id)
                continue
            seen[q.id] = doc.file
            _question_rules(c, doc, base, q)
        for index, quiz in enumerate(bank.quizzes):
            if quiz.module not in pack.modules:
                c.add(doc, ("quizzes", index, "module"),
                      f"quiz {quiz.id}: module '{quiz.module}' does not exist")
            pool = [q for q in bank_questions(pack) if q.module in quiz.modules]
            if not pool:
                c.add(doc, ("quizzes", index), f"quiz {quiz.id}: no questions to draw from")
            elif quiz.draw > len(pool):
                c.add(doc, ("quizzes", index, "draw"),
                      f"quiz {quiz.id}: draws {quiz.draw} questions but only {len(pool)} exist")
        minimum = pack.manifest.minimums.get(bid, pack.manifest.minimums.get("*", 0))
        if len(bank.questions) < minimum:
            c.add(doc, ("questions",),
                  f"bank '{bid}' has {len(bank.questions)} questions; at least {minimum} are needed")
    return c.problems, c.bad_questions


def bank_questions(pack: ContentPack) -> list[schema.QuestionSpec]:
    return [q for bank in pack.banks.values() for q in bank.questions]
