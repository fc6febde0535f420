"""Known answers for single extraction rules, on handmade sentences."""

from __future__ import annotations

from spacy.language import Language

from extract.records import Document, Extraction
from extract.to_records import extract_document


def _extract(nlp: Language, text: str) -> Extraction:
    return extract_document(nlp, Document(id="t", text=text))


def test_memoranda_with_several_partners_are_bilateral(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Belarusian National Technical University signed memoranda with the University of "
        "Zimbabwe, Lupane State University and Harare Institute of Technology.",
    )
    hub = "Belarusian National Technical University"
    assert {frozenset(a.parties) for a in x.agreements} == {
        frozenset({hub, "University of Zimbabwe"}),
        frozenset({hub, "Lupane State University"}),
        frozenset({hub, "Harare Institute of Technology"}),
    }


def test_a_singular_agreement_keeps_all_its_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Tomsk State University, Tomsk Polytechnic University and Siberian Federal University "
        "signed an agreement on joint research.",
    )
    assert len(x.agreements) == 1
    assert len(x.agreements[0].parties) == 3


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
        "The visit of Udayana University was coupled with the signing of a Memorandum of "
        "Understanding with Manado State University.",
    )
    assert [set(a.parties) for a in x.agreements] == [
        {"Udayana University", "Manado State University"}
    ]


def test_possessive_inside_a_name(nlp: Language) -> None:
    x = _extract(nlp, "Kazakh National Women's Teacher Training University hosted the forum.")
    assert [o.name for o in x.organizations] == [
        "Kazakh National Women's Teacher Training University"
    ]


def test_plural_and_bare_heads_are_not_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Chinese Universities sent delegations. The University welcomed Polotsk State University.",
    )
    assert [o.name for o in x.organizations] == ["Polotsk State University"]


def test_person_name_loses_trailing_codes(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The grant is led by post-doctoral student Seilkhan Ainur AP19178093 at "
        "Abai Kazakh National Pedagogical University.",
    )
    assert "Seilkhan Ainur" in [p.name for p in x.people]
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
    x = _extract(nlp, "The UK's University of Warwick signed a memorandum with Vilnius University.")
    names = {o.name: o.country for o in x.organizations}
    assert names.get("University of Warwick") == "GB"


def test_a_capitalised_dateline_city_is_not_an_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "MINSK, 3 May. Belarusian State University signed an agreement with "
        "Polotsk State University.",
    )
    assert "MINSK" not in {o.name for o in x.organizations}


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
        "At the ceremony, the Vice-Chancellor of the University of Cape Coast, Prof. Johnson "
        "Nyarko Boampong, signed the memorandum with Vilnius University.",
    )
    person = next(p for p in x.people if p.name.endswith("Boampong"))
    assert person.role == "Vice-Chancellor"
    assert person.affiliation == "University of Cape Coast"


def test_a_name_with_one_more_head_word_is_the_same_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Dominion University College signed a memorandum with the University of Kigali.\n"
        "The President of Dominion University said the partnership would grow.",
    )
    names = [o for o in x.organizations if o.name.startswith("Dominion")]
    assert len(names) == 1
    assert "Dominion University" in (names[0].name, *names[0].aliases)


def test_a_name_after_role_of_institution_is_a_person(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The congress was opened by the President of the Association, Rector of Lomonosov "
        "Moscow State University Academician V.A. Sadovnichy.",
    )
    (person,) = [p for p in x.people if "Sadovnichy" in p.name]
    assert person.name == "V.A. Sadovnichy"
    assert person.affiliation == "Lomonosov Moscow State University"


def test_initials_and_a_surname_end_an_institution_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Vice-Rector for Research of the Belarusian State University of Transport "
        "A.A. Erofeev took part in the meeting.",
    )
    assert "Belarusian State University of Transport" in {o.name for o in x.organizations}
    assert "A.A. Erofeev" in {p.name for p in x.people}


def test_memorandums_of_cooperation_with_several_partners_are_bilateral(nlp: Language) -> None:
    x = _extract(
        nlp,
        "As a result, memorandums of cooperation between Pavlodar State University and "
        "Belarusian State University, Belarusian National Technical University and "
        "Belarusian State Technological University were signed.",
    )
    pairs = {frozenset(a.parties) for a in x.agreements}
    assert frozenset({"Pavlodar State University", "Belarusian State University"}) in pairs
    assert len(pairs) == 3


