"""``coop_line_breaks``: a line break ends a sentence.

Press releases put datelines, headings and bulleted lists on lines of their own
("three agreements were signed:\\n- MEMORANDUM with A;\\n- Agreement with B").
The parser often runs such lines together into one sentence, which makes the
institutions of one bullet the parties of every agreement in the list. Marking
the first word after a line break as a sentence start, before the parser runs,
keeps each line apart; the parser respects boundaries set before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("coop_line_breaks", assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text or "\n" in before.whitespace_:
            token.is_sent_start = True
    return doc
