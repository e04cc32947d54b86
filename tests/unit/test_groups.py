"""Disjoint sets used for duplicate and payment groups."""

from app.reconcile.groups import DisjointSets


def test_groups_join_transitively_and_leave_singletons_out():
    sets: DisjointSets[str] = DisjointSets()
    sets.union("a", "b")
    sets.union("c", "d")
    sets.union("b", "c")
    sets.union("x", "x")
    assert sorted(sorted(g) for g in sets.groups()) == [["a", "b", "c", "d"]]
    assert sets.find("d") == sets.find("a")
    assert sets.find("x") != sets.find("a")


def test_many_members_in_a_chain():
    sets: DisjointSets[int] = DisjointSets()
    for i in range(10_000):
        sets.union(i, i + 1)
    [group] = sets.groups()
    assert len(group) == 10_001
