"""Shared vocabularies: stable English codes (StrEnum) with the Danish labels the team sees.

Codes are stored in the database and CSV files and never change; labels may be reworded. A code is a
StrEnum member, so it *is* the stored string ("cold" == Strain.COLD) and every label table can be read
with either. Every Danish label of a code lives in this module.
"""

from __future__ import annotations

from enum import StrEnum


class Strain(StrEnum):
    HEAVY_LIFTING = "heavy_lifting"
    PROLONGED_STANDING = "prolonged_standing"
    PROLONGED_SITTING = "prolonged_sitting"
    MUCH_WALKING = "much_walking"
    BENDING_TWISTING = "bending_twisting"
    REPETITIVE_WORK = "repetitive_work"
    COLD = "cold"
    NOISE = "noise"
    TIME_PRESSURE = "time_pressure"
    CUSTOMER_CONTACT = "customer_contact"
    DRIVING = "driving"


STRAINS: dict[str, str] = {
    Strain.HEAVY_LIFTING: "tunge løft",
    Strain.PROLONGED_STANDING: "længerevarende stående arbejde",
    Strain.PROLONGED_SITTING: "længerevarende siddende arbejde",
    Strain.MUCH_WALKING: "meget gang",
    Strain.BENDING_TWISTING: "foroverbøjning og vrid",
    Strain.REPETITIVE_WORK: "ensidigt gentaget arbejde",
    Strain.COLD: "kulde",
    Strain.NOISE: "støj",
    Strain.TIME_PRESSURE: "tidspres",
    Strain.CUSTOMER_CONTACT: "kundekontakt",
    Strain.DRIVING: "kørsel som del af arbejdet",
}


class TransportMode(StrEnum):
    WALK = "walk"
    BIKE = "bike"
    PUBLIC = "public"
    CAR = "car"


TRANSPORT_MODES: dict[str, str] = {
    TransportMode.WALK: "gang",
    TransportMode.BIKE: "cykel",
    TransportMode.PUBLIC: "offentlig transport",
    TransportMode.CAR: "bil",
}


class JobType(StrEnum):
    ORDINARY = "ordinary"
    SMALL_JOB = "small_job"
    FLEX_JOB = "flex_job"
    INTERNSHIP = "internship"
    WAGE_SUBSIDY = "wage_subsidy"
    YOUTH_JOB = "youth_job"


JOB_TYPES: dict[str, str] = {
    JobType.ORDINARY: "ordinært job",
    JobType.SMALL_JOB: "småjob",
    JobType.FLEX_JOB: "fleksjob",
    JobType.INTERNSHIP: "virksomhedspraktik",
    JobType.WAGE_SUBSIDY: "løntilskud",
    JobType.YOUTH_JOB: "fritidsjob",
}

DANISH_LEVELS: dict[int, str] = {
    0: "intet dansk",
    1: "basis (PD1)",
    2: "mellem (PD2)",
    3: "flydende (PD3 eller bedre)",
}


class CitizenStatus(StrEnum):
    UNEMPLOYED = "unemployed"
    INTERNSHIP = "internship"
    JOB = "job"
    FLEX_JOB = "flex_job"
    EDUCATION = "education"
    CLARIFIED = "clarified"
    ENDED = "ended"


CITIZEN_STATUSES: dict[str, str] = {
    CitizenStatus.UNEMPLOYED: "ledig",
    CitizenStatus.INTERNSHIP: "i praktik",
    CitizenStatus.JOB: "i job",
    CitizenStatus.FLEX_JOB: "i fleksjob",
    CitizenStatus.EDUCATION: "i uddannelse",
    CitizenStatus.CLARIFIED: "afklaret (førtidspension/ledighedsydelse)",
    CitizenStatus.ENDED: "afsluttet i OTO",
}


class JobStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


JOB_STATUSES: dict[str, str] = {JobStatus.OPEN: "åben", JobStatus.FILLED: "besat", JobStatus.CLOSED: "lukket"}


class VisitForm(StrEnum):
    IN_PERSON_WORKPLACE = "in_person_workplace"
    IN_PERSON_ELSEWHERE = "in_person_elsewhere"
    PHONE = "phone"
    EMAIL = "email"


