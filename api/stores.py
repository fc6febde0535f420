"""The store and the query runner the settings ask for (embedded or a SPARQL server)."""

from __future__ import annotations

from coopgraph.api.settings import Settings
from coopgraph.graph.errors import StoreError
from coopgraph.graph.sparql.pool import QueryPool
from coopgraph.graph.sparql.remote_queries import RemoteQueries
from coopgraph.graph.store.base import Store, open_store
from coopgraph.graph.store.checkpoints import Checkpoints
from coopgraph.graph.store.embedded import OxigraphStore
from coopgraph.graph.store.remote import http_auth


def _remote_options(settings: Settings) -> dict[str, object]:
    if not settings.sparql_query_url:
        raise StoreError("store_backend is sparql but COOPGRAPH_SPARQL_QUERY_URL is not set")
    return {
        "query_url": settings.sparql_query_url,
        "update_url": settings.sparql_update_url,
        "user": settings.sparql_user,
        "password": settings.sparql_password.get_secret_value()
        if settings.sparql_password
        else None,
        "token": settings.sparql_token.get_secret_value() if settings.sparql_token else None,
        "timeout": settings.sparql_timeout,
        "auth_scheme": settings.sparql_auth,
        "retries": settings.sparql_retries,
        "page_rows": settings.sparql_page_rows,
    }


def open_configured_store(settings: Settings) -> Store:
    if settings.store_backend == "sparql":
        return open_store("sparql", **_remote_options(settings))
    return open_store("embedded", path=settings.store_path)


def query_runner(settings: Settings, store: Store) -> QueryPool | RemoteQueries:
    """Worker processes on the embedded store; forwarding to the server otherwise."""
    if settings.store_backend == "sparql":
        options = _remote_options(settings)
        token = options["token"]
        password = settings.sparql_password
        return RemoteQueries(
            str(options["query_url"]),
            timeout=settings.query_timeout,
            max_pending=settings.max_concurrent_queries,
            graph_exists=store.has_graph,
            headers={"Authorization": f"Bearer {token}"} if token else None,
            auth=http_auth(
                settings.sparql_auth,
                settings.sparql_user,
                password.get_secret_value() if password else None,
            ),
        )
    if not isinstance(store, OxigraphStore):
        raise StoreError(f"the embedded backend needs an on-disk store, not {type(store).__name__}")
    return QueryPool(
        Checkpoints(store),
        workers=settings.query_workers,
        max_pending=settings.max_concurrent_queries,
        timeout=settings.query_timeout,
        require_sandbox=settings.require_sandbox,
    )
