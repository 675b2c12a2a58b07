"""Translations of the demo library (``demo.py``): the news posts in French and Spanish, a few of them
and the main publications in Dutch, Czech and Latvian too, so each language has something to show.
The seeder adds a language only where the row has none (an editor's own wording is kept)."""

PUBLICATIONS = {
    "research-report": {
        "fr": {
            "title": "Rapport de recherche SIEM : inclusion sociale et engagement dans la mobilité",
            "summary": "Ce que 12 820 étudiants et 785 membres du personnel universitaire en Europe et au-delà ont "
            "dit au projet sur qui participe aux échanges internationaux d’étudiants, ce qui retient les "
            "étudiants et ce qui les aide à partir.",
        },
        "es": {
            "title": "Informe de investigación SIEM: inclusión social y compromiso en la movilidad",
            "summary": "Lo que 12.820 estudiantes y 785 miembros del personal universitario de Europa y de fuera "
            "contaron al proyecto sobre quién participa en los intercambios internacionales, qué frena a los "
            "estudiantes y qué les ayuda a irse.",
        },
        "nl": {
            "title": "SIEM-onderzoeksrapport: sociale inclusie en betrokkenheid bij mobiliteit",
            "summary": "Wat 12.820 studenten en 785 universiteitsmedewerkers in Europa en daarbuiten het project "
            "vertelden over wie deelneemt aan internationale uitwisselingen, wat studenten tegenhoudt en wat hen "
            "helpt om te gaan.",
        },
        "cs": {
            "title": "Výzkumná zpráva SIEM: sociální začlenění a zapojení v mobilitě",
            "summary": "Co 12 820 studentů a 785 zaměstnanců univerzit v Evropě i mimo ni řeklo projektu o tom, "
            "kdo se účastní mezinárodních výměn studentů, co studenty zdržuje a co jim pomáhá vyjet.",
        },
        "lv": {
            "title": "SIEM pētījuma ziņojums: sociālā iekļaušana un iesaiste mobilitātē",
            "summary": "Ko 12 820 studenti un 785 universitāšu darbinieki Eiropā un ārpus tās pastāstīja projektam "
            "par to, kas piedalās starptautiskajās studentu apmaiņās, kas studentus attur un kas palīdz doties "
            "prom.",
        },
    },
    "guidelines-inclusive-mobility-promotion": {
        "fr": {
            "title": "Lignes directrices pour une promotion inclusive de la mobilité",
            "summary": "Un guide pour les services des relations internationales qui travaillent avec les "
            "étudiants entrants et sortants, surtout dans Erasmus+, afin que les étudiants de tous horizons "
            "voient que la mobilité s’adresse à eux.",
        },
        "es": {
            "title": "Guía para una promoción inclusiva de la movilidad",
            "summary": "Un manual para las oficinas de relaciones internacionales que trabajan con estudiantes "
            "entrantes y salientes, sobre todo en Erasmus+, para que estudiantes de cualquier origen vean que la "
            "movilidad también es para ellos.",
        },
        "nl": {"title": "Richtlijnen voor inclusieve promotie van mobiliteit"},
        "cs": {"title": "Pokyny pro inkluzivní propagaci mobility"},
        "lv": {"title": "Vadlīnijas iekļaujošai mobilitātes popularizēšanai"},
    },
    "technical-recommendations": {
        "fr": {
            "title": "Recommandations techniques pour des mobilités Erasmus+ plus inclusives et engageantes",
            "summary": "Une analyse des changements à apporter aux documents et procédures clés de la mobilité "
            "Erasmus+ dans l’enseignement supérieur pour la rendre plus inclusive, à l’intention de la Commission "
            "européenne, des agences nationales, des établissements et des décideurs.",
        },
        "es": {
            "title": "Recomendaciones técnicas para movilidades Erasmus+ más inclusivas y participativas",
            "summary": "Un análisis de los cambios en los documentos y procesos clave de la movilidad Erasmus+ en "
            "educación superior que la harían más inclusiva, para la Comisión Europea, las agencias nacionales, "
            "las instituciones y otros responsables políticos.",
        },
        "nl": {"title": "Technische aanbevelingen voor inclusievere en meer betrokken Erasmus+-mobiliteit"},
        "cs": {"title": "Technická doporučení pro inkluzivnější a angažovanější mobility Erasmus+"},
        "lv": {"title": "Tehniskie ieteikumi iekļaujošākai un iesaistošākai Erasmus+ mobilitātei"},
    },
}

