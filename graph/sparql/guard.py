"""What a SPARQL request asks for beyond the store, found before anything runs.

The checks refuse SERVICE and LOAD outright, and FROM / FROM NAMED that name
graphs the store does not hold: coopgraph never fetches anything from the
network on a user's behalf.

Two readers decide together, and a request is refused if either finds a
reference. A small tokenizer skips comments, strings and IRIs, so a keyword
inside a literal ("SERVICE desk") or a variable (``?service``) is not mistaken
for one. Any request whose text holds one of the words SERVICE, LOAD or FROM
anywhere (after codepoint escapes, in any case) is also parsed by a real
SPARQL parser (rdflib's), and its algebra is searched; a request the parser
cannot read is refused when it holds those words. Evaluation itself runs where
sockets cannot be opened (:mod:`coopgraph.graph.sparql.sandbox`).

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
from typing import Any

from coopgraph.graph.errors import ForbiddenQueryError, QueryError
from coopgraph.graph.sparql.update_targets import default_graph_writes
from coopgraph.graph.store.base import SAFE_IRI

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
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
    grammar does before parsing, so an escaped keyword cannot slip past the checks.

    >>> unescape_codepoints(r"\u0053ERVICE")
    'SERVICE'
    >>> unescape_codepoints(r"\UFFFFFFFF")
    Traceback (most recent call last):
    coopgraph.graph.errors.QueryError: \UFFFFFFFF is not a Unicode character
    """
    return _CODEPOINT.sub(_codepoint, text)


