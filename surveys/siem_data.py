# ruff: noqa: E501 (question texts in two languages read better whole than split across lines)
"""The SIEM Student Survey and University Staff Survey, as data: structure, English and French.

Written for this portal after the seven blocks of the project's research survey. Spanish, Dutch,
Czech and Latvian are in ``surveys/content/siem_<language>.json`` (see ``siem_translations.py``);
loaded by ``python manage.py load_siem_surveys`` and by ``seed_demo``.
"""

AGREE = [
    ("strongly_disagree", "Strongly disagree", "Pas du tout d'accord"),
    ("disagree", "Disagree", "Plutôt pas d'accord"),
    ("neutral", "Neither agree nor disagree", "Ni d'accord ni pas d'accord"),
    ("agree", "Agree", "Plutôt d'accord"),
    ("strongly_agree", "Strongly agree", "Tout à fait d'accord"),
]
IMPORTANCE = [
    ("not_at_all", "Not at all", "Pas du tout"),
    ("a_little", "A little", "Un peu"),
    ("somewhat", "Somewhat", "Moyennement"),
    ("a_lot", "A lot", "Beaucoup"),
    ("decisive", "Decisive", "De façon décisive"),
]
YESNO_UNSURE = [("yes", "Yes", "Oui"), ("no", "No", "Non"), ("not_sure", "I am not sure", "Je ne sais pas")]


def c(items):
    out = []
    for item in items:
        code, en, fr = item[:3]
        out.append({"code": code, "label": en, "translations": {"fr": {"label": fr}}, "is_other": len(item) > 3})
    return out


def q(
    code,
    type_,
    en,
    fr,
    *,
    choices=None,
    rows=None,
    required=False,
    special=False,
    cond=None,
    help=None,
    validation=None,
    widget=None,
):
    item = {
        "code": code,
        "type": type_,
        "text": en,
        "required": required,
        "special_category": special,
        "translations": {"fr": {"text": fr}},
        "choices": c(choices or []),
        "condition": cond,
        "validation": validation or {},
    }
    if help:
        item["help"] = help[0]
        item["translations"]["fr"]["help"] = help[1]
    if widget:
        item["widget"] = widget
    if rows:
        item["rows"] = [{"code": r[0], "text": r[1], "translations": {"fr": {"text": r[2]}}} for r in rows]
    return item


def when(question, operator, value):
    return {"all": [{"question": question, "operator": operator, "value": value}]}


def section(en, fr, questions, desc=("", "")):
    return {
        "title": en,
        "description": desc[0],
        "translations": {"fr": {"title": fr, "description": desc[1]}},
        "questions": questions,
    }


