"""Word pools for the synthetic demo data (Aarhus West and South). No real person's data."""

from __future__ import annotations

TEAMS = (
    ("gellerup", "OTO Gellerup", "Gellerup"),
    ("viby", "OTO Viby", "Viby"),
    ("tilst", "OTO Tilst", "Tilst"),
)
TEAM_POSTCODES = {
    "gellerup": ("8220", "8220", "8210", "8220"),
    "viby": ("8260", "8260", "8270", "8310"),
    "tilst": ("8381", "8381", "8210", "8220"),
}
EMPLOYER_POSTCODES = ("8220", "8220", "8210", "8260", "8260", "8381", "8000", "8200", "8230", "8270", "8361", "8310")
STREETS = {
    "8220": ("Gellerupvej", "Bispehavevej", "Edwin Rahrs Vej", "Hovedgaden", "Silkeborgvej", "Karen Blixens Boulevard"),
    "8210": ("Silkeborgvej", "Vestre Ringgade", "Grøndalsvej", "Hasle Ringvej"),
    "8260": ("Viby Ringvej", "Skanderborgvej", "Holme Byvej", "Viby Torv", "Rosenvangs Allé"),
    "8381": ("Tilst Skolevej", "Søren Frichs Vej", "Anelystparken", "Tilstvej"),
    "8000": ("Frederiksgade", "Park Allé", "Vestergade", "Ny Banegårdsgade"),
    "8200": ("Randersvej", "Nordre Ringgade", "Trøjborgvej"),
    "8230": ("Åbyhøjgade", "Silkeborgvej", "Gammelgårdsvej"),
    "8270": ("Holmevej", "Oddervej", "Rosenvangs Allé"),
    "8361": ("Hasselager Allé", "Hasselager Centervej", "Bøgeskovvej"),
    "8310": ("Tranbjerg Hovedgade", "Grønløkkevej"),
}
STAFF_FIRST = ("Anne", "Mette", "Lars", "Henrik", "Camilla", "Søren", "Pia", "Morten", "Louise", "Jesper", "Helle",
               "Rasmus", "Sara", "Thomas", "Line", "Kasper", "Maria", "Jonas", "Nadia", "Peter", "Trine", "Ali",
               "Hanne", "Mikkel", "Ida", "Bo", "Signe", "Martin", "Amira", "Jens", "Birgitte", "Omar", "Tina")  # fmt: skip
STAFF_LAST = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
              "Jørgensen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Møller", "Kjær", "Holm", "Bach")  # fmt: skip
# The team composition (besides the leader) as in the evaluation report.
TEAM_PROFESSIONS = ("family_counsellor", "family_counsellor", "social_worker", "job_consultant",
                    "education_consultant", "employer_consultant", "employer_consultant", "health_consultant",
                    "leisure_consultant", "pedagogue", "teacher")  # fmt: skip
CITIZEN_FIRST_F = ("Fatima", "Amina", "Hodan", "Leila", "Zeynep", "Maryam", "Hanan", "Sahra", "Nour", "Ayan", "Rana",
                   "Samira", "Dijana", "Susanne", "Gitte", "Lene", "Yasmin", "Huda", "Khadija", "Parisa", "Mette")  # fmt: skip
CITIZEN_FIRST_M = ("Ahmed", "Mohamed", "Hassan", "Ali", "Abdi", "Omar", "Yusuf", "Karim", "Mustafa", "Bilal",
                   "Ibrahim", "Mehmet", "Jamal", "Said", "Kenneth", "Michael", "Dragan", "Reza", "Farhad", "Jan")  # fmt: skip
CITIZEN_LAST = ("Hassan", "Ali", "Mohamud", "Yilmaz", "Abdullahi", "Hussein", "Khalil", "Nasser", "Ahmadi", "Osman",
                "Demir", "Said", "Farah", "Haddad", "Jensen", "Nielsen", "Hansen", "Kovačević", "Rahimi", "Warsame")  # fmt: skip
COUNTRIES = ("Danmark", "Libanon", "Somalia", "Irak", "Tyrkiet", "Syrien", "Afghanistan", "Palæstina", "Iran",
             "Bosnien-Hercegovina")  # fmt: skip

