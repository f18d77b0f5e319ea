"""The demo kit: a throwaway signer (SoftHSM2 token or software key), its demo
certificate and the signature and seal images, for ``hanoi-desk demo``, the
desktop's demo screen, the self-test and the screenshots. Never a use case of
a real user, so it lives beside ``app``, not in it (docs/architecture.md)."""
