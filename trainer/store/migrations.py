"""Schema migrations, one step per version, applied in order inside one transaction each.

Append only: a released step is never edited. ``PRAGMA user_version`` records the version, so a
database written by a newer app (a higher version than the last step here) is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def _v1(db: Database) -> None:
    for sql in (
        """CREATE TABLE learners (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            team TEXT NOT NULL,
            staff_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            archived_at TEXT
        )""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            quiz_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            question_ids TEXT NOT NULL,
            pass_mark INTEGER NOT NULL,
            mode TEXT NOT NULL DEFAULT 'self',
            started_at TEXT NOT NULL,
            finished_at TEXT,
            score REAL,
            max_score INTEGER,
            passed INTEGER
        )""",
        "CREATE INDEX attempts_learner ON attempts(learner_id, quiz_id)",
        """CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            answer TEXT NOT NULL,
            points REAL NOT NULL,
            max_points REAL NOT NULL DEFAULT 1,
            correct INTEGER NOT NULL,
            confidence TEXT,
            seconds REAL,
            answered_at TEXT NOT NULL,
            UNIQUE (attempt_id, question_id)
        )""",
        "CREATE INDEX responses_question ON responses(question_id, correct)",
        """CREATE TABLE lesson_progress (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, pack_id, module_id)
        )""",
        """CREATE TABLE certificates (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            learner_id INTEGER REFERENCES learners(id) ON DELETE SET NULL,
            learner_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            attempt_id INTEGER REFERENCES attempts(id) ON DELETE SET NULL,
            score_text TEXT NOT NULL DEFAULT '',
            cpd_minutes INTEGER NOT NULL,
            pack_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_reason TEXT
        )""",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )""",
    ):
        db.execute(sql)


def _v2_quiz_engine(db: Database) -> None:
    """Case-study paths, the spaced-practice queue and practice sessions (issue 4)."""
    for sql in (
        """CREATE TABLE case_runs (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            case_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            ending_id TEXT,
            score INTEGER
        )""",
        "CREATE INDEX case_runs_learner ON case_runs(learner_id, case_id)",
        """CREATE TABLE case_steps (
            run_id INTEGER NOT NULL REFERENCES case_runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            node_id TEXT NOT NULL,
            choice_index INTEGER NOT NULL,
            next_id TEXT NOT NULL,
            chosen_at TEXT NOT NULL,
            PRIMARY KEY (run_id, position)
        )""",
        """CREATE TABLE practice_queue (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            box INTEGER NOT NULL,
            due_at TEXT NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, pack_id, question_id)
        )""",
        """CREATE TABLE practice_sessions (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            seed INTEGER NOT NULL,
            question_ids TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        )""",
        """CREATE TABLE practice_responses (
            session_id INTEGER NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            answer TEXT NOT NULL,
            points REAL NOT NULL,
            correct INTEGER NOT NULL,
            confidence TEXT,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id)
        )""",
    ):
        db.execute(sql)


def _v3_group_sessions(db: Database) -> None:
    """Facilitator-led group sessions: the plan, the steps, answers, attendance and CPD rows."""
    for sql in (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            pack_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            module_id TEXT NOT NULL,
            title TEXT NOT NULL,
            scheduled_for TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            facilitator TEXT NOT NULL,
            question_count INTEGER NOT NULL DEFAULT 6,
            seed INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'running', 'finished')),
            current_step INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            started_at TEXT,
            ended_at TEXT,
            cpd_minutes INTEGER,
            notes TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE session_attendees (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            present INTEGER,
            added_at TEXT NOT NULL,
            certificate_id TEXT REFERENCES certificates(id) ON DELETE SET NULL,
            PRIMARY KEY (session_id, learner_id)
        )""",
        """CREATE TABLE session_steps (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            collect_mode TEXT NOT NULL DEFAULT 'hands',
            notes TEXT NOT NULL DEFAULT '',
            shown_at TEXT,
            revealed_at TEXT,
            PRIMARY KEY (session_id, position)
        )""",
        """CREATE TABLE session_tallies (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            option_id TEXT NOT NULL,
            count INTEGER NOT NULL CHECK (count >= 0),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, option_id)
        )""",
        """CREATE TABLE session_responses (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            answer TEXT NOT NULL,
            correct INTEGER NOT NULL,
            source TEXT NOT NULL DEFAULT 'console',
            answered_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, learner_id)
        )""",
        # What each attendee's CPD log reads: one row per attended session.
        """CREATE TABLE group_learning (
            learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            title TEXT NOT NULL,
            activity TEXT NOT NULL,
            date TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (learner_id, session_id)
        )""",
        "CREATE INDEX sessions_status ON sessions(status)",
    ):
        db.execute(sql)


MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2_quiz_engine, _v3_group_sessions]
SCHEMA_VERSION = len(MIGRATIONS)
