"""Storage adapter: the encrypted profile vault, the SQLCipher cache and the blob store."""
