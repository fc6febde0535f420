"""A Doc's text, built once.

``Doc.text`` joins every token each time it is read, so a rule that reads it
per agreement or per date makes extraction quadratic in the text's length (a
2 MB release took minutes). Rules read it through :func:`text_of`.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "coop.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed on first use and kept with the Doc."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_KEY] = doc.text
    return text
