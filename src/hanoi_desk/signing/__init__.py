"""Signing adapter: PKCS#11 tokens, PAdES signing, appearance, validation."""
