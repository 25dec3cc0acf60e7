"""The command line. It uses the same services as the app and never imports Qt."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from trainer import APP_NAME, __version__, paths


class _Parser(argparse.ArgumentParser):
    """Mistakes in the command line give one line on stderr and exit status 1."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(1, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class _Quit(Exception):
    def __init__(self, message: str):
        super().__init__(message)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="database file (default: TRAINER_DB, or the user data folder)")
    parser.add_argument("--content", metavar="DIR", action="append", default=argparse.SUPPRESS,
                        help="an extra content pack folder (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="trainer", description=(
        f"{APP_NAME}: evidence-linked training built on an Ofsted inspection report. With no "
        "command, the app opens."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check content packs; print file:line: reason per problem")
    p.add_argument("dir", nargs="?", help="a pack folder (default: the bundled pack)")
    _common(p)

    p = sub.add_parser("content", help="facts about the loaded content")
    csub = p.add_subparsers(dest="content_command", metavar="ACTION", parser_class=_Parser,
                            required=True)
    stats = csub.add_parser("stats", help="question counts and paragraph coverage per pack")
    stats.add_argument("--json", action="store_true", help="print JSON")
    _common(stats)

    p = sub.add_parser("learners", help="list or add learners")
    lsub = p.add_subparsers(dest="learners_command", metavar="ACTION", parser_class=_Parser,
                            required=True)
    lst = lsub.add_parser("list", help="list learners")
    _common(lst)
    add = lsub.add_parser("add", help="add a learner")
    add.add_argument("name")
    add.add_argument("--role", required=True)
    add.add_argument("--team", required=True)
    _common(add)

    p = sub.add_parser("certificate", help="save the certificate of a passed attempt as a PDF")
    p.add_argument("attempt_id", type=int, metavar="ATTEMPT_ID")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the PDF")
    _common(p)

    p = sub.add_parser("verify", help="say whether a certificate's verification code is genuine")
    p.add_argument("code", metavar="CODE")
    _common(p)

    p = sub.add_parser("ui-audit", help="open every page and dialog offscreen; write screenshots "
                                        "and audit.json (accessibility findings, Tab order)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for audit.json and screens/")
    _common(p)
    return parser


def _open_services(args):
    from trainer.services.context import Services

    return Services.open(paths.resolve_db_path(getattr(args, "db", None)),
                         [Path(p) for p in getattr(args, "content", [])])


def cmd_validate(args) -> int:
    from trainer.content.library import load_library

    if args.dir:
        folder = Path(args.dir)
        if not folder.exists():
            raise _Quit(f"{folder} does not exist")
        library = load_library([folder], include_bundled=False)
    else:
        library = load_library([Path(p) for p in getattr(args, "content", [])])
    for problem in library.problems:
        print(problem)
    if library.problems:
        print(f"{len(library.problems)} problem(s) found.", file=sys.stderr)
        return 1
    for pack in library.packs:
        print(f"ok: {pack.id} {pack.version}: {len(pack.modules)} modules, "
              f"{len(pack.questions)} questions, {len(pack.quizzes)} quizzes")
    return 0


def pack_stats(pack) -> dict:
    from trainer.content.markup import citation_refs

    cited: set[str] = set()

    def add(refs):
        for ref in refs:
            cited.update(pack.report.expand(ref))

    for module in pack.modules.values():
        texts = [module.overview, module.key_points, *module.works_well, *module.must_improve]
        for cs in module.case_studies:
            for node in cs.nodes:
                texts += [node.text, node.debrief, *(c.consequence for c in node.choices)]
                add(node.cites)
        for text in texts:
            add(citation_refs(text))
        add(module.recommendations)
    numbered = [str(p.number) for p in pack.report.numbered]
    questions = list(pack.questions.values())
    return {
        "id": pack.id,
        "version": pack.version,
        "modules": len(pack.modules),
        "questions": len(questions),
        "questions_per_bank": {bank.id: len(bank.questions) for bank in pack.banks.values()},
        "questions_per_module": dict(sorted(Counter(q.module for q in questions).items())),
        "questions_per_type": dict(sorted(Counter(q.type.value for q in questions).items())),
        "questions_per_difficulty": {str(k): v for k, v in
                                     sorted(Counter(q.difficulty for q in questions).items())},
        "case_studies": sum(len(m.case_studies) for m in pack.modules.values()),
        "paragraphs_cited": sorted((n for n in numbered if n in cited), key=int),
        "paragraphs_not_cited": sorted((n for n in numbered if n not in cited), key=int),
        "glossary_terms": len(pack.glossary),
    }


def cmd_content(args) -> int:
    from trainer.content.library import load_library

    library = load_library([Path(p) for p in getattr(args, "content", [])])
    stats = [pack_stats(pack) for pack in library.packs]
    if args.json:
        print(json.dumps({"packs": stats, "problems": [str(p) for p in library.problems]},
                         indent=2, ensure_ascii=False))
        return 0
    for s in stats:
        print(f"{s['id']} {s['version']}: {s['modules']} modules, {s['questions']} questions, "
              f"{s['case_studies']} case studies")
        for bank, count in s["questions_per_bank"].items():
            print(f"  {bank}: {count}")
        print(f"  numbered paragraphs cited: {len(s['paragraphs_cited'])}; not cited: "
              f"{', '.join(s['paragraphs_not_cited']) or 'none'}")
    return 0


def cmd_learners(args) -> int:
    services = _open_services(args)
    try:
        if args.learners_command == "add":
            learner = services.learners.add(args.name, args.role, args.team)
            print(f"Added learner {learner.id}: {learner.name} ({learner.role}, {learner.team})")
        else:
            learners = services.learners.all()
            if not learners:
                print("No learners yet. Add one with: trainer learners add NAME --role R --team T")
            for learner in learners:
                print(f"{learner.id}\t{learner.name}\t{learner.role}\t{learner.team}")
    finally:
        services.close()
    return 0


def cmd_certificate(args) -> int:
    services = _open_services(args)
    try:
        certificate = services.certificates.issue_for_attempt(args.attempt_id)
        path = services.certificates.save_pdf(certificate, Path(args.out))
        print(f"Saved certificate {certificate.id} (code {certificate.code}) to {path}")
    finally:
        services.close()
    return 0


def cmd_verify(args) -> int:
    services = _open_services(args)
    try:
        verdict = services.certificates.verify(args.code)
    finally:
        services.close()
    print(verdict.message)
    return 0 if verdict.genuine else 1


def cmd_ui_audit(args) -> int:
    """Runs on a throwaway database, so it never touches anyone's records."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from trainer.ui.audit import run_audit  # the only Qt import here, and only for this command

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise _Quit(f"{out} is a file; give a folder for the audit with --out DIR")
    audit = run_audit(out, [Path(p) for p in getattr(args, "content", [])])
    print(f"{len(audit.screens)} screens, {len(audit.findings)} findings: see "
          f"{out / 'audit.json'}")
    for finding in audit.findings[:20]:
        print(f"  {finding['screen']} [{finding['variant']}] {finding['kind']}: "
              f"{finding['widget']} {finding['problem']}")
    return 1 if audit.findings else 0


def _start_app(args) -> int:
    from trainer.ui.app import run_app

    return run_app(db_path=paths.resolve_db_path(getattr(args, "db", None)),
                   extra_content=[Path(p) for p in getattr(args, "content", [])])


COMMANDS = {
    "validate": cmd_validate,
    "content": cmd_content,
    "learners": cmd_learners,
    "certificate": cmd_certificate,
    "verify": cmd_verify,
    "ui-audit": cmd_ui_audit,
}


def run(argv: list[str]) -> int:
    from trainer.content.yamlio import ContentError
    from trainer.services.errors import UserError
    from trainer.store.db import StoreError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _start_app(args)
        return COMMANDS[args.command](args)
    except (UserError, StoreError, ContentError, _Quit) as exc:
        print(f"trainer: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
