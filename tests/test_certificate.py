from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from trainer.services.errors import FieldError, UserError

NAMES = ["Zoë O'Brien <Team Lead> & Co", "Łukasz Żółć"]


def pass_attempt(services, pack, name):
    learner = services.learners.add(name, "Social worker", "MASH")
    view = services.study.start_or_resume(learner.id, pack.id, "front-door-check")
    while view.current is not None:
        services.study.answer(view, view.current.id, view.current.answer, "sure")
    services.study.finish(view)
    return view.attempt.id


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


@pytest.mark.parametrize("name", NAMES)
def test_certificate_prints_the_name_exactly(services, pack, name):
    attempt_id = pass_attempt(services, pack, name)
    certificate = services.certificates.issue_for_attempt(attempt_id)
    data = services.certificates.pdf(certificate)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = pdf_text(data)
    assert name in text
    for expected in ("The front door", "Score: 10 out of 10 (100%)", certificate.id,
                     certificate.code, "Open Government Licence v3.0", "minutes"):
        assert expected in text
    fonts = str(reader.pages[0]["/Resources"]["/Font"])
    assert "Helvetica" not in fonts


def test_verification_code_detects_changes(services, pack):
    attempt_id = pass_attempt(services, pack, "Sam Taylor")
    certificate = services.certificates.issue_for_attempt(attempt_id)
    assert services.certificates.verify(certificate.code.lower().replace("-", " ")).genuine
    services.store.db.execute("UPDATE certificates SET score_text = 'Score: 10 out of 10 (100%)!'")
    verdict = services.certificates.verify(certificate.code)
    assert not verdict.genuine and "changed" in verdict.message


def test_no_certificate_without_a_pass(services, pack):
    learner = services.learners.add("Sam", "Social worker", "MASH")
    view = services.study.start_or_resume(learner.id, pack.id, "front-door-check")
    while view.current is not None:
        wrong = [o.id for o in view.current.options if o.id not in view.current.answer][:1]
        services.study.answer(view, view.current.id, tuple(wrong))
    result = services.study.finish(view)
    assert not result.passed and result.score == 0
    with pytest.raises(UserError, match="not been passed"):
        services.certificates.issue_for_attempt(view.attempt.id)


@pytest.mark.parametrize("name,field", [("   ", "name"), ("x" * 101, "name"),
                                        ("Sam\nTaylor", "name")])
def test_learner_validation(services, name, field):
    with pytest.raises(FieldError) as info:
        services.learners.add(name, "Social worker", "MASH")
    assert info.value.field == field
    assert "Name" in str(info.value)
