"""The facilitator PIN that guards Group sessions and Manage.

Stored only as a salted PBKDF2-SHA256 hash; each failed try doubles the wait before the next one
(1 s, 2 s, 4 s … up to 5 minutes). The PIN itself is never stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable

from trainer.services.errors import FieldError, UserError
from trainer.store import Store

ITERATIONS = 200_000
HASH_KEY = "facilitator_pin_hash"
FAILS_KEY = "facilitator_pin_failures"
LAST_FAIL_KEY = "facilitator_pin_last_failure"
MAX_DELAY = 300.0


def _hash(pin: str, salt: bytes, iterations: int = ITERATIONS) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def check_pin_format(pin: str) -> str:
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise FieldError("pin", "PIN must be 4 to 12 digits, for example 4827.")
    return pin


class FacilitatorLock:
    def __init__(self, store: Store, clock: Callable[[], float] = time.time):
        self.store = store
        self.clock = clock

    @property
    def is_set(self) -> bool:
        return self.store.get_setting(HASH_KEY) is not None

    def set_pin(self, pin: str, confirm: str) -> None:
        check_pin_format(pin)
        if pin != confirm:
            raise FieldError("confirm", "The two PINs do not match; type the same PIN twice.")
        self.store.set_setting(HASH_KEY, _hash(pin, secrets.token_bytes(16)))
        self.store.set_setting(FAILS_KEY, "0")

    def wait_seconds(self) -> float:
        fails = int(self.store.get_setting(FAILS_KEY, "0") or 0)
        if fails == 0:
            return 0.0
        delay = min(MAX_DELAY, 2.0 ** (fails - 1))
        last = float(self.store.get_setting(LAST_FAIL_KEY, "0") or 0)
        return max(0.0, last + delay - self.clock())

    def unlock(self, pin: str) -> bool:
        """True if ``pin`` is right. Raises UserError while a wait after failed tries runs."""
        stored = self.store.get_setting(HASH_KEY)
        if stored is None:
            raise UserError("No facilitator PIN has been set yet.")
        wait = self.wait_seconds()
        if wait > 0:
            raise UserError(f"Too many wrong PINs. Wait {int(wait) + 1} seconds and try again.")
        _, iterations, salt, _ = stored.split("$")
        candidate = _hash(pin, bytes.fromhex(salt), int(iterations))
        if hmac.compare_digest(candidate, stored):
            self.store.set_setting(FAILS_KEY, "0")
            return True
        fails = int(self.store.get_setting(FAILS_KEY, "0") or 0) + 1
        self.store.set_setting(FAILS_KEY, str(fails))
        self.store.set_setting(LAST_FAIL_KEY, str(self.clock()))
        return False
