"""Word lists the extraction rules consult.

Kept apart from the rules so that widening coverage (a new casualty verb, a new
kind of victim) is a one-line change here, and so that the lists can be read
as a whole: they are the vocabulary of casualty reporting in English news.
Everything is lowercase; verbs and nouns are given as spaCy lemmas where the
rules compare lemmas, and as surface forms where they compare words.
"""

from __future__ import annotations

# fmt: off

# Verb lemmas whose object (active) or subject (passive) is a casualty.
OUTCOME_VERBS: dict[str, str] = {
    "kill": "killed",
    "murder": "killed",
    "massacre": "killed",
    "slaughter": "killed",
    "execute": "killed",
    "behead": "killed",
    "slay": "killed",
    "assassinate": "killed",
    "gun": "killed",
    "lynch": "killed",
    "disappear": "missing",
    "neutralize": "killed",
    "neutralise": "killed",
    "wound": "wounded",
    "injure": "wounded",
    "hurt": "wounded",
    "maim": "wounded",
    "hospitalize": "wounded",
    "hospitalise": "wounded",
    "abduct": "kidnapped",
    "kidnap": "kidnapped",
    "seize": "kidnapped",
    "snatch": "kidnapped",
    "arrest": "detained",
    "detain": "detained",
    "imprison": "detained",
    "jail": "detained",
    "displace": "displaced",
    "uproot": "displaced",
}

# Intransitive verb lemmas whose subject is the casualty ("30 died", "thousands fled").
INTRANSITIVE_OUTCOMES: dict[str, str] = {
    "die": "killed",
    "perish": "killed",
    "flee": "displaced",
    "drown": "killed",
}

# Adjectives and participles that state an outcome next to a figure ("60 dead",
# "3,593 wounded", "seven were reported missing").
OUTCOME_ADJECTIVES: dict[str, str] = {
    "dead": "killed",
    "killed": "killed",
    "slain": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "missing": "missing",
    "unaccounted": "missing",
    "disappeared": "missing",
    "homeless": "displaced",
    "displaced": "displaced",
    "abducted": "kidnapped",
    "kidnapped": "kidnapped",
    "detained": "detained",
    "arrested": "detained",
}

# Of those, the ones that describe a state, never an act with an agent ("were still
# missing"), so their subject is always the casualty.
STATE_ADJECTIVES = {"missing", "dead", "unaccounted", "homeless"}

# Nouns that are themselves a casualty count ("60 deaths", "35 bodies").
OUTCOME_NOUNS: dict[str, str] = {
    "death": "killed",
    "body": "killed",
    "corpse": "killed",
    "remains": "killed",
    "fatality": "killed",
    "dead": "killed",
    "killing": "killed",
    "murder": "killed",
    "homicide": "killed",
    "injury": "wounded",
    "injured": "wounded",
    "wounded": "wounded",
    "abduction": "kidnapped",
    "kidnapping": "kidnapped",
    "arrest": "detained",
    "detention": "detained",
    "idp": "displaced",
    "refugee": "displaced",
}

# Nouns that usually, not always, mean the dead ("three male victims were
# confirmed"): used only when nothing else in the sentence states an outcome.
WEAK_OUTCOME_NOUNS = {"victim": "killed"}

# Words for the outcome phrases of `outcomes.phrase_outcome`.
CAPTIVE_WORDS = {"hostage", "hostages", "captive", "captives", "prisoner", "prisoners"}
INJURY_NOUNS = {"injury", "wound", "burn", "injuries", "wounds", "burns", "fracture"}
HOME_NOUNS = {"home", "village", "land", "town", "house", "area", "neighbourhood", "camp"}

# Nouns of events that befall people, counted through "of" ("the massacre of 30
# villagers"); counted directly they count events ("7 massacres"), not people.
EVENT_NOUNS = {
    "massacre": "killed", "execution": "killed", "slaughter": "killed",
    "assassination": "killed", "disappearance": "missing", "displacement": "displaced",
    "detention": "detained", "capture": "kidnapped",
}  # fmt: skip

# Nouns naming a running count; the outcome comes from their modifier ("death
# toll", "injury toll") or defaults to killed.
TOLL_NOUNS = {"toll", "tally"}
TOTAL_NOUNS = {"total", "figure", "number", "count", "estimate"}

