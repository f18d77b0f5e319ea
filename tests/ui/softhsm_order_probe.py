"""Run in a child pytest process by test_softhsm_order.py (the PKCS#11 module
is loaded once per process, so the order can only be tested in a fresh one):
a test that looks for tokens without asking for the ``pki`` fixture runs first,
then one that needs the PKI's token."""

from __future__ import annotations

from typing import Any

import pkcs11

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"


def test_first_a_test_that_looks_for_tokens_without_the_pki() -> None:
    # As a window's sync or a signing page does: the module is loaded (and
    # SoftHSM reads its configuration) here, before any test asked for ``pki``.
    pkcs11.lib(SOFTHSM).get_slots()


def test_then_a_test_that_needs_the_pki_token(pki: Any) -> None:
    labels = {t.label for t in pkcs11.lib(pki.module).get_tokens()}
    assert "HANOI-SIGNER" in labels, sorted(labels)
