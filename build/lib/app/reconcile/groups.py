"""Disjoint sets (union–find): records that belong together, found edge by edge.

Used for duplicate groups (records of one system joined by exact keys and fuzzy edges) and
for payment groups (payments and receipts joined through the invoices they name).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class DisjointSets(Generic[K]):
    """Only the members ever named are stored: cheap on a million records with few edges."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
            x = parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra

    def groups(self) -> list[list[K]]:
        """Every set of two or more members, members in the order they were first named."""
        by_root: dict[K, list[K]] = {}
        for x in list(self._parent):
            by_root.setdefault(self.find(x), []).append(x)
        return [members for members in by_root.values() if len(members) > 1]
