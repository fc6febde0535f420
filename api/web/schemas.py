"""What each JSON route answers, as pydantic models: OpenAPI documents it and
schemathesis checks answers against it.

Routes still build plain dicts in the graph layer; FastAPI validates them
against these models on the way out. Network nodes and edges carry the
attributes their projection gives (a country for institutions, a role for
people, a year for agreements), so those models name the common fields and
allow the rest.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Workers(BaseModel):
    configured: int
    live: int


class Health(BaseModel):
    status: str  # ok, degraded (answers, with problems), unavailable (503)
    documents: int | None
    query_workers: Workers
    sandbox: list[str]  # walls around query evaluation: "seccomp", "netns"
    problems: list[str]


# -- documents -----------------------------------------------------------------


class DocumentSummary(BaseModel):
    key: str
    graph: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    ingested: str | None = None


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class FactEvidence(BaseModel):
    sentence: str
    begin: int
    end: int
    confidence: float


class Fact(BaseModel):
    iri: str
    label: str | None = None
    evidence: list[FactEvidence]


class DocumentDetail(DocumentSummary):
    content_hash: str | None = None
    extractor: str | None = None
    facts: dict[str, list[Fact]]


class IngestOutcome(BaseModel):
    key: str
    id: str
    graph: str
    outcome: str
    reason: str | None = None


class JobAccepted(BaseModel):
    job: str
    status: str
    total: int


class JobError(BaseModel):
    source: str
    reason: str


class Job(BaseModel):
    id: str
    status: str
    submitted: str
    started: str | None
    finished: str | None
    total: int
    processed: int
    outcomes: dict[str, int]
    errors: list[JobError]
    error: str | None


# -- entities ------------------------------------------------------------------


class EntityMatch(BaseModel):
    id: str
    iri: str
    label: str | None
    matched: str | None
    documents: int


class EntitySearch(BaseModel):
    q: str
    results: list[EntityMatch]


class Labelled(BaseModel):
    iri: str
    label: str | None


class SourceSentence(BaseModel):
    sentence: str | None
    document: str | None


class EntityAgreement(BaseModel):
    iri: str
    type: str | None
    status: str | None
    date: str | None
    evidence: list[SourceSentence]
    parties: list[str]


class Resolution(BaseModel):
    mention: str
    rule: str
    score: float
    document: str | None


class OrganizationPage(BaseModel):
    id: str
    iri: str
    label: str = Field(description="The name in the reader's language, else English, else any.")
    names: list[str]
    aliases: list[str]
    country: str | None
    country_iri: str | None
    identifiers: list[str]
    types: list[str]
    partners: list[Labelled]
    agreements: list[EntityAgreement]
    resolutions: list[Resolution]


class Affiliation(Labelled):
    role: str | None


class PersonPage(BaseModel):
    id: str
    iri: str
    label: str = Field(description="The name in the reader's language, else English, else any.")
    names: list[str]
    aliases: list[str]
    affiliations: list[Affiliation]
    agreements: list[EntityAgreement]


# -- network -------------------------------------------------------------------


class NetworkFilterEcho(BaseModel):
    year_from: int | None
    year_to: int | None
    agreement_types: list[str]
    countries: list[str]
    min_weight: int
    consortium: str | None


class Shape(BaseModel):
    nodes: int
    edges: int
    density: float
    components: int
    largest_component: int


class Node(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    label: str | None = None


class Edge(BaseModel):
    model_config = ConfigDict(extra="allow")

    source: str
    target: str
    weight: int


class Network(BaseModel):
    projection: str
    filter: NetworkFilterEcho
    summary: Shape
    nodes: list[Node]
    edges: list[Edge]


class Ranked(Node):
    score: float


class Ranking(BaseModel):
    projection: str
    metric: str
    method: str
    nodes: list[Ranked]


class Community(BaseModel):
    size: int
    members: list[Node]


class Communities(BaseModel):
    projection: str
    method: str
    seed: int
    modularity: float
    communities: list[Community]


class HopEvidence(BaseModel):
    sentence: str | None
    document: str | None
    begin: int | None = None
    end: int | None = None


class LinkAgreement(BaseModel):
    iri: str
    type: str | None
    year: int | None
    evidence: list[HopEvidence]


class Hop(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: Node = Field(alias="from")
    to: Node
    weight: int
    agreements: list[LinkAgreement]


class Path(BaseModel):
    length: int
    hops: list[Hop]


class Paths(BaseModel):
    source: Node
    target: Node
    paths: list[Path]


class Ego(BaseModel):
    centre: Node
    radius: int
    summary: Shape
    nodes: list[Node]
    edges: list[Edge]


class Partner(Node):
    weight: int
    agreements: list[LinkAgreement]


class NodeDetail(Node):
    degree: int
    partners: list[Partner]


class YearLeader(Node):
    degree: float


class Year(BaseModel):
    year: int
    agreements: int
    new_partnerships: int
    nodes: int
    edges: int
    density: float
    components: int
    largest_component: int
    top_by_degree: list[YearLeader]


class Timeseries(BaseModel):
    filter: NetworkFilterEcho
    years: list[Year]