# (kind, name stem, industry, social economy, typical job titles)
EMPLOYER_KINDS = (
    ("chain", "Føtex", "detailhandel", False),
    ("chain", "Netto", "detailhandel", False),
    ("chain", "REMA 1000", "detailhandel", False),
    ("single", "Plejecenter", "pleje og omsorg", False),
    ("single", "Kantine", "kantine og køkken", False),
    ("single", "Rengøring", "rengøring", False),
    ("single", "Lager", "lager og logistik", False),
    ("single", "Kontor", "kontor og administration", False),
    ("single", "Café", "socialøkonomisk café", True),
    ("single", "Bageri", "bageri", False),
    ("single", "Gartneri", "gartneri og grønne områder", False),
    ("single", "Vaskeri", "vaskeri", False),
    ("single", "Genbrug", "genbrug og reparation", True),
)
SINGLE_NAMES = {
    "Plejecenter": (
        "Plejecenter Lokesvej",
        "Plejehjemmet Skovvang",
        "Plejecenter Tilst Park",
        "Viby Plejecenter",
        "Plejecentret Bispehaven",
    ),
    "Kantine": (
        "Vestkantinen ApS",
        "Frokostkøkkenet I/S",
        "Kantine Aarhus Vest",
        "Madhuset Brabrand ApS",
        "Kantinen på Hasle Bakker",
    ),
    "Rengøring": (
        "Rent & Pænt ApS",
        "Vest Rengøring A/S",
        "Skinnende Rent IVS",
        "Aarhus Facility Service ApS",
        "Puds og Pleje ApS",
    ),
    "Lager": (
        "Nordlager A/S",
        "Tilst Distribution ApS",
        "Pakkecentralen Viby",
        "Østjysk Logistik A/S",
        "Kølelageret Hasselager ApS",
    ),
    "Kontor": ("Boligkontoret Gellerup", "Administrationshuset ApS", "Bogholderiet Vest I/S", "Viby Kontorservice"),
    "Café": ("Café Globus", "Kaffe & Krummer (socialøkonomisk)", "Café Sammen", "Det Gode Køkken"),
    "Bageri": ("Bispehavens Bageri", "Viby Bageri ApS", "Brødhuset Tilst", "Bager Hansen I/S"),
    "Gartneri": ("Grønne Hænder ApS", "Tilst Planteskole", "Parkservice Aarhus Vest"),
    "Vaskeri": ("Vaskeriet Vest A/S", "Linned & Lagen ApS"),
    "Genbrug": ("Genbrugsbutikken Gellerup", "Cykelværkstedet Hasle", "Reparationscafé Viby"),
}
BRANCH_SUFFIX = ("Gellerup", "Brabrand", "Viby", "Tilst", "Hasle", "Åbyhøj", "Hasselager", "Vestergade")
# Common Danish street names: with a town they keep workplace names distinct at national scale.
COMMON_STREETS = ("Hovedgaden", "Storegade", "Vestergade", "Østergade", "Nørregade", "Søndergade", "Bredgade",
                  "Jernbanegade", "Havnegade", "Torvet", "Industrivej", "Skolevej", "Kirkevej", "Stationsvej",
                  "Møllevej", "Parkvej", "Engvej", "Bakkevej", "Skovvej", "Strandvej")  # fmt: skip
SUFFIX_POSTCODE = {
    "Gellerup": "8220",
    "Brabrand": "8220",
    "Viby": "8260",
    "Tilst": "8381",
    "Hasle": "8210",
    "Åbyhøj": "8230",
    "Hasselager": "8361",
    "Vestergade": "8000",
}
CONTACT_ROLES = ("butikschef", "indehaver", "køkkenleder", "driftsleder", "HR-ansvarlig", "afdelingsleder",
                 "souschef", "centerleder")  # fmt: skip

# (title, description, job_type options, strains, removable, danish, driving, hours range)
JOB_TEMPLATES = (
    ("Køkkenmedhjælper", "Hjælp i køkkenet med anretning, opvask og madlavning til frokost",
     ("small_job", "flex_job", "internship"), ("prolonged_standing", "time_pressure", "heavy_lifting"),
     ("heavy_lifting",), 1, False, (5, 20)),
    ("Varepåfylder", "Fylde varer på hylder, rydde op i butikken, tage imod varer",
     ("small_job", "flex_job", "wage_subsidy"), ("heavy_lifting", "bending_twisting", "prolonged_standing"),
     ("heavy_lifting",), 1, False, (4, 15)),
    ("Lagermedarbejder, kølelager", "Plukke og pakke ordrer på kølelager, truck en fordel",
     ("ordinary", "wage_subsidy"), ("cold", "heavy_lifting", "time_pressure"), (), 1, False, (15, 37)),
    ("Rengøringsassistent", "Rengøring af kontorer og fællesarealer om morgenen",
     ("small_job", "flex_job", "ordinary"), ("much_walking", "bending_twisting", "repetitive_work"),
     ("bending_twisting",), 0, False, (4, 20)),
    ("Caféassistent", "Betjene kunder i caféen, lave kaffe og smøre sandwich",
     ("internship", "flex_job", "small_job"), ("customer_contact", "prolonged_standing"), ("prolonged_standing",),
     2, False, (3, 15)),
    ("Kontorassistent", "Scanning, arkivering, post og lette kontoropgaver",
     ("flex_job", "internship"), ("prolonged_sitting",), ("prolonged_sitting",), 2, False, (3, 12)),
    ("Gartnermedhjælper", "Lugning, plantning og pasning af grønne områder",
     ("internship", "small_job", "wage_subsidy"), ("bending_twisting", "much_walking", "cold"), (), 0, False, (6, 25)),
    ("Vaskerimedarbejder", "Sortere, folde og pakke linned i industrivaskeri",
     ("flex_job", "ordinary"), ("repetitive_work", "noise", "prolonged_standing"), ("noise",), 0, False, (5, 30)),
    ("Bud og chauffør", "Udbringning af varer i varebil i Aarhus-området",
     ("ordinary",), ("driving", "heavy_lifting", "time_pressure"), (), 2, True, (20, 37)),
    ("Opvasker", "Opvask og oprydning efter frokost", ("small_job", "flex_job"),
     ("prolonged_standing", "repetitive_work", "noise"), (), 0, False, (3, 15)),
    ("Hjælper på plejecenter", "Servering, samvær med beboere og praktisk hjælp, ikke personlig pleje",
     ("internship", "flex_job", "wage_subsidy"), ("much_walking", "customer_contact"), (), 2, False, (4, 20)),
    ("Bagerimedhjælper", "Pakke brød, betjene kunder og gøre rent", ("small_job", "flex_job"),
     ("prolonged_standing", "customer_contact", "time_pressure"), ("time_pressure",), 1, False, (4, 18)),
    ("Cykelmekanikermedhjælper", "Reparere cykler i genbrugsværkstedet", ("internship", "flex_job"),
     ("prolonged_standing", "bending_twisting"), ("prolonged_standing",), 0, False, (4, 15)),
)  # fmt: skip
WISH_POOL = ("køkken og madlavning", "butik og kunder", "rengøring", "lager", "arbejde med børn", "kontor og computer",
             "udendørs arbejde i have og park", "cykler og reparation", "syning og tekstil", "ældre og omsorg",
             "bageri", "café og kaffe", "vaskeri", "chauffør")  # fmt: skip
