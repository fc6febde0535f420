"""Which language is a text in? English and Russian have pipelines; others are skipped.

py3langid (a modernised langid.py) with normalised probabilities; a text is
refused only when another language is clearly more likely, so short or mixed
English texts (names in other scripts, transliterations) still pass.
"""

from __future__ import annotations

from functools import cache
from typing import Any

SAMPLE_CHARS = 1000  # about 150 words: enough to decide; more adds time, not certainty
MIN_LETTERS = 40  # below this, the guess is noise: accept the text
CONFIDENT = 0.9


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The most likely ISO 639-1 language code and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return str(language), float(probability)


def foreign_language(text: str) -> str | None:
    """The detected language when the text is clearly not English, else None.

    >>> foreign_language("Al-Farabi Kazakh National University signed a memorandum with Polotsk.")
    >>> foreign_language("Казахский национальный университет имени аль-Фараби подписал меморандум")
    'ru'
    """
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    latin = sum(1 for c in letters if c < "\u0250")
    if latin < len(letters) / 2:
        # mostly letters outside the Latin alphabet: not English, however short
        return detect(sample)[0]
    # judge the Latin-script part, so a name quoted in Cyrillic does not decide
    language, probability = detect("".join(c for c in sample if c < "\u0250"))
    if language != "en" and probability >= CONFIDENT:
        return language
    return None


# the languages with an extraction pipeline (English: en_core_web_sm; Russian: Slovnet)
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "ru")


def document_language(text: str) -> str:
    """ "en" unless the text is clearly in another language, then that language's code.

    >>> document_language("Polotsk State University signed a memorandum with KazNU.")
    'en'
    >>> document_language("Полоцкий государственный университет подписал меморандум с КазНУ")
    'ru'
    """
    return foreign_language(text) or "en"


def unsupported_language(text: str) -> str | None:
    """The detected language when no pipeline reads it, else None."""
    language = document_language(text)
    return None if language in SUPPORTED_LANGUAGES else language
