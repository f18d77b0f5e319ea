"""Where PKCS#11 modules are looked for.

A configurable list first (``HANOI_DESK_PKCS11_MODULES``, separated by the
platform's path separator, and any ``--module``), then the places Vietnamese CAs'
installers and common middleware put their drivers on Linux and Windows.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ENV_VAR = "HANOI_DESK_PKCS11_MODULES"

LINUX_CANDIDATES = (
    "/usr/lib/viettel-ca_v6.so",
    "/usr/lib/x86_64-linux-gnu/viettel-ca_v6.so",
    "/usr/lib/libcastle.so.1.0.0",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/x86_64-linux-gnu/libeTPkcs11.so",
    "/usr/lib/libbit4ipki.so",
    "/usr/lib/bit4id/libbit4ipki.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
    "/usr/lib/softhsm/libsofthsm2.so",
)

# Names as installed by Viettel-CA, VNPT-CA, FPT-CA, BkavCA, ePass2003, SafeNet, bit4id.
WINDOWS_NAMES = (
    "viettel-ca_v6.dll",
    "vnptca_p11_v*.dll",
    "vnpt-ca_csp11.dll",
    "fptca_v*.dll",
    "BkavCAv2S.dll",
    "eps2003csp11.dll",
    "eTPKCS11.dll",
    "bit4xpki.dll",
    "opensc-pkcs11.dll",
)


def _windows_candidates() -> list[str]:
    root = os.environ.get("SYSTEMROOT", r"C:\Windows")
    folders = [os.path.join(root, "System32"), os.path.join(root, "SysWOW64")]
    out: list[str] = []
    for folder in folders:
        for name in WINDOWS_NAMES:
            out.extend(sorted(glob.glob(os.path.join(folder, name))))
    return out


def configured(extra: Iterable[str] = ()) -> list[str]:
    env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [*extra, *env]


def candidates(extra: Iterable[str] = (), platform: str = sys.platform) -> list[str]:
    """Configured modules (even if missing, so a typo is reported) plus installed ones.

    A library reached by two paths (Debian links ``pkcs11/opensc-pkcs11.so`` to
    ``opensc-pkcs11.so``) is listed once: loading it twice in one process makes
    its second ``C_Initialize`` fail with "already initialized"."""
    found = configured(extra)
    usual = _windows_candidates() if platform.startswith("win") else list(LINUX_CANDIDATES)
    found.extend(p for p in usual if Path(p).is_file())
    by_file: dict[str, str] = {}
    for path in found:
        by_file.setdefault(os.path.realpath(path), path)
    return list(by_file.values())