# Multi-word outcomes, matched on lemmas of the head verb and its object.
LIFE_VERBS = {"claim", "take", "lose", "cost"}  # "claimed the lives of", "lost their lives"
REFUGE_VERBS = {"take", "seek", "find"}  # "took refuge", "sought refuge"

# Speech and reporting verbs: their subject is the source of the figures below them.
SPEECH_VERBS = {
    "say", "tell", "report", "state", "announce", "confirm", "add", "note", "estimate",
    "record", "document", "put", "determine", "cite", "claim", "allege", "count",
    "register", "inform", "warn", "caution", "indicate", "reveal", "show", "verify",
    "publish", "declare", "write", "explain", "insist", "tweet", "post", "quote",
    "acknowledge", "assert", "stress", "disclose", "list", "calculate", "tally",
    "lower", "raise", "revise", "update", "find", "conclude",
}
# Of those, the ones that report only with a clause ("added that ...", "X, he noted"),
# not in "add to the total", "noted for".
CLAUSE_SPEECH_VERBS = {
    "add", "note", "show", "indicate", "explain", "stress", "insist", "find", "conclude",
    "claim",
}  # fmt: skip
# Of those, the ones whose subject only counts as a source when the verb carries
# a clause or a figure; "put" and "count" need an object.
WEAK_SPEECH_VERBS = {"put", "count", "record", "document", "show", "list", "register"}

# Data nouns that stand between "according to" and the real source ("according to
# figures from SOHR", "according to ACLED data").
DATA_NOUNS = {
    "figure", "data", "statistic", "count", "tally", "report", "review", "estimate",
    "record", "documentation", "number", "toll", "information", "account",
    "statement", "assessment", "analysis", "survey", "list", "datum", "investigation",
    "study", "inquiry", "probe",
}

# Subjects that never name a source on their own.
FIRST_PERSON = {"i", "we", "me", "us"}
REFERRING_PRONOUNS = {"it", "he", "she", "they", "him", "her", "them"}
# Nouns used to refer back to an organisation named earlier ("the group said").
GENERIC_SOURCE_NOUNS = {
    "group", "organisation", "organization", "monitor", "watchdog", "ngo", "observatory",
    "source",
}

# Nouns naming people: a figure quantifying one of these is a count of people.
PERSON_NOUNS = {
    "people", "person", "persons", "individual", "civilian", "resident", "villager",
    "inhabitant", "citizen", "man", "men", "woman", "women", "child", "children", "kid",
    "minor", "boy", "girl", "infant", "baby", "toddler", "teenager", "teen", "youth",
    "adult", "elder", "soldier", "troop", "officer", "policeman", "policemen", "police",
    "policewoman", "guard", "personnel", "member", "fighter", "militant", "insurgent",
    "rebel", "gunman", "gunmen", "loyalist", "terrorist", "combatant", "militiaman",
    "militiamen", "jihadist", "attacker", "assailant", "suspect", "worker", "student",
    "pupil", "worshipper", "worshiper", "passenger", "patient", "refugee", "migrant",
    "pilgrim", "tourist", "visitor", "journalist", "reporter", "doctor", "nurse",
    "medic", "paramedic", "volunteer", "staff", "employee", "farmer", "herder",
    "fisherman", "fishermen", "protester", "protestor", "demonstrator", "inmate",
    "prisoner", "detainee", "hostage", "captive", "victim", "relative", "brother",
    "sister", "son", "daughter", "father", "mother", "husband", "wife", "cousin",
    "nephew", "niece", "family", "parent", "sibling", "neighbour", "neighbor", "monk",
    "priest", "nun", "imam", "cleric", "teacher", "pharmacist", "shepherd", "trader",
    "merchant", "driver", "pilot", "sailor", "marine", "commander", "leader", "official",
    "servicemen", "serviceman", "servicemember", "recruit", "conscript", "cadet", "militia",
    "national", "foreigner", "local", "idp", "survivor", "bystander", "others",
    "dissident", "separatist", "extremist", "jihadi", "mercenary", "commando",
    "paratrooper", "gendarme", "ranger", "sniper", "bomber", "smuggler", "gang", "gangster",
    "miner", "labourer", "laborer", "shopper", "diner", "spectator", "fan",
    "believer", "christian", "muslim", "alawite", "druze", "shia", "sunni", "bedouin",
    "tribesman", "tribesmen", "clansman", "clansmen", "peacekeeper", "aid", "humanitarian",
    "pedestrian", "motorist", "commuter", "customer", "guest", "occupant", "crew",
    "colleague", "friend", "household", "settler", "palestinian", "israeli", "syrian",
    "rohingya", "hazara", "tutsi", "hutu", "fulani", "masalit", "amhara", "oromo", "baloch",
    "pashtun", "tamil", "sikh", "hindu", "buddhist", "copt", "yazidi", "uyghur", "uighur",
    "kurd", "turkmen", "arab", "berber", "tuareg", "dogon", "zaghawa", "igbo", "hausa",
    "widow", "widower", "orphan",
}
# Verbs of arriving somewhere: a displacement where the text speaks of flight.
ARRIVAL_VERBS = {"arrive", "cross", "pour", "stream", "enter", "flood", "trickle", "land"}
# People who arrive somewhere without having fled.
TRAVELLER_NOUNS = {"tourist", "visitor", "pilgrim", "delegate", "guest", "fan", "spectator",
                   "passenger", "commuter", "shopper", "soldier", "troop", "fighter",
                   "militant", "journalist", "reporter", "official", "diplomat"}  # fmt: skip
