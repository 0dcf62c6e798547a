"""The series room of the window (see docs/ARCHITECTURE.md)."""
