"""Synthetic training records at scale, for the manager-view benchmark.

    python -m tests.tools.synth --db /tmp/big.db --learners 10000 --responses 1000000

Learners get a team and role; each finishes attempts at the loaded quizzes with answers drawn from
the real question banks (right more often for able learners and easy questions), then the summary
tables are rebuilt. Rows go in with executemany inside a few big transactions.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.content.library import load_library
from trainer.store import Store

TEAMS = [f"{area} {n}" for area in ("MASH", "Assessment", "Family support", "Looked after",
                                    "Care leavers", "Fostering", "Adoption", "Court")
         for n in range(1, 4)]
ROLES = ["Social worker", "Senior practitioner", "Team manager", "Personal adviser", "IRO"]


def generate(db_path: Path, learners: int, responses: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    library = load_library()
    pack = library.packs[0]
    quizzes = []
    for rules in pack.quizzes.values():
        pool = pack.pool(rules)
        if pool:
            quizzes.append((rules, pool))
    store = Store.open(db_path)
    conn = store.db.conn
    started = time.perf_counter()
    base = datetime(2023, 1, 1, tzinfo=UTC)
    conn.execute("PRAGMA synchronous=OFF")
    with store.db.atomic():
        conn.executemany(
            "INSERT INTO learners(id, name, role, team, staff_id, created_at) VALUES (?,?,?,?,?,?)",
            [(i, f"Learner {i:05d}", rng.choice(ROLES), rng.choice(TEAMS), f"S{i:06d}",
              base.isoformat()) for i in range(1, learners + 1)])
    ability = {i: rng.uniform(-1.0, 1.5) for i in range(1, learners + 1)}
    attempt_id = 0
    made = 0
    attempts_rows: list[tuple] = []
    response_rows: list[tuple] = []

    def flush():
        with store.db.atomic():
            conn.executemany(
                "INSERT INTO attempts(id, learner_id, pack_id, pack_version, quiz_id, module_id, "
                "seed, question_ids, pass_mark, mode, started_at, finished_at, score, max_score, "
                "passed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", attempts_rows)
            conn.executemany(
                "INSERT INTO responses(attempt_id, question_id, position, answer, points, "
                "correct, confidence, seconds, answered_at) VALUES (?,?,?,?,?,?,?,?,?)",
                response_rows)
        attempts_rows.clear()
        response_rows.clear()

    while made < responses:
        learner = rng.randint(1, learners)
        rules, pool = rng.choice(quizzes)
        count = min(rules.draw or len(pool), len(pool), responses - made)
        chosen = rng.sample(pool, count)
        attempt_id += 1
        when = base + timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        stamp = when.isoformat(timespec="seconds")
        score = 0.0
        for position, question in enumerate(chosen):
            p_right = 1 / (1 + 2.718 ** -(ability[learner] + 1.2 - 0.5 * question.difficulty))
            right = rng.random() < p_right
            if right:
                answer = list(question.answer)
            else:
                wrong = [o.id for o in question.options if o.id not in question.answer]
                answer = [rng.choice(wrong)] if wrong else []
            points = 1.0 if right else 0.0
            score += points
            response_rows.append((attempt_id, question.id, position, json.dumps(answer), points,
                                  int(right), rng.choice(("unsure", "fairly sure", "sure")),
                                  rng.uniform(10, 90), stamp))
        made += count
        passed = score * 100 >= rules.pass_mark * count
        attempts_rows.append((attempt_id, learner, pack.id, pack.version, rules.id, rules.module,
                              rng.randrange(2**31), json.dumps([q.id for q in chosen]),
                              rules.pass_mark, "self", stamp, stamp, score, count, int(passed)))
        if len(response_rows) >= 200_000:
            flush()
    flush()
    loaded = time.perf_counter() - started
    store.rebuild_summaries()
    conn.execute("ANALYZE")
    total = time.perf_counter() - started
    store.close()
    return {"learners": learners, "attempts": attempt_id, "responses": made,
            "load_seconds": round(loaded, 1), "total_seconds": round(total, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new file")
    print(json.dumps(generate(args.db, args.learners, args.responses, args.seed)))


if __name__ == "__main__":
    main()
