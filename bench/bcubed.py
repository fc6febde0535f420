"""B-cubed scoring of a clustering, for the resolution benchmark and its test."""

from __future__ import annotations


def bcubed(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering of mentions (Bagga and Baldwin).

    >>> bcubed(["a", "a", "b"], ["x", "x", "y"])
    (1.0, 1.0)
    >>> bcubed(["a", "a", "b"], ["x", "x", "x"])
    (0.5555555555555555, 1.0)
    """
    n = len(gold)
    precision = recall = 0.0
    for i in range(n):
        same_pred = [j for j in range(n) if predicted[j] == predicted[i]]
        same_gold = [j for j in range(n) if gold[j] == gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    return precision / n, recall / n
