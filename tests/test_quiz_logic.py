from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.quiz.draw import draw_questions, option_order
from trainer.quiz.model import AttemptState, Option, Question, QuestionType
from trainer.quiz.scoring import passed, percent, score


def q(kind: QuestionType, answer, n: int = 5) -> Question:
    options = tuple(Option(chr(97 + i), f"option {i}", "why") for i in range(n))
    return Question("t-1", "m", "topic", kind, "stem", options, tuple(answer), "expl", ("12",))


def test_single_choice():
    question = q(QuestionType.SINGLE, ["b"])
    assert score(question, ["b"]) == 1
    assert score(question, ["a"]) == 0
    assert score(question, ["a", "b"]) == 0


def test_multiple_response_partial_credit_with_penalty():
    question = q(QuestionType.MULTIPLE, ["a", "b"])
    assert score(question, ["a", "b"]) == 1
    assert score(question, ["a"]) == 0.5
    assert score(question, ["a", "c"]) == 0
    assert score(question, ["c", "d"]) == 0  # never below zero


@given(st.sets(st.sampled_from("abcdef"), min_size=1, max_size=5),
       st.sets(st.sampled_from("abcdef")))
def test_multiple_response_bounded_and_monotonic(right, picked):
    if len(right) >= 6:
        return
    question = q(QuestionType.MULTIPLE, sorted(right), 6)
    mark = score(question, sorted(picked))
    assert 0 <= mark <= 1
    # Adding a right option never lowers the mark.
    missing = right - picked
    if missing:
        assert score(question, sorted(picked | {min(missing)})) >= mark


@given(st.integers(min_value=0, max_value=2**31 - 1), st.integers(min_value=0, max_value=20))
def test_draw_is_reproducible_and_a_subset(seed, count):
    pool = [f"q-{i}" for i in range(15)]
    first = draw_questions(pool, count, seed)
    assert first == draw_questions(list(reversed(pool)), count, seed)
    assert len(set(first)) == len(first) == (15 if count == 0 else min(count, 15))
    assert set(first) <= set(pool)


def test_option_order_is_seeded():
    question = q(QuestionType.SINGLE, ["a"])
    assert option_order(question, 7, True) == option_order(question, 7, True)
    assert [o.id for o in option_order(question, 7, False)] == list("abcde")


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=20))
def test_attempt_state_tracks_answers(marks):
    ids = [f"q{i}" for i in range(len(marks))]
    state = AttemptState(ids)
    for index, (qid, mark) in enumerate(zip(ids, marks, strict=True)):
        assert state.current_index == index
        state.record(qid, ("a",), mark)
    assert state.finished
    assert abs(state.score - sum(marks)) < 1e-9


def test_pass_mark_boundaries():
    assert passed(8, 10, 80)
    assert not passed(7.9, 10, 80)
    assert percent(7.99, 10) == 79
