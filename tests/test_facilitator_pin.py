from __future__ import annotations

import pytest

from trainer.services.errors import FieldError, UserError
from trainer.services.facilitator import HASH_KEY, FacilitatorLock


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_pin_is_hashed_and_checked(services):
    lock = FacilitatorLock(services.store)
    lock.set_pin("4827", "4827")
    stored = services.store.get_setting(HASH_KEY)
    assert "4827" not in stored and stored.startswith("pbkdf2_sha256$")
    assert lock.unlock("4827")


def test_growing_delay_after_failures(services):
    clock = Clock()
    lock = FacilitatorLock(services.store, clock)
    lock.set_pin("4827", "4827")
    assert not lock.unlock("0000")
    with pytest.raises(UserError, match="Wait"):
        lock.unlock("4827")
    clock.now += 1.1
    assert not lock.unlock("1111")
    clock.now += 1.1
    with pytest.raises(UserError):  # the second wait is two seconds
        lock.unlock("4827")
    clock.now += 1.0
    assert lock.unlock("4827")


@pytest.mark.parametrize("pin,confirm", [("12", "12"), ("abcd", "abcd"), ("1234", "1235")])
def test_bad_pins_are_refused(services, pin, confirm):
    with pytest.raises(FieldError):
        FacilitatorLock(services.store).set_pin(pin, confirm)