NEWS = {
    "siem-project-launch": {
        "fr": {
            "title": "Lancement du projet SIEM",
            "summary": "Le Erasmus Student Network et neuf partenaires s’attellent à rendre la mobilité Erasmus+ "
            "accessible aux étudiants de tous horizons.",
            "body": "Seuls 7 % des étudiants Erasmus viennent d’un groupe défavorisé ou sous-représenté, alors "
            "que ce sont eux qui tirent le plus de profit d’un séjour à l’étranger.\n\n"
            "**Social Inclusion and Engagement in Mobility (SIEM)** réunit ESN, Universities UK International, "
            "la European University Foundation, YES Forum, quatre universités (Vrije Universiteit Brussel, "
            "Université de Vigo, Université Masaryk, Université de Lettonie), ESN Espagne et ESN France.\n\n"
            "Le projet va :\n\n- recueillir des données solides sur qui part en mobilité et pourquoi d’autres ne "
            "partent pas ;\n- aider les étudiants à s’engager dans les communautés locales où ils vivent ;\n"
            "- permettre aux étudiants de montrer à leurs pairs que la mobilité est pour tout le monde.",
        },
        "es": {
            "title": "Arranca el proyecto SIEM",
            "summary": "Erasmus Student Network y nueve socios empiezan a trabajar para que la movilidad Erasmus+ "
            "sea accesible a estudiantes de cualquier origen.",
            "body": "Solo el 7 % de los estudiantes Erasmus procede de un grupo desfavorecido o infrarrepresentado, "
            "aunque son quienes más ganan con una estancia en el extranjero.\n\n"
            "**Social Inclusion and Engagement in Mobility (SIEM)** reúne a ESN, Universities UK International, "
            "la European University Foundation, YES Forum, cuatro universidades (Vrije Universiteit Brussel, "
            "Universidad de Vigo, Universidad Masaryk, Universidad de Letonia), ESN España y ESN Francia.\n\n"
            "El proyecto va a:\n\n- reunir datos sólidos sobre quién participa en la movilidad y por qué otros "
            "no;\n- ayudar a los estudiantes a implicarse en las comunidades locales en las que viven;\n"
            "- permitir que los estudiantes muestren a sus compañeros que la movilidad es para todo el mundo.",
        },
        "nl": {
            "title": "Het SIEM-project gaat van start",
            "summary": "Het Erasmus Student Network en negen partners werken eraan om Erasmus+-mobiliteit "
            "toegankelijk te maken voor studenten met elke achtergrond.",
        },
        "cs": {
            "title": "Projekt SIEM byl zahájen",
            "summary": "Erasmus Student Network a devět partnerů začínají pracovat na tom, aby mobilita Erasmus+ "
            "byla dostupná studentům z jakéhokoli prostředí.",
        },
        "lv": {
            "title": "Sākas projekts SIEM",
            "summary": "Erasmus Student Network un deviņi partneri sāk darbu, lai Erasmus+ mobilitāte būtu "
            "pieejama jebkuras izcelsmes studentiem.",
        },
    },
    "student-survey": {
        "fr": {
            "title": "Enquête étudiante : parlez-nous de la mobilité",
            "summary": "Que vous soyez parti à l’étranger ou non, l’enquête étudiante SIEM veut vous entendre.",
        },
        "es": {
            "title": "Encuesta a estudiantes: cuéntanos sobre la movilidad",
            "summary": "Hayas estado en el extranjero o no, la encuesta a estudiantes de SIEM quiere escucharte.",
        },
    },
    "university-staff-survey": {
        "fr": {
            "title": "Enquête auprès du personnel universitaire",
            "summary": "Personnel des établissements d’enseignement supérieur : comment votre établissement "
            "organise-t-il la mobilité et aide-t-il les étudiants à y accéder ?",
        },
        "es": {
            "title": "Encuesta al personal universitario",
            "summary": "Personal de instituciones de educación superior: ¿cómo organiza tu institución la "
            "movilidad y ayuda a los estudiantes a acceder a ella?",
        },
    },
    "covid-19-impact-on-inclusion": {
        "fr": {
            "title": "La COVID-19 et l’inclusion dans Erasmus+",
            "summary": "La pandémie a frappé le plus durement les étudiants qui avaient déjà moins de chances de "
            "partir à l’étranger.",
        },
        "es": {
            "title": "La COVID-19 y la inclusión en Erasmus+",
            "summary": "La pandemia golpeó con más dureza a los estudiantes que ya tenían menos probabilidades de "
            "irse al extranjero.",
        },
    },
    "student-staff-perspectives": {
        "fr": {
            "title": "Points de vue des étudiants et du personnel sur l’inclusion et l’appartenance dans la mobilité",
            "summary": "Le rapport de recherche est paru : 12 820 étudiants et 785 membres du personnel ont répondu "
            "aux enquêtes SIEM.",
        },
        "es": {
            "title": "Perspectivas de estudiantes y personal sobre la inclusión y la pertenencia en la movilidad",
            "summary": "Ya está publicado el informe de investigación: 12.820 estudiantes y 785 miembros del "
            "personal respondieron a las encuestas de SIEM.",
        },
        "nl": {
            "title": "Wat studenten en medewerkers zeggen over inclusie en erbij horen tijdens mobiliteit",
            "summary": "Het onderzoeksrapport is verschenen: 12.820 studenten en 785 medewerkers vulden de "
            "SIEM-enquêtes in.",
        },
        "cs": {
            "title": "Pohled studentů a zaměstnanců na začlenění a sounáležitost v mobilitě",
            "summary": "Výzkumná zpráva je venku: dotazníky SIEM vyplnilo 12 820 studentů a 785 zaměstnanců.",
        },
        "lv": {
            "title": "Studentu un darbinieku skatījums uz iekļaušanu un piederību mobilitātē",
            "summary": "Pētījuma ziņojums ir publicēts: SIEM aptaujas aizpildīja 12 820 studenti un 785 darbinieki.",
        },
    },
    "multiplier-training-invitation": {
        "fr": {
            "title": "Invitation à la formation de multiplicateurs sur l’inclusion sociale pour les universités",
            "summary": "Les représentants étudiants et le personnel universitaire sont invités à une formation pour "
            "rapprocher la mobilité des jeunes de tous horizons.",
        },
        "es": {
            "title": "Invitación a la formación de multiplicadores sobre inclusión social para universidades",
            "summary": "Se invita a representantes estudiantiles y personal universitario a una formación para "
            "acercar la movilidad a jóvenes de orígenes diversos.",
        },
    },
    "conference-announcement": {
        "fr": {
            "title": "Inclusion et engagement dans la mobilité : une conférence sur la dimension sociale d’Erasmus+",
            "summary": "Rejoignez-nous à Bruxelles les 3 et 4 octobre 2022.",
        },
        "es": {
            "title": "Inclusión y compromiso en la movilidad: una conferencia sobre la dimensión social de Erasmus+",
            "summary": "Acompáñanos en Bruselas el 3 y el 4 de octubre de 2022.",
        },
        "nl": {
            "title": "Inclusie en betrokkenheid bij mobiliteit: een conferentie over de sociale dimensie van Erasmus+",
            "summary": "Kom naar Brussel op 3 en 4 oktober 2022.",
        },
        "cs": {
            "title": "Začlenění a zapojení v mobilitě: konference o sociálním rozměru programu Erasmus+",
            "summary": "Přijďte do Bruselu 3. a 4. října 2022.",
        },
        "lv": {
            "title": "Iekļaušana un iesaiste mobilitātē: konference par Erasmus+ sociālo dimensiju",
            "summary": "Pievienojieties mums Briselē 2022. gada 3. un 4. oktobrī.",
        },
    },
    "conference-and-recommendations-launch": {
        "fr": {
            "title": "Pour une mobilité toujours inclusive : la conférence et le lancement des recommandations",
            "summary": "Le projet a présenté ses résultats à Bruxelles et lancé ses recommandations techniques.",
        },
        "es": {
            "title": "Por una movilidad siempre inclusiva: la conferencia y la presentación de las recomendaciones",
            "summary": "El proyecto presentó sus resultados en Bruselas y lanzó sus recomendaciones técnicas.",
        },
    },
}
