"""Verification codes: a keyed HMAC-SHA256 over the certified fields.

The key is a secret made once per installation. Changing any certified field (a name, a score, a
date) gives a different code, so a doctored record no longer verifies.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets

from trainer.store.records import Certificate

CERTIFIED_FIELDS = ("id", "learner_name", "kind", "title", "score_text", "cpd_minutes",
                    "issued_at", "pack_id", "pack_version")


def new_secret() -> str:
    return secrets.token_hex(32)


def new_certificate_id(year: int) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return f"TC-{year}-" + "".join(secrets.choice(alphabet) for _ in range(8))


def _payload(fields: dict) -> bytes:
    return json.dumps([fields[name] for name in CERTIFIED_FIELDS], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def compute_code(secret: str, fields: dict) -> str:
    digest = hmac.new(bytes.fromhex(secret), _payload(fields), hashlib.sha256).digest()
    text = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def normalise_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def code_matches(secret: str, certificate: Certificate) -> bool:
    fields = {name: getattr(certificate, name) for name in CERTIFIED_FIELDS}
    return hmac.compare_digest(compute_code(secret, fields), certificate.code)
