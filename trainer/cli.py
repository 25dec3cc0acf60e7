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
    parser.add_argument("--self-test", action="store_true",
                        help="check the installation offscreen (content, database, certificate, "
                             "window) and exit: 0 if all passed, 1 naming what failed")
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
    imp = csub.add_parser("import", help="install a content pack from a zip file (checked first)")
    imp.add_argument("zip", metavar="ZIP")
    imp.add_argument("--replace", action="store_true", help="replace an installed pack of that id")
    _common(imp)

    p = sub.add_parser("db", help="check, back up or restore the training records")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION", parser_class=_Parser,
                            required=True)
    _common(dsub.add_parser("check", help="run SQLite's integrity check on the database"))
    _common(dsub.add_parser("backup", help="make a backup now"))
    _common(dsub.add_parser("backups", help="list the backups, newest first"))
    restore = dsub.add_parser("restore", help="restore a backup (default: the newest); the "
                                              "current database is backed up or set aside first")
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file")
    _common(restore)

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

    p = sub.add_parser("bench", help="measure start, loading, answering, certificates and reports "
                                     "(in a temporary folder; see BENCHMARKS.md)")
    p.add_argument("--quick", action="store_true",
                   help="one run of each, on smaller data (what CI runs)")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    p.add_argument("--only", metavar="SUITE", action="append",
                   choices=["start", "content", "answers", "certificates", "manager"],
                   help="run only this suite (repeatable)")

    p = sub.add_parser("export", help="export the matrix, attempts, question statistics or a CPD log")
    p.add_argument("what", choices=["matrix", "attempts", "questions", "cpd"])
    p.add_argument("--format", dest="fmt", choices=["csv", "xlsx", "pdf"], default="csv",
                   help="csv or xlsx (pdf for cpd too)")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the file")
    p.add_argument("--team", help="only learners in this team")
    p.add_argument("--learner", type=int, metavar="ID", help="only this learner (cpd needs it)")
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

    if args.content_command == "import":
        return cmd_content_import(args)

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


def cmd_content_import(args) -> int:
    from trainer.services.content_import import import_content_pack
    from trainer.store import Store

    db_path = paths.resolve_db_path(getattr(args, "db", None))
    store = Store.open(db_path)
    try:
        imported = import_content_pack(Path(args.zip), store, replace=args.replace)
    finally:
        store.close()
    for problem in imported.problems:
        print(problem)
    print(f"Imported {imported.pack_id} {imported.version} into {imported.path}"
          + (f" with {len(imported.problems)} problem(s)" if imported.problems else ""))
    return 0


def _warn_network(db_path: Path) -> None:
    from trainer.store.fsinfo import network_share_warning

    warning = network_share_warning(db_path)
    if warning:
        print(f"trainer: warning: {warning}", file=sys.stderr)


def cmd_db(args) -> int:
    from trainer.services.backups import BackupService, backups_for, restore_damaged
    from trainer.store import Store
    from trainer.store.backup import check_file
    from trainer.store.db import DatabaseCorruptError
    from trainer.store.lock import InstanceLock

    db_path = paths.resolve_db_path(getattr(args, "db", None))
    _warn_network(db_path)
    if args.db_command == "check":
        ok, message = check_file(db_path)
        print(message, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 1
    if args.db_command == "backups":
        found = backups_for(db_path)
        if not found:
            print(f"No backups yet in {paths.backups_dir(db_path)}. Make one with: trainer db backup")
        for backup in found:
            print(f"{backup.path}\t{backup.label}\t{backup.reason}\t{backup.size // 1024} KB")
        return 0
    if args.db_command == "backup":
        store = Store.open(db_path)
        try:
            path = BackupService(store).backup_now("manual")
        finally:
            store.close()
        print(f"Backed up to {path}")
        return 0
    # restore: never while the app has the records open
    if args.backup:
        backup = Path(args.backup)
    else:
        found = backups_for(db_path)
        if not found:
            raise _Quit(f"There are no backups in {paths.backups_dir(db_path)}.")
        backup = found[0].path
    with InstanceLock(db_path):
        try:
            store = Store.open(db_path)
        except DatabaseCorruptError:
            aside = restore_damaged(db_path, backup)
            print(f"Restored {backup} to {db_path}; the damaged file was kept as {aside}.")
            return 0
        try:
            safety = BackupService(store).restore(backup)
        finally:
            store.close()
    print(f"Restored {backup} to {db_path}. The records as they were are kept in {safety}.")
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


def cmd_bench(args) -> int:
    from trainer.tools.bench import run as run_bench

    report = run_bench(quick=args.quick, json_path=Path(args.json) if args.json else None,
                       only=args.only)
    failed = [m for m in report["measurements"].values() if m["value"] is None]
    return 1 if failed else 0

def cmd_export(args) -> int:
    from trainer.services import reports
    from trainer.services.errors import UserError
    from trainer.services.exports import write_file, write_table

    services = _open_services(args)
    try:
        insights = services.insights
        if args.fmt == "pdf" and args.what != "cpd":
            raise UserError("PDF is for 'export cpd'; use --format csv or xlsx.")
        if args.what == "matrix":
            table = reports.matrix_table(insights, team=args.team, learner_id=args.learner)
        elif args.what == "attempts":
            table = reports.attempts_table(insights, team=args.team, learner_id=args.learner)
        elif args.what == "questions":
            table = reports.questions_table(insights)
        else:
            if args.learner is None:
                raise UserError("'export cpd' needs --learner ID ('trainer learners list' shows "
                                "the IDs).")
            if services.store.learner(args.learner) is None:
                raise UserError(f"There is no learner {args.learner}.")
            if args.fmt == "pdf":
                path = write_file(Path(args.out), services.progress.cpd_pdf(args.learner))
                services.data_protection.record_export("cpd", f"{path} (learner {args.learner})")
                print(f"Saved the CPD log to {path}")
                return 0
            table = services.progress.cpd_table(args.learner)
        path = write_table(table, Path(args.out), args.fmt)
        services.data_protection.record_export(
            args.what, f"{path} (team {args.team or 'all'}, learner {args.learner or 'all'})")
        print(f"Saved {len(table.rows)} rows to {path}")
    finally:
        services.close()
    return 0

def cmd_self_test(args) -> int:
    """Core checks need no Qt; the window check imports Qt only now, and a failure to load Qt is
    reported as a failed check rather than a traceback."""
    from trainer.services.selftest import CheckFailed, run_self_test, use_offscreen_platform

    use_offscreen_platform()
    try:
        from trainer.ui.selftest import check_window
    except Exception as exc:  # noqa: BLE001 - Qt or one of its system libraries is missing
        message = f"Qt could not be loaded ({type(exc).__name__}: {exc})"

        def check_window(_test):
            raise CheckFailed(message)

    return run_self_test([Path(p) for p in getattr(args, "content", [])],
                         window_check=check_window)

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
    for skipped in audit.skipped:
        print(f"  not audited: {skipped['dialog']} ({skipped['module']}): {skipped['reason']}")
    return 1 if audit.findings or audit.skipped else 0


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
    "db": cmd_db,
    "bench": cmd_bench,
    "export": cmd_export,
    "ui-audit": cmd_ui_audit,
}


def run(argv: list[str]) -> int:
    from trainer.content.yamlio import ContentError
    from trainer.services.errors import UserError
    from trainer.store.db import StoreError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            return cmd_self_test(args)
        if args.command is None:
            return _start_app(args)
        return COMMANDS[args.command](args)
    except (UserError, StoreError, ContentError, _Quit) as exc:
        print(f"trainer: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
