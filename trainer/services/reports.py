"""The manager's exports: the matrix, the attempts, the question statistics and a team summary."""

from __future__ import annotations

from datetime import date

from trainer.services.exports import Table, para, pdf_bytes, pdf_table
from trainer.services.insights import InsightService, topic_label


def matrix_table(insights: InsightService, *, team: str | None = None, role: str | None = None,
                 since: str | None = None, until: str | None = None,
                 learner_id: int | None = None) -> Table:
    modules = insights.modules()
    headers = ["Learner", "Role", "Team"]
    for _mid, title in modules:
        headers += [f"{title}: status", f"{title}: best %", f"{title}: date"]
    rows = []
    learners = insights.store.matrix(team=team, role=role, since=since, until=until,
                                     learner_id=learner_id)
    for learner in learners:
        row = [learner.name, learner.role, learner.team]
        for mid, _title in modules:
            cell = learner.cells.get(mid)
            if cell is None:
                row += ["not started", None, None]
            else:
                row += ["passed" if cell.passed else "not yet passed", cell.best_percent,
                        (cell.first_passed_at or cell.last_finished_at)[:10]]
        rows.append(row)
    return Table("Matrix", headers, rows)


def attempts_table(insights: InsightService, *, team: str | None = None, role: str | None = None,
                   learner_id: int | None = None) -> Table:
    headers = ["Attempt", "Learner", "Staff ID", "Team", "Role", "Module", "Quiz", "Mode",
               "Started", "Finished", "Score", "Out of", "Passed"]
    rows = [[a.id, a.learner_name, a.staff_id, a.team, a.role, a.module_id, a.quiz_id, a.mode,
             a.started_at, a.finished_at, a.score, a.max_score, a.passed]
            for a in insights.store.attempt_rows(team=team, role=role, learner_id=learner_id)]
    return Table("Attempts", headers, rows)


def questions_table(insights: InsightService) -> Table:
    headers = ["Question", "Module", "Topic", "Question text", "Answers", "Facility index",
               "Discrimination index", "Wrong answer chosen most", "Times chosen"]
    rows = [[q.question_id, q.module, q.topic, q.stem, q.answered, round(q.facility, 3),
             None if q.discrimination is None else round(q.discrimination, 3), q.top_wrong,
             q.top_wrong_count] for q in insights.question_stats()]
    return Table("Questions", headers, rows)


def team_summary_pdf(insights: InsightService, team: str | None, organisation: str = "") -> bytes:
    from reportlab.lib.units import mm

    from trainer.services.exports import _styles

    styles = _styles()
    who = team or "All teams"
    learners = insights.store.matrix(team=team)
    modules = insights.modules()
    story = [para(f"Training summary: {who}", styles["h1"]),
             para(f"{organisation + ' · ' if organisation else ''}Printed "
                  f"{date.today():%d %B %Y}. {len(learners)} "
                  f"learner{'' if len(learners) == 1 else 's'}.", styles["body"]),
             para("Modules passed", styles["h2"])]
    rows = []
    for mid, title in modules:
        passed = sum(1 for learner in learners if (c := learner.cells.get(mid)) and c.passed)
        tried = sum(1 for learner in learners if mid in learner.cells)
        pct = f"{passed * 100 // len(learners)}%" if learners else "–"
        rows.append([title, passed, tried, pct])
    story.append(pdf_table(Table("", ["Module", "Passed", "Attempted", "Share passed"], rows),
                           styles, widths=[92 * mm, 22 * mm, 28 * mm, 30 * mm]))
    needs = insights.training_needs(team)
    story.append(para("Training needs: topics, weakest first", styles["h2"]))
    if needs:
        story.append(pdf_table(Table("", ["Topic", "Mean mark", "Answers", "Learners"], [
            [topic_label(n.topic), f"{round(n.facility * 100)}%", n.answered, n.learners or "–"]
            for n in needs[:15]]), styles, widths=[100 * mm, 24 * mm, 24 * mm, 24 * mm]))
    else:
        story.append(para("No answers yet from this team.", styles["body"]))
    story.append(para("The report found “no skills audit or detailed record of social workers' or "
                      "managers' current levels of training and development” (¶100) and asked "
                      "for an “analysis of workforce training needs and gaps” (¶105).",
                      styles["small"]))
    return pdf_bytes(f"Training summary: {who}", story)