# Names of communities, faiths and peoples: "the Alawite heartland" names no place.
COMMUNITY_NAMES = {
    "alawite", "druze", "shia", "shiite", "sunni", "christian", "muslim", "kurd", "kurdish",
    "yazidi", "bedouin", "copt", "coptic", "rohingya", "hazara", "tutsi", "hutu", "fulani",
    "masalit", "amhara", "oromo", "baloch", "pashtun", "tamil", "sikh", "hindu", "buddhist",
    "uyghur", "uighur", "turkmen", "arab", "berber", "tuareg", "dogon", "zaghawa", "igbo",
    "hausa", "jewish", "ismaili", "assyrian", "armenian", "maronite", "hema", "lendu",
}  # fmt: skip
# Collective nouns for armed forces: "172 military, police and security forces".
FORCE_NOUNS = {"force", "forces", "military", "army", "police", "personnel", "troops"}

# Suffixes that mark agent and demonym nouns ("villagers", "Syrians", "activists").
PERSON_SUFFIXES = ("ers", "ors", "ists", "ians", "ans", "ees", "ites", "ants", "ents", "men")
# Endings of plural demonyms written as proper nouns ("Iraqis", "Sudanese", "Kurds").
DEMONYM_SUFFIXES = ("is", "ese", "ds", "ks", "bs", "ts", "zis", "ans", "ites", "ns")
# Plural nouns with those endings that are not people.
NOT_PERSON = {
    "centers", "centres", "numbers", "orders", "borders", "letters", "papers", "weapons",
    "matters", "members_of_parliament", "containers", "helicopters", "kilometers",
    "meters", "metres", "dollars", "quarters", "headquarters", "towers", "shelters",
    "rockets", "layers", "factors", "sectors", "corridors", "monitors", "hours", "years",
    "months", "weeks", "days", "minutes", "seconds", "decades", "tanks", "vehicles",
    "villages", "towns", "cities", "massacres", "attacks", "incidents", "strikes",
    "airstrikes", "bombs", "homes", "houses", "buildings", "percent", "cents", "points",
    "documents", "elements", "statements", "segments", "instruments", "departments",
    "governments", "parliaments", "settlements", "agreements", "movements", "events",
    "districts", "regions", "provinces", "countries", "states", "camps", "sites",
    "schools", "hospitals", "mosques", "churches", "plants", "restaurants", "giants",
    "comments", "payments", "moments", "launchers", "drones",
    "tractors", "trailers", "computers", "chambers", "engineers_corps", "motors",
}

# Words that turn a casualty verb into a non-event ("no one was killed").
NEGATIONS = {"no", "not", "never", "none", "n't", "nobody", "neither", "nor", "without"}

# Modal verbs that make a figure a possibility rather than a report; the gold
# rules keep projections ("could exceed 1,000"), so this list is used only to
# drop explicit denials and conditionals about future risk.
CONDITIONAL_MARKERS = {"if", "unless", "would"}
# fmt: on

# Month abbreviations: they end in a full stop without ending a sentence
# ("Oct. 7"), and a number beside them is a date, not a count.
MONTH_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