def test_the_news_agency_reporting_is_no_party(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Belarusian National Technical University signed a memorandum with the University of "
        "Zimbabwe, BelTA reports.",
    )
    assert all("BelTA" not in a.parties for a in x.agreements)


def test_events_degrees_and_fields_are_not_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "At the Central Asian Rectors Forum, Tajik National University signed a memorandum "
        "with Kazakh National Women's Teacher Training University. Professor Aigerim Bekova, "
        "Candidate of Philosophical Sciences, spoke about Oriental Studies.",
    )
    names = {o.name for o in x.organizations}
    assert not names & {
        "Central Asian Rectors Forum",
        "Candidate of Philosophical Sciences",
        "Oriental Studies",
    }
    (agreement,) = x.agreements
    assert "Central Asian Rectors Forum" not in agreement.parties


def test_a_year_after_a_comma_completes_the_date(nlp: Language) -> None:
    x = _extract(nlp, "On May 12-13, 2022 Almaty hosted the forum of rectors of Central Asia.")
    assert [d.iso for d in x.dates] == ["2022-05-12"]


def test_role_of_an_institution_with_its_acronym_before_the_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The president of the Mexican Association for International Education (AMPEI), "
        "César Eduardo Gutiérrez Jurado, signed a collaboration agreement with "
        "Tomsk State University.",
    )
    person = next(p for p in x.people if p.name.endswith("Jurado"))
    assert person.affiliation == "Mexican Association for International Education"


def test_a_partial_mention_is_the_agreement_that_names_all_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The visit was coupled with the signing of a Memorandum of Understanding proposed by "
        "Manado State University.\n"
        "Udayana University and Manado State University signed an MoU on joint research.",
    )
    memoranda = [a for a in x.agreements if a.type == "memorandum"]
    assert [set(a.parties) for a in memoranda] == [
        {"Udayana University", "Manado State University"}
    ]


def test_counted_partners_are_named_in_the_next_sentence(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Al-Farabi Kazakh National University signed a memorandum with two universities of China.\n"
        "The university will hold joint conferences with Nanjing University of Arts and "
        "Wuhan University of Sports.",
    )
    (memorandum,) = [a for a in x.agreements if a.type == "memorandum"]
    assert set(memorandum.parties) == {
        "Al-Farabi Kazakh National University",
        "Nanjing University of Arts",
        "Wuhan University of Sports",
    }


def test_one_person_spelt_two_ways_is_one_person(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The rector of East Kazakhstan Technical University Saule Rahmatullina signed a "
        "memorandum with Abai Kazakh National Pedagogical University.\n"
        "Saule Rakhmetullina thanked the partners for their support.",
    )
    saules = [p for p in x.people if p.name.startswith("Saule")]
    assert len(saules) == 1


def test_a_country_before_a_name_is_not_a_given_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The assembly was created at the initiative of the President of Kazakhstan "
        "N. A. Nazarbayev in 2008.",
    )
    assert all(not p.name.startswith("Kazakhstan") for p in x.people)


def test_a_lower_case_dateline_is_the_publication_date(nlp: Language) -> None:
    x = extract_document(
        nlp, Document(id="t", text="13 may, 2022\nALMATY. KazNU signed a memorandum with BSU.")
    )
    assert [(d.iso, d.what) for d in x.dates] == [("2022-05-13", "publication")]


def test_the_publication_date_restated_is_not_another_date(nlp: Language) -> None:
    x = extract_document(
        nlp,
        Document(
            id="t",
            text="On April 2, the rector of Samarkand State University gave a lecture.",
            published="2018-04-02",
        ),
    )
    assert [(d.iso, d.what) for d in x.dates] == [("2018-04-02", "publication")]


def test_bodies_named_by_description_are_institutions(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Rectors met at the working commission for coordinating the activities of the academic "
        "consortium between higher educational institutions of the Republic of Kazakhstan and "
        "the Republic of Belarus. The consortium was created in 2011.",
    )
    names = {o.name for o in x.organizations}
    assert "working commission for coordinating the activities of the academic consortium" in names
    consortium = (
        "academic consortium between higher educational institutions of the Republic of "
        "Kazakhstan and the Republic of Belarus"
    )
    assert consortium in names
    # a body of institutions of two countries is in neither
    assert next(o for o in x.organizations if o.name == consortium).country is None
    # the bare "The consortium" is that consortium again, not a new organization
    assert len(names) == 2