VISIT_FORMS: dict[str, str] = {
    VisitForm.IN_PERSON_WORKPLACE: "fremmøde på arbejdspladsen",
    VisitForm.IN_PERSON_ELSEWHERE: "fremmøde andetsteds",
    VisitForm.PHONE: "telefon",
    VisitForm.EMAIL: "e-mail",
}

CUPS: dict[int, str] = {
    1: "1. kop te: lære virksomheden at kende",
    2: "2. kop te: se arbejdspladsen og opgaverne",
    3: "3. kop te: præsentere borgere",
}


class EmployerStage(StrEnum):
    NONE = "none"
    CUP1 = "cup1"
    CUP2 = "cup2"
    CUP3 = "cup3"
    PARTNER = "partner"
    PAUSED = "paused"


EMPLOYER_STAGES: dict[str, str] = {
    EmployerStage.NONE: "ingen kontakt",
    EmployerStage.CUP1: "1. kop te",
    EmployerStage.CUP2: "2. kop te",
    EmployerStage.CUP3: "3. kop te",
    EmployerStage.PARTNER: "samarbejde",
    EmployerStage.PAUSED: "sat på pause",
}


class Profession(StrEnum):
    TEAM_LEADER = "team_leader"
    EMPLOYER_CONSULTANT = "employer_consultant"
    JOB_CONSULTANT = "job_consultant"
    EDUCATION_CONSULTANT = "education_consultant"
    FAMILY_COUNSELLOR = "family_counsellor"
    SOCIAL_WORKER = "social_worker"
    HEALTH_CONSULTANT = "health_consultant"
    LEISURE_CONSULTANT = "leisure_consultant"
    PEDAGOGUE = "pedagogue"
    TEACHER = "teacher"


PROFESSIONS: dict[str, str] = {
    Profession.TEAM_LEADER: "teamleder",
    Profession.EMPLOYER_CONSULTANT: "virksomhedskonsulent",
    Profession.JOB_CONSULTANT: "jobkonsulent",
    Profession.EDUCATION_CONSULTANT: "uddannelseskonsulent",
    Profession.FAMILY_COUNSELLOR: "familierådgiver",
    Profession.SOCIAL_WORKER: "socialrådgiver (voksen)",
    Profession.HEALTH_CONSULTANT: "sundhedskonsulent",
    Profession.LEISURE_CONSULTANT: "fritidskonsulent",
    Profession.PEDAGOGUE: "pædagog",
    Profession.TEACHER: "skolelærer",
}


class CandidateState(StrEnum):
    PROPOSED = "proposed"
    CITIZEN_AGREED = "citizen_agreed"
    PRESENTED = "presented"
    INTERVIEW = "interview"
    GOT_JOB = "got_job"
    NOT_CHOSEN = "not_chosen"
    DECLINED = "declined"


CANDIDATE_STATES: dict[str, str] = {
    CandidateState.PROPOSED: "foreslået",
    CandidateState.CITIZEN_AGREED: "borger har sagt ja",
    CandidateState.PRESENTED: "præsenteret for virksomheden",
    CandidateState.INTERVIEW: "til samtale",
    CandidateState.GOT_JOB: "fik jobbet",
    CandidateState.NOT_CHOSEN: "ikke valgt",
    CandidateState.DECLINED: "takkede nej",
}


class FollowUpWith(StrEnum):
    CITIZEN = "citizen"
    EMPLOYER = "employer"
    BOTH = "both"


FOLLOWUP_WITH: dict[str, str] = {FollowUpWith.CITIZEN: "borger", FollowUpWith.EMPLOYER: "virksomhed",
                                 FollowUpWith.BOTH: "begge"}  # fmt: skip
# Who takes part in a follow-up, said in words on screen (FOLLOWUP_WITH stays the short word CSV files use).
FOLLOWUP_PARTICIPANTS: dict[str, str] = {FollowUpWith.CITIZEN: "borgeren", FollowUpWith.EMPLOYER: "arbejdsgiveren",
                                         FollowUpWith.BOTH: "borger og arbejdsgiver"}  # fmt: skip
# A follow-up's place on the Fastholdelse timeline, in words (and the badge colour it is shown in).
FOLLOWUP_STATES: dict[str, str] = {"done": "gennemført", "open": "planlagt", "overdue": "forfalden",
                                   "cancelled": "aflyst"}  # fmt: skip


class FollowUpOutcome(StrEnum):
    THRIVING = "thriving"
    CONCERN = "concern"
    ADJUST = "adjust"
    ENDING = "ending"


