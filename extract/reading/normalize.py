"""Text clean-up before spaCy sees a document.

Only what would otherwise mislead the tokenizer or the reader: HTML leftovers
(tags, entities), non-breaking and zero-width spaces, runs of blank lines.
Offsets in every record refer to the cleaned text, which is what is stored.

>>> clean_text("Al&#8209;Farabi&nbsp;KazNU<br/>signed")
'Al\u2011Farabi KazNU\\nsigned'
"""

from __future__ import annotations

import html
import re
import unicodedata

_BLOCK_TAG = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\s*/?\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{1,500}>")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_text(text: str) -> str:
    """Return ``text`` without HTML leftovers and with uniform white space."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub(" ", text)
    text = html.unescape(text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