def test_a_name_cut_short_is_the_longer_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Eurasian Association of Universities met in Almaty. The Eurasian Association "
        "elected a new president. Lomonosov Moscow State University hosted it; Moscow State "
        "University has chaired it since 1989.",
    )
    assert len(x.organizations) == 2


def test_a_field_after_of_makes_another_institution(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Belarusian State University and Belarusian State University of Informatics and "
        "Radioelectronics signed an agreement.",
    )
    assert len(x.organizations) == 2


def test_a_country_after_a_university_named_for_its_city_is_where_it_is(
    nlp: Language,
) -> None:
    x = _extract(nlp, "Dominion University College and University of Kigali of Rwanda met.")
    assert "University of Kigali" in {o.name for o in x.organizations}


def test_institutions_acting_under_an_agreement_are_not_its_parties(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Kazakh-Belarusian academic consortium, held within the framework of a bilateral "
        "intergovernmental agreement, unites about 50 universities.",
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
    x = _extract(nlp, "Zhetysu University named after I. Zhansugurov hosted the forum.")
    assert [o.name for o in x.organizations] == ["Zhetysu University named after I. Zhansugurov"]


def test_a_unit_and_the_institution_it_belongs_to(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Center for Hui Studies of Anhui University and Faculty of Letters of Kumamoto "
        "University concluded an academic exchange agreement in 2010. Khujand Polytechnic "
        "Institute of the M. S. Osimi Technical University of Tajikistan joined later.",
    )
    orgs = {o.name: o for o in x.organizations}
    assert "Center for Hui Studies" in orgs["Center for Hui Studies of Anhui University"].aliases
    assert {"Anhui University", "Kumamoto University"} <= set(orgs)
    assert "Faculty of Letters of Kumamoto University" in orgs
    assert (
        "Khujand Polytechnic Institute of the M. S. Osimi Technical University of Tajikistan"
        in orgs
    )
    assert "M. S. Osimi Technical University of Tajikistan" in orgs
    # the units concluded it; their universities are named only as whose units they are
    (agreement,) = x.agreements
    assert set(agreement.parties) == {
        "Center for Hui Studies of Anhui University",
        "Faculty of Letters of Kumamoto University",
    }


def test_an_office_implies_its_ministry(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The event was attended by: Minister of Education and Science of the Republic of "
        "Kazakhstan Askhat Aimagambetov, and Vice-Minister of Science and Higher Education "
        "K. Yergaliev.",
    )
    orgs = {o.name: o for o in x.organizations}
    ministry = "Ministry of Education and Science of the Republic of Kazakhstan"
    assert ministry in orgs and orgs[ministry].country == "KZ"
    assert "Ministry of Science and Higher Education" in orgs
    people = {p.name: p for p in x.people}
    assert people["Askhat Aimagambetov"].affiliation == ministry
    assert people["K. Yergaliev"].role == "Vice-Minister of Science and Higher Education"
    assert people["K. Yergaliev"].affiliation == "Ministry of Science and Higher Education"
    # the evidence of an implied ministry is the office that implies it
    (evidence,) = orgs["Ministry of Science and Higher Education"].evidence
    assert x.document.text[evidence.start : evidence.end].startswith("Minister of Science")


def test_a_plural_head_over_a_list_of_countries_is_one_institution_each(
    nlp: Language,
) -> None:
    x = _extract(
        nlp,
        "The forum was attended by representatives of the Ministries of Education of "
        "Kazakhstan, Kyrgyzstan, Tajikistan, and Uzbekistan.",
    )
    ministries = {o.name: o.country for o in x.organizations}
    assert ministries == {
        "Ministry of Education of Kazakhstan": "KZ",
        "Ministry of Education of Kyrgyzstan": "KG",
        "Ministry of Education of Tajikistan": "TJ",
        "Ministry of Education of Uzbekistan": "UZ",
    }


def test_a_unit_is_an_organization_only_where_it_acts(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Today the Confucius Institute, the Faculty of Oriental Studies and the Department of "
        "Chinese Studies operate at Kazakh National University. Mukhitdin Kalonov is Director "
        "of the Research Center of Tashkent State University of Economics.",
    )
    names = {o.name for o in x.organizations}
    assert "Faculty of Oriental Studies" not in names
    assert "Department of Chinese Studies" not in names
    assert "Research Center of Tashkent State University of Economics" not in names
    assert {"Confucius Institute", "Tashkent State University of Economics"} <= names


def test_a_quoted_name_keeps_its_commas_and_legal_forms_are_no_names(nlp: Language) -> None:
    x = _extract(
        nlp,
        'The forum was opened by the General Director of the RSE on the REM "Institute of '
        'Philosophy, Political Science and Religious Studies" Serik Seidumanov.',
    )
    assert [o.name for o in x.organizations] == [
        "Institute of Philosophy, Political Science and Religious Studies"
    ]


def test_heads_of_other_languages_come_before_the_name(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The alliance was founded by L’Université Paris Seine and Vrije Universiteit Brussel "
        "(VUB). Universitat Pompeu Fabra joined later; Pompeu Fabra University will host it.",
    )
    orgs = {o.name: set(o.aliases) for o in x.organizations}
    assert "L’Université Paris Seine" in orgs
    assert orgs["Vrije Universiteit Brussel"] == {"VUB"}
    assert len(orgs) == 3  # Universitat Pompeu Fabra is Pompeu Fabra University


def test_a_plural_institution_word_names_a_kind_not_one(nlp: Language) -> None:
    x = _extract(
        nlp,
        "Warwick leads the approach to the European Universities of the future initiative and "
        "the future of the European University Networks.",
    )
    assert not [o for o in x.organizations if "European" in o.name]


def test_a_complement_naming_members_ends_with_their_plural(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Memorandum between Parliamentary Assembly of the Turkic-speaking countries and "
        "the International Kazakh-Turkish University is signed. The secretary general of PATS "
        "spoke about the Turkic world.",
    )
    orgs = {o.name: set(o.aliases) for o in x.organizations}
    assert orgs == {
        "Parliamentary Assembly of the Turkic-speaking countries": {"PATS"},
        "International Kazakh-Turkish University": set(),
    }


def test_a_centre_named_both_ways_is_one(nlp: Language) -> None:
    x = _extract(
        nlp,
        "A delegation of the Chinese Center for Technology Transfer of SCO member states "
        "visited Satbayev University. Technology Transfer Center is a national platform "
        "supported by SCO Secretariat.",
    )
    orgs = {o.name: set(o.aliases) for o in x.organizations}
    chinese = "Chinese Center for Technology Transfer of SCO member states"
    assert orgs[chinese] == {"Technology Transfer Center"}
    assert "SCO Secretariat" in orgs


def test_a_unit_named_with_its_institution_is_affiliated_with_it(nlp: Language) -> None:
    x = _extract(
        nlp,
        "The Center for Hui Studies of Anhui University concluded an exchange agreement. "
        "Rectors met at the working commission for coordinating the activities of the "
        "academic consortium.",
    )
    affiliations = {(r.subject, r.object) for r in x.relations if r.predicate == "affiliated_with"}
    assert ("Center for Hui Studies of Anhui University", "Anhui University") in affiliations
    commission = "working commission for coordinating the activities of the academic consortium"
    assert (commission, "academic consortium") in affiliations


def test_institutions_joining_an_alliance_are_its_members(nlp: Language) -> None:
    x = _extract(
        nlp,
        "At a ceremony at the University of Ljubljana both the Universitat Pompeu Fabra from "
        "Barcelona and the University of Gothenburg joined the new EUTOPIA Alliance.",
    )
    members = {r.subject for r in x.relations if r.predicate == "member_of"}
    assert members == {"Universitat Pompeu Fabra", "University of Gothenburg"}
    assert {r.object for r in x.relations if r.predicate == "member_of"} == {"EUTOPIA Alliance"}


def test_a_role_starts_after_the_previous_person_and_ends_before_the_next(
    nlp: Language,
) -> None:
    x = _extract(
        nlp,
        "The delegation was headed by Professor Abdibekov Ualikhan and general secretary "
        "Assanov Zhandos. Chairman of the Board - Rector of Al-Farabi KazNU Zhanseit Tuymebaev "
        "spoke. The visitors were Liu Hongzhi, Deputy Director of Center, Hu Lili, Director of "
        "International Relations and Cooperation Department. The memorandum was signed on "
        "behalf of UCC while the Vice-Chancellor of Nelson Mandela University Prof. Sibongile "
        "Muthwa signed on behalf of NMU.",
    )
    roles = {p.name: p.role for p in x.people}
    assert roles["Assanov Zhandos"] == "general secretary"
    assert roles["Zhanseit Tuymebaev"] == "Chairman of the Board - Rector"
    assert roles["Liu Hongzhi"] == "Deputy Director of Center"
    assert roles["Sibongile Muthwa"] == "Vice-Chancellor"


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
