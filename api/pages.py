"""HTML pages, rendered from templates in ``api/templates`` with the data they show.

The templates are plain HTML with their own small scripts: no third-party
JavaScript, nothing fetched from another origin.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from graph.resources import example_queries


def _template(name: str) -> str:
    return resources.files("api").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def query_page() -> str:
    """The SPARQL query page, preloaded with the example queries of ``ontologies/queries``."""
    examples = [{"name": q.name, "title": q.title, "text": q.text} for q in example_queries()]
    # "</" inside a script element would end it early; JSON allows "<\/"
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    return _template("sparql.html").replace("/*EXAMPLES*/[]", data)
