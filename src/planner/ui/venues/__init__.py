"""The venues room of the window (see docs/ARCHITECTURE.md)."""
