"""Russian news: routing, the nominative, the name shapes, agreements, and measured quality.

The quality floors are measured on ``data/eval-ru`` (30 items written for the
project, never tuned on; the rules were tuned on ``data/training/ru``), scored
by the evaluation sets' own ``score.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from coopgraph.extract.reading.language import document_language, unsupported_language
from coopgraph.extract.reading.sources import read_document
from coopgraph.extract.records import Document, Extraction
from coopgraph.extract.russian.dates import parse_russian_date
from coopgraph.extract.russian.names import nominative_org, nominative_person
from coopgraph.extract.russian.to_records import extract_russian, russian_pipeline
from coopgraph.extract.to_records import extract_documents
from tests.conftest import ROOT

EVAL_RU = ROOT / "data" / "eval-ru"
SCORER = ROOT / "data" / "training" / "score.py"
RU_SEED = ROOT / "data" / "corpus-ru" / "200-kaznu-polotsk-ru.json"
# measured on data/eval-ru after the last rule change (score.py's tables in the
# closing notes of issue 19); a floor is that F1 less 0.05, so noise passes and a
# rule that makes Russian extraction worse does not
FLOORS = {
    "organizations": 0.75,  # 0.802
    "people": 0.90,  # 0.958
    "dates": 0.93,  # 0.988
    "agreements": 0.56,  # 0.612
    "relations": 0.55,  # 0.602
}


def _ru(text: str) -> Extraction:
    return extract_russian(Document("t", text), "test", 20_000)


def test_language_routing_reads_english_and_russian_and_names_the_rest() -> None:
    assert document_language("Polotsk State University signed a memorandum with KazNU.") == "en"
    assert document_language("Полоцкий университет подписал меморандум с университетом") == "ru"
    kazakh = "Әл-Фараби атындағы Қазақ ұлттық университеті меморандумға қол қойды."
    assert unsupported_language(kazakh) == "kk"
    assert unsupported_language("Полоцкий университет подписал меморандум с КазНУ") is None


def test_a_mixed_batch_keeps_its_order_and_each_language_its_pipeline(nlp: Language) -> None:
    docs = [
        Document("en1", "Polotsk State University signed a memorandum with Vilnius University."),
        Document("ru1", "Полоцкий государственный университет подписал соглашение с БГУ."),
        Document("en2", "Tomsk State University and Riga Technical University met in Riga."),
    ]
    out = list(extract_documents(nlp, docs))
    assert [x.document.id for x in out] == ["en1", "ru1", "en2"]
    assert [x.language for x in out] == ["en", "ru", "en"]
    assert "Полоцкий государственный университет" in {o.name for o in out[1].organizations}
    assert out[0].extractor == out[1].extractor  # one name covers both pipelines


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Соглашение подписано с Полоцким государственным университетом.",
         "Полоцкий государственный университет"),
        ("Делегация Белорусского государственного университета прибыла.",
         "Белорусский государственный университет"),
        ("Визит в Казахско-Британский технический университет.",
         "Казахско-Британский технический университет"),
        ("Меморандум с Институтом физики НАН Беларуси.", "Институт физики НАН Беларуси"),
        # a capital in each hyphenated part is not an acronym: the adjective agrees too
        ("Ректор Турецко-Азербайджанского университета выступил.",
         "Турецко-Азербайджанский университет"),
    ],
)  # fmt: skip
def test_institutions_are_named_in_the_nominative_up_to_their_head(text: str, name: str) -> None:
    assert [o.name for o in _ru(text).organizations] == [name]


def test_only_the_words_up_to_the_head_change() -> None:
    doc = russian_pipeline()(
        "Он встретился с Московским государственным университетом имени М.В. Ломоносова"
    )
    [org] = [e for e in doc.ents if e.text.startswith("Московск")]
    assert (
        nominative_org(list(org)) == "Московский государственный университет имени М.В. Ломоносова"
    )


def test_people_are_named_in_the_nominative_and_acronyms_stay_as_written() -> None:
    doc = russian_pipeline()("Переговоры прошли с Владимиром Филипповым и Еленой Петровой.")
    people = [nominative_person(list(e)) for e in doc.ents if e.label_ == "PER"]
    assert people == ["Владимир Филиппов", "Елена Петрова"]
    x = _ru("Делегацию возглавил проректор КазНУ Канатбек Муканов.")
    assert [o.name for o in x.organizations] == ["КазНУ"]  # not "Казна", its lemma


def test_a_person_run_into_an_institution_is_cut_off_with_the_role() -> None:
    x = _ru("Документ подписали ректор БГУ Андрей Король и проректор ПГУ Иван Петров.")
    people = {p.name: p for p in x.people}
    assert "Андрей Король" in people, x.people
    assert people["Андрей Король"].role == "ректор БГУ"
    assert people["Андрей Король"].affiliation == "БГУ"
    assert "БГУ" in {o.name for o in x.organizations}


def test_an_acronym_in_parentheses_is_an_alias_and_an_eponym_is_completed() -> None:
    x = _ru(
        "Томский университет систем управления и радиоэлектроники (ТУСУР) подписал соглашение "
        "с Бурятским государственным университетом имени Доржи Банзарова."
    )
    by_name = {o.name: o for o in x.organizations}
    assert "ТУСУР" in by_name["Томский университет систем управления и радиоэлектроники"].aliases
    assert "Бурятский государственный университет имени Доржи Банзарова" in by_name


def test_plural_instruments_are_split_per_partner_and_a_singular_one_keeps_two_sides() -> None:
    plural = _ru(
        "Иркутский государственный университет подписал соглашения с Хэйлунцзянским "
        "университетом и Шэньянским химико-технологическим университетом. "
        "Иркутский государственный университет развивает связи с Китаем."
    )
    assert sorted(sorted(a.parties) for a in plural.agreements) == [
        ["Иркутский государственный университет", "Хэйлунцзянский университет"],
        ["Иркутский государственный университет", "Шэньянский химико-технологический университет"],
    ]
    assert {tuple(r) for r in plural.to_json()["relations"]} >= {
        ("Иркутский государственный университет", "partner_of", "Хэйлунцзянский университет"),
    }


def test_signatories_roles_dates_and_status_of_an_agreement() -> None:
    x = _ru(
        "Министерство образования Республики Беларусь и Московский государственный университет "
        "имени М.В. Ломоносова подписали соглашение о сотрудничестве. Церемония состоялась "
        "20 февраля 2004 года в Москве. Подписи поставили министр образования Беларуси "
        "Александр Радьков и ректор МГУ Виктор Садовничий."
    )
    [agreement] = x.agreements
    assert agreement.type == "agreement" and agreement.status == "signed"
    assert agreement.label == "соглашение о сотрудничестве"
    assert set(agreement.parties) == {
        "Министерство образования Республики Беларусь",
        "Московский государственный университет имени М.В. Ломоносова",
    }
    assert set(agreement.signatories) == {"Александр Радьков", "Виктор Садовничий"}
    assert agreement.date_iso == "2004-02-20"
    mgu = next(o for o in x.organizations if o.name.startswith("Московский"))
    assert "МГУ" in mgu.aliases and mgu.country == "RU" and mgu.type == "university"
    rector = next(p for p in x.people if p.name == "Виктор Садовничий")
    assert rector.role == "ректор МГУ" and rector.affiliation == mgu.name


def test_evidence_offsets_point_at_the_mention_in_the_text() -> None:
    document = read_document(RU_SEED)
    x = extract_russian(document, "test", 20_000)
    assert x.organizations and x.people
    for fact in (*x.organizations, *x.people):
        for ev in fact.evidence:
            assert document.text[ev.sentence_start :].startswith(ev.sentence)
            assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_start + len(ev.sentence)


@pytest.mark.parametrize(
    ("text", "year", "iso"),
    [
        ("18 ноября 2025 г.", None, "2025-11-18"),
        ("02.12.2023", None, "2023-12-02"),
        ("в марте 2023 года", None, "2023-03"),
        ("10 июля", 2018, "2018-07-10"),
        ("в 2026 году", None, "2026"),
        ("20-21 мая 2024 года", None, "2024-05-20"),
    ],
)
def test_russian_dates(text: str, year: int | None, iso: str) -> None:
    assert parse_russian_date(text, reference_year=year) == iso


def test_a_long_russian_text_is_read_in_pieces_with_offsets_into_the_whole() -> None:
    document = read_document(RU_SEED)
    long = Document("long", "\n\n".join([document.text] * 6))
    x = extract_russian(long, "test", 1_000)
    starts = {ev.start for o in x.organizations for ev in o.evidence}
    assert max(starts) > 4 * len(document.text)
    for org in x.organizations:
        for ev in org.evidence:
            assert long.text[ev.start : ev.end].strip()


@pytest.mark.slow
def test_russian_scores_on_the_held_out_set_stay_above_their_floors(tmp_path: Path) -> None:
    docs = sorted((EVAL_RU / "docs").glob("*.json"))
    assert len(docs) == 30
    for path in docs:
        extraction = extract_russian(read_document(path), "test", 20_000)
        (tmp_path / path.name).write_text(json.dumps(extraction.to_json()), "utf-8")
    bounds = [arg for kind, f1 in FLOORS.items() for arg in ("--min", f"{kind}={f1}")]
    result = subprocess.run(
        [sys.executable, str(SCORER), str(EVAL_RU), str(tmp_path), *bounds],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "«»", "...", "\n\nПолоцк"])
def test_texts_without_words_give_empty_records_not_an_error(text: str) -> None:
    # Slovnet's recognizer raises on a text with no words; the pipeline must not reach it
    x = _ru(text)
    assert x.language == "ru" and not x.agreements


def test_a_ministers_title_makes_the_ministry_when_the_text_names_none() -> None:
    x = _ru(
        "Министерство образования Республики Беларусь подписало соглашение с МГУ. "
        "Министр образования Беларуси Александр Радьков провел переговоры с министром "
        "образования России Владимиром Филипповым."
    )
    people = {p.name: p for p in x.people}
    # named in the text: the minister belongs to it, no second ministry is made
    assert people["Александр Радьков"].affiliation == "Министерство образования Республики Беларусь"
    # named only through the title: made from it, typed and placed
    assert people["Владимир Филиппов"].affiliation == "Министерство образования России"
    made = next(o for o in x.organizations if o.name == "Министерство образования России")
    assert made.type == "government" and made.country == "RU"
    assert len([o for o in x.organizations if o.name.startswith("Министерство")]) == 2


def test_a_body_named_by_its_seat_keeps_the_place() -> None:
    x = _ru(
        "Университет посетила делегация Генерального консульства КНР в г. Иркутске, "
        "а также сотрудники Российского центра науки и культуры в Ташкенте."
    )
    names = {o.name for o in x.organizations}
    assert "Генеральное консульство КНР в г. Иркутске" in names
    assert "Российский центр науки и культуры в Ташкенте" in names


def test_a_news_agency_named_as_the_source_is_not_a_party() -> None:
    x = _ru(
        "Белорусский государственный университет подписал соглашение о сотрудничестве "
        "с Университетом Гуантанамо, сообщили БЕЛТА в пресс-службе вуза."
    )
    assert "БЕЛТА" in {o.name for o in x.organizations}  # still an organization of the text
    assert [sorted(a.parties) for a in x.agreements] == [
        ["Белорусский государственный университет", "Университет Гуантанамо"]
    ]


def test_partners_listed_after_a_colon_are_the_parties() -> None:
    x = _ru(
        "Белорусский государственный университет подписал соглашения о сотрудничестве "
        "с тремя вузами.\n\nНовыми партнерами университета стали:\n"
        "• Гаванский университет;\n• Университет Камагуэя.\n\nСоглашения рассчитаны на пять лет."
    )
    assert sorted(sorted(a.parties) for a in x.agreements) == [
        ["Белорусский государственный университет", "Гаванский университет"],
        ["Белорусский государственный университет", "Университет Камагуэя"],
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Подписан меморандум с Азербайджанским государственным университетом культуры и искусств.",
         "Азербайджанский государственный университет культуры и искусств"),
        ("Белорусский государственный университет транспорта подписал договор с БГУ.",
         "Белорусский государственный университет транспорта"),
        ("Министерство высшего образования, науки и инноваций Республики Узбекистан "
         "подписало соглашение.",
         "Министерство высшего образования, науки и инноваций Республики Узбекистан"),
        ("Председатель Государственного комитета по науке и технологиям Республики Беларусь "
         "выступил.", "Государственный комитет по науке и технологиям Республики Беларусь"),
        ("Открыта Китайско-Белорусская научная лаборатория по вакуумно-плазменным технологиям.",
         "Китайско-Белорусская научная лаборатория по вакуумно-плазменным технологиям"),
        ("В Баку прошла встреча с Университетом «Одлар Юрду».", "Университет «Одлар Юрду»"),
        ("Делегация Консорциума университетов «Человеческий капитал и новая экономика» прибыла.",
         "Консорциум университетов «Человеческий капитал и новая экономика»"),
        ("Соглашение между Правительством Республики Беларусь и Правительством Турецкой "
         "Республики подписано.", "Правительство Турецкой Республики"),
    ],
)  # fmt: skip
def test_a_name_runs_on_past_its_head_as_russian_official_names_do(text: str, name: str) -> None:
    assert name in {o.name for o in _ru(text).organizations}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Как сообщили в Telegram-канале Государственного комитета по науке и технологиям "
         "Республики Беларусь, соглашение подписано.",
         "Государственный комитет по науке и технологиям Республики Беларусь"),
        ("Первый заместитель Председателя Президиума НАН Беларуси возглавил делегацию.",
         "НАН Беларуси"),
    ],
)  # fmt: skip
def test_a_body_keeps_its_state_and_loses_its_channel_or_presidium(text: str, name: str) -> None:
    assert [o.name for o in _ru(text).organizations] == [name]


def test_a_ministers_portfolio_with_several_fields_names_the_ministry() -> None:
    x = _ru(
        "Заместитель министра высшего образования, науки и инноваций Республики Узбекистан "
        "Отабек Махкамов посетил Ташкент."
    )
    ministry = "Министерство высшего образования, науки и инноваций Республики Узбекистан"
    assert [(p.name, p.affiliation) for p in x.people] == [("Отабек Махкамов", ministry)]
