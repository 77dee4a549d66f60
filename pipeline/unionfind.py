"""Disjoint sets over hashable keys: how aliases (within a document) and actors (across the corpus) merge."""
from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    def __init__(self, keys: Iterable[Hashable]):
        self.parent = {k: k for k in keys}

    def find(self, k: Hashable) -> Hashable:
        parent = self.parent
        while parent[k] != k:
            parent[k] = parent[parent[k]]  # path halving keeps later finds short
            k = parent[k]
        return k

    def union(self, keep: Hashable, other: Hashable) -> None:
        """Join the two sets; the root of `keep`'s set stays the root."""
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a
