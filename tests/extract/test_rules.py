"""Known answers for single extraction rules, on handmade sentences.

The rules run here as they do on their own (``rules_nlp``: the base recognizer,
parties by the rules); the shipped extractor lets the fine-tuned recognizer and
the party scorer decide first, and is measured on data instead
(``test_training_quality``, ``test_dev_quality``, ``make cv``).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from coopgraph.extract.records import Document, Extraction
from coopgraph.extract.to_records import extract_document


@pytest.fixture(scope="module")
def nlp(rules_nlp: Language) -> Language:
    return rules_nlp


def _extract(nlp: Language, text: str) -> Extraction:
    return extract_document(nlp, Document(id="t", text=text))


def test_memoranda_with_several_partners_are_bilateral(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Kazan Federal University signed memoranda with the University of Malawi, Mzuzu "
        "State University and Blantyre Institute of Technology.",
    )
    hub = "Kazan Federal University"
    assert {frozenset(a.parties) for a in x.agreements} == {
        frozenset({hub, "University of Malawi"}),
        frozenset({hub, "Mzuzu State University"}),
        frozenset({hub, "Blantyre Institute of Technology"}),
    }


def test_a_singular_agreement_keeps_all_its_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tomsk State University, Tomsk Polytechnic University and Siberian Federal University "
        "signed an agreement on joint research.",
    )
    assert len(x.agreements) == 1
    assert len(x.agreements[0].parties) == 3


@pytest.mark.parametrize(
    "text",
    [
        "In the presence of the Ministry of Science and Higher Education, Satbayev University "
        "signed a memorandum with Tomsk Polytechnic University.",
        "Satbayev University and Tomsk Polytechnic University signed a memorandum at "
        "Nazarbayev University.",
        "Satbayev University signed a memorandum of understanding with Tomsk Polytechnic "
        "University at a forum hosted by the Eurasian National University.",
    ],
)
def test_a_singular_instrument_among_other_institutions_keeps_its_two_sides(
    nlp: Language, text: str
) -> None:
    """Nine in ten agreements are bilateral: institutions that host, attend or witness
    are not parties unless the sentence says the instrument has more sides."""
    [agreement] = _extract(nlp, text).agreements
    assert set(agreement.parties) == {"Satbayev University", "Tomsk Polytechnic University"}


def test_a_trilateral_instrument_keeps_its_three_sides(nlp: Language) -> None:
    [agreement] = _extract(
        nlp,
        "A trilateral memorandum was signed by Satbayev University, Tomsk Polytechnic "
        "University and the Ministry of Science and Higher Education.",
    ).agreements
    assert len(agreement.parties) == 3


def test_a_later_reference_to_the_memorandum_is_not_a_new_one(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Satbayev University signed a memorandum of cooperation with Riga Technical University. "
        "Within this memorandum, the universities will exchange students.",
    )
    assert [a.type for a in x.agreements] == ["memorandum"]


def test_an_indefinite_agreement_without_parties_is_kept(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The consortium works within the framework of a bilateral intergovernmental agreement.",
    )
    assert [(a.type, a.parties, a.status) for a in x.agreements] == [("agreement", (), "existing")]


def test_the_signing_of_a_memorandum_is_an_act(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The visit of Andalas University was coupled with the signing of a Memorandum of "
        "Understanding with Jember State University.",
    )
    assert [set(a.parties) for a in x.agreements] == [
        {"Andalas University", "Jember State University"}
    ]


def test_possessive_inside_a_name(nlp: Language) -> None:
    x = _extract(nlp, "Almaty Women's Teacher Training College hosted the forum.")
    assert [o.name for o in x.organizations] == ["Almaty Women's Teacher Training College"]


def test_plural_and_bare_heads_are_not_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Chinese Universities sent delegations. The University welcomed Polotsk State University.",
    )
    assert [o.name for o in x.organizations] == ["Polotsk State University"]


def test_person_name_loses_trailing_codes(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The grant is led by post-doctoral student Dana Omarova AP23456789 at "
        "Karaganda Buketov University.",
    )
    assert "Dana Omarova" in [p.name for p in x.people]
    assert all(not any(c.isdigit() for c in p.name) for p in x.people)


def test_a_later_mention_with_a_party_adds_to_the_earlier_agreement(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Riga Technical University signed a memorandum with Vilnius University on 2 May 2023.\n"
        "Riga Technical University Rector Tanel Tammet said the memorandum opens a double "
        "degree programme in data science.",
    )
    memoranda = [a for a in x.agreements if a.type == "memorandum"]
    assert len(memoranda) == 1
    (programme,) = [a for a in x.agreements if a.type == "joint_programme"]
    # "the memorandum opens a programme": the programme has the memorandum's parties
    assert set(programme.parties) == {"Riga Technical University", "Vilnius University"}
    assert programme.subject_areas == ("data science",)


def test_the_universities_refers_back_to_the_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tomsk State University signed an agreement with Polotsk State University.\n"
        "The universities will launch a joint master's programme in 2025.",
    )
    (programme,) = [a for a in x.agreements if a.type == "joint_programme"]
    assert set(programme.parties) == {"Tomsk State University", "Polotsk State University"}
    assert programme.status == "planned"


def test_an_agreement_establishing_a_consortium_is_membership(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tomsk State University and Siberian Federal University signed an agreement "
        "establishing the Siberian Engineering Consortium.",
    )
    (agreement,) = x.agreements
    assert agreement.type == "consortium_membership"
    assert "Siberian Engineering Consortium" in agreement.parties


def test_passive_signers_are_signatories(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Satbayev University signed an agreement with Riga Technical University.\n"
        "The agreement was signed by Rector Meiram Begentayev and Tanel Tammet.",
    )
    (agreement,) = x.agreements
    assert set(agreement.signatories) == {"Meiram Begentayev", "Tanel Tammet"}


def test_role_fields_are_not_part_of_a_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The partners met in Minsk.\nVice-Rector for International Cooperation Aigerim Bekova "
        "said that an agreement will be prepared.",
    )
    (person,) = x.people
    assert person.name == "Aigerim Bekova"
    assert person.role == "Vice-Rector for International Cooperation"


def test_a_day_before_the_month_belongs_to_the_date(nlp: Language) -> None:
    x = _extract(nlp, "KazNU signed a memorandum with Polotsk State University on 9 February 2024.")
    assert [d.iso for d in x.dates] == ["2024-02-09"]


def test_subject_areas_of_an_agreement(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Polotsk State University signed a memorandum on joint training of engineers with "
        "Vitebsk State Technological University.\n"
        "Minsk State Linguistic University signed an agreement with Tomsk State University "
        "to support cooperation in the fields of linguistics and translation.",
    )
    areas = {a.label: a.subject_areas for a in x.agreements}
    assert areas["memorandum"] == ("joint training of engineers",)
    assert areas["agreement"] == ("linguistics and translation",)


def test_a_possessive_place_is_not_part_of_a_name(nlp: Language) -> None:
    x = _extract(
        nlp, "The UK's University of Manchester signed a memorandum with Vilnius University."
    )
    names = {o.name: o.country for o in x.organizations}
    assert names.get("University of Manchester") == "GB"


def test_a_capitalised_dateline_city_is_not_an_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "MINSK, 3 May. Belarusian State University signed an agreement with "
        "Polotsk State University.",
    )
    assert "MINSK" not in {o.name for o in x.organizations}


@pytest.mark.parametrize(
    "dateline",
    ["KUALA LUMPUR, 3 November 2021 –", "HÀ NỘI —", "ABU DHABI / WAM /", "SHARJAH, 21.02.2023"],
)
def test_a_dateline_in_capitals_is_no_institution(nlp: Language, dateline: str) -> None:
    x = _extract(nlp, f"{dateline} Kazan Federal University signed an agreement with KazNU.")
    place = dateline.split(",")[0].split(" /")[0].split(" —")[0]
    assert place not in {o.name for o in x.organizations}
    assert "Kazan Federal University" in {o.name for o in x.organizations}


def test_an_acronym_opening_a_line_is_still_an_institution(nlp: Language) -> None:
    x = _extract(nlp, "USFQ, a liberal arts college in Quito, signed an agreement with KazNU.")
    assert {"USFQ", "KazNU"} <= {o.name for o in x.organizations}


def test_founding_members_of_a_consortium_are_members_not_partners_of_it(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tomsk State University and Siberian Federal University signed an agreement "
        "establishing the Siberian Engineering Consortium.",
    )
    relations = {(r.subject, r.predicate, r.object) for r in x.relations}
    assert ("Tomsk State University", "member_of", "Siberian Engineering Consortium") in relations
    assert not any(r.predicate == "partner_of" and "Consortium" in r.object for r in x.relations)


def test_role_of_an_institution_before_a_comma_and_an_honorific(nlp: Language) -> None:
    x = _extract(
        nlp,
        "At the ceremony, the Vice-Chancellor of the University of Ghana, Prof. Kwesi Mensah "
        "Asante, signed the memorandum with Vilnius University.",
    )
    person = next(p for p in x.people if p.name.endswith("Asante"))
    assert person.role == "Vice-Chancellor"
    assert person.affiliation == "University of Ghana"


def test_a_name_with_one_more_head_word_is_the_same_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Regent University College signed a memorandum with the University of Rwanda.\n"
        "The President of Regent University said the partnership would grow.",
    )
    names = [o for o in x.organizations if o.name.startswith("Regent")]
    assert len(names) == 1
    assert "Regent University" in (names[0].name, *names[0].aliases)


def test_a_name_after_role_of_institution_is_a_person(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The congress was opened by the President of the Association, Rector of Kazan "
        "Federal University Academician I.R. Gafurov.",
    )
    (person,) = [p for p in x.people if "Gafurov" in p.name]
    assert person.name == "I.R. Gafurov"
    assert person.affiliation == "Kazan Federal University"


def test_initials_and_a_surname_end_an_institution_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Vice-Rector for Research of the Belarusian State Agrarian Technical University "
        "A.V. Kovalev took part in the meeting.",
    )
    assert "Belarusian State Agrarian Technical University" in {o.name for o in x.organizations}
    assert "A.V. Kovalev" in {p.name for p in x.people}


def test_memorandums_of_cooperation_with_several_partners_are_bilateral(nlp: Language) -> None:
    x = _extract(
        nlp,
        "As a result, memorandums of cooperation between Karaganda Technical University and "
        "Grodno State University, Brest State Technical University and "
        "Vitebsk State University were signed.",
    )
    pairs = {frozenset(a.parties) for a in x.agreements}
    assert frozenset({"Karaganda Technical University", "Grodno State University"}) in pairs
    assert len(pairs) == 3


def test_the_news_agency_reporting_is_no_party(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Belarusian State University signed a memorandum with the University of Malawi, "
        "BelTA reports.",
    )
    assert all("BelTA" not in a.parties for a in x.agreements)


def test_events_degrees_and_fields_are_not_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "At the Eurasian Rectors Forum, Kyrgyz National University signed a memorandum "
        "with Osh State University. Professor Aigerim Bekova, Candidate of Historical "
        "Sciences, spoke about Slavic Studies.",
    )
    names = {o.name for o in x.organizations}
    assert not names & {
        "Eurasian Rectors Forum",
        "Candidate of Historical Sciences",
        "Slavic Studies",
    }
    (agreement,) = x.agreements
    assert "Eurasian Rectors Forum" not in agreement.parties


def test_a_year_after_a_comma_completes_the_date(nlp: Language) -> None:
    x = _extract(nlp, "On June 3-4, 2021 Bishkek hosted the congress of deans of the region.")
    assert [d.iso for d in x.dates] == ["2021-06-03"]


def test_role_of_an_institution_with_its_acronym_before_the_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The president of the Brazilian Association for International Education (FAUBAI), "
        "Ana Paula Moreira Lima, signed a collaboration agreement with "
        "Tomsk State University.",
    )
    person = next(p for p in x.people if p.name.endswith("Lima"))
    assert person.affiliation == "Brazilian Association for International Education"


def test_a_partial_mention_is_the_agreement_that_names_all_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The visit was coupled with the signing of a Memorandum of Understanding proposed by "
        "Jember State University.\n"
        "Andalas University and Jember State University signed an MoU on joint research.",
    )
    memoranda = [a for a in x.agreements if a.type == "memorandum"]
    assert [set(a.parties) for a in memoranda] == [
        {"Andalas University", "Jember State University"}
    ]


def test_counted_partners_are_named_in_the_next_sentence(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Satbayev University signed a memorandum with two universities of Korea.\n"
        "The university will hold joint conferences with Pusan National University and "
        "Daegu University of Technology.",
    )
    (memorandum,) = [a for a in x.agreements if a.type == "memorandum"]
    assert set(memorandum.parties) == {
        "Satbayev University",
        "Pusan National University",
        "Daegu University of Technology",
    }


def test_one_person_spelt_two_ways_is_one_person(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The rector of Almaty Technological University Gulnara Abdrakhmanova signed a "
        "memorandum with Karaganda Buketov University.\n"
        "Gulnara Abdrahmanova thanked the partners for their support.",
    )
    saules = [p for p in x.people if p.name.startswith("Gulnara")]
    assert len(saules) == 1


def test_a_country_before_a_name_is_not_a_given_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The fund was created at the initiative of the President of Kyrgyzstan "
        "S. N. Japarov in 2021.",
    )
    assert all(not p.name.startswith("Kazakhstan") for p in x.people)


def test_a_lower_case_dateline_is_the_publication_date(nlp: Language) -> None:
    x = extract_document(
        nlp, Document(id="t", text="21 june, 2023\nASTANA. ENU signed a memorandum with BSU.")
    )
    assert [(d.iso, d.what) for d in x.dates] == [("2023-06-21", "publication")]


def test_the_publication_date_restated_is_not_another_date(nlp: Language) -> None:
    x = extract_document(
        nlp,
        Document(
            id="t",
            text="On March 5, the rector of Bukhara State University gave a lecture.",
            published="2019-03-05",
        ),
    )
    assert [(d.iso, d.what) for d in x.dates] == [("2019-03-05", "publication")]


def test_bodies_named_by_description_are_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Deans gathered at the standing commission for monitoring the work of the engineering "
        "consortium between technical universities of the Republic of Uzbekistan and the "
        "Republic of Latvia. The consortium was founded in 2016.",
    )
    names = {o.name for o in x.organizations}
    commission = "standing commission for monitoring the work of the engineering consortium"
    assert commission in names
    consortium = (
        "engineering consortium between technical universities of the Republic of Uzbekistan "
        "and the Republic of Latvia"
    )
    assert consortium in names
    # a body of institutions of two countries is in neither
    assert next(o for o in x.organizations if o.name == consortium).country is None
    # the bare "The consortium" is that consortium again, not a new organization
    assert len(names) == 2


def test_a_name_cut_short_is_the_longer_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Baltic Association of Technical Schools met in Riga. The Baltic Association "
        "elected a new chair. Gumilyov Eurasian National University hosted it; Eurasian "
        "National University has chaired it since 2001.",
    )
    assert len(x.organizations) == 2


def test_a_field_after_of_makes_another_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Kazakh National University and Kazakh National University of Arts signed an agreement.",
    )
    assert len(x.organizations) == 2


def test_a_country_after_a_university_named_for_its_city_is_where_it_is(
    nlp: Language,
) -> None:
    x = _extract(nlp, "Makerere University and University of Nairobi of Kenya met.")
    assert "University of Nairobi" in {o.name for o in x.organizations}


def test_institutions_acting_under_an_agreement_are_not_its_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Uzbek-Latvian engineering consortium, created within the framework of an "
        "intergovernmental agreement, includes 30 institutes.",
    )
    (agreement,) = x.agreements
    assert agreement.parties == ()
    y = _extract(
        nlp,
        "Under the agreement signed today, Al-Farabi Kazakh National University and Polotsk "
        "State University will open a joint programme.",
    )
    assert all(len(a.parties) == 2 for a in y.agreements)


def test_the_person_a_name_honours_stays_in_the_name(nlp: Language) -> None:
    x = _extract(nlp, "Kokshetau University named after A. Myrzakhmetov hosted the forum.")
    assert [o.name for o in x.organizations] == ["Kokshetau University named after A. Myrzakhmetov"]


def test_a_unit_and_the_institution_it_belongs_to(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Institute of Oriental Studies of Ankara University and School of Law of Kyoto "
        "University concluded an academic exchange agreement in 2015. Termez Pedagogical "
        "Institute of the A. Navoi Tashkent State University joined later.",
    )
    orgs = {o.name: o for o in x.organizations}
    unit = "Institute of Oriental Studies of Ankara University"
    assert "Institute of Oriental Studies" in orgs[unit].aliases
    assert {"Ankara University", "Kyoto University"} <= set(orgs)
    assert "School of Law of Kyoto University" in orgs
    assert "Termez Pedagogical Institute of the A. Navoi Tashkent State University" in orgs
    assert "A. Navoi Tashkent State University" in orgs
    # the units concluded it; their universities are named only as whose units they are
    (agreement,) = x.agreements
    assert set(agreement.parties) == {unit, "School of Law of Kyoto University"}


def test_an_office_implies_its_ministry(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The opening was attended by: Minister of Culture and Sport of the Republic of "
        "Uzbekistan Ozodbek Nazarbekov, and Vice-Minister of Energy B. Akchulakov.",
    )
    orgs = {o.name: o for o in x.organizations}
    ministry = "Ministry of Culture and Sport of the Republic of Uzbekistan"
    assert ministry in orgs and orgs[ministry].country == "UZ"
    assert "Ministry of Energy" in orgs
    people = {p.name: p for p in x.people}
    assert people["Ozodbek Nazarbekov"].affiliation == ministry
    assert people["B. Akchulakov"].role == "Vice-Minister of Energy"
    assert people["B. Akchulakov"].affiliation == "Ministry of Energy"
    # the evidence of an implied ministry is the office that implies it
    (evidence,) = orgs["Ministry of Energy"].evidence
    assert x.document.text[evidence.start : evidence.end] == "Minister of Energy"


def test_an_implied_ministry_keeps_the_whole_state(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Among the guests were M.Yu. Galuzin, Deputy Minister of Foreign Affairs of the "
        "Russian Federation, and the Minister of Education of the Kyrgyz Republic.",
    )
    names = {o.name for o in x.organizations}
    assert "Ministry of Foreign Affairs of the Russian Federation" in names
    assert "Ministry of Education of the Kyrgyz Republic" in names


def test_a_plural_head_over_a_list_of_countries_is_one_institution_each(
    nlp: Language,
) -> None:
    x = _extract(
        nlp,
        "The summit was attended by delegates of the Ministries of Health of Estonia, Latvia, "
        "and Lithuania.",
    )
    ministries = {o.name: o.country for o in x.organizations}
    assert ministries == {
        "Ministry of Health of Estonia": "EE",
        "Ministry of Health of Latvia": "LV",
        "Ministry of Health of Lithuania": "LT",
    }


def test_a_unit_is_an_organization_only_where_it_acts(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Today the Confucius Institute, the Faculty of Physics and the Department of Applied "
        "Mathematics operate at Satbayev University. Aigerim Bekova is Director of the "
        "Analytical Center of Kazakh National Agrarian University.",
    )
    names = {o.name for o in x.organizations}
    assert "Faculty of Physics" not in names
    assert "Department of Applied Mathematics" not in names
    assert "Analytical Center of Kazakh National Agrarian University" not in names
    assert {"Confucius Institute", "Kazakh National Agrarian University"} <= names


def test_a_quoted_name_keeps_its_commas_and_legal_forms_are_no_names(nlp: Language) -> None:
    x = _extract(
        nlp,
        'The session was opened by the Head of the RSE on the REM "Institute of Botany, '
        'Phytointroduction and Ecology" Nurlan Sagyndykov.',
    )
    assert [o.name for o in x.organizations] == [
        "Institute of Botany, Phytointroduction and Ecology"
    ]


def test_heads_of_other_languages_come_before_the_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The network was founded by L’Université Jean Monnet and Vrije Universiteit Amsterdam "
        "(VUA). Universitat Ramon Llull joined later; Ramon Llull University will host it.",
    )
    orgs = {o.name: set(o.aliases) for o in x.organizations}
    assert "L’Université Jean Monnet" in orgs
    assert orgs["Vrije Universiteit Amsterdam"] == {"VUA"}
    assert len(orgs) == 3  # Universitat Ramon Llull is Ramon Llull University


def test_a_plural_institution_word_names_a_kind_not_one(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tartu leads the approach to the Nordic Universities of tomorrow and the future of the "
        "Nordic University Networks.",
    )
    assert not [o for o in x.organizations if "Nordic" in o.name]


def test_a_complement_naming_members_ends_with_their_plural(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Memorandum between Cooperation Council of the Arabic-speaking states and the "
        "Kazakh-American University is signed. The secretary general of CCAS spoke about the "
        "Arabic world.",
    )
    orgs = {o.name: set(o.aliases) for o in x.organizations}
    assert orgs == {
        "Cooperation Council of the Arabic-speaking states": {"CCAS"},
        "Kazakh-American University": set(),
    }


def test_a_centre_named_both_ways_is_one(nlp: Language) -> None:
    x = _extract(
        nlp,
        "A delegation of the Korean Center for Technology Commercialization of ASEAN member "
        "states visited Satbayev University. Technology Commercialization Center is a "
        "national platform supported by ASEAN Secretariat.",
    )
    orgs = {o.name: set(o.aliases) for o in x.organizations}
    korean = "Korean Center for Technology Commercialization of ASEAN member states"
    assert orgs[korean] == {"Technology Commercialization Center"}
    assert "ASEAN Secretariat" in orgs


def test_a_unit_named_with_its_institution_is_affiliated_with_it(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Center for Arctic Studies of Tromso University concluded an exchange agreement. "
        "Deans met at the standing commission for monitoring the work of the engineering "
        "consortium.",
    )
    affiliations = {(r.subject, r.object) for r in x.relations if r.predicate == "affiliated_with"}
    assert ("Center for Arctic Studies of Tromso University", "Tromso University") in affiliations
    commission = "standing commission for monitoring the work of the engineering consortium"
    assert (commission, "engineering consortium") in affiliations


def test_institutions_joining_an_alliance_are_its_members(nlp: Language) -> None:
    x = _extract(
        nlp,
        "At a ceremony at the University of Tartu both the Universitat Ramon Llull from "
        "Barcelona and the University of Turku joined the new ARCTIC Alliance.",
    )
    members = {r.subject for r in x.relations if r.predicate == "member_of"}
    assert members == {"Universitat Ramon Llull", "University of Turku"}
    assert {r.object for r in x.relations if r.predicate == "member_of"} == {"ARCTIC Alliance"}


def test_a_role_starts_after_the_previous_person_and_ends_before_the_next(
    nlp: Language,
) -> None:
    x = _extract(
        nlp,
        "The delegation was headed by Professor Nurlan Abenov and general secretary Dana "
        "Sarsenova. Chairman of the Board - Rector of Satbayev University Meiram Begentayev "
        "spoke. The visitors were Wang Lei, Deputy Director of Center, Zhang Min, Director of "
        "Science and Education Department. The memorandum was signed on behalf of UCT while "
        "the Vice-Chancellor of Rhodes University Prof. Sizwe Mabizela signed on behalf of RU.",
    )
    roles = {p.name: p.role for p in x.people}
    assert roles["Dana Sarsenova"] == "general secretary"
    assert roles["Meiram Begentayev"] == "Chairman of the Board - Rector"
    assert roles["Wang Lei"] == "Deputy Director of Center"
    assert roles["Sizwe Mabizela"] == "Vice-Chancellor"


def test_a_parent_named_head_first_is_an_institution_too(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Satbayev University signed a memorandum with the Institute of Nuclear Physics of the "
        "Ministry of Energy of the Republic of Kazakhstan.",
    )
    names = {o.name for o in x.organizations}
    assert "Ministry of Energy of the Republic of Kazakhstan" in names
    (memorandum,) = x.agreements
    assert len(memorandum.parties) == 2  # the ministry is named, it does not sign


def test_a_bare_described_body_is_no_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The organizing committee of the conference met on Monday. The academic consortium "
        "will grow, the working commission said.",
    )
    assert x.organizations == ()


def test_an_implied_ministry_stops_at_its_portfolio_and_a_state_is_no_parent(
    nlp: Language,
) -> None:
    x = _extract(
        nlp,
        "Prime Minister of Kazakhstan Olzhas Bektenov met the Minister of Foreign Affairs "
        "Murat Nurtleu. The Chamber of Commerce and Industry of the Russian Federation signed "
        "a memorandum with Tomsk State University.",
    )
    assert {o.name for o in x.organizations} == {
        "Ministry of Foreign Affairs",  # not "... Affairs Murat Nurtleu"; no Prime Ministry
        "Chamber of Commerce and Industry of the Russian Federation",
        "Tomsk State University",
    }


def test_a_meeting_with_the_body_that_held_it_and_who_took_part(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Al-Farabi KazNU took part in the VIII meeting of the working commission for "
        "coordinating the activities of the academic consortium between universities of "
        "Kazakhstan and Belarus. The VIII meeting of the consortium was attended by Polotsk "
        "State University. A meeting was planned.",
    )
    (meeting,) = x.meetings
    commission = "working commission for coordinating the activities of the academic consortium"
    assert meeting.label == f"VIII meeting of the {commission}"
    assert meeting.organizer == commission
    # the consortium is named inside the commission's name: it does not take part
    assert meeting.participants == ("Al-Farabi KazNU", "Polotsk State University")
    assert meeting.date_iso is None
    assert len(meeting.evidence) == 2


def test_each_item_of_a_list_of_agreements_is_one_agreement(nlp: Language) -> None:
    x = _extract(
        nlp,
        "During the visit, three agreements were signed:\n"
        "- Memorandum of understanding with Riga Technical University;\n"
        "- Memorandum of understanding with Vilnius University;\n"
        "- Agreement on cooperation with Tallinn University of Technology.\n"
        "Press service of Satbayev University",
    )
    hub = "Satbayev University"
    assert {(a.type, frozenset(a.parties), a.status) for a in x.agreements} == {
        ("memorandum", frozenset({hub, "Riga Technical University"}), "signed"),
        ("memorandum", frozenset({hub, "Vilnius University"}), "signed"),
        ("agreement", frozenset({hub, "Tallinn University of Technology"}), "signed"),
    }


def test_words_past_a_name_the_text_gives_elsewhere_are_not_part_of_it(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The University of Tartu and Tallinn University of Technology signed a cooperation "
        "agreement. Vice-Rector for Research of the University of Tartu Kristjan Vassil said "
        "that the partnership will grow.",
    )
    assert {o.name for o in x.organizations} == {
        "University of Tartu",
        "Tallinn University of Technology",
    }
    (person,) = x.people
    assert (person.name, person.affiliation) == ("Kristjan Vassil", "University of Tartu")


def test_an_ambassador_implies_the_embassy_of_their_country(nlp: Language) -> None:
    x = _extract(
        nlp, "The meeting was attended by the Ambassador of China to Kazakhstan Zhang Xiao."
    )
    assert [o.name for o in x.organizations] == ["Embassy of China"]
    (person,) = x.people
    assert person.affiliation == "Embassy of China"


def test_a_signed_agreement_takes_the_date_its_sentence_gives(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Almaty, 3 March 2023\nThe delegations met in Almaty. On 1 March 2023 Satbayev "
        "University and Polotsk State University signed a memorandum of understanding.",
    )
    (agreement,) = x.agreements
    assert agreement.date_iso == "2023-03-01"


def test_an_agreement_signed_today_takes_the_publication_date(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Almaty, 3 March 2023\nThe delegations met in Almaty. Satbayev University signed "
        "a memorandum of understanding with Polotsk State University today.",
    )
    (agreement,) = x.agreements
    assert agreement.date_iso == "2023-03-03"


def _members(x: Extraction) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in x.relations if r.predicate == "member_of"}


def test_membership_stated_in_other_words_in_its_direction(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Kazakh-British Technical University is now a member of the Association of Asian "
        "Universities. The Eurasian Association of Universities counts Polotsk State "
        "University among its members. Satbayev University belongs to the Central Asian "
        "Engineering Consortium, together with Tashkent State Technical University.",
    )
    assert _members(x) >= {
        ("Kazakh-British Technical University", "Association of Asian Universities"),
        ("Polotsk State University", "Eurasian Association of Universities"),
        ("Satbayev University", "Central Asian Engineering Consortium"),
        ("Tashkent State Technical University", "Central Asian Engineering Consortium"),
    }
    bodies = {"Association of Asian Universities", "Eurasian Association of Universities"}
    assert not {(a, b) for a, b in _members(x) if a in bodies}  # never the other way round


def test_partners_are_not_members_of_each_other(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Satbayev University signed a memorandum with Polotsk State University, and the two "
        "universities will exchange students from September 2025.",
    )
    assert _members(x) == set()


def test_a_bulleted_list_of_members_belongs_to_the_body_named_before_it(
    nlp: Language,
) -> None:
    x = _extract(
        nlp,
        "The Consortium of Technical Universities of Central Asia was founded in 2020.\n\n"
        "The consortium brings together three institutions:\n"
        "- Satbayev University;\n"
        "- Polotsk State University;\n"
        "- Tomsk Polytechnic University.\n",
    )
    body = "Consortium of Technical Universities of Central Asia"
    assert _members(x) == {
        ("Satbayev University", body),
        ("Polotsk State University", body),
        ("Tomsk Polytechnic University", body),
    }


def test_partners_listed_after_a_colon_are_each_a_partner(nlp: Language) -> None:
    x = _extract(
        nlp,
        "A delegation of St Petersburg University has been to Minsk, where it signed "
        "cooperation agreements with three Belarusian organisations:\n"
        "• the National Academy of Sciences of Belarus;\n"
        "• the State Literary Museum of Belarus;\n"
        "• Belarusian State University.\n\nThe agreements cover research.",
    )
    hub = "St Petersburg University"
    assert {frozenset(a.parties) for a in x.agreements} == {
        frozenset({hub, "National Academy of Sciences of Belarus"}),
        frozenset({hub, "State Literary Museum of Belarus"}),
        frozenset({hub, "Belarusian State University"}),
    }


def test_the_listed_sides_of_one_instrument_are_all_its_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Four institutions concluded an agreement to set up a joint competence centre. "
        "The parties are:\n"
        "• Voronezh State Agrarian University;\n"
        "• Gorin Belgorod State Agrarian University;\n"
        "• Trubilin Kuban State Agrarian University.\n",
    )
    assert [set(a.parties) for a in x.agreements] == [
        {
            "Voronezh State Agrarian University",
            "Gorin Belgorod State Agrarian University",
            "Trubilin Kuban State Agrarian University",
        }
    ]


def test_a_list_of_agreements_is_still_read_item_by_item(nlp: Language) -> None:
    x = _extract(
        nlp,
        "On 28 October 2011 the Faculty of History hosted a ceremony at which three "
        "documents on cooperation were signed:\n"
        "– a Cooperation Treaty between Moscow State University and Belarusian State "
        "University;\n"
        "– an Agreement between Tomsk State University and Riga Technical University.\n",
    )
    assert {frozenset(a.parties) for a in x.agreements} == {
        frozenset({"Moscow State University", "Belarusian State University"}),
        frozenset({"Tomsk State University", "Riga Technical University"}),
    }


def test_joining_a_consortium_is_a_membership_agreement(nlp: Language) -> None:
    x = _extract(nlp, "Osh State University joined the CIS Network University last week.")
    assert [(a.type, a.status, a.parties) for a in x.agreements] == [
        ("consortium_membership", "signed", ("CIS Network University", "Osh State University"))
    ]
    # a member, not a partner, of the body it joined
    assert [(r.subject, r.predicate, r.object) for r in x.relations] == [
        ("Osh State University", "member_of", "CIS Network University")
    ]


def test_being_a_member_is_a_membership_but_no_agreement(nlp: Language) -> None:
    x = _extract(
        nlp, "Polotsk State University is a member of the Eurasian Universities Association."
    )
    assert x.agreements == ()
    assert [(r.subject, r.predicate) for r in x.relations] == [
        ("Polotsk State University", "member_of")
    ]


def test_an_outlet_named_by_its_web_address_is_no_party(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tashkent State University of Economics signed an agreement with Malaysian City "
        "University, UzDaily.com reports.",
    )
    assert [set(a.parties) for a in x.agreements] == [
        {"Tashkent State University of Economics", "Malaysian City University"}
    ]


def test_a_numbered_edition_is_an_event_not_an_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Kazan Federal University presented its programmes at the VI Moscow International "
        "Education Fair and at the 9th Eurasian Forum of Rectors.",
    )
    names = {o.name for o in x.organizations}
    assert "Kazan Federal University" in names
    assert not any(name.startswith(("VI ", "9th ")) for name in names), names


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Commenting on the event, NIMS President Dr. Kazuhiro Hono welcomed it.",
         "Kazuhiro Hono", "President"),
        ("Kyoto University Executive Vice-President Kayo Inaba took part in the meeting.",
         "Kayo Inaba", "Executive Vice-President"),
        ("Oron Shagrir, HUJI's vice president for international affairs, said it would help.",
         "Oron Shagrir", "vice president for international affairs"),
        ("The delegation was led by its Director General Dr Sayabek Sakhiyev.",
         "Sayabek Sakhiyev", "Director General"),
    ],
)  # fmt: skip
def test_a_role_named_after_its_institution_or_before_an_honorific(
    nlp: Language, text: str, name: str, role: str
) -> None:
    people = {p.name: p for p in _extract(nlp, text).people}
    assert people[name].role == role


def test_an_agreement_takes_the_signing_day_of_the_next_sentence(nlp: Language) -> None:
    x = _extract(
        nlp,
        "9 May 2024\n\nKharkiv Karazin University has concluded a memorandum of cooperation "
        "with Kaunas University of Technology. The document was signed on May 8th in Kaunas.",
    )
    assert [a.date_iso for a in x.agreements] == ["2024-05-08"]


def test_an_agreement_signed_in_a_month_takes_the_month(nlp: Language) -> None:
    x = _extract(
        nlp, "Belarusian National Technical University signed an agreement with Zhejiang "
        "University in December 2019.",
    )  # fmt: skip
    assert [a.date_iso for a in x.agreements] == ["2019-12"]


def test_an_agreement_takes_the_one_day_the_text_reports(nlp: Language) -> None:
    x = _extract(
        nlp,
        "On November 21, 2024, a delegation of Karaganda Buketov University paid a visit to "
        "Osh State University.\n\nThe rectors discussed academic mobility and research.\n\n"
        "The sides exchanged views on joint projects.\n\nA memorandum of cooperation was "
        "signed between Karaganda Buketov University and Osh State University.",
    )
    assert [a.date_iso for a in x.agreements] == ["2024-11-21"]
