"""Claim extraction, one phenomenon at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tollbook.extraction import extract_claims, extract_documents
from tollbook.models import Document


def claims_of(text: str) -> list[tuple]:
    doc = Document(text=text, doc_id="t")
    return [
        (c.outcome, c.count_low, c.count_high, c.qualifier, c.group, c.attributed_to)
        for c in extract_claims(doc)
    ]


def figures_of(text: str) -> list[tuple]:
    return [claim[:4] for claim in claims_of(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said 1,383 civilians were killed in the district.", (1383, None, "exact")),
        ("Twenty-three people were wounded in the market.", (23, None, "exact")),
        ("Some 1.5 million people have fled their homes.", (1_500_000, None, "about")),
        ("A dozen guards were injured in the riot.", (12, None, "about")),
        ("Dozens of villagers were abducted on the road.", (24, None, "vague")),
        ("Hundreds of families fled the fighting.", (200, None, "vague")),
        ("Tens of thousands of people were displaced.", (20_000, None, "vague")),
        ("Three hundred and twelve prisoners were killed.", (312, None, "exact")),
        ("The clashes killed half a million people.", (500_000, None, "about")),
    ],
)
def test_figures_in_digits_and_words(text: str, expected: tuple) -> None:
    assert [f[1:] for f in figures_of(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("More than 40 people were killed.", "more_than", 40, None),
        ("At least 7 miners died in the attack.", "at_least", 7, None),
        ("Nearly 300 fighters were killed.", "about", 300, None),
        ("Up to 15 hostages were kidnapped.", "up_to", 15, None),
        ("Between 12 and 20 fighters died in the assault.", "range", 12, 20),
        ("Fewer than 10 people were hurt.", "less_than", 10, None),
        ("Over a dozen students were abducted.", "more_than", 12, None),
        ("The toll could exceed 900, the agency warned.", "more_than", 900, None),
    ],
)
def test_hedges(text: str, qualifier: str, low: int, high: int | None) -> None:
    assert [(f[1], f[2], f[3]) for f in figures_of(text)] == [(low, high, qualifier)]


def test_revised_toll_is_a_killed_total() -> None:
    assert claims_of("The death toll from the floods of violence has risen to 87.") == [
        ("killed", 87, None, "exact", "total", None)
    ]


def test_several_figures_and_groups_in_one_sentence() -> None:
    claims = claims_of(
        "Gunmen killed 12 villagers and wounded 30 others, while five soldiers died in a "
        "second ambush."
    )
    assert claims == [
        ("killed", 12, None, "exact", "villagers", None),
        ("wounded", 30, None, "exact", "villagers", None),
        ("killed", 5, None, "exact", "soldiers", None),
    ]


def test_hedge_distributes_over_coordinated_figures_only() -> None:
    assert figures_of("At least 14 civilians and 6 police officers were killed.") == [
        ("killed", 14, None, "at_least"),
        ("killed", 6, None, "at_least"),
    ]
    assert figures_of("At least 9 were killed and 13 injured.") == [
        ("killed", 9, None, "at_least"),
        ("wounded", 13, None, "at_least"),
    ]
    assert figures_of("The blast tore through the bus, killing at least 9 and injuring 20.") == [
        ("killed", 9, None, "at_least"),
        ("wounded", 20, None, "exact"),
    ]


def test_breakdown_of_a_total() -> None:
    claims = claims_of("The raid killed 40 people, including 11 children and 6 women.")
    assert [(c[1], c[4]) for c in claims] == [(40, "unspecified"), (11, "children"), (6, "women")]
    assert {c[0] for c in claims} == {"killed"}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("At least 31 people were killed in the raid, the Kivu Security Tracker said.",
         "the Kivu Security Tracker"),
        ("According to the regional health bureau, 58 patients died.",
         "the regional health bureau"),
        ("The Zamfara police commissioner told reporters that 19 herders were abducted.",
         "The Zamfara police commissioner"),
        ("Forty villagers were killed, residents told Reuters.", "residents"),
        ("Over 300 killed in border fighting: Karen rights group", "Karen rights group"),
    ],
)  # fmt: skip
def test_attribution_in_the_sentence(text: str, source: str) -> None:
    assert [c[5] for c in claims_of(text)] == [source]


def test_own_voice_has_no_source() -> None:
    assert [c[5] for c in claims_of("Eleven soldiers were killed near the border.")] == [None]


def test_pronoun_resolves_to_the_name_used_earlier() -> None:
    text = (
        "The Kivu Monitoring Group published its quarterly report on Friday.\n\n"
        "It said 42 people had been abducted in Masisi since January."
    )
    assert [c[5] for c in claims_of(text)] == ["The Kivu Monitoring Group"]


def test_source_named_in_previous_sentence_of_the_paragraph() -> None:
    text = (
        "The Red Crescent said on Monday that rescue work was continuing in the town. "
        "Eleven bodies were recovered from the rubble."
    )
    assert claims_of(text) == [("killed", 11, None, "exact", "unspecified", "The Red Crescent")]


def test_previous_paragraph_lends_no_source() -> None:
    text = (
        "The Red Crescent said on Monday that rescue work was continuing in the town.\n\n"
        "Eleven bodies were recovered from the rubble."
    )
    assert [c[5] for c in claims_of(text)] == [None]


def test_quoted_speaker_named_after_the_quotation_closes() -> None:
    text = (
        "“Four guards were killed in the attack. Nine more were wounded,” the prison director said."
    )
    assert [(c[0], c[1], c[5]) for c in claims_of(text)] == [
        ("killed", 4, "the prison director"),
        ("wounded", 9, "the prison director"),
    ]


@pytest.mark.parametrize(
    ("text", "outcome", "count"),
    [
        ("The bodies of 17 men were found in a ditch.", "killed", 17),
        ("There were 31 deaths in the camp last week.", "killed", 31),
        ("52 people were injured when the roof collapsed.", "wounded", 52),
        ("Nine aid workers were abducted near the camp.", "kidnapped", 9),
        ("About 4,000 residents fled to the hills.", "displaced", 4000),
        ("Police arrested 25 protesters on Sunday.", "detained", 25),
        ("Six fishermen remain missing after the attack.", "missing", 6),
        ("The assault claimed the lives of 14 pilgrims.", "killed", 14),
        ("The explosion left 8 people dead.", "killed", 8),
        ("Twelve people were shot dead at the checkpoint.", "killed", 12),
    ],
)
def test_passive_and_nominal_forms(text: str, outcome: str, count: int) -> None:
    assert [(f[0], f[1]) for f in figures_of(text)] == [(outcome, count)]


@pytest.mark.parametrize(
    "text",
    [
        "No one was killed in the blast.",
        "None of the 40 passengers were hurt.",
        "The 30 hostages were not harmed.",
        "The 18 soldiers who were captured were not killed, the army said.",
    ],
)
def test_negation_gives_no_claim(text: str) -> None:
    assert [(f[0], f[1]) for f in figures_of(text) if f[0] in ("killed", "wounded")] == []


def test_numbers_that_count_no_casualties() -> None:
    text = (
        "On 12 March 2024 the militia carried out 7 massacres in 12 villages, burned 14 "
        "houses and 3 vehicles and demanded $5,000, killing 80 people in 2 hours."
    )
    assert figures_of(text) == [("killed", 80, None, "exact")]


def test_ages_and_durations_are_not_counts() -> None:
    assert figures_of("A 25-year-old teacher was killed in the 13-year war.") == [
        ("killed", 1, None, "exact")
    ]


def test_a_single_unnamed_victim_is_a_claim_of_one() -> None:
    assert figures_of("A policeman was killed and an elderly woman was wounded.") == [
        ("killed", 1, None, "exact"),
        ("wounded", 1, None, "exact"),
    ]


def test_averages_are_not_claims() -> None:
    assert figures_of("On average, 12 people were killed each day in the city.") == []


def test_quote_offsets_point_into_the_document() -> None:
    text = "Heavy rain fell.\n\nMEXICO CITY (AP) — At least 6 people were killed. Rescue went on."
    (claim,) = extract_claims(Document(text=text, doc_id="d"))
    assert claim.quote == text[claim.start : claim.end] == "At least 6 people were killed."


def test_documents_stream_in_order_including_those_without_claims() -> None:
    docs = [
        Document(text="Markets reopened on Monday.", doc_id="a"),
        Document(text="Two soldiers were killed.", doc_id="b"),
        Document(text="", doc_id="c"),
        Document(text="Five people were injured, police said.", doc_id="d"),
    ]
    results = list(extract_documents(docs, batch_size=2))
    assert [d.doc_id for d, _ in results] == ["a", "b", "c", "d"]
    assert [len(claims) for _, claims in results] == [0, 1, 0, 1]
    assert results[3][1][0].attributed_to == "police"


def test_speaker_after_a_figure_clause_the_parser_made_a_subject() -> None:
    text = (
        "Airstrikes killed at least 42 people across the valley on Tuesday, including 12 "
        "children, the provincial health ministry said."
    )
    assert [(c[1], c[4], c[5]) for c in claims_of(text)] == [
        (42, "unspecified", "the provincial health ministry"),
        (12, "children", "the provincial health ministry"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eleven of the dead were children, the hospital director said.", [(11, "children")]),
        ("Of the 230 people killed, 80 were women.", [(230, "unspecified"), (80, "women")]),
        ("The army said it had lost three of its own soldiers.", [(3, "soldiers")]),
    ],
)
def test_group_stated_by_a_copula_or_partitive(text: str, expected: list) -> None:
    assert [(c[1], c[4]) for c in claims_of(text)] == expected


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Roughly 800 people remain unaccounted for.", "missing"),
        ("Around 40 homes were destroyed and 300 people were left homeless.", "displaced"),
        ("A journalist was among those killed, the press union said.", "killed"),
        ("Thousands of villagers escaped the raids, seeking refuge in the forest.", "displaced"),
        ("About 1,100 people have taken shelter in mosques.", "displaced"),
    ],
)
def test_less_common_outcome_phrasings(text: str, outcome: str) -> None:
    assert [c[0] for c in claims_of(text)] == [outcome]


def test_members_of_a_force_count_as_that_force() -> None:
    text = "The monitor said 125 members of the security forces and 148 insurgents died."
    assert [(c[1], c[4]) for c in claims_of(text)] == [
        (125, "security forces"),
        (148, "insurgents"),
    ]


def test_named_and_identified_people_are_no_claims_but_unnamed_ones_are() -> None:
    text = (
        "Karim Haddad, a local photographer, was wounded in the shelling. The wife of the "
        "mayor was also hurt. Two brothers and a nephew of the imam were killed."
    )
    assert [(c[0], c[1], c[4]) for c in claims_of(text)] == [
        ("killed", 2, "brothers"),
        ("killed", 1, "nephew"),
    ]


def test_age_ranges_are_not_counts() -> None:
    text = "The militia killed 9 people aged between 19 and 70, residents said."
    assert figures_of(text) == [("killed", 9, None, "exact")]


def test_breakdown_in_the_next_sentence_takes_the_outcome_before_it() -> None:
    text = (
        "Armed gangs killed 2,500 people in the capital in the first quarter, the UN said. "
        "At least 590 were women, and 65 were children."
    )
    assert [(c[0], c[1], c[3], c[4], c[5]) for c in claims_of(text)] == [
        ("killed", 2500, "exact", "unspecified", "the UN"),
        ("killed", 590, "at_least", "women", "the UN"),
        ("killed", 65, "exact", "children", "the UN"),
    ]


def test_background_sentence_borrows_no_source() -> None:
    text = (
        "Prosecutors said 12 bodies had been identified. "
        "Last year, 1,800 murders were recorded in the state."
    )
    assert [(c[1], c[5]) for c in claims_of(text)] == [(12, "Prosecutors"), (1800, None)]


def test_an_aside_between_commas_does_not_hide_the_verb() -> None:
    text = "The raid came a day after 18 people, mostly women and children, were killed nearby."
    assert figures_of(text) == [("killed", 18, None, "exact")]


def test_state_words_and_misplaced_including() -> None:
    assert figures_of("A resident said six people were still missing after the attack.") == [
        ("missing", 6, None, "exact")
    ]
    text = (
        "The war has killed an estimated 50,000 people since the 2021 coup, including more "
        "than 8,000 civilians."
    )
    assert figures_of(text) == [
        ("killed", 50_000, None, "about"),
        ("killed", 8_000, None, "more_than"),
    ]


def test_source_names_with_an_ampersand_and_data_behind_according_to() -> None:
    text = "According to the Conflict Monitoring & Data Centre, 77 people were killed."
    assert [c[5] for c in claims_of(text)] == ["the Conflict Monitoring & Data Centre"]
    text = "Nine people were killed, according to hospital records seen by reporters."
    assert [c[5] for c in claims_of(text)] == ["hospital records"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said 3 of the 5 suspects were arrested.", [("detained", 3)]),
        ("The number of displaced people has reached 1.2 million.", [("displaced", 1_200_000)]),
        ("The number of people killed in the unrest has risen to 1,100.", [("killed", 1100)]),
        ("Some 30,000 people have been forced to flee their homes.", [("displaced", 30_000)]),
        ("At least 3 people died and 17 were hospitalised.", [("killed", 3), ("wounded", 17)]),
        ("About 200 people were rescued from the rubble.", []),
        ("The army said 300 militants surrendered.", []),
        ("He was one of 12 survivors.", []),
    ],
)
def test_counts_pools_and_non_casualties(text: str, expected: list) -> None:
    assert [(c[0], c[1]) for c in claims_of(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 1.2m people have been displaced.", [(1_200_000, "more_than")]),
        ("The 200-plus victims included 40 children.", [(200, "more_than"), (40, "exact")]),
        ("Half a dozen soldiers died in the ambush.", [(6, "about")]),
        ("A hundred and twenty protesters were detained.", [(120, "exact")]),
        ("Scores of villagers were killed in the raid.", [(40, "vague")]),
    ],
)
def test_more_ways_of_writing_figures(text: str, expected: list) -> None:
    assert [(c[1], c[3]) for c in claims_of(text)] == expected


def test_headline_colon_names_a_source_but_not_a_figure() -> None:
    assert [c[5] for c in claims_of("Live: at least 12 dead after gunmen storm hotel")] == [None]


def test_prepositions_inside_an_organisation_name() -> None:
    text = "Doctors Without Borders said its teams had treated 230 wounded since Monday."
    assert [c[5] for c in claims_of(text)] == ["Doctors Without Borders"]


def test_text_without_full_stops_is_cut_into_parseable_pieces() -> None:
    row = "village market road bridge school clinic well " * 40
    text = row * 60 + " 14 soldiers were killed near the bridge " + row * 60
    claims = extract_claims(Document(text=text, doc_id="long"))
    assert [(c.outcome, c.count_low) for c in claims] == [("killed", 14)]
    assert all(c.quote == text[c.start : c.end] and len(c.quote) <= 1000 for c in claims)


def test_a_pronoun_speaker_gives_way_to_the_named_one_above_it() -> None:
    text = (
        "The regional rights office said on Tuesday that it had so far verified the killings "
        "of 111 civilians."
    )
    assert [c[5] for c in claims_of(text)] == ["The regional rights office"]


def test_weak_according_to_gives_way_to_the_reporting_subject() -> None:
    text = (
        "The Coastal Rights Network has documented 803 killings in the region, according to a "
        "preliminary report released today."
    )
    assert [c[5] for c in claims_of(text)] == ["The Coastal Rights Network"]


def test_possessive_source_and_date_ranges() -> None:
    text = "The toll has risen to 1,383, according to SOHR's latest count."
    assert [(c[1], c[5]) for c in claims_of(text)] == [(1383, "SOHR")]
    text = "The network documented 803 killings between 6 and 10 March."
    assert [c[1] for c in claims_of(text)] == [803]


def test_toll_groups() -> None:
    text = (
        "The monitor counted 125 soldiers and 148 insurgents killed, which brings the overall "
        "death toll to more than 1,000."
    )
    assert [(c[1], c[4], c[5]) for c in claims_of(text)][-1] == (1000, "total", "The monitor")
    text = "The new finds lift the total civilian death toll to 306,887."
    assert [c[4] for c in claims_of(text)] == ["civilians"]


def test_findings_of_an_investigation_are_its_authors() -> None:
    text = "A Reuters investigation has found that 1,479 villagers were killed in the violence."
    assert [c[5] for c in claims_of(text)] == ["Reuters"]


@pytest.mark.parametrize(
    ("text", "outcome", "count"),
    [
        ("The attack claimed 12 lives.", "killed", 12),
        ("Fourteen lives were lost in the raid on the camp.", "killed", 14),
        ("Eight men were gunned down outside the mosque.", "killed", 8),
        ("Three villagers were hacked to death with machetes.", "killed", 3),
        ("Twenty-two passengers were taken hostage.", "kidnapped", 22),
        ("At least 40 people have been forcibly disappeared since June.", "missing", 40),
        ("Nine people sustained injuries in the blast.", "wounded", 9),
        ("Six people were treated for gunshot wounds.", "wounded", 6),
        ("Police rounded up 50 men after the riot.", "detained", 50),
        ("Twelve suspects were taken into custody.", "detained", 12),
        ("About 3,000 families were forced from their homes.", "displaced", 3000),
        ("Two of the injured later died in hospital.", "killed", 2),
    ],
)
def test_outcomes_said_with_a_phrase(text: str, outcome: str, count: int) -> None:
    assert [(c[0], c[1]) for c in claims_of(text)] == [(outcome, count)]


def test_the_cause_of_death_is_no_speaker_and_one_family_no_count() -> None:
    assert [c[5] for c in claims_of("The attack claimed 12 lives.")] == [None]
    assert [c[1] for c in claims_of("Four members of one family were among the dead.")] == [4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Among the dead were 3 children and a journalist.", [(3, "children"), (1, "journalist")]),
        ("Fatalities rose to 30 on Monday.", [(30, "unspecified")]),
        ("Deaths have climbed to 300, the ministry said.", [(300, "unspecified")]),
    ],
)
def test_inverted_and_rising_counts(text: str, expected: list) -> None:
    assert [(c[1], c[4]) for c in claims_of(text)] == expected


def test_claimed_to_have_killed_names_the_claimant() -> None:
    assert [c[5] for c in claims_of("The army claimed to have killed 30 militants.")] == [
        "The army"
    ]


def test_semicolon_separates_two_reports() -> None:
    text = (
        "Gunfire killed at least 27 people near the site, the civil defence agency said; "
        "the military said it had fired warning shots."
    )
    assert [c[5] for c in claims_of(text)] == ["the civil defence agency"]


def test_put_the_dead_at_and_groups_named_without_a_plural_ending() -> None:
    assert figures_of("Hospital sources put the dead at 40.") == [("killed", 40, None, "exact")]
    assert [c[4] for c in claims_of("Soldiers killed 12 Rohingya near the border.")] == ["rohingya"]


def test_relative_pronoun_speaker_and_outcome_words_out_of_groups() -> None:
    text = (
        "The militia stormed the camp, killing at least 51 people, according to local aid "
        "groups, who said a further 30 were unaccounted for."
    )
    assert [(c[0], c[1], c[5]) for c in claims_of(text)] == [
        ("killed", 51, "local aid groups"),
        ("missing", 30, "local aid groups"),
    ]
    assert [c[4] for c in claims_of("The gunmen shot dead 14 men in the market.")] == ["men"]


def test_remains_count_the_dead_and_either_or_is_no_outcome() -> None:
    assert figures_of("The remains of 57 people were found in a mass grave.") == [
        ("killed", 57, None, "exact")
    ]
    assert figures_of("At least 57 people were killed or wounded in the attack.") == []
    assert figures_of("The toll remains at 12 dead.") == [("killed", 12, None, "exact")]


def test_a_title_case_clause_is_part_of_the_name() -> None:
    text = "The Committee to Protect Reporters says at least 12 reporters were killed this year."
    assert [c[5] for c in claims_of(text)] == ["The Committee to Protect Reporters"]


def test_among_them_after_a_comma_is_part_of_the_total() -> None:
    text = "A missile strike killed 35 people, among them two children, and injured 117."
    assert [(c[0], c[1], c[4]) for c in claims_of(text)] == [
        ("killed", 35, "unspecified"),
        ("killed", 2, "children"),
        ("wounded", 117, "unspecified"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Witnesses described the massacre of 30 villagers.", [("killed", 30)]),
        ("The militia carried out 7 massacres last year.", []),
        ("The disappearance of 43 students shocked the country.", [("missing", 43)]),
        ("The fighting has caused the displacement of 5,000 people.", [("displaced", 5000)]),
    ],
)
def test_events_that_befall_people_counted_through_of(text: str, expected: list) -> None:
    assert [(c[0], c[1]) for c in claims_of(text)] == expected


def test_sources_listed_after_the_victims_are_not_victims() -> None:
    text = (
        "Drone strikes on a market killed more than 50 civilians, residents and a health "
        "official said."
    )
    assert [(c[1], c[4]) for c in claims_of(text)] == [(50, "civilians")]
    assert figures_of("Police reported 1,200 homicides in the first half of the year.") == [
        ("killed", 1200, None, "exact")
    ]


def test_breakdowns_of_those_killed_and_bodies_of_unnamed_people() -> None:
    text = "Of those killed, 21 were soldiers and 13 were civilians."
    assert [(c[1], c[4]) for c in claims_of(text)] == [(21, "soldiers"), (13, "civilians")]
    text = "The bodies of a woman and her two daughters were pulled from the rubble."
    assert [(c[1], c[4]) for c in claims_of(text)] == [(1, "woman"), (2, "daughters")]
    assert [c[4] for c in claims_of("A 14-year-old boy was among those wounded.")] == ["boy"]


def test_sex_of_victims_names_the_group() -> None:
    text = "Forensic teams confirmed four female victims and two male victims."
    assert [(c[1], c[4]) for c in claims_of(text)] == [(4, "women"), (2, "men")]


def test_n_more_and_n_odd() -> None:
    text = "The attack killed 9, including 4 police officers, and wounded at least 30 more."
    assert figures_of(text) == [
        ("killed", 9, None, "exact"),
        ("killed", 4, None, "exact"),
        ("wounded", 30, None, "at_least"),
    ]
    assert figures_of("Some 40-odd people were killed.") == [("killed", 40, None, "about")]


def test_possessor_of_the_figures_is_the_source() -> None:
    text = "The ministry's figures show that 200 people have died."
    assert [c[5] for c in claims_of(text)] == ["The ministry"]


def places_of(text: str) -> list[tuple]:
    return [(c.count_low, c.place) for c in extract_claims(Document(text=text, doc_id="t"))]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 410 were killed in Kasai province, 92 in Mbuji, 37 in Tshikapa"
        " and 5 in Lodja.",
        "In Kasai province 410 were killed, in Mbuji 92, in Tshikapa 37 and in Lodja 5.",
    ],
)
def test_each_figure_of_a_per_place_list_keeps_its_own_place(text: str) -> None:
    assert places_of(text) == [
        (410, "Kasai province"),
        (92, "Mbuji"),
        (37, "Tshikapa"),
        (5, "Lodja"),
    ]


def test_a_place_hangs_from_its_own_verb_and_a_community_is_no_place() -> None:
    assert places_of("At least 8 people were killed in Goma and 14 wounded in Bukavu.") == [
        (8, "Goma"),
        (14, "Bukavu"),
    ]
    assert places_of("Militiamen killed 25 Hema villagers in the Lendu heartland.") == [(25, None)]


def test_a_bracketed_acronym_keeps_the_name_it_abbreviates() -> None:
    text = "The UN refugee agency (UNHCR) said on Friday it had registered 4,200 displaced people."
    assert [c[5] for c in claims_of(text)] == ["The UN refugee agency (UNHCR)"]


def test_a_running_count_goes_on_counting_what_the_paragraph_counted() -> None:
    text = "Shelling killed 45 villagers on Monday. The tally had climbed to 212 by Thursday."
    assert figures_of(text) == [("killed", 45, None, "exact"), ("killed", 212, None, "exact")]
    text = "About 3,000 families were forced from their homes. The number has since reached 8,000."
    assert [f[:2] for f in figures_of(text)] == [("displaced", 3000), ("displaced", 8000)]


def test_arrivals_count_as_displaced_only_after_a_flight() -> None:
    text = "Nearly 9,000 Burundians have crossed into Rwanda since the clashes erupted."
    assert [f[:2] for f in figures_of(text)] == [("displaced", 9000)]
    text = "Raiders killed 12 villagers on Sunday. About 4,000 farmers arrived in Gao days later."
    assert [f[:2] for f in figures_of(text)] == [("killed", 12), ("displaced", 4000)]
    assert figures_of("About 4,000 delegates arrived in Gao for the summit.") == []
    assert figures_of("Some 700 commuters crossed into the city on Monday.") == []
    text = "About 900 Rohingya landed in Aceh after fleeing the crackdown."
    assert [f[:2] for f in figures_of(text)] == [("displaced", 900)]


def test_the_condition_of_people_already_counted_is_no_new_claim() -> None:
    text = "Twenty-six pilgrims were injured; 9 of the injured remain in serious condition."
    assert figures_of(text) == [("wounded", 26, None, "exact")]


def test_estimates_that_range_between_two_figures() -> None:
    text = "Estimates of the dead vary from 90 to 310, the council said."
    assert claims_of(text) == [("killed", 90, 310, "range", "total", "the council")]


def test_a_described_speaker_resolves_to_the_one_person_named_with_that_role() -> None:
    text = (
        "Pastor Emmanuel Ndoma said 14 villagers were killed. "
        "The priest also said 6 bodies were found near the church."
    )
    assert [c[5] for c in claims_of(text)] == ["Pastor Emmanuel Ndoma"] * 2
    text = (
        "Pastor Emmanuel Ndoma said 14 villagers were killed. Father Luc Mpia said 3 were "
        "wounded. The priest also said 6 bodies were found near the church."
    )
    assert [c[5] for c in claims_of(text)][-1] == "The priest"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels killed 21 members of the National Security agency.",
        "At least 21 security personnel died in the raid.",
        "The raid killed 21 State Security service members.",
    ],
)
def test_members_of_any_security_body_are_security_forces(text: str) -> None:
    assert [(c[1], c[4]) for c in claims_of(text)] == [(21, "security forces")]


def test_a_place_right_after_a_figure_is_its_own() -> None:
    text = "The dead include 70 people in Kindu town, 12 in Kasongo, 9 in the Kabambare hills."
    assert places_of(text) == [(70, "Kindu town"), (12, "Kasongo"), (9, "Kabambare hills")]


def test_a_clause_describing_what_a_source_documented_is_theirs() -> None:
    text = "The network documented a raid on the village of Tala in Kasai, where 27 farmers died."
    assert [c[5] for c in claims_of(text)] == ["The network"]
    text = "Troops entered Tala, where the rebels had killed 27 farmers in 2019, the army said."
    assert [c[5] for c in claims_of(text)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "The Paris-based group, which has offices in Nairobi, said 55 miners were killed.",
        "The monitor, based in London, said 55 miners were killed.",
        "Officials in Kinshasa told reporters that 55 miners were killed.",
        "KINSHASA, Congo (AP) — At least 55 miners were killed, officials said.",
    ],
)
def test_where_the_source_sits_is_not_the_place(text: str) -> None:
    assert places_of(text) == [(55, None)]


def test_the_place_of_a_revised_toll_is_kept() -> None:
    text = "The toll from the raid in northern Kivu was revised to 48, officials said."
    assert places_of(text) == [(48, "northern Kivu")]


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers fear the toll could top 450.",
        "The death toll passed 450 on Sunday.",
        "The toll now tops 450, the ministry said.",
    ],
)
def test_projections_and_passing_a_mark_are_more_than(text: str) -> None:
    assert [f[1:] for f in figures_of(text)] == [(450, None, "more_than")]


def test_a_word_between_figure_and_outcome_is_no_group() -> None:
    text = "Rescue work goes on, with 212 confirmed dead so far."
    assert [(c[0], c[1], c[4]) for c in claims_of(text)] == [("killed", 212, "unspecified")]


def test_a_which_clause_telling_the_outcome_keeps_the_speaker() -> None:
    text = "Gunmen fired on the patrol, which led to the deaths of four guards, the governor said."
    assert [c[5] for c in claims_of(text)] == ["the governor"]


def test_a_breakdown_opening_the_next_sentence_takes_the_outcome_before_it() -> None:
    text = "Militias killed 412 villagers in the valley. Among the dead were 51 women and 8 widows."
    assert [(f[0], f[1]) for f in figures_of(text)] == [
        ("killed", 412),
        ("killed", 51),
        ("killed", 8),
    ]


def test_n_of_them_after_a_figure_is_a_part_of_it() -> None:
    text = "At least nine people drowned, four of them members of one family."
    assert [(c[0], c[1], c[4]) for c in claims_of(text)] == [
        ("killed", 9, "unspecified"),
        ("killed", 4, "family members"),
    ]


def test_a_subordinate_reporting_verb_speaks_only_for_its_own_clause() -> None:
    text = (
        "Digging goes on, with over 300 confirmed dead so far, while officials say "
        "the final toll could exceed 900."
    )
    assert [(c[1], c[5]) for c in claims_of(text)] == [(300, None), (900, "officials")]


def test_the_sample_of_a_survey_is_no_claim() -> None:
    assert figures_of("A poll of 2,400 displaced families found most want to go home.") == []


def test_without_negates_only_the_harm_itself() -> None:
    assert [f[:2] for f in figures_of("Nine prisoners were executed without trial.")] == [
        ("killed", 9)
    ]
    text = "The blaze razed 90 huts, leaving 700 people without shelter."
    assert [f[:2] for f in figures_of(text)] == [("displaced", 700)]
    assert figures_of("Troops dispersed 300 marchers without casualties.") == []


def test_data_whose_author_is_named_speak_for_the_author() -> None:
    text = "The numbers, compiled by the regional health bureau, show 640 deaths."
    assert [c[5] for c in claims_of(text)] == ["the regional health bureau"]


def test_an_incident_named_after_a_place_gives_the_place_only() -> None:
    assert places_of("At least 14 people were killed in the Mogadishu bombing.") == [
        (14, "Mogadishu")
    ]
    assert places_of("At least 14 people were killed in an insurgent ambush.") == [(14, None)]


def test_a_where_clause_gives_the_place_it_hangs_from() -> None:
    text = "The worst hit were Beni, where 40 died, and Butembo, where 22 were killed."
    assert places_of(text) == [(40, "Beni"), (22, "Butembo")]


def test_a_subordinate_reporting_verb_keeps_the_figures_of_its_own_clause() -> None:
    text = "Army says offensive is over as Kivu Watch puts the toll above 800"
    assert [(c[1], c[5]) for c in claims_of(text)] == [(800, "Kivu Watch")]