def _codepoint(match: re.Match[str]) -> str:
    value = int(match.group(1) or match.group(2), 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise QueryError(f"{match.group()} is not a Unicode character")
    return chr(value)


def inspect(text: str) -> RequestShape:
    """The external references of a query or update (prefixed names resolved)."""
    return _shape_of(unescape_codepoints(text))


def _shape_of(unescaped: str) -> RequestShape:
    """:func:`inspect` on text whose codepoint escapes are already applied."""
    tokens = list(_tokens(unescaped))
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


# Words after which a request may reach beyond the store. Searched as plain
# substrings: a superset of every way the grammar can spell them.
_REACHING_WORDS = re.compile("SERVICE|LOAD|FROM", re.I)


def references(text: str) -> RequestShape:
    """What the tokenizer finds, joined with what a full parse finds when it may matter."""
    unescaped = unescape_codepoints(text)  # once: escapes are not applied twice
    shape = _shape_of(unescaped)
    if _REACHING_WORDS.search(unescaped):
        parsed = _parsed_references(unescaped)
        shape.services += [s for s in parsed.services if s not in shape.services]
        shape.loads += [s for s in parsed.loads if s not in shape.loads]
        shape.from_graphs += [g for g in parsed.from_graphs if g not in shape.from_graphs]
        shape.from_named_graphs += [
            g for g in parsed.from_named_graphs if g not in shape.from_named_graphs
        ]
    return shape


def _parsed_references(text: str) -> RequestShape:
    """SERVICE, LOAD and dataset clauses in rdflib's algebra of a query or update."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    # the grammar ends a comment at CR as well as LF; rdflib's parser only at LF
    text = text.replace("\r", "\n")
    try:
        try:
            root: object = translateQuery(parseQuery(text)).algebra
        except ParseException:
            root = translateUpdate(parseUpdate(text)).algebra
    except (ParseException, RecursionError, Exception) as exc:
        raise ForbiddenQueryError(
            "this request names SERVICE, LOAD or FROM in a form the endpoint's checking "
            f"parser cannot read, so it is refused ({type(exc).__name__}: "
            f"{str(exc)[:200]})"
        ) from None
    return _walk_algebra(root)


def _walk_algebra(root: object) -> RequestShape:
    from rdflib.plugins.sparql.parserutils import CompValue

    shape = RequestShape()
    stack = [root]
    while stack:  # iterative: a deep algebra must not overflow Python's stack
        node = stack.pop()
        if isinstance(node, CompValue):
            _note_reference(shape, node)
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return shape


def _note_reference(shape: RequestShape, node: Any) -> None:
    if node.name == "ServiceGraphPattern":
        shape.services.append(str(node.get("term")))
    elif node.name == "Load":
        shape.loads.append(str(node.get("iri")))
    elif node.name == "DatasetClause":
        if node.get("default") is not None:
            shape.from_graphs.append(str(node.get("default")))
        if node.get("named") is not None:
            shape.from_named_graphs.append(str(node.get("named")))


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


def query_form(text: str) -> str:
    r"""SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue.

    >>> query_form("PREFIX ex: <http://ex/> # a comment\rconstruct { ?s ?p ?o } WHERE {}")
    'CONSTRUCT'
    """
    for kind, value in _tokens(unescape_codepoints(text)):
        if kind == "word" and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return value.upper()
    return "SELECT"


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
    shape = references(text)
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
    """Refuse an update that would fetch or call out (LOAD, SERVICE) or write the default graph."""
    shape = references(text)
    if shape.loads:
        raise ForbiddenQueryError(
            f"LOAD is not allowed: this endpoint fetches nothing ({', '.join(shape.loads)})"
        )
    if shape.services:
        raise ForbiddenQueryError("SERVICE is not allowed in an update")
    if writes := default_graph_writes(unescape_codepoints(text)):
        raise ForbiddenQueryError(
            f"{', '.join(writes)} would write the default graph, which is the union of the "
            "named graphs and kept by the store; write into a named graph instead "
            "(INSERT DATA { GRAPH <…> { … } }, or WITH <…> before DELETE/INSERT)"
        )
    return shape


def with_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri parameters.

    They mean a USING / USING NAMED clause on every DELETE/INSERT … WHERE
    operation, so the clauses are inserted before each such top-level WHERE.
    An update that has its own USING or WITH conflicts with them (400).
    """
    if not using and not using_named:
        return update
    unsafe = [g for g in (*using, *using_named) if not SAFE_IRI.fullmatch(g)]
    if unsafe:
        raise QueryError(f"not an IRI: {', '.join(repr(g) for g in unsafe)}")
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


# the prefixes our own documents and examples use: offered when a query forgets one
KNOWN_PREFIXES = {
    "coop": "https://w3id.org/coopgraph/ns#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
_EXPECTED_LIST = 160  # longer "expected one of …" lists are character classes, not help


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes a query or update uses in prefixed names without declaring them."""
    tokens = list(_tokens(unescape_codepoints(text)))
    declared: set[str] = set()
    used: list[str] = []
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        if value.upper() == "PREFIX" and i + 1 < len(tokens):
            declared.add(tokens[i + 1][1].split(":", 1)[0])
            continue
        if ":" in value and (i == 0 or tokens[i - 1][1].upper() != "PREFIX"):
            prefix = value.split(":", 1)[0]
            if prefix != "_" and prefix not in used:
                used.append(prefix)
    return [p for p in used if p not in declared]


def _declaration(prefix: str) -> str:
    """The PREFIX line a message suggests (text for a person to read, never sent as a query)."""
    iri = KNOWN_PREFIXES.get(prefix, "…")
    return "PREFIX " + prefix + ": <" + iri + ">"


def readable_syntax_error(text: str, message: str) -> str:
    """Oxigraph's message for a query it cannot parse, in words a person can act on: an
    undeclared prefix is named with the declaration to add; a list of expected
    character ranges is cut to the position."""
    missing = undeclared_prefixes(text)
    if missing and ("Prefix not found" in message or "expected" in message):
        declarations = "; ".join(_declaration(p) for p in missing)
        names = ", ".join(f"{p}:" for p in missing)
        subject = f"the prefix {names} is" if len(missing) == 1 else f"the prefixes {names} are"
        return f"{subject} used but not declared; add at the top: {declarations}"
    where, _, expected = message.partition(": expected ")
    if expected and len(expected) > _EXPECTED_LIST:
        return f"{where}: the query cannot be read here (a typo, or a missing bracket or dot?)"
    return message


def declared_prefixes(text: str) -> dict[str, str]:
    """The PREFIX declarations of a query: what its answer's Turtle is written with."""
    tokens = [t for t in _tokens(unescape_codepoints(text)) if t[0] not in ("space", "comment")]
    found: dict[str, str] = {}
    for i, (kind, value) in enumerate(tokens[:-2]):
        if kind == "word" and value.upper() == "PREFIX" and tokens[i + 2][0] == "iri":
            iri = tokens[i + 2][1][1:-1]
            if SAFE_IRI.match(iri):
                found[tokens[i + 1][1].rstrip(":")] = iri
    return found
