"""Small pieces the link scorers' features share: sentence windows and value bins.

>>> bin_label(4, (2, 5, 10))
'<=5'
>>> bin_label(12, (2, 5, 10))
'>10'
"""

from __future__ import annotations

from spacy.tokens import Span


def sentence_window(trigger: Span, reach: int = 1) -> dict[int, int]:
    """Sentence start → its offset from the trigger's sentence, ``reach`` sentences either side."""
    doc = trigger.doc
    window = {trigger.sent.start: 0}
    before = after = trigger.sent
    for k in range(1, reach + 1):
        if before.start > 0:
            before = doc[before.start - 1].sent
            window[before.start] = -k
        if after.end < len(doc):
            after = doc[after.end].sent
            window[after.start] = k
    return window


def bin_label(value: int, edges: tuple[int, ...]) -> str:
    """``<=edge`` for the first edge at or above ``value``, else ``>last``."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"