FOLLOWUP_OUTCOMES: dict[str, str] = {
    FollowUpOutcome.THRIVING: "trives",
    FollowUpOutcome.CONCERN: "bekymring",
    FollowUpOutcome.ADJUST: "justering",
    FollowUpOutcome.ENDING: "på vej til at slutte",
}


class FollowUpKind(StrEnum):
    SCHEDULED = "scheduled"
    STATUTORY_REVIEW = "statutory_review"
    AD_HOC = "ad_hoc"


FOLLOWUP_KINDS: dict[str, str] = {
    FollowUpKind.SCHEDULED: "planlagt",
    FollowUpKind.STATUTORY_REVIEW: "jobcentrets revurdering",
    FollowUpKind.AD_HOC: "ekstra kontakt",
}
# How a follow-up is named in the consultant's calendar (.ics).
FOLLOWUP_CALENDAR_TITLES: dict[str, str] = {
    FollowUpKind.SCHEDULED: "Opfølgning",
    FollowUpKind.STATUTORY_REVIEW: "Jobcentrets revurdering",
    FollowUpKind.AD_HOC: "Kontakt",
}


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


FOLLOWUP_STATUSES: dict[str, str] = {FollowUpStatus.OPEN: "åben", FollowUpStatus.DONE: "gennemført",
                                     FollowUpStatus.CANCELLED: "aflyst"}  # fmt: skip
# Overblik: a follow-up due in the period was done on or before its date, after it, or is not done and past it.
FOLLOWUP_TIMELINESS: dict[str, str] = {"on_time": "til tiden", "late": "for sent",
                                       "overdue": "ikke gjort, datoen er overskredet"}  # fmt: skip


class PlacementStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


PLACEMENT_STATUSES: dict[str, str] = {PlacementStatus.ACTIVE: "aktiv", PlacementStatus.ENDED: "afsluttet"}


class EndReason(StrEnum):
    GOT_ORDINARY_JOB = "got_ordinary_job"
    HOURS_UP = "hours_up"
    HEALTH = "health"
    EMPLOYER = "employer"
    CITIZEN_CHOICE = "citizen_choice"
    OTHER = "other"


END_REASONS: dict[str, str] = {
    EndReason.GOT_ORDINARY_JOB: "fik ordinært job",
    EndReason.HOURS_UP: "flere timer / nyt forløb",
    EndReason.HEALTH: "helbred",
    EndReason.EMPLOYER: "virksomhedens ønske",
    EndReason.CITIZEN_CHOICE: "borgerens valg",
    EndReason.OTHER: "andet",
}


class BenefitGroup(StrEnum):
    JOB_READY = "job_ready"
    DAGPENGE = "dagpenge"
    NEW_GRADUATE = "new_graduate"
    OTHER_KONTANTHJAELP = "other_kontanthjaelp"
    OTHER = "other"


BENEFIT_GROUPS: dict[str, str] = {
    BenefitGroup.JOB_READY: "jobparat (kontanthjælp)",
    BenefitGroup.DAGPENGE: "dagpengemodtager",
    BenefitGroup.NEW_GRADUATE: "nyuddannet",
    BenefitGroup.OTHER_KONTANTHJAELP: "øvrige kontanthjælpsmodtagere",
    BenefitGroup.OTHER: "andet / ikke oplyst",
}


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


GENDERS: dict[str, str] = {Gender.FEMALE: "kvinde", Gender.MALE: "mand", Gender.OTHER: "andet"}


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    UNCERTAIN = "uncertain"
    EXCLUDED = "excluded"


VERDICTS: dict[str, str] = {Verdict.ELIGIBLE: "passer", Verdict.UNCERTAIN: "usikker", Verdict.EXCLUDED: "udelukket"}


class CheckStatus(StrEnum):
    PASS = "pass"
    UNKNOWN = "unknown"
    FAIL = "fail"


CHECK_STATUSES: dict[str, str] = {CheckStatus.PASS: "opfyldt", CheckStatus.UNKNOWN: "uafklaret",
                                  CheckStatus.FAIL: "ikke opfyldt"}  # fmt: skip

