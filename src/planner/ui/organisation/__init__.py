"""The organisation room of the window (see docs/ARCHITECTURE.md)."""
