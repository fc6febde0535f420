"""Saved HTML pages → documents: the main text by trafilatura, title, date and
canonical URL from the page's own metadata. Nothing is fetched."""

from __future__ import annotations

from html.parser import HTMLParser

from coopgraph.extract.errors import InputError, MissingDependencyError
from coopgraph.extract.reading.sources import document_from_text
from coopgraph.extract.records import Document


def document_from_html(content: str, doc_id: str, origin: str = "<html>") -> Document:
    found = _main_text(content)
    text = getattr(found, "text", None) if found is not None else None
    if not text:
        text = visible_text(content)  # a short page trafilatura does not see as an article
    if not text.strip():
        raise InputError(f"{origin}: no text in this HTML page")
    return document_from_text(
        text,
        doc_id=doc_id,
        origin=origin,
        url=getattr(found, "url", None) or None,
        title=getattr(found, "title", None) or None,
        published=getattr(found, "date", None) or None,
    )


def _main_text(content: str) -> object:
    """trafilatura's reading of the page (nothing here touches the network)."""
    try:
        # lxml_html_clean is imported lazily inside trafilatura: guard the call too
        from trafilatura import bare_extraction

        return bare_extraction(
            content, with_metadata=True, include_comments=False, no_fallback=False
        )
    except ImportError as exc:
        missing = exc.name or " ".join(str(exc).split())
        raise MissingDependencyError(
            f"reading HTML needs a package that is not installed ({missing}); "
            "reinstall coopgraph with its dependencies (make install, or pip install coopgraph)"
        ) from None


class _Text(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(content: str) -> str:
    """The text a reader sees in an HTML fragment, block elements as line breaks."""
    parser = _Text()
    parser.feed(content)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
