"""The Russian pipeline: spaCy's ``ru`` language around Natasha's Slovnet models.

Slovnet's news recognizer (PER, ORG, LOC) and morphology tagger were trained
on razdel's tokens and sentences, so the pipeline tokenizes with razdel too:
the spans the recognizer returns then fall on token boundaries, and the
morphology (case, number, gender) it assigns is the one the name rules read.
The weights ship inside the ``natasha`` wheel: nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from coopgraph.extract.errors import ModelNotInstalledError
from coopgraph.extract.russian import entity_shapes  # noqa: F401  (registers the component)

INSTALL_COMMAND = 'pip install "natasha>=1.6" "pymorphy3>=2.0"'
RUSSIAN_MODEL = "ru_slovnet_news_v1"  # how extractor ids name this pipeline


class RazdelTokenizer:
    """Text → ``Doc`` with razdel's tokens and sentence starts; the text is kept exactly
    (whitespace other than one space becomes whitespace tokens, as spaCy's own do)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from razdel import sentenize, tokenize

        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool | int | None] = []
        at = 0
        for sentence in sentenize(text):
            first = True
            for token in tokenize(sentence.text):
                begin = sentence.start + token.start
                gap = text[at:begin]
                _gap(gap, words, spaces, starts)
                words.append(token.text)
                spaces.append(False)
                # a line of its own (a heading, a bullet) is a sentence of its own
                starts.append(first or "\n" in gap)
                first = False
                at = begin + len(token.text)
        _gap(text[at:], words, spaces, starts)
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)


def _gap(gap: str, words: list[str], spaces: list[bool], starts: list[bool | int | None]) -> None:
    """Record the whitespace between two tokens (or at either end of the text)."""
    if not gap:
        return
    if gap == " " and words:
        spaces[-1] = True
        return
    if gap.endswith(" ") and words:
        gap = gap[:-1]
        words.append(gap)
        spaces.append(True)
    else:
        words.append(gap)
        spaces.append(False)
    starts.append(False)


@cache
def _slovnet() -> tuple[Any, Any]:
    """Slovnet's recognizer and morphology tagger over the shared Navec embeddings."""
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger
    except ImportError as e:
        raise ModelNotInstalledError(
            f"the Russian pipeline needs Natasha's Slovnet models; install them with: "
            f"{INSTALL_COMMAND}"
        ) from e
    embedding = NewsEmbedding()
    return NewsNERTagger(embedding), NewsMorphTagger(embedding)


@Language.component(
    "coop_slovnet",
    assigns=["token.pos", "token.morph", "doc.ents"],
    requires=["token.is_sent_start"],
)
def slovnet_tagger(doc: Doc) -> Doc:
    """Morphology for every word, and PER/ORG/LOC entities, from Slovnet."""
    if not any(not t.is_space for t in doc):
        return doc  # Slovnet fails on a text without words; there is nothing to tag
    ner, morph = _slovnet()
    sentences = [s for s in ([t for t in sent if not t.is_space] for sent in doc.sents) if s]
    tagged_sentences = morph.map([[t.text for t in s] for s in sentences])
    for tokens, markup in zip(sentences, tagged_sentences, strict=True):
        for token, tagged in zip(tokens, markup.tokens, strict=True):
            token.pos_ = tagged.pos
            token.morph = MorphAnalysis(doc.vocab, dict(tagged.feats))
    doc.ents = filter_spans(list(_entities(doc, ner(doc.text).spans)))
    return doc


def _entities(doc: Doc, spans: Any) -> Iterator[Span]:
    for found in spans:
        span = doc.char_span(found.start, found.stop, label=found.type, alignment_mode="expand")
        if span is not None:
            yield span


class CachedLemmas:
    """spaCy's pymorphy3 lemmatizer with its answers kept per word form, tag and features.

    News repeat their words; spaCy's Russian lemmatizer converts every pymorphy3
    analysis to UD for each token again, which was most of the pipeline's time.
    """

    MAX_ENTRIES = 200_000  # about 40 MB; past it, forms are lemmatized without keeping them

    def __init__(self, nlp: Language) -> None:
        self.inner: Any = nlp.create_pipe("lemmatizer", config={"mode": "pymorphy3"})
        self.cache: dict[tuple[str, str, str], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            key = (token.text, token.pos_, str(token.morph))
            lemma = self.cache.get(key)
            if lemma is None:
                lemma = self.inner.pymorphy3_lemmatize(token)[0]
                if len(self.cache) < self.MAX_ENTRIES:
                    self.cache[key] = lemma
            token.lemma_ = lemma
        return doc


@Language.factory("coop_ru_lemmas", assigns=["token.lemma"], requires=["token.pos"])
def make_cached_lemmas(nlp: Language, name: str) -> CachedLemmas:
    return CachedLemmas(nlp)


def load_russian_pipeline() -> Language:
    """spaCy ``ru`` with razdel tokens, Slovnet tags and entities, pymorphy3 lemmas."""
    _slovnet()  # a missing package is reported now, not on the first Russian text
    nlp = spacy.blank("ru")
    nlp.tokenizer = RazdelTokenizer(nlp.vocab)
    nlp.add_pipe("coop_slovnet")
    nlp.add_pipe("coop_ru_lemmas")
    nlp.add_pipe("coop_ru_entity_shapes")
    nlp.initialize()
    nlp.meta["name"] = RUSSIAN_MODEL
    return nlp


def russian_description() -> str:
    """How extractor ids name this pipeline: the model and the Natasha release it ships in."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{RUSSIAN_MODEL}-natasha-{version('natasha')}"
    except PackageNotFoundError:
        return f"{RUSSIAN_MODEL}-not-installed"
