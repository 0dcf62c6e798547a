"""The index types Qt's model methods take, and the invalid root index as a shared default."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex

# The parent of top-level rows; one instance, so it can be a default argument.
ROOT = QModelIndex()
