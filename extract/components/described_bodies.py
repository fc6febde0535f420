"""Collective bodies named by description rather than by a proper name.

Consortia and the commissions that run them are often named in lower case by
what they are: "the scientific and educational consortium between higher
educational institutions and research institutes of the Republic of Kazakhstan
and the Republic of Belarus", "the working commission for coordinating the
activities of the consortium". A careful reader lists them as organizations, so
this module finds them from their shape: descriptive modifiers before a body
word, and the complement that says whose body it is.

A bare "the consortium" has no modifier and names nothing new: it is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from coopgraph.extract.patterns import word_list

# Words that describe any body and so do not make a description a name.
_VAGUE_MODIFIERS = frozenset({"new", "same", "whole", "entire", "such", "other", "first", "large"})
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "VBG", "VBN", "NNP", "NN"})
# The complement of a body runs over noun phrases joined by these.
_PHRASE_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "VBG", "DT", "CC", "IN"})
_PHRASE_LINKS = frozenset({"of", "and", "the", "between"})
_MAX_COMPLEMENT = 24


def body_spans(doc: Doc) -> list[Span]:
    """Every described body, in document order; a commission's name may contain a
    consortium's, and both are returned."""
    found: list[tuple[Span, Token]] = []
    for token in doc:
        kind = _body_kind(token)
        if kind is None:
            continue
        start = _modifiers_start(doc, token)
        if start == token.i:
            continue
        end = _complement_end(doc, token, kind)
        found.append((doc[start:end], token))
    described = {_description(span, head) for span, head in found if span.end > head.i + 1}
    return [
        span
        for span, head in found
        if span.end > head.i + 1
        or span[0].is_title
        or _description(span, head) in described
        or any(o.start < span.start and span.end <= o.end for o, _ in found)
    ]


def _description(span: Span, head: Token) -> str:
    """ "the organizing committee" alone is any committee; it names a body only when
    the text also says whose ("the working commission for ... the consortium"), when
    another body's name names it ("... coordinating the activities of the academic
    consortium"), or when it is written as a proper name ("the Scientific and
    Educational Consortium")."""
    return span.doc[span.start : head.i + 1].text.casefold()


def _body_kind(token: Token) -> str | None:
    if token.tag_ not in ("NN", "NNP") or token.dep_ == "compound":
        return None
    word = token.lower_
    if word in word_list("governing_bodies"):
        return "governing"
    if word in word_list("member_bodies"):
        return "members"
    return None


def _modifiers_start(doc: Doc, head: Token) -> int:
    """The first descriptive modifier before ``head`` ("scientific and educational")."""
    start = head.i
    i = head.i - 1
    while i >= 0 and doc[i].sent == head.sent:
        token = doc[i]
        if _describes(token):
            start = i
        elif not (token.lower_ == "and" and i > 0 and _describes(doc[i - 1])):
            break
        i -= 1
    return start


def _describes(token: Token) -> bool:
    return (
        token.is_alpha
        and token.tag_ in _MODIFIER_TAGS
        and token.lower_ not in _VAGUE_MODIFIERS
        and token.ent_type_ not in ("DATE", "ORDINAL", "GPE", "NORP")
    )


def _complement_end(doc: Doc, head: Token, kind: str) -> int:
    """A governing body's name runs to the body it governs ("commission for coordinating
    the activities of the consortium"); a member body's name over the noun phrases that
    say who its members are ("consortium between universities of Kazakhstan")."""
    if kind == "governing":
        return _governed_body_end(doc, head)
    nxt = head.i + 1
    if nxt >= len(doc) or doc[nxt].lower_ not in ("of", "between"):
        return head.i + 1
    end = head.i + 1
    for token in _phrase_tokens(doc, nxt):
        if token.tag_ in ("NN", "NNS", "NNP", "NNPS"):
            end = token.i + 1
    return end


def _governed_body_end(doc: Doc, head: Token) -> int:
    nxt = head.i + 1
    if nxt >= len(doc) or doc[nxt].lower_ not in ("for", "on"):
        return head.i + 1
    for token in _phrase_tokens(doc, nxt + 1):
        if _body_kind(token) == "members":
            return token.i + 1
    return head.i + 1


def _phrase_tokens(doc: Doc, start: int) -> Iterator[Token]:
    """Tokens of a run of noun phrases from ``start``, up to a verb or punctuation."""
    for token in doc[start : min(len(doc), start + _MAX_COMPLEMENT)]:
        if token.sent != doc[start].sent:
            return
        if token.tag_ not in _PHRASE_TAGS:
            return
        if token.tag_ in ("IN", "DT", "CC") and token.lower_ not in _PHRASE_LINKS:
            return
        yield token
