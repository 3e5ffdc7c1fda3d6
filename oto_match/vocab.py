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


# The Danish label of every field a form shows or an error names. Errors name fields by code;
# what a user reads is the label (CSV import keeps the column code: that is what the file says).
FIELD_LABELS: dict[str, str] = {
    # people and places
    "name": "Navn",
    "citizen_id": "Borger",
    "employer_id": "Virksomhed",
    "job_id": "Jobåbning",
    "placement_id": "Forløb",
    "followup_id": "Opfølgning",
    "staff_id": "Medarbejder",
    "contact_id": "Kontaktperson",
    "team_id": "Team",
    "team": "Team",
    "makkerpar": "Makkerpar",
    "partner1_id": "Makker 1",
    "partner2_id": "Makker 2",
    "owner_staff_id": "Ansvarlig",
    "postcode": "Postnummer",
    "address": "Adresse",
    "cvr": "CVR-nummer",
    "pnumber": "P-nummer",
    "industry": "Branche",
    "email": "E-mail",
    "phone": "Telefon",
    "role": "Rolle",
    # citizen
    "birth_year": "Fødselsår",
    "gender": "Køn",
    "country_of_origin": "Oprindelsesland",
    "max_hours_week": "Maks. timer/uge",
    "availability": "Tilgængelig",
    "spare_strains": "Skal skånes for",
    "transport_modes": "Transportformer",
    "max_commute_min": "Maks. transporttid",
    "max_walk_m": "Kan gå højst",
    "danish_level": "Dansk",
    "driving_license": "Kørekort",
    "fleksjob_visitated": "Visiteret til fleksjob",
    "wishes": "Ønsker",
    "experience": "Erfaring",
    "not_interested": "Ønsker ikke",
    "status": "Status",
    "own_words": "Borgerens egne ord",
    "consent_note": "Har sagt ja til",
    "consent_date": "Dato for samtykke",
    # employer
    "accommodations": "Kan tilpasse",
    "adaptations_note": "Andre tilpasninger",
    "paused_reason": "Årsag til pause",
    "size_band": "Størrelse",
    # job
    "title": "Titel",
    "description": "Beskrivelse",
    "job_type": "Jobtype",
    "hours_min_week": "Timer/uge fra",
    "hours_max_week": "Timer/uge til",
    "schedule": "Arbejdstider",
    "strains": "Belastninger",
    "removable_strains": "Kan undværes",
    "danish_level_required": "Krav til dansk",
    "driving_required": "Kørekort påkrævet",
    "start_date": "Startdato",
    "positions": "Antal stillinger",
    "deadline": "Svarfrist",
    # visit
    "visit_date": "Dato",
    "form": "Kontaktform",
    "cup": "Kop te",
    "notes": "Noter",
    "tasks_learned": "Opgaver vi så",
    "adaptations_learned": "Tilpasninger vi hørte om",
    "next_step": "Næste skridt",
    "next_step_date": "Dato for næste skridt",
    # placement and follow-up
    "placement_type": "Forløbstype",
    "planned_end_date": "Planlagt slut",
    "hours_week": "Timer/uge",
    "benefit_group": "Ydelsesgruppe",
    "agreed_strains": "Aftalte skånehensyn",
    "citizen_accepted": "Borgeren har accepteret",
    "employer_accepted": "Virksomheden har accepteret",
    "end_date": "Slutdato",
    "end_reason": "Slutårsag",
    "end_note": "Hvad lærte vi",
    "mentor_start": "Mentorstart",
    "employer_expects": "Virksomhedens forventninger",
    "citizen_expects": "Borgerens forventninger",
    "success_employer": "Succes for virksomheden",
    "success_citizen": "Succes for borgeren",
    "path_to_paid": "Vejen til løntimer",
    "due_date": "Dato",
    "kind": "Type",
    "with": "Med hvem",
    "with_whom": "Med hvem",
    "done_date": "Dato",
    "done_by": "Udført af",
    "outcome": "Hvordan går det",
    "new_hours": "Nye timer/uge",
    "new_schedule": "Nye arbejdstider",
    "add_strains": "Nye skånehensyn",
    "remove_strains": "Skånehensyn der ophører",
    # decisions and lists
    "reason": "Begrundelse",
    "override_reason": "Begrundelse for at foreslå trods 'udelukket'",
    "citizens": "Borgere",
    "text": "Note",
    "note": "Note",
    "state": "Trin",
    "is_leader": "Leder",
    "active": "Aktiv",
    "profession": "Fag",
}


def field_label(code: str) -> str:
    """The Danish label of a field code; an unknown code is shown as it is."""
    return FIELD_LABELS.get(code, code)
