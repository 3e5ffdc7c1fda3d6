"""Shared vocabularies: stable English codes with the Danish labels the team sees.

Codes are stored in the database and CSV files and never change; labels may be reworded.
"""

from __future__ import annotations

STRAINS: dict[str, str] = {
    "heavy_lifting": "tunge løft",
    "prolonged_standing": "længerevarende stående arbejde",
    "prolonged_sitting": "længerevarende siddende arbejde",
    "much_walking": "meget gang",
    "bending_twisting": "foroverbøjning og vrid",
    "repetitive_work": "ensidigt gentaget arbejde",
    "cold": "kulde",
    "noise": "støj",
    "time_pressure": "tidspres",
    "customer_contact": "kundekontakt",
    "driving": "kørsel som del af arbejdet",
}

TRANSPORT_MODES: dict[str, str] = {
    "walk": "gang",
    "bike": "cykel",
    "public": "offentlig transport",
    "car": "bil",
}

JOB_TYPES: dict[str, str] = {
    "ordinary": "ordinært job",
    "small_job": "småjob",
    "flex_job": "fleksjob",
    "internship": "virksomhedspraktik",
    "wage_subsidy": "løntilskud",
    "youth_job": "fritidsjob",
}

DANISH_LEVELS: dict[int, str] = {
    0: "intet dansk",
    1: "basis (PD1)",
    2: "mellem (PD2)",
    3: "flydende (PD3 eller bedre)",
}

CITIZEN_STATUSES: dict[str, str] = {
    "unemployed": "ledig",
    "internship": "i praktik",
    "job": "i job",
    "flex_job": "i fleksjob",
    "education": "i uddannelse",
    "clarified": "afklaret (førtidspension/ledighedsydelse)",
    "ended": "afsluttet i OTO",
}

JOB_STATUSES: dict[str, str] = {"open": "åben", "filled": "besat", "closed": "lukket"}

VISIT_FORMS: dict[str, str] = {
    "in_person_workplace": "fremmøde på arbejdspladsen",
    "in_person_elsewhere": "fremmøde andetsteds",
    "phone": "telefon",
    "email": "e-mail",
}
IN_PERSON_FORMS = frozenset({"in_person_workplace", "in_person_elsewhere"})

CUPS: dict[int, str] = {
    1: "1. kop te: lære virksomheden at kende",
    2: "2. kop te: se arbejdspladsen og opgaverne",
    3: "3. kop te: præsentere borgere",
}

EMPLOYER_STAGES: dict[str, str] = {
    "none": "ingen kontakt",
    "cup1": "1. kop te",
    "cup2": "2. kop te",
    "cup3": "3. kop te",
    "partner": "samarbejde",
    "paused": "sat på pause",
}

PROFESSIONS: dict[str, str] = {
    "team_leader": "teamleder",
    "employer_consultant": "virksomhedskonsulent",
    "job_consultant": "jobkonsulent",
    "education_consultant": "uddannelseskonsulent",
    "family_counsellor": "familierådgiver",
    "social_worker": "socialrådgiver (voksen)",
    "health_consultant": "sundhedskonsulent",
    "leisure_consultant": "fritidskonsulent",
    "pedagogue": "pædagog",
    "teacher": "skolelærer",
}

CANDIDATE_STATES: dict[str, str] = {
    "proposed": "foreslået",
    "citizen_agreed": "borger har sagt ja",
    "presented": "præsenteret for virksomheden",
    "interview": "til samtale",
    "got_job": "fik jobbet",
    "not_chosen": "ikke valgt",
    "declined": "takkede nej",
}

FOLLOWUP_WITH: dict[str, str] = {"citizen": "borger", "employer": "virksomhed", "both": "begge"}

FOLLOWUP_OUTCOMES: dict[str, str] = {
    "thriving": "trives",
    "concern": "bekymring",
    "adjust": "justering",
    "ending": "på vej til at slutte",
}

END_REASONS: dict[str, str] = {
    "got_ordinary_job": "fik ordinært job",
    "hours_up": "flere timer / nyt forløb",
    "health": "helbred",
    "employer": "virksomhedens ønske",
    "citizen_choice": "borgerens valg",
    "other": "andet",
}

BENEFIT_GROUPS: dict[str, str] = {
    "job_ready": "jobparat (kontanthjælp)",
    "dagpenge": "dagpengemodtager",
    "new_graduate": "nyuddannet",
    "other_kontanthjaelp": "øvrige kontanthjælpsmodtagere",
    "other": "andet / ikke oplyst",
}

GENDERS: dict[str, str] = {"female": "kvinde", "male": "mand", "other": "andet"}

WEEKDAYS: tuple[str, ...] = ("man", "tir", "ons", "tor", "fre", "lør", "søn")

TRUE_WORDS = frozenset({"yes", "ja", "true", "1"})
FALSE_WORDS = frozenset({"no", "nej", "false", "0"})


def strain_labels(codes: list[str] | tuple[str, ...]) -> str:
    """Danish labels of strain codes, comma separated."""
    return ", ".join(STRAINS.get(c, c) for c in codes)
