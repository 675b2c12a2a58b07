"""Translations of the demo events (``demo.py``) into the portal's other languages. The seeder adds a
language only where the event has none (an organiser's own wording is kept)."""

DESCRIPTION = {
    "fr": "Deux jours sur **l’inclusion et l’engagement dans la mobilité** : les résultats de la recherche "
    "SIEM, les étudiants qui ne partent pas à l’étranger et pourquoi, et les pratiques qui changent la "
    "donne.\n\n*Vous voulez partager une bonne pratique ? Proposez un poster ou une session Ignite !*\n\n"
    "La participation est confirmée au fil de l’eau.\n",
    "es": "Dos días sobre **inclusión y compromiso en la movilidad**: los resultados de la investigación SIEM, "
    "los estudiantes que no se van al extranjero y por qué, y las prácticas que lo cambian.\n\n"
    "*¿Quieres compartir una buena práctica? ¡Propón un póster o una sesión Ignite!*\n\n"
    "La participación se confirma de forma continua.\n",
    "nl": "Twee dagen over **inclusie en betrokkenheid bij mobiliteit**: de resultaten van het SIEM-onderzoek, "
    "de studenten die niet naar het buitenland gaan en waarom, en de praktijken die dat veranderen.\n\n"
    "*Wil je een goede praktijk delen? Stel een poster of Ignite-sessie voor!*\n\n"
    "Deelname wordt doorlopend bevestigd.\n",
    "cs": "Dva dny o **začlenění a zapojení v mobilitě**: výsledky výzkumu SIEM, studenti, kteří do zahraničí "
    "nevyjíždějí, a proč, a postupy, které to mění.\n\n"
    "*Chcete se podělit o dobrou praxi? Navrhněte poster nebo blok Ignite!*\n\n"
    "Účast potvrzujeme průběžně.\n",
    "lv": "Divas dienas par **iekļaušanu un iesaisti mobilitātē**: SIEM pētījuma rezultāti, studenti, kuri "
    "nedodas uz ārzemēm, un kāpēc, un prakses, kas to maina.\n\n"
    "*Vēlaties dalīties ar labo praksi? Piesakiet plakātu vai Ignite sesiju!*\n\n"
    "Dalība tiek apstiprināta pakāpeniski.\n",
}

STEP_FREE = {
    "fr": "Entrée de plain-pied et toilettes accessibles au rez-de-chaussée.",
    "es": "Entrada sin escalones y aseos accesibles en la planta baja.",
    "nl": "Drempelvrije ingang en toegankelijke toiletten op de begane grond.",
    "cs": "Bezbariérový vstup a bezbariérové toalety v přízemí.",
    "lv": "Ieeja bez pakāpieniem un pieejamas tualetes pirmajā stāvā.",
}

EVENTS = {
    "inclusion-engagement-mobility-2022": {
        "fr": {
            "title": "Inclusion et engagement dans la mobilité",
            "summary": "La conférence SIEM à Bruxelles : résultats de la recherche, pratiques, posters et "
            "présentations Ignite.",
        },
        "es": {
            "title": "Inclusión y compromiso en la movilidad",
            "summary": "La conferencia SIEM en Bruselas: resultados de la investigación, prácticas, pósteres y "
            "charlas Ignite.",
        },
        "nl": {
            "title": "Inclusie en betrokkenheid bij mobiliteit",
            "summary": "De SIEM-conferentie in Brussel: onderzoeksresultaten, praktijken, posters en "
            "Ignite-presentaties.",
        },
        "cs": {
            "title": "Začlenění a zapojení v mobilitě",
            "summary": "Konference SIEM v Bruselu: výsledky výzkumu, praxe, postery a vystoupení Ignite.",
        },
        "lv": {
            "title": "Iekļaušana un iesaiste mobilitātē",
            "summary": "SIEM konference Briselē: pētījuma rezultāti, prakses, plakāti un Ignite runas.",
        },
    },
    "heis-social-inclusion-multiplier-training": {
        "fr": {
            "title": "Formation de multiplicateurs sur l’inclusion sociale pour les établissements",
            "summary": "Une journée pour les services des relations internationales sur la manière d’atteindre "
            "les étudiants qui ne partent pas à l’étranger.",
            "description": "Méthodes, données et pratiques du projet SIEM, avec du temps pour préparer les vôtres.",
            "accessibility_info": "Ascenseur à tous les étages ; salle calme disponible.",
        },
        "es": {
            "title": "Formación de multiplicadores sobre inclusión social para instituciones",
            "summary": "Una jornada para las oficinas de relaciones internacionales sobre cómo llegar a los "
            "estudiantes que no se van al extranjero.",
            "description": "Métodos, datos y prácticas del proyecto SIEM, con tiempo para planificar los tuyos.",
            "accessibility_info": "Ascensor a todas las plantas; sala tranquila disponible.",
        },
        "nl": {
            "title": "Multiplicatortraining sociale inclusie voor hogeronderwijsinstellingen",
            "summary": "Een dag voor internationale-relatiekantoren over het bereiken van studenten die niet naar "
            "het buitenland gaan.",
        },
        "cs": {
            "title": "Školení multiplikátorů sociálního začlenění pro vysoké školy",
            "summary": "Den pro zahraniční oddělení o tom, jak oslovit studenty, kteří do zahraničí nevyjíždějí.",
        },
        "lv": {
            "title": "Sociālās iekļaušanas multiplikatoru apmācības augstskolām",
            "summary": "Diena starptautisko attiecību nodaļām par to, kā uzrunāt studentus, kuri nedodas uz ārzemēm.",
        },
    },
    "inclusion-engagement-mobility-next": {
        "fr": {
            "title": "Inclusion et engagement dans la mobilité : les prochaines étapes",
            "summary": "Deux jours de pratiques qui ouvrent la mobilité à tous les étudiants. L’appel à posters "
            "et à présentations Ignite est ouvert.",
        },
        "es": {
            "title": "Inclusión y compromiso en la movilidad: los próximos pasos",
            "summary": "Dos días de prácticas que abren la movilidad a todos los estudiantes. La convocatoria de "
            "pósteres y charlas Ignite está abierta.",
        },
        "nl": {
            "title": "Inclusie en betrokkenheid bij mobiliteit: de volgende stappen",
            "summary": "Twee dagen vol praktijken die mobiliteit openstellen voor elke student. De oproep voor "
            "posters en Ignite-presentaties is open.",
        },
        "cs": {
            "title": "Začlenění a zapojení v mobilitě: další kroky",
            "summary": "Dva dny praxe, která otevírá mobilitu každému studentovi. Výzva k podávání posterů a "
            "vystoupení Ignite je otevřená.",
        },
        "lv": {
            "title": "Iekļaušana un iesaiste mobilitātē: nākamie soļi",
            "summary": "Divas dienas par praksēm, kas padara mobilitāti pieejamu ikvienam studentam. Plakātu un "
            "Ignite runu pieteikšana ir atvērta.",
        },
    },
}

# the two conferences share their description and venue notes
for _slug in ("inclusion-engagement-mobility-2022", "inclusion-engagement-mobility-next"):
    for _language, _texts in EVENTS[_slug].items():
        _texts.setdefault("description", DESCRIPTION[_language])
        _texts.setdefault("accessibility_info", STEP_FREE[_language])
