"""The reference central document server. Never imported by the client."""