# The score's components, as the meeting view names them.
SCORE_COMPONENTS: dict[str, str] = {"wishes": "ønsker", "experience": "erfaring", "hours": "timer",
                                    "commute": "transport"}  # fmt: skip

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
    "paused": "På pause",
    "merged_into": "Flettet ind i",
    "strains_assessed": "Belastninger vurderet",
    "released_on": "Sluppet den",
    "released_by": "Sluppet af",
    "size_band": "Størrelse",
    "social_economy": "Socialøkonomisk virksomhed",
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
    "visit_id": "Besøg",
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
    "when": "Dato",
    "initiated_by": "Hvem tog kontakt",
    "effective_date": "Gælder fra",
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
    # sign-in and access (services/accounts.py)
    "username": "Brugernavn",
    "password": "Adgangskode",
    "new_password": "Ny adgangskode",
    "grantee": "Medarbejder der får adgang",
    "access_hours": "Timer",
    # the rest a form or a command can name (issue 14: every field by its Danish label, never its code)
    "hours": "Timer",
    "oidc_subject": "Kommunens login",
    "disabled": "Spærret",
    "neighbourhood": "Bydel",
    "confirmed_not_duplicate": "Ikke en dublet",
    "no_strains": "Ingen belastninger",
    "proposals": "Forslag",
    "folder": "Mappe",
    "db": "Database",
    "older_than": "Opbevaringsperiode",  # erasure and retention (services/erasure.py)
    "file": "Fil",  # a whole file that cannot be read (an Excel upload)
    "period_start": "Fra",  # Overblik's period
    "period_end": "Til",
}


def field_label(code: str) -> str:
    """The Danish label of a field code; an unknown code is shown as it is."""
    return FIELD_LABELS.get(code, code)


# Where two columns of one file share a label (a follow-up's planned and done dates are both 'Dato' on the form),
# an Excel file's header says which is which; an upload accepts this header, the label or the column's code.
HEADER_LABELS: dict[str, str] = {"due_date": "Planlagt dato", "done_date": "Udført dato"}


def header_label(code: str) -> str:
    """A column's header in an Excel file: its Danish label, told apart where two columns of a file share one."""
    return HEADER_LABELS.get(code) or field_label(code)


# What each logged action means, in the words a leader uses (the audit log's codes are never shown).
ACTION_WORDS: dict[str, str] = {
    "view": "så", "create": "oprettede", "update": "ændrede", "export": "eksporterede eller kopierede",
    "import": "indlæste fra fil", "propose": "foreslog til job", "override": "foreslog trods 'udelukket'",
    "note": "skrev en note", "candidate": "flyttede på kandidatlisten", "placement": "oprettede forløb",
    "agreement": "registrerede forventningsafstemning", "placement_end": "afsluttede forløb",
    "release": "afsluttede opfølgningen", "followup": "registrerede opfølgning", "grant": "gav midlertidig adgang",
    "ranking": "så en rangering", "audit_search": "søgte i loggen", "audit_report": "lavede 'hvem har set mig'",
    "sign_in": "loggede ind", "sign_in_failed": "mislykket login", "sign_out": "loggede ud",
    "password_change": "skiftede adgangskode", "password_reset": "gav ny engangsadgangskode",
    "user_add": "oprettede bruger", "user_disable": "spærrede bruger", "backup": "tog sikkerhedskopi",
    "visit": "registrerede besøg", "pause": "satte på pause", "resume": "genoptog", "merge": "flettede dubletter",
    "scan": "søgte efter dubletter", "warning": "advarsel",
    "erase": "slettede borgerens oplysninger",
    "undo_import": "fortrød en indlæsning",
}  # fmt: skip
ENTITY_WORDS: dict[str, str] = {
    "citizen": "borger", "citizens": "borgere", "employer": "virksomhed", "employers": "virksomheder",
    "job": "jobåbning", "jobs": "jobåbninger", "user": "bruger", "ranking": "rangering", "database": "databasen",
    "audit_log": "loggen", "placements": "forløb", "followups": "opfølgninger", "visits": "besøg",
    "staff": "medarbejdere", "contact_persons": "kontaktpersoner", "job_openings": "jobåbninger",
    "import_batch": "indlæsning", "teams": "teams", "contacts": "kontaktpersoner",
}  # fmt: skip

