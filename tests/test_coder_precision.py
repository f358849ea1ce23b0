"""One event per reported act: folding, framing nouns, weak side readings and repeats."""

from dataclasses import replace

import pytest

pytestmark = pytest.mark.slow


def codes(side):
    return sorted(e.code for e in side)


def test_coder_own_envoy_is_not_the_target_of_a_recall(code):
    events = code("Algeria recalled its ambassador from Paris on Tuesday, a week after France expelled twelve Algerian diplomats.", language="en")
    (recall,) = [e for e in events if e.mode == "withdraw"]
    assert codes(recall.actor) == ["DZA"] and codes(recall.recipient) == ["FRA"]


def test_coder_two_modes_in_one_sentence_are_two_events(code):
    events = code("France expelled twelve Algerian diplomats and recalled its ambassador from Algiers on Tuesday.", language="en")
    assert {e.mode for e in events if e.category == "SANCTION"} == {"expel", "withdraw"}


@pytest.mark.parametrize(
    "text,category",
    [
        ("The European Union endorsed the plan as the basis for negotiations with Morocco.", "CONSULT"),
        ("The French minister arrived in Algiers on Monday at President Tebboune's invitation.", "AGREE"),
    ],
)
def test_coder_framing_noun_is_no_event(code, text, category):
    assert not [e for e in code(text, language="en") if e.category == category]


def test_coder_same_event_across_a_circumstance_folds(code):
    events = code("Israel's military said it had killed the commander in an air strike on Friday.", language="en")
    assert len([e for e in events if e.category == "ASSAULT"]) == 1


def test_coder_weak_side_reading_is_dropped_but_a_sole_reading_kept(code):
    from dyadwatch.events.repeats import MIN_CONFIDENCE, _attested

    (event,) = [e for e in code("Algeria recalled its ambassador from Paris on Tuesday.", language="en") if e.category == "SANCTION"]
    weak = replace(event, id="weak", confidence=MIN_CONFIDENCE - 0.1)
    assert [e.id for e in _attested([event, weak])] == [event.id]
    assert [e.id for e in _attested([weak])] == ["weak"]


def test_coder_joint_event_repeated_with_roles_is_merged(code):
    from dyadwatch.events.repeats import merge_repeats
    from dyadwatch.ontology import load_ontology

    text = "France and Algeria agreed on Tuesday to relaunch security cooperation."
    (agree,) = [e for e in code(text, language="en") if e.category == "AGREE"]
    fra, dza = sorted(agree.actor, key=lambda e: e.code, reverse=True)
    roles = replace(agree, id="roles", actor=(fra,), recipient=(dza,), confidence=agree.confidence - 0.1)
    assert [e.id for e in merge_repeats([agree, roles], load_ontology())] == [agree.id]
    # two verbal reports in two sentences stay two events
    later = replace(roles, evidence=replace(roles.evidence, sentence_index=roles.evidence.sentence_index + 1))
    assert len(merge_repeats([agree, later], load_ontology(), {agree.id, later.id})) == 2


def test_coder_organisation_reaction_targets_the_last_acting_state(code):
    text = (
        "An Algerian court sentenced the French journalist to seven years in prison on Sunday. "
        "Reporters Without Borders condemned the verdict."
    )
    reaction = [e for e in code(text, language="en") if e.evidence.sentence.startswith("Reporters")]
    assert reaction and codes(reaction[0].recipient) == ["DZA"]


@pytest.mark.parametrize(
    "text,finite",
    [
        ("France and Algeria also agreed to set up a mechanism.", {"agreed": True, "set": False}),
        ("They met with the aim of resuming talks.", {"met": True, "resuming": False}),
    ],
)
def test_coder_finite_verbs_assert_acts_of_their_own(config, text, finite):
    from dyadwatch.events.repeats import _finite
    from dyadwatch.nlp.models import load_pipeline

    doc = load_pipeline("en", config.models)(text)
    assert {t.text: _finite(t) for t in doc if t.text in finite} == finite


def test_coder_purpose_after_a_preposition_is_intended_not_done(code):
    events = code("The French minister travelled to Algiers on Monday with the aim of resuming security cooperation with Algeria.", language="en")
    assert not [e for e in events if e.category == "COOPERATE" and not e.future]


@pytest.mark.parametrize(
    "text,found",
    [
        ("La France a reconnu mardi le plan marocain pour le Sahara occidental.", True),
        ("Le ministre français a reconnu que la situation avec le Maroc était difficile.", False),
    ],
)
def test_coder_reporting_verb_on_a_thing_is_an_act_not_a_statement(code, text, found):
    support = [e for e in code(text, language="fr") if e.category == "SUPPORT"]
    assert bool(support) is found


@pytest.mark.parametrize(
    "text,language",
    [
        ("American and Filipino troops began exercises in the South China Sea on Monday.", "en"),
        ("Indian and French navies held drills off Goa on Monday.", "en"),
        ("Les soldats français et marocains ont commencé lundi des manœuvres près d'Agadir.", "fr"),
    ],
)
def test_coder_exercises_of_two_countries_forces_are_cooperation(code, text, language):
    events = code(text, language=language)
    assert [e.category for e in events] == ["COOPERATE"]
    assert len(set(codes(events[0].actor))) == 2


def test_coder_exercises_of_one_army_mobilise(code):
    events = code("Russian troops began large exercises near the border on Monday.", language="en")
    assert [e.category for e in events] == ["MOBILIZE"]


def test_coder_demand_takes_the_act_its_clause_names(code):
    events = code("Russia demanded on Tuesday that Ukraine withdraw its troops from the region.", language="en")
    assert [(e.category, codes(e.actor), codes(e.recipient)) for e in events] == [("REQUEST", ["RUS"], ["UKR"])]


def test_coder_warning_about_a_past_attack_keeps_the_attack(code):
    events = code("Kyiv warned on Tuesday that Russian forces had shelled the city of Kharkiv.", language="en")
    assert "ASSAULT" in {e.category for e in events}


@pytest.mark.parametrize(
    "text,language",
    [
        ("Pakistan said on Monday that it could suspend its trade with India.", "en"),
        ("Le Pakistan a déclaré lundi qu'il pourrait suspendre ses échanges avec l'Inde.", "fr"),
    ],
)
def test_coder_saying_one_could_sanction_is_a_threat(code, text, language):
    events = code(text, language=language)
    threats = [e for e in events if e.category == "THREATEN"]
    assert threats and codes(threats[0].actor) == ["PAK"] and not threats[0].hypothetical