STUDENT = {
    "slug": "siem-student-survey",
    "title": "SIEM Student Survey: who goes abroad, and what holds students back",
    "description": (
        "This survey asks students and recent graduates about their studies, any time spent abroad, and what "
        "helped or stopped them. It takes about 15 minutes. Your answers are anonymous."
    ),
    "audience": "students",
    "access": "public",
    "anonymous": True,
    "languages": ["en", "fr", "es", "nl", "cs", "lv"],
    "consent_version": "2026-1",
    "consent_text": (
        "The last questions ask about personal characteristics such as family income, ethnic background, "
        "sexual orientation, disability and health. These are special categories of personal data. They help "
        "us understand which groups miss out on mobility. Your answers are anonymous, are only reported in "
        "groups of at least 10 people, and you may answer “Prefer not to say” to any of them. Do you agree to "
        "answer these questions?"
    ),
    "translations": {
        "fr": {
            "title": "Enquête SIEM auprès des étudiants : qui part à l'étranger, et ce qui retient les autres",
            "description": (
                "Cette enquête interroge les étudiants et jeunes diplômés sur leurs études, leurs séjours à "
                "l'étranger et ce qui les a aidés ou freinés. Elle prend environ 15 minutes. Vos réponses sont anonymes."
            ),
            "consent_text": (
                "Les dernières questions portent sur des caractéristiques personnelles comme le revenu familial, "
                "l'origine ethnique, l'orientation sexuelle, le handicap et la santé. Ce sont des catégories "
                "particulières de données personnelles. Elles nous aident à comprendre quels groupes restent à "
                "l'écart de la mobilité. Vos réponses sont anonymes, ne sont publiées que par groupes d'au moins 10 "
                "personnes, et vous pouvez répondre « Je préfère ne pas répondre » à chacune. Acceptez-vous de "
                "répondre à ces questions ?"
            ),
        }
    },
    "sections": [
        section(
            "Education background",
            "Parcours d'études",
            [
                q(
                    "institution",
                    "institution",
                    "Which institution do you study at (or did you graduate from)?",
                    "Dans quel établissement étudiez-vous (ou avez-vous obtenu votre diplôme) ?",
                    required=True,
                ),
                q(
                    "study_country",
                    "country",
                    "In which country is your institution?",
                    "Dans quel pays se trouve votre établissement ?",
                    required=True,
                ),
                q(
                    "study_level",
                    "single",
                    "What is your current level of study?",
                    "Quel est votre niveau d'études actuel ?",
                    required=True,
                    choices=[
                        ("short_cycle", "Short-cycle higher education", "Enseignement supérieur de cycle court"),
                        ("bachelor", "Bachelor", "Licence / Bachelor"),
                        ("master", "Master", "Master"),
                        ("doctorate", "Doctorate", "Doctorat"),
                        ("graduated", "I have graduated", "J'ai terminé mes études"),
                    ],
                ),
                q(
                    "field",
                    "single",
                    "What is your main field of study?",
                    "Quel est votre domaine d'études principal ?",
                    widget="dropdown",
                    choices=[
                        ("education", "Education", "Éducation"),
                        ("arts_humanities", "Arts and humanities", "Arts et lettres"),
                        (
                            "social_sciences",
                            "Social sciences, journalism and information",
                            "Sciences sociales, journalisme et information",
                        ),
                        ("business_law", "Business, administration and law", "Commerce, administration et droit"),
                        (
                            "natural_sciences",
                            "Natural sciences and mathematics",
                            "Sciences naturelles et mathématiques",
                        ),
                        (
                            "ict",
                            "Information and communication technologies",
                            "Technologies de l'information et de la communication",
                        ),
                        ("engineering", "Engineering and construction", "Ingénierie et construction"),
                        ("agriculture", "Agriculture and veterinary", "Agriculture et médecine vétérinaire"),
                        ("health", "Health and welfare", "Santé et protection sociale"),
                        ("services", "Services", "Services"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
                q(
                    "study_year",
                    "integer",
                    "In which year of your programme are you?",
                    "En quelle année de votre programme êtes-vous ?",
                    validation={"min": 1, "max": 10},
                    cond=when("study_level", "not", "graduated"),
                ),
                q(
                    "study_mode",
                    "single",
                    "Do you study full-time or part-time?",
                    "Étudiez-vous à temps plein ou à temps partiel ?",
                    choices=[
                        ("full_time", "Full-time", "Temps plein"),
                        ("part_time", "Part-time", "Temps partiel"),
                    ],
                ),
                q(
                    "work_hours",
                    "integer",
                    "About how many hours a week do you work for pay during term time?",
                    "Combien d'heures par semaine environ travaillez-vous contre rémunération pendant l'année universitaire ?",
                    validation={"min": 0, "max": 80},
                    help=("0 if you do not work.", "0 si vous ne travaillez pas."),
                ),
                q(
                    "study_language",
                    "language",
                    "In which language are most of your classes taught?",
                    "Dans quelle langue la plupart de vos cours sont-ils donnés ?",
                ),
            ],
        ),
        section(
            "Mobility experience",
            "Expérience de mobilité",
            [
                q(
                    "went_abroad",
                    "yes_no",
                    "Have you spent a period abroad as part of your studies (study, traineeship or blended mobility)?",
                    "Avez-vous passé une période à l'étranger dans le cadre de vos études (études, stage ou mobilité hybride) ?",
                    required=True,
                ),
                q(
                    "mobility_type",
                    "multiple",
                    "What kind of mobility was it?",
                    "De quel type de mobilité s'agissait-il ?",
                    cond=when("went_abroad", "equals", "yes"),
                    required=True,
                    choices=[
                        ("study", "Study period", "Période d'études"),
                        ("traineeship", "Traineeship", "Stage"),
                        ("short_blended", "Short-term or blended mobility", "Mobilité courte ou hybride"),
                        ("virtual", "Virtual exchange", "Échange virtuel"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
                q(
                    "mobility_programme",
                    "single",
                    "Which programme funded it?",
                    "Quel programme l'a financée ?",
                    cond=when("went_abroad", "equals", "yes"),
                    choices=[
                        ("erasmus", "Erasmus+", "Erasmus+"),
                        ("national", "A national or regional programme", "Un programme national ou régional"),
                        ("institution", "My institution", "Mon établissement"),
                        ("self_funded", "I paid for it myself", "Je l'ai financée moi-même"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
                q(
                    "mobility_country",
                    "country",
                    "In which country did you spend your (longest) mobility?",
                    "Dans quel pays avez-vous effectué votre (plus longue) mobilité ?",
                    cond=when("went_abroad", "equals", "yes"),
                ),
                q(
                    "mobility_months",
                    "decimal",
                    "How many months did it last?",
                    "Combien de mois a-t-elle duré ?",
                    cond=when("went_abroad", "equals", "yes"),
                    validation={"min": 0.1, "max": 24},
                ),
                q(
                    "mobility_satisfaction",
                    "rating",
                    "All things considered, how satisfied are you with your mobility experience? (0 = not at all, 10 = completely)",
                    "Tout bien considéré, quel est votre degré de satisfaction à l'égard de votre expérience de mobilité ? (0 = pas du tout satisfait, 10 = complètement satisfait)",
                    cond=when("went_abroad", "equals", "yes"),
                ),
                q(
                    "plan_abroad",
                    "single",
                    "Do you plan to go abroad during your studies?",
                    "Prévoyez-vous de partir à l'étranger pendant vos études ?",
                    cond={
                        "all": [
                            {"question": "went_abroad", "operator": "equals", "value": "no"},
                            {"question": "study_level", "operator": "not", "value": "graduated"},
                        ]
                    },
                    choices=[
                        ("yes_planned", "Yes, it is planned", "Oui, c'est prévu"),
                        ("maybe", "Maybe", "Peut-être"),
                        ("no", "No", "Non"),
                        ("not_sure", "I do not know yet", "Je ne sais pas encore"),
                    ],
                ),
                q(
                    "heard_erasmus",
                    "yes_no",
                    "Before this survey, had you heard of Erasmus+ grants for students?",
                    "Avant cette enquête, aviez-vous entendu parler des bourses Erasmus+ pour étudiants ?",
                ),
            ],
        ),
        section(
            "Mobility support",
            "Accompagnement de la mobilité",
            [
                q(
                    "info_sources",
                    "multiple",
                    "Where did you get information about going abroad?",
                    "Où avez-vous trouvé des informations sur les séjours à l'étranger ?",
                    choices=[
                        ("iro", "The international relations office", "Le service des relations internationales (RI)"),
                        ("teachers", "Teachers", "Les enseignants"),
                        ("students", "Other students or ESN", "D'autres étudiants ou ESN"),
                        ("website", "The institution's website", "Le site de l'établissement"),
                        ("social_media", "Social media", "Les réseaux sociaux"),
                        ("family", "Family or friends", "La famille ou les amis"),
                        ("none", "I did not look for information", "Je n'ai pas cherché d'informations"),
                    ],
                ),
                q(
                    "support_matrix",
                    "matrix",
                    "How much do you agree with these statements about the support your institution offers?",
                    "Dans quelle mesure êtes-vous d'accord avec ces affirmations sur l'accompagnement de votre établissement ?",
                    choices=AGREE,
                    rows=[
                        (
                            "support_info_clear",
                            "Information about mobility is easy to find",
                            "L'information sur la mobilité est facile à trouver",
                        ),
                        (
                            "support_staff_helpful",
                            "Staff helped me with the application",
                            "Le personnel m'a apporté son aide pour la candidature",
                        ),
                        ("support_grant_enough", "The grant covers the real costs", "La bourse couvre les coûts réels"),
                        (
                            "support_recognition",
                            "Credits earned abroad are recognised",
                            "Les crédits obtenus à l'étranger sont reconnus",
                        ),
                    ],
                ),
                q(
                    "top_up",
                    "yes_no",
                    "Did you receive (or would you be entitled to) an extra grant for students with fewer opportunities?",
                    "Avez-vous reçu (ou auriez-vous droit à) une aide complémentaire pour étudiants ayant moins d'opportunités ?",
                ),
                q(
                    "support_wish",
                    "long_text",
                    "What support would have made (or would make) going abroad easier for you?",
                    "Quel accompagnement aurait rendu (ou rendrait) votre départ plus facile ?",
                    validation={"max_length": 2000},
                ),
            ],
        ),
        section(
            "Barriers to mobility",
            "Obstacles à la mobilité",
            [
                q(
                    "barriers_matrix",
                    "matrix",
                    "How much did each of these hold you back from going abroad (or make it harder)?",
                    "Dans quelle mesure chacun de ces éléments a-t-il fait obstacle à votre départ à l'étranger (ou l'a-t-il compliqué) ?",
                    choices=IMPORTANCE,
                    rows=[
                        ("barrier_cost", "The cost of living abroad", "Le coût de la vie à l'étranger"),
                        ("barrier_job", "Losing a job or income at home", "Perdre un emploi ou un revenu"),
                        ("barrier_family", "Family responsibilities", "Les responsabilités familiales"),
                        ("barrier_language", "Language skills", "Les compétences linguistiques"),
                        (
                            "barrier_recognition",
                            "Fear of losing study time",
                            "La peur de perdre du temps dans les études",
                        ),
                        ("barrier_information", "Lack of information", "Le manque d'information"),
                        (
                            "barrier_confidence",
                            "Not feeling it was for someone like me",
                            "Le sentiment que ce n'était pas pour quelqu'un comme moi",
                        ),
                    ],
                ),
                q(
                    "main_barrier",
                    "single",
                    "Which was the biggest barrier?",
                    "Quel a été le plus grand obstacle ?",
                    choices=[
                        ("cost", "Money", "L'argent"),
                        ("job", "My job", "Mon emploi"),
                        ("family", "My family", "Ma famille"),
                        ("language", "Language", "La langue"),
                        ("studies", "My studies", "Mes études"),
                        ("information", "Information", "L'information"),
                        ("confidence", "Confidence", "La confiance en moi"),
                        ("health", "Health or accessibility", "La santé ou l'accessibilité"),
                        ("none", "None of these", "Aucun de ceux-ci"),
                    ],
                ),
                q(
                    "barrier_rank",
                    "ranking",
                    "Put these three in order: what would help you most? (1 = most)",
                    "Classez ces trois éléments : qu'est-ce qui vous aiderait le plus ? (1 = le plus)",
                    choices=[
                        ("more_money", "A bigger grant paid in advance", "Une bourse plus élevée versée à l'avance"),
                        ("shorter", "A shorter stay", "Un séjour plus court"),
                        ("mentor", "A mentor who has been abroad", "Un mentor parti à l'étranger"),
                    ],
                ),
                q(
                    "barrier_cost_amount",
                    "integer",
                    "How much money (in euros a month) would you have needed on top of the grant?",
                    "De combien d'argent (en euros par mois) auriez-vous eu besoin en plus de la bourse ?",
                    cond=when("main_barrier", "equals", "cost"),
                    validation={"min": 0, "max": 5000},
                ),
                q(
                    "barrier_other",
                    "short_text",
                    "Anything else that holds you back?",
                    "Autre chose qui vous retient ?",
                    validation={"max_length": 300},
                ),
            ],
        ),
        section(
            "Enablers of mobility",
            "Leviers de la mobilité",
            [
                q(
                    "enablers",
                    "multiple",
                    "What helped you (or would help you) most to go abroad? Choose up to three.",
                    "Qu'est-ce qui a le plus facilité (ou faciliterait le plus) votre départ ? Choisissez-en trois au maximum.",
                    validation={"max_selections": 3},
                    choices=[
                        ("grant_top_up", "An extra grant", "Une aide complémentaire"),
                        ("advance_payment", "Being paid before leaving", "Recevoir l'argent avant le départ"),
                        ("peer_stories", "Stories of students like me", "Des témoignages d'étudiants comme moi"),
                        ("buddy", "A buddy at the host university", "Un parrain ou une marraine sur place"),
                        ("short_format", "A short or blended format", "Un format court ou hybride"),
                        ("accessible_housing", "Accessible housing", "Un logement accessible"),
                        ("language_course", "A language course", "Un cours de langue"),
                    ],
                ),
                q(
                    "peer_influence",
                    "likert",
                    "Knowing someone who went abroad made me more likely to go.",
                    "Connaître quelqu'un qui est parti m'a donné plus envie de partir.",
                    choices=AGREE,
                ),
                q(
                    "would_recommend",
                    "rating",
                    "How likely are you to recommend going abroad to a friend? (0 to 10)",
                    "Quelle est la probabilité que vous recommandiez un séjour à l'étranger à un ami ? (0 à 10)",
                ),
                q(
                    "wants_info",
                    "yes_no",
                    "Would you like more information about mobility opportunities?",
                    "Souhaitez-vous davantage d'informations sur les possibilités de mobilité ?",
                ),
            ],
        ),
        section(
            "Graduate experience",
            "Expérience après le diplôme",
            [
                q(
                    "graduation_year",
                    "integer",
                    "In which year did you graduate?",
                    "En quelle année avez-vous obtenu votre diplôme ?",
                    cond=when("study_level", "equals", "graduated"),
                    validation={"min": 1980, "max": 2030},
                ),
                q(
                    "employment",
                    "single",
                    "What is your main activity now?",
                    "Quelle est votre activité principale aujourd'hui ?",
                    cond=when("study_level", "equals", "graduated"),
                    choices=[
                        ("employed", "Employed", "En emploi"),
                        ("self_employed", "Self-employed", "Activité indépendante"),
                        ("studying", "Studying again", "De nouveau en études"),
                        ("looking", "Looking for work", "En recherche d'emploi"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
                q(
                    "mobility_helped_job",
                    "likert",
                    "My time abroad helped me find work.",
                    "Mon séjour à l'étranger m'a été utile pour trouver du travail.",
                    choices=AGREE,
                    cond={
                        "all": [
                            {"question": "study_level", "operator": "equals", "value": "graduated"},
                            {"question": "went_abroad", "operator": "equals", "value": "yes"},
                        ]
                    },
                ),
                q(
                    "works_abroad",
                    "yes_no",
                    "Do you work or live in another country than the one you studied in?",
                    "Travaillez-vous ou vivez-vous dans un autre pays que celui de vos études ?",
                    cond=when("study_level", "equals", "graduated"),
                ),
                q(
                    "skills_gained",
                    "multiple",
                    "Which skills did your experience abroad strengthen?",
                    "Quelles compétences votre expérience à l'étranger a-t-elle renforcées ?",
                    cond=when("went_abroad", "equals", "yes"),
                    choices=[
                        ("language", "Languages", "Langues"),
                        ("independence", "Independence", "Autonomie"),
                        ("intercultural", "Intercultural skills", "Compétences interculturelles"),
                        ("confidence", "Self-confidence", "Confiance en soi"),
                        ("professional", "Professional skills", "Compétences professionnelles"),
                    ],
                ),
                q(
                    "graduate_start",
                    "date",
                    "When did you start your current job or activity?",
                    "Quand avez-vous commencé votre emploi ou activité actuelle ?",
                    cond=when("study_level", "equals", "graduated"),
                    validation={"min": "1980-01-01"},
                ),
            ],
        ),
        section(
            "Personal characteristics",
            "Caractéristiques personnelles",
            [
                q("age", "integer", "How old are you?", "Quel âge avez-vous ?", validation={"min": 16, "max": 99}),
                q(
                    "gender",
                    "single",
                    "How do you describe your gender?",
                    "Comment décrivez-vous votre genre ?",
                    choices=[
                        ("woman", "Woman", "Femme"),
                        ("man", "Man", "Homme"),
                        ("non_binary", "Non-binary", "Non binaire"),
                        ("self_describe", "I describe it myself", "Je le décris moi-même", True),
                        ("prefer_not_to_say", "Prefer not to say", "Je préfère ne pas répondre"),
                    ],
                ),
                q(
                    "first_generation",
                    "yes_no",
                    "Are you the first in your family to go to university (first-generation student)?",
                    "Êtes-vous la première personne de votre famille à faire des études supérieures ?",
                    special=True,
                ),
                q(
                    "income",
                    "single",
                    "How would you describe your family's income while you grew up?",
                    "Comment décririez-vous le revenu de votre famille pendant votre enfance ?",
                    special=True,
                    choices=[
                        ("low", "Low: money was often short", "Faible : l'argent manquait souvent"),
                        ("below_average", "Below average", "En dessous de la moyenne"),
                        ("average", "About average", "Dans la moyenne"),
                        ("above_average", "Above average", "Au-dessus de la moyenne"),
                    ],
                ),
                q(
                    "rural",
                    "single",
                    "Where did you mostly grow up?",
                    "Où avez-vous principalement grandi ?",
                    special=True,
                    choices=[
                        ("city", "In a city", "En ville"),
                        ("town", "In a small town", "Dans une petite ville"),
                        ("rural", "In a village or the countryside", "Dans un village ou à la campagne"),
                        ("remote", "In a remote area or on an island", "Dans une région isolée ou sur une île"),
                    ],
                ),
                q(
                    "ethnic_minority",
                    "yes_no",
                    "Do you consider yourself part of an ethnic minority in the country where you study?",
                    "Vous considérez-vous comme membre d'une minorité ethnique dans le pays où vous étudiez ?",
                    special=True,
                ),
                q(
                    "lgbtqi",
                    "yes_no",
                    "Do you identify as LGBTQI+?",
                    "Vous identifiez-vous comme LGBTQI+ ?",
                    special=True,
                ),
                q(
                    "disability",
                    "yes_no",
                    "Do you have a disability or a long-term health condition?",
                    "Avez-vous un handicap ou un problème de santé de longue durée ?",
                    special=True,
                ),
                q(
                    "disability_support",
                    "single",
                    "Did this affect your decision about going abroad?",
                    "Cela a-t-il influencé votre décision de partir à l'étranger ?",
                    special=True,
                    cond=when("disability", "equals", "yes"),
                    choices=[
                        ("not_at_all", "Not at all", "Pas du tout"),
                        ("somewhat", "Somewhat", "Un peu"),
                        ("strongly", "Strongly", "Fortement"),
                    ],
                ),
                q(
                    "caring",
                    "yes_no",
                    "Do you care for a child or a relative?",
                    "Vous occupez-vous d'un enfant ou d'un proche ?",
                ),
            ],
        ),
    ],
}

STAFF = {
    "slug": "siem-staff-survey",
    "title": "SIEM University Staff Survey: organising inclusive mobility",
    "description": (
        "For staff of higher education institutions who organise or support student mobility. It asks how "
        "mobility is organised at your institution, how students are helped to access it, who takes part, "
        "and which barriers you see for underrepresented students. About 15 minutes."
    ),
    "audience": "staff",
    "access": "public",
    "anonymous": True,
    "languages": ["en", "fr", "es", "nl", "cs", "lv"],
    "consent_version": "2026-1",
    "translations": {
        "fr": {
            "title": "Enquête SIEM auprès du personnel universitaire : organiser une mobilité inclusive",
            "description": (
                "Pour le personnel des établissements d'enseignement supérieur qui organise ou accompagne la "
                "mobilité étudiante. Elle porte sur l'organisation de la mobilité dans votre établissement, "
                "l'accompagnement des étudiants, les acteurs impliqués et les obstacles que vous observez pour "
                "les étudiants sous-représentés. Environ 15 minutes."
            ),
        }
    },
    "sections": [
        section(
            "About you and your institution",
            "Vous et votre établissement",
            [
                q(
                    "institution",
                    "institution",
                    "Which institution do you work at?",
                    "Dans quel établissement travaillez-vous ?",
                    required=True,
                ),
                q("country", "country", "In which country is it?", "Dans quel pays se trouve-t-il ?", required=True),
                q(
                    "role",
                    "single",
                    "What is your role?",
                    "Quel est votre rôle ?",
                    required=True,
                    choices=[
                        ("iro", "International relations office", "Service des relations internationales (RI)"),
                        ("academic", "Academic coordinator or teacher", "Coordination pédagogique ou enseignement"),
                        ("student_services", "Student services or welfare", "Services aux étudiants ou bien-être"),
                        ("inclusion", "Diversity and inclusion officer", "Mission diversité et inclusion"),
                        ("management", "Management", "Direction"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
                q(
                    "years_in_role",
                    "integer",
                    "For how many years have you worked with student mobility?",
                    "Depuis combien d'années travaillez-vous sur la mobilité étudiante ?",
                    validation={"min": 0, "max": 50},
                ),
                q(
                    "institution_size",
                    "single",
                    "How many students does your institution have?",
                    "Combien d'étudiants compte votre établissement ?",
                    choices=[
                        ("under_5000", "Fewer than 5,000", "Moins de 5 000"),
                        ("5000_20000", "5,000 to 20,000", "De 5 000 à 20 000"),
                        ("over_20000", "More than 20,000", "Plus de 20 000"),
                    ],
                ),
                q(
                    "outgoing_share",
                    "decimal",
                    "About what share of your students go abroad during their studies (in %)?",
                    "Quelle part de vos étudiants part à l'étranger pendant ses études (en %) ?",
                    validation={"min": 0, "max": 100},
                ),
            ],
        ),
        section(
            "How mobility is organised",
            "Organisation de la mobilité",
            [
                q(
                    "has_strategy",
                    "yes_no",
                    "Does your institution have a written strategy for inclusive mobility?",
                    "Votre établissement a-t-il une stratégie écrite pour une mobilité inclusive ?",
                    required=True,
                ),
                q(
                    "strategy_year",
                    "integer",
                    "Since which year?",
                    "Depuis quelle année ?",
                    cond=when("has_strategy", "equals", "yes"),
                    validation={"min": 1990, "max": 2030},
                ),
                q(
                    "strategy_targets",
                    "multiple",
                    "Which groups does the strategy name?",
                    "Quels groupes la stratégie mentionne-t-elle ?",
                    cond=when("has_strategy", "equals", "yes"),
                    choices=[
                        (
                            "low_income",
                            "Students from low-income backgrounds",
                            "Étudiants issus de milieux à faibles revenus",
                        ),
                        ("first_generation", "First-generation students", "Étudiants de première génération"),
                        (
                            "disability",
                            "Students with disabilities or health conditions",
                            "Étudiants en situation de handicap ou de maladie",
                        ),
                        ("rural", "Students from rural areas", "Étudiants issus de zones rurales"),
                        ("ethnic_minority", "Ethnic-minority students", "Étudiants de minorités ethniques"),
                        ("lgbtqi", "LGBTQI+ students", "Étudiants LGBTQI+"),
                        ("carers", "Students with caring duties", "Étudiants aidants"),
                    ],
                ),
                q(
                    "mobility_formats",
                    "multiple",
                    "Which mobility formats does your institution offer?",
                    "Quels formats de mobilité votre établissement propose-t-il ?",
                    choices=[
                        ("semester", "Semester or year abroad", "Semestre ou année à l'étranger"),
                        ("traineeship", "Traineeships", "Stages"),
                        ("blended", "Blended intensive programmes", "Programmes intensifs hybrides"),
                        ("short_doctoral", "Short doctoral mobility", "Mobilité doctorale courte"),
                        ("virtual", "Virtual exchange", "Échange virtuel"),
                    ],
                ),
                q(
                    "embedded_window",
                    "likert",
                    "Mobility windows are built into our study programmes.",
                    "Des fenêtres de mobilité sont intégrées à nos programmes d'études.",
                    choices=AGREE,
                ),
                q(
                    "recognition_issues",
                    "single",
                    "How often do students have trouble getting credits from abroad recognised?",
                    "À quelle fréquence les étudiants ont-ils du mal à faire reconnaître leurs crédits obtenus à l'étranger ?",
                    choices=[
                        ("never", "Never", "Jamais"),
                        ("rarely", "Rarely", "Rarement"),
                        ("sometimes", "Sometimes", "Parfois"),
                        ("often", "Often", "Souvent"),
                    ],
                ),
                q(
                    "data_collected",
                    "yes_no",
                    "Does your institution collect data on the background of outgoing students?",
                    "Votre établissement collecte-t-il des données sur le profil des étudiants en mobilité ?",
                ),
                q(
                    "data_kinds",
                    "multiple",
                    "Which data?",
                    "Quelles données ?",
                    cond=when("data_collected", "equals", "yes"),
                    choices=[
                        ("grant_top_up", "Who receives a top-up grant", "Qui reçoit une aide complémentaire"),
                        ("first_generation", "First-generation status", "Le statut de première génération"),
                        ("disability", "Disability", "Le handicap"),
                        ("income", "Income", "Le revenu"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
            ],
        ),
        section(
            "Helping students access mobility",
            "Aider les étudiants à accéder à la mobilité",
            [
                q(
                    "outreach",
                    "multiple",
                    "How do you reach students who would not usually apply?",
                    "Comment atteignez-vous les étudiants qui ne postuleraient pas d'habitude ?",
                    choices=[
                        ("targeted_events", "Targeted information events", "Des séances d'information ciblées"),
                        ("ambassadors", "Student ambassadors", "Des étudiants ambassadeurs"),
                        (
                            "personal_contact",
                            "Personal contact by teachers",
                            "Un contact personnel par les enseignants",
                        ),
                        ("social_media", "Social media", "Les réseaux sociaux"),
                        ("none", "We do not do specific outreach", "Pas d'action spécifique"),
                    ],
                ),
                q(
                    "financial_support",
                    "multiple",
                    "What extra financial support is available?",
                    "Quelle aide financière supplémentaire est disponible ?",
                    choices=[
                        (
                            "erasmus_top_up",
                            "Erasmus+ top-up for fewer opportunities",
                            "Complément Erasmus+ moins d'opportunités",
                        ),
                        ("institutional_fund", "An institutional fund", "Un fonds de l'établissement"),
                        ("advance", "Grant paid in advance", "Bourse versée à l'avance"),
                        ("travel", "Green or inclusion travel support", "Aide au voyage vert ou inclusion"),
                        ("none", "None", "Aucune"),
                    ],
                ),
                q(
                    "support_matrix",
                    "matrix",
                    "How well does your institution do the following?",
                    "Dans quelle mesure votre établissement fait-il bien les choses suivantes ?",
                    choices=[
                        ("poorly", "Poorly", "Mal"),
                        ("fairly", "Fairly", "Moyennement"),
                        ("well", "Well", "Bien"),
                        ("very_well", "Very well", "Très bien"),
                        ("not_done", "Not done", "Pas fait"),
                    ],
                    rows=[
                        ("help_application", "Help with the application", "Aider à la candidature"),
                        ("help_housing", "Help finding housing abroad", "Aider à trouver un logement à l'étranger"),
                        (
                            "help_accessibility",
                            "Arrange accessibility needs with the host",
                            "Organiser les besoins d'accessibilité avec l'hôte",
                        ),
                        ("help_return", "Support on return", "Accompagner au retour"),
                    ],
                ),
                q(
                    "special_needs_requests",
                    "integer",
                    "How many requests for disability-related support for mobility did you handle last year?",
                    "Combien de demandes d'accompagnement liées au handicap pour la mobilité avez-vous traitées l'an dernier ?",
                    validation={"min": 0, "max": 10000},
                ),
                q(
                    "budget_enough",
                    "likert",
                    "Our budget for inclusion measures is enough.",
                    "Notre budget pour les mesures d'inclusion est suffisant.",
                    choices=AGREE,
                ),
                q(
                    "best_practice",
                    "long_text",
                    "Describe one practice that worked well to include underrepresented students.",
                    "Décrivez une pratique qui a bien fonctionné pour inclure les étudiants sous-représentés.",
                    validation={"max_length": 3000},
                ),
            ],
        ),
        section(
            "Stakeholders who take part",
            "Acteurs impliqués",
            [
                q(
                    "stakeholders",
                    "multiple",
                    "Who takes part in promoting and supporting mobility at your institution?",
                    "Qui participe à la promotion et à l'accompagnement de la mobilité dans votre établissement ?",
                    required=True,
                    choices=[
                        ("iro", "The international relations office", "Le service des relations internationales (RI)"),
                        ("teachers", "Teachers", "Les enseignants"),
                        ("student_unions", "Student unions or ESN", "Les associations étudiantes ou ESN"),
                        ("welfare", "Welfare or disability services", "Les services sociaux ou handicap"),
                        ("alumni", "Alumni", "Les anciens étudiants"),
                        ("local_community", "Local community organisations", "Des associations locales"),
                        ("schools", "Secondary schools", "Des lycées"),
                        ("other", "Other, please specify", "Autre, précisez", True),
                    ],
                ),
                q(
                    "esn_cooperation",
                    "likert",
                    "We cooperate well with student associations.",
                    "Nous coopérons bien avec les associations étudiantes.",
                    choices=AGREE,
                    cond=when("stakeholders", "equals", "student_unions"),
                ),
                q(
                    "most_important_partner",
                    "single",
                    "Which partner matters most for reaching underrepresented students?",
                    "Quel partenaire compte le plus pour atteindre les étudiants sous-représentés ?",
                    choices=[
                        ("teachers", "Teachers", "Les enseignants"),
                        ("peers", "Other students", "Les autres étudiants"),
                        ("welfare", "Welfare services", "Les services sociaux"),
                        ("families", "Families", "Les familles"),
                        ("community", "Community organisations", "Les associations"),
                    ],
                ),
                q(
                    "partner_rank",
                    "ranking",
                    "Rank these by their influence on a student's decision to go (1 = most).",
                    "Classez-les selon leur influence sur la décision de partir (1 = la plus forte).",
                    choices=[
                        ("peers", "Peers", "Les pairs"),
                        ("family", "Family", "La famille"),
                        ("staff", "Staff", "Le personnel"),
                    ],
                ),
                q(
                    "training_received",
                    "yes_no",
                    "Have you had training on inclusion and diversity?",
                    "Avez-vous suivi une formation sur l'inclusion et la diversité ?",
                ),
                q(
                    "training_useful",
                    "rating",
                    "How useful was it? (0 to 10)",
                    "Quelle a été son utilité ? (0 à 10)",
                    cond=when("training_received", "equals", "yes"),
                ),
            ],
        ),
        section(
            "Barriers you see for underrepresented students",
            "Obstacles observés pour les étudiants sous-représentés",
            [
                q(
                    "barriers_matrix",
                    "matrix",
                    "How strongly do these barriers affect underrepresented students at your institution?",
                    "Dans quelle mesure ces obstacles touchent-ils les étudiants sous-représentés de votre établissement ?",
                    choices=IMPORTANCE,
                    rows=[
                        ("barrier_finance", "Financial barriers", "Obstacles financiers"),
                        ("barrier_information", "Lack of information", "Manque d'information"),
                        (
                            "barrier_academic",
                            "Academic structure and recognition",
                            "Structure des études et reconnaissance",
                        ),
                        ("barrier_personal", "Personal and family circumstances", "Situation personnelle et familiale"),
                        ("barrier_accessibility", "Accessibility abroad", "Accessibilité à l'étranger"),
                        (
                            "barrier_discrimination",
                            "Fear of discrimination abroad",
                            "Peur des discriminations à l'étranger",
                        ),
                    ],
                ),
                q(
                    "most_affected",
                    "multiple",
                    "Which groups do you think miss out on mobility most? Choose up to three.",
                    "Quels groupes, selon vous, sont les plus exclus de la mobilité ? Choisissez-en trois au maximum.",
                    validation={"max_selections": 3},
                    choices=[
                        ("low_income", "Low-income students", "Étudiants à faibles revenus"),
                        ("first_generation", "First-generation students", "Étudiants de première génération"),
                        (
                            "disability",
                            "Students with disabilities or health conditions",
                            "Étudiants en situation de handicap ou de maladie",
                        ),
                        ("rural", "Students from rural areas", "Étudiants issus de zones rurales"),
                        ("ethnic_minority", "Ethnic-minority students", "Étudiants de minorités ethniques"),
                        ("lgbtqi", "LGBTQI+ students", "Étudiants LGBTQI+"),
                        ("working", "Working students", "Étudiants salariés"),
                    ],
                ),
                q(
                    "discrimination_reports",
                    "yes_no",
                    "Have students reported discrimination during a mobility?",
                    "Des étudiants ont-ils signalé des discriminations pendant une mobilité ?",
                ),
                q(
                    "discrimination_followup",
                    "long_text",
                    "How was it followed up?",
                    "Quel suivi a été donné ?",
                    cond=when("discrimination_reports", "equals", "yes"),
                    validation={"max_length": 2000},
                ),
                q(
                    "biggest_change",
                    "short_text",
                    "If you could change one thing to widen participation, what would it be?",
                    "Si vous pouviez changer une chose pour élargir la participation, laquelle serait-ce ?",
                    validation={"max_length": 300},
                ),
                q(
                    "confidence_future",
                    "rating",
                    "How confident are you that participation will widen in the next five years? (0 to 10)",
                    "Quel est votre degré de confiance dans l'élargissement de la participation au cours des cinq prochaines années ? (0 à 10)",
                ),
                q(
                    "contact_ok",
                    "yes_no",
                    "May the SIEM project publish your practice as an example (without your name)?",
                    "Le projet SIEM peut-il publier votre pratique en exemple (sans votre nom) ?",
                    cond=when("best_practice", "not", ""),
                ),
            ],
        ),
    ],
}

STAFF["sections"][0]["questions"].append(
    q(
        "advises_students",
        "yes_no",
        "Do you advise students individually about going abroad?",
        "Conseillez-vous individuellement les étudiants sur les départs à l'étranger ?",
    )
)
STAFF["sections"][3]["questions"].append(
    q(
        "partner_meetings",
        "integer",
        "How many times a year do you meet these partners about mobility?",
        "Combien de fois par an rencontrez-vous ces partenaires au sujet de la mobilité ?",
        validation={"min": 0, "max": 365},
    )
)
STAFF["sections"][4]["questions"].append(
    q(
        "support_wish",
        "long_text",
        "What support from the European level would help your institution most?",
        "Quel soutien au niveau européen aiderait le plus votre établissement ?",
        validation={"max_length": 2000},
    )
)

SURVEYS = [STUDENT, STAFF]