# Import batches (services/import_batches.py): each kind of file in Danish, a record of each table as a refused
# undo names it ("Borgeren Fatima Ali er ændret efter indlæsningen"), and rows of a table that point at a record
# ("har nu 2 besøg, 1 forløb").
IMPORT_KIND_LABELS: dict[str, str] = {
    "teams": "Teams", "staff": "Medarbejdere", "employers": "Virksomheder", "contacts": "Kontaktpersoner",
    "citizens": "Borgere", "jobs": "Jobåbninger", "visits": "Besøg", "placements": "Forløb",
    "followups": "Opfølgninger", "candidates": "Kandidatlister", "decisions": "Teambeslutninger",
    "audit": "Loggen",
}  # fmt: skip
IMPORT_RECORD_WORDS: dict[str, str] = {
    "teams": "Teamet", "staff": "Medarbejderen", "employers": "Virksomheden", "contact_persons": "Kontaktpersonen",
    "citizens": "Borgeren", "job_openings": "Jobåbningen", "visits": "Besøget hos", "placements": "Forløbet for",
    "followups": "Opfølgningen den", "placement_hours": "Timeændringen fra",
}  # fmt: skip
TABLE_WORDS: dict[str, str] = {
    "staff": "medarbejdere", "employers": "virksomheder", "contact_persons": "kontaktpersoner",
    "citizens": "borgere", "job_openings": "jobåbninger", "visits": "besøg", "placements": "forløb",
    "followups": "opfølgninger", "placement_hours": "timeændringer", "candidates": "pladser på kandidatlister",
    "candidate_events": "trin på kandidatlister", "candidate_notes": "kandidatnoter",
    "match_decisions": "teambeslutninger", "temporary_access": "midlertidige adgange",
    "user_accounts": "brugerkonti", "employer_merges": "fletninger",
}  # fmt: skip

# What each action means to the citizen, in the citizen's own words ("… så dine oplysninger").
ACTION_TEXT: dict[str, str] = {
    "view": "så dine oplysninger",
    "create": "oprettede dig i OTO Match",
    "update": "ændrede dine oplysninger",
    "export": "lavede en kopi eller et udtræk af dine oplysninger",
    "import": "indlæste dine oplysninger fra en fil",
    "propose": "foreslog dig til et job",
    "override": "foreslog dig til et job, selv om værktøjet vurderede, at det ikke passede",
    "note": "skrev en note om dig og et job",
    "candidate": "flyttede dig et trin på en kandidatliste til et job",
    "placement": "oprettede et forløb for dig hos en arbejdsplads",
    "agreement": "registrerede forventningsafstemningen i dit forløb",
    "placement_end": "afsluttede et forløb",
    "release": "afsluttede opfølgningen på dit job",
    "followup": "registrerede en opfølgning i dit forløb",
    "grant": "gav en medarbejder fra et andet team midlertidig adgang til dine oplysninger",
    "audit_search": "slog op i loggen over, hvem der har set dine oplysninger",
    "audit_report": "lavede denne oversigt",
    "erase": "slettede dine oplysninger",
    "undo_import": "fortrød en indlæsning fra en fil, der havde ændret dine oplysninger",
}
RANKING_TEXT = "så dig på en liste over borgere, der kunne passe til et job"
OTHER_ACTION_TEXT = "gjorde noget andet med dine oplysninger"  # never the log's code

# A citizen's right to erasure (services/erasure.py): the placeholder's name, the text put where a text may not be
# empty, and what is erased, in the order the leader reads it (each with how much of it a citizen has).
ERASED_NAME = "Slettet borger"
ERASED_TEXT = "(slettet)"
ERASURE_PARTS: dict[str, str] = {
    "profile": "profilen: navn, fødselsår, køn, postnummer, skånehensyn, ønsker, egne ord og samtykke",
    "placements": "forløb: forventninger, tilpasninger, aftalte skånehensyn og noter (datoer og timer bevares)",
    "followups": "opfølgninger: noterne (datoer og udfald bevares)",
    "hours": "timeændringer: noterne (timerne bevares)",
    "candidates": "pladser på kandidatlister: begrundelserne (trinnet bevares)",
    "events": "trin på kandidatlister: noterne",
    "notes": "kandidatnoter",
    "decisions": "teambeslutninger: borgerens kort i den gemte rangering",
    "grants": "midlertidige adgange: begrundelserne",
    "audit": "rækker i loggen: indholdet (hvem og hvornår bevares, og kæden holder)",
}


def team_name(team_id: str | None, missing: str = "–") -> str:
    """A team as people say it: 'Gellerup' for the stored 'gellerup' (`missing` when there is none)."""
    return team_id.capitalize() if team_id else missing
