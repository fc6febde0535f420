"""The FastAPI application: routes, pages, request bodies, authorization, error mapping."""
