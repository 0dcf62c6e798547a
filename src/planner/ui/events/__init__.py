"""The events room of the window (see docs/ARCHITECTURE.md)."""
