"""The people room of the window (see docs/ARCHITECTURE.md)."""
