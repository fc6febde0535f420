"""What a SPARQL request asks for beyond the store, found before anything runs.

A small tokenizer skips comments, strings and IRIs, so a keyword inside a
literal ("SERVICE desk") or a variable (``?service``) is not mistaken for one.
The checks refuse SERVICE and LOAD outright, and FROM / FROM NAMED that name
graphs the store does not hold: coopgraph never fetches anything from the
network on a user's behalf.

>>> shape = inspect("PREFIX ex: <http://ex/> SELECT * FROM ex:g { ?s ?p 'SERVICE' }")
>>> shape.from_graphs, shape.services
(['http://ex/g'], [])
>>> inspect("SELECT ?service { SERVICE <http://x/> { ?s ?p ?o } }").services
['http://x/']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from coopgraph.graph.errors import ForbiddenQueryError, QueryError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<word>[A-Za-z_\u00c0-\uffff][\w.\-\u00b7-\uffff]*(?::[^\s{}()<>,;\[\]]*)?
             |:[^\s{}()<>,;\[\]]*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.X | re.S,
)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass
class RequestShape:
    services: list[str] = field(default_factory=list)
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    has_using_or_with: bool = False
    # IRIs called as functions, other than XSD casts (see extension_functions)
    functions: list[str] = field(default_factory=list)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    for kind, value, _ in _positioned_tokens(text):
        yield kind, value


def _positioned_tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("comment", "space"):
            yield kind, match.group(), match.start()


def unescape_codepoints(text: str) -> str:
    r"""Apply SPARQL's codepoint escapes (\uXXXX, \UXXXXXXXX) everywhere, as the
    grammar does before parsing, so an escaped keyword cannot slip past the checks."""
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def inspect(text: str) -> RequestShape:
    """The external references of a query or update (prefixed names resolved)."""
    tokens = list(_tokens(unescape_codepoints(text)))
    prefixes: dict[str, str] = {}
    shape = RequestShape()
    for i, (kind, value) in enumerate(tokens):
        if i + 1 < len(tokens) and tokens[i + 1][1] == "(":
            _note_function(shape, kind, value, prefixes)
        if kind != "word":
            continue
        keyword = value.upper()
        following = tokens[i + 1 : i + 4]
        if keyword == "PREFIX" and len(following) >= 2 and following[1][0] == "iri":
            prefixes[following[0][1].rstrip(":")] = following[1][1][1:-1]
        elif keyword == "SERVICE":
            shape.services.append(_target(following, prefixes, skip=("SILENT",)))
        elif keyword == "LOAD":
            shape.loads.append(_target(following, prefixes, skip=("SILENT",)))
        elif keyword == "FROM":
            if following and following[0][1].upper() == "NAMED":
                shape.from_named_graphs.append(_target(following[1:], prefixes))
            else:
                shape.from_graphs.append(_target(following, prefixes))
        elif keyword in ("USING", "WITH"):
            shape.has_using_or_with = True
    return shape


def _target(
    following: list[tuple[str, str]], prefixes: dict[str, str], skip: tuple[str, ...] = ()
) -> str:
    rest = [t for t in following if t[1].upper() not in skip]
    if not rest:
        return ""
    kind, value = rest[0]
    if kind == "iri":
        return value[1:-1]
    if kind == "word" and ":" in value:
        prefix, _, local = value.partition(":")
        return prefixes.get(prefix, prefix + ":") + local
    return value  # a variable: SERVICE ?endpoint


XSD = "http://www.w3.org/2001/XMLSchema#"


def extension_functions(text: str) -> list[str]:
    """IRIs called as functions (``<f>(…)``, ``ex:f(…)``), other than XSD casts.

    SPARQL says an unknown function is an expression error (the variable stays
    unbound), while Oxigraph refuses the whole query; the executor registers
    these as functions that always err, which gives the standard behaviour.
    """
    return inspect(text).functions


def _note_function(shape: RequestShape, kind: str, value: str, prefixes: dict[str, str]) -> None:
    if kind == "iri":
        iri = value[1:-1]
    elif kind == "word" and ":" in value and value.partition(":")[0] in prefixes:
        prefix, _, local = value.partition(":")
        iri = prefixes[prefix] + local
    else:
        return
    if not iri.startswith(XSD) and iri not in shape.functions:
        shape.functions.append(iri)


def check_query(
    text: str, graph_exists: Callable[[str], bool], protocol_dataset: bool
) -> RequestShape:
    """Refuse a query that would reach outside the store, with the reason.

    FROM clauses are ignored when the request names its dataset in protocol
    parameters (which take precedence, as the SPARQL protocol says).
    """
    shape = inspect(text)
    if shape.services:
        raise ForbiddenQueryError(
            f"SERVICE is not allowed: this endpoint never queries other services "
            f"(asked for {', '.join(shape.services)})"
        )
    if shape.loads:
        raise ForbiddenQueryError("LOAD is not allowed in a query")
    if protocol_dataset:
        return shape
    # a relative IRI resolves against the endpoint and names nothing to fetch
    named = shape.from_graphs + shape.from_named_graphs
    unknown = [g for g in named if _SCHEME.match(g) and not graph_exists(g)]
    if unknown:
        raise ForbiddenQueryError(
            "FROM / FROM NAMED may only name graphs in this store, which fetches nothing "
            f"from the network; not stored: {', '.join(unknown)}"
        )
    return shape


def check_update(text: str) -> RequestShape:
    """Refuse an update that would fetch or call out (LOAD, SERVICE)."""
    shape = inspect(text)
    if shape.loads:
        raise ForbiddenQueryError(
            f"LOAD is not allowed: this endpoint fetches nothing ({', '.join(shape.loads)})"
        )
    if shape.services:
        raise ForbiddenQueryError("SERVICE is not allowed in an update")
    return shape


def with_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri parameters.

    They mean a USING / USING NAMED clause on every DELETE/INSERT … WHERE
    operation, so the clauses are inserted before each such top-level WHERE.
    An update that has its own USING or WITH conflicts with them (400).
    """
    if not using and not using_named:
        return update
    if inspect(update).has_using_or_with:
        raise QueryError(
            "using-graph-uri / using-named-graph-uri conflict with the update's own USING or WITH"
        )
    clauses = "".join(f"USING <{g}> " for g in using)
    clauses += "".join(f"USING NAMED <{g}> " for g in using_named)
    depth, previous, cuts = 0, "", []
    for kind, value, start in _positioned_tokens(update):
        if kind == "other" and value == "{":
            depth += 1
        elif kind == "other" and value == "}":
            depth -= 1
        elif kind == "word" and value.upper() == "WHERE" and depth == 0 and previous != "DELETE":
            cuts.append(start)
        previous = value.upper() if kind == "word" else value
    for start in reversed(cuts):
        update = update[:start] + clauses + update[start:]
    return update