EXPERIENCE_POOL = ("madlavning til store familier", "rengøring i hjemmet", "butiksarbejde i hjemlandet",
                   "frivillig i café", "syerske", "landbrug", "lagerarbejde", "taxachauffør", "pasning af børn",
                   "praktik i køkken", "praktik i butik", "ingen erhvervserfaring endnu")  # fmt: skip
NOT_INTERESTED_POOL = ("", "", "", "natarbejde", "rengøring", "lager", "kølelager", "telefonsalg", "chauffør")
OWN_WORDS_POOL = ("Jeg vil gerne have et arbejde, hvor jeg kan nå at hente børnene.",
                  "Jeg drømmer om at lave mad for andre mennesker.",
                  "Jeg vil vise mine børn, at jeg kan gå på arbejde.",
                  "Jeg vil gerne lære bedre dansk på en arbejdsplads.",
                  "Bare nogle få timer til at starte med.",
                  "Jeg kan godt lide at ordne ting med hænderne.")  # fmt: skip
VISIT_NOTES = {
    1: ("Åben snak om virksomhedens hverdag og behov.", "Hørte om deres travle perioder og bemanding.",
        "Lærte ejeren at kende; nysgerrig på samarbejde."),
    2: ("Rundvisning på arbejdspladsen; så køkken og lager.", "Gennemgik konkrete opgaver med afdelingslederen.",
        "Så arbejdspladsen; talte om hvad der kan tilpasses."),
    3: ("Præsenterede to borgere; virksomheden vil gerne møde dem.", "Præsenterede en borger til et småjob.",
        "Talte om en konkret borger og tilpasning af timer."),
}  # fmt: skip
TASKS_LEARNED = ("Opvask, anretning og rengøring af køkken", "Varepåfyldning om morgenen, kasse om eftermiddagen",
                 "Pakning af ordrer, let truckkørsel", "Scanning og arkivering", "Servering og kaffe")  # fmt: skip
ADAPTATION_NOTES = ("hæve-sænkebord", "fleksible mødetider", "stille pauserum", "fast makker de første uger",
                    "løftehjælpemidler", "korte vagter på 2-3 timer")  # fmt: skip
NEXT_STEPS = ("Ringe og høre om de har fundet en opgave", "Aftale 2. kop te på arbejdspladsen",
              "Præsentere borger", "Følge op på jobåbning", "Invitere til netværksmøde")  # fmt: skip
# Which industries offer which job titles (the demo picks a title that fits the workplace).
TEMPLATE_INDUSTRIES = {
    "Køkkenmedhjælper": ("kantine og køkken", "pleje og omsorg", "socialøkonomisk café"),
    "Varepåfylder": ("detailhandel",),
    "Lagermedarbejder, kølelager": ("lager og logistik", "detailhandel"),
    "Rengøringsassistent": ("rengøring", "pleje og omsorg", "kontor og administration"),
    "Caféassistent": ("socialøkonomisk café",),
    "Kontorassistent": ("kontor og administration",),
    "Gartnermedhjælper": ("gartneri og grønne områder",),
    "Vaskerimedarbejder": ("vaskeri",),
    "Bud og chauffør": ("lager og logistik",),
    "Opvasker": ("kantine og køkken", "socialøkonomisk café"),
    "Hjælper på plejecenter": ("pleje og omsorg",),
    "Bagerimedhjælper": ("bageri",),
    "Cykelmekanikermedhjælper": ("genbrug og reparation",),
}
