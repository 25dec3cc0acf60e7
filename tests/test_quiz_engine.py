"""The quiz engine's pure logic: scoring every type, attempt state, case-study walks, the practice
schedule and the time limit. Property tests (hypothesis) where a rule must hold for every input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.quiz import schedule
from trainer.quiz.casestudy import CaseStudy, Choice, Node, Walk
from trainer.quiz.draw import draw_questions, group_sets, match_choices, option_order
from trainer.quiz.model import AttemptState, Option, Question, QuestionType
from trainer.quiz.scoring import is_correct, right_answer, score
from trainer.quiz.timing import TimeLimit, clock

IDS = "abcdef"


def make(kind: QuestionType, n: int, answer=None, distractors=()) -> Question:
    options = tuple(Option(IDS[i], f"item {i}", "why", match=f"match {i}") for i in range(n))
    if kind is QuestionType.TRUEFALSE:
        options = (Option("true", "True", "why"), Option("false", "False", "why"))
    answer = tuple(answer if answer is not None else [o.id for o in options])
    return Question("t-1", "m", "topic", kind, "stem", options, answer, "expl", ("12",),
                    distractors=tuple(distractors))


# -- scoring -------------------------------------------------------------------------------------
def test_truefalse_scores_one_or_zero():
    question = make(QuestionType.TRUEFALSE, 2, ["false"])
    assert score(question, ["false"]) == 1
    assert score(question, ["true"]) == 0


def test_ordering_gives_a_share_per_step_in_place():
    question = make(QuestionType.ORDERING, 4)
    assert score(question, list("abcd")) == 1
    assert score(question, list("abdc")) == 0.5
    assert score(question, list("dcba")) == 0
    assert score(question, list("abc")) == 0  # incomplete


def test_matching_gives_a_share_per_right_pair():
    question = make(QuestionType.MATCHING, 4, distractors=["nothing"])
    full = right_answer(question)
    assert score(question, full) == 1
    swapped = ("a=match 1", "b=match 0", "c=match 2", "d=match 3")
    assert score(question, swapped) == 0.5
    assert score(question, ("a=nothing",)) == 0


@st.composite
def question_and_answer(draw):
    kind = draw(st.sampled_from(list(QuestionType)))
    n = draw(st.integers(min_value=2, max_value=6))
    ids = list(IDS[:n])
    if kind is QuestionType.SINGLE:
        question = make(kind, n, [draw(st.sampled_from(ids))])
        answer = draw(st.lists(st.sampled_from(ids), max_size=n))
    elif kind is QuestionType.MULTIPLE:
        right = draw(st.sets(st.sampled_from(ids), min_size=1, max_size=n))
        question = make(kind, n, sorted(right))
        answer = sorted(draw(st.sets(st.sampled_from(ids))))
    elif kind is QuestionType.TRUEFALSE:
        question = make(kind, 2, [draw(st.sampled_from(["true", "false"]))])
        answer = draw(st.lists(st.sampled_from(["true", "false"]), max_size=2))
    elif kind is QuestionType.ORDERING:
        question = make(kind, n, draw(st.permutations(ids)))
        answer = draw(st.one_of(st.permutations(ids), st.lists(st.sampled_from(ids))))
    else:
        question = make(kind, n, distractors=draw(st.lists(st.sampled_from(["x", "y"]),
                                                           unique=True)))
        rights = [o.match for o in question.options] + list(question.distractors)
        answer = [f"{i}={draw(st.sampled_from(rights))}"
                  for i in draw(st.lists(st.sampled_from(ids), unique=True))]
    return question, answer


@given(question_and_answer())
def test_every_mark_is_between_zero_and_one(qa):
    question, answer = qa
    mark = score(question, answer)
    assert 0 <= mark <= 1
    assert is_correct(question, answer) == (mark >= 0.999999)


@given(question_and_answer())
def test_the_right_answer_always_earns_the_full_mark(qa):
    question, _ = qa
    assert score(question, right_answer(question)) == 1
    assert is_correct(question, right_answer(question))


@given(st.sets(st.sampled_from(IDS), min_size=1, max_size=5), st.sets(st.sampled_from(IDS)),
       st.sampled_from(IDS))
def test_multiple_response_a_wrong_pick_never_raises_the_mark(right, picked, extra):
    question = make(QuestionType.MULTIPLE, 6, sorted(right))
    if extra in right:
        return
    assert score(question, sorted(picked | {extra})) <= score(question, sorted(picked))


@given(st.permutations(list(IDS[:5])), st.integers(0, 2**31 - 1))
def test_ordering_never_starts_in_the_right_order(answer, seed):
    question = make(QuestionType.ORDERING, 5, answer)
    shown = [o.id for o in option_order(question, seed, shuffle=False)]
    assert sorted(shown) == sorted(answer)
    assert tuple(shown) != tuple(answer)
    assert shown == [o.id for o in option_order(question, seed, shuffle=True)]  # replayable


def test_match_choices_include_distractors_and_replay():
    question = make(QuestionType.MATCHING, 3, distractors=["odd one out"])
    first = match_choices(question, 9)
    assert sorted(first) == sorted(["match 0", "match 1", "match 2", "odd one out"])
    assert first == match_choices(question, 9)


# -- drawing scenario sets -----------------------------------------------------------------------
@given(st.integers(0, 2**31 - 1), st.integers(0, 12))
def test_scenario_sets_are_drawn_together(seed, count):
    pool = [f"q-{i:02d}" for i in range(12)]
    sets = {"q-01": "v1", "q-05": "v1", "q-09": "v1", "q-03": "v2", "q-04": "v2"}
    drawn = draw_questions(pool, count, seed, sets)
    assert sorted(drawn) == sorted(draw_questions(pool, count, seed))
    for group in ("v1", "v2"):
        places = [i for i, q in enumerate(drawn) if sets.get(q) == group]
        assert places == list(range(places[0], places[0] + len(places))) if places else True


def test_group_sets_keeps_first_place():
    assert group_sets(["x", "a1", "y", "a2"], {"a1": "a", "a2": "a"}) == ["x", "a1", "a2", "y"]


# -- attempt state -------------------------------------------------------------------------------
@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=15),
       st.data())
def test_attempt_state_rebuilt_from_saved_answers_is_the_same(marks, data):
    ids = [f"q{i}" for i in range(len(marks))]
    answered = data.draw(st.integers(0, len(ids)))
    state = AttemptState(ids)
    for qid, mark in zip(ids[:answered], marks, strict=False):
        state.record(qid, ("a",), mark)
    # Resume: the same answers, read back in any order, give the same place and score.
    order = data.draw(st.permutations(ids[:answered]))
    again = AttemptState(ids)
    for qid in order:
        again.record(qid, state.answers[qid], state.points[qid])
    assert again.current_index == state.current_index == answered
    assert again.finished == (answered == len(ids))
    assert abs(again.score - state.score) < 1e-9
    assert 0 <= state.score <= state.max_score


@given(st.lists(st.sampled_from(["q0", "q1", "q2", "zz"]), max_size=8))
def test_attempt_state_refuses_double_and_foreign_answers(sequence):
    state = AttemptState(["q0", "q1", "q2"])
    for qid in sequence:
        before = dict(state.answers)
        if qid == "zz":
            with pytest.raises(KeyError):
                state.record(qid, ("a",), 1.0)
        elif qid in before:
            with pytest.raises(ValueError):
                state.record(qid, ("a",), 1.0)
        else:
            state.record(qid, ("a",), 1.0)
        assert len(state.answers) <= 3


# -- case studies --------------------------------------------------------------------------------
def tiny_case() -> CaseStudy:
    nodes = {
        "start": Node("start", "Begin", (Choice("Call the school first", "Good", "middle"),
                                          Choice("Wait", "Drift", "end-bad"))),
        "middle": Node("middle", "Then", (Choice("Ask for consent", "Good", "end-good"),
                                           Choice("Close it", "Closed", "end-bad"))),
        "end-good": Node("end-good", ending=True, score=100, title="Good ending", debrief="Yes"),
        "end-bad": Node("end-bad", ending=True, score=20, title="Drift", debrief="No"),
    }
    return CaseStudy("cs", "Case", "", "start", nodes)


def test_walk_follows_choices_to_an_ending():
    walk = Walk(tiny_case())
    assert walk.current.id == "start" and not walk.finished
    step = walk.choose(0)
    assert step.choice.consequence == "Good"
    walk.choose(0)
    assert walk.finished and walk.score == 100
    assert walk.breadcrumb() == ["Start", "Call the school first", "Ask for consent",
                                 "Good ending"]
    with pytest.raises(ValueError):
        walk.choose(0)


@given(st.lists(st.tuples(st.sampled_from(["start", "middle", "gone"]), st.integers(-1, 3)),
                max_size=5))
def test_replay_never_leaves_the_story(saved):
    case = tiny_case()
    walk = Walk.replay(case, saved)
    assert walk.current.id in case.nodes
    assert len(walk.steps) <= 2
    assert walk.score in (None, 100, 20)


# -- the practice schedule -----------------------------------------------------------------------
NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def test_wrong_or_unsure_joins_the_queue_due_now():
    assert schedule.after_check(None, False, "sure", NOW) == schedule.Card(1, NOW)
    assert schedule.after_check(None, True, "unsure", NOW) == schedule.Card(1, NOW)
    assert schedule.after_check(None, True, "sure", NOW) is None


def test_leitner_boxes_climb_and_retire():
    card = schedule.enter(NOW)
    intervals = []
    while not card.retired:
        card = schedule.after_practice(card, True, "sure", NOW)
        intervals.append((card.due - NOW).days)
    assert intervals == [3, 7, 21, 0]


@given(st.lists(st.tuples(st.booleans(), st.sampled_from([None, "unsure", "fairly", "sure"])),
                max_size=12))
def test_schedule_is_always_a_valid_box_in_the_future(answers):
    card = schedule.enter(NOW)
    for correct, confidence in answers:
        if card.retired:
            break
        card = schedule.after_practice(card, correct, confidence, NOW)
        assert 1 <= card.box <= schedule.LAST_BOX
        assert card.due >= NOW
        if not correct:
            assert card.box == 1 and card.due == NOW + timedelta(days=1)


# -- time limit ----------------------------------------------------------------------------------
def test_time_limit_can_be_extended_and_turned_off():
    assert TimeLimit(0).remaining(999) is None  # no limit by default
    limit = TimeLimit(1)
    assert limit.remaining(30) == 30 and not limit.expired(30)
    assert limit.expired(60)
    limit.extend(10)
    assert limit.remaining(60) == 600
    limit.turn_off()
    assert limit.remaining(10_000) is None and not limit.expired(10_000)
    assert clock(605) == "10:05"


def test_design_problems_catch_loops_few_endings_and_a_short_best_path():
    from trainer.quiz.casestudy import design_problems

    case = tiny_case()
    assert any("three endings" in p for p in design_problems(case))
    nodes = dict(case.nodes)
    nodes["end-mid"] = Node("end-mid", ending=True, score=50, title="Middling")
    nodes["middle"] = Node("middle", "Then", (Choice("Ask", "Good", "end-good"),
                                               Choice("Back", "Loop", "start"),
                                               Choice("Half", "Half", "end-mid")))
    looped = CaseStudy("cs", "Case", "", "start", nodes)
    assert any("loop" in p for p in design_problems(looped))
    nodes["middle"] = Node("middle", "Then", (Choice("Ask", "Good", "end-good"),
                                               Choice("Half", "Half", "end-mid")))
    assert design_problems(CaseStudy("cs", "Case", "", "start", nodes)) == []
    nodes["start"] = Node("start", "Begin", (Choice("Straight there", "Good", "end-good"),
                                              Choice("Middle", "Hm", "middle")))
    short = design_problems(CaseStudy("cs", "Case", "", "start", nodes))
    assert any("after 1 decision" in p for p in short)
