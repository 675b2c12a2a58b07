"""Demo library and news: every SIEM publication with a small generated PDF, and the project's news.

The PDFs go through ``services.version_upload`` like an editor's upload, so their text is extracted
and their cover drawn by the same tasks. Running the seeder again changes nothing.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.utils.html import escape

from siem_portal.translatable import translations_add_missing

from . import demo_translations, services
from .enums import Audience as A
from .enums import Licence
from .enums import PublicationKind as K
from .enums import Topic as T
from .models import NewsPost, Publication

ESN = ("Erasmus Student Network", "")

# slug, title, kind, date, summary, audiences, topics, licence, doi, featured, languages
PUBLICATIONS = [
    (
        "research-report",
        "SIEM Research Report: Social Inclusion and Engagement in Mobility",
        K.RESEARCH_REPORT,
        date(2021, 3, 31),
        "What 12,820 students and 785 university staff members across Europe and beyond told the project about "
        "who takes part in international student exchanges, what holds students back and what helps them go.",
        [A.HIGHER_EDUCATION, A.NATIONAL_AGENCIES, A.EUROPEAN_COMMISSION, A.POLICY_MAKERS],
        [T.WIDENING_PARTICIPATION, T.LOW_INCOME, T.FIRST_GENERATION, T.DISABILITY],
        Licence.CC_BY_NC,
        "",
        True,
        ["en"],
    ),
    (
        "guidelines-inclusive-mobility-promotion",
        "Guidelines for Inclusive Mobility Promotion",
        K.GUIDELINES,
        date(2022, 5, 1),
        "A handbook for International Relations Offices working with incoming and outgoing students, mainly in "
        "Erasmus+, on promoting mobility so that students from every background see it is meant for them.",
        [A.HIGHER_EDUCATION],
        [T.WIDENING_PARTICIPATION, T.COMMUNICATION],
        Licence.CC_BY,
        "10.5281/zenodo.10581326",
        True,
        ["en"],
    ),
    (
        "inclusive-communication-manual",
        "Inclusive Communication Manual",
        K.MANUAL,
        date(2022, 4, 1),
        "Practical guidance on communicating inclusively with international young people in writing, in speech "
        "and in images.",
        [A.HIGHER_EDUCATION, A.YOUTH_ORGANISATIONS, A.STUDENTS],
        [T.COMMUNICATION],
        Licence.CC_BY,
        "",
        False,
        ["en"],
    ),
    (
        "technical-recommendations",
        "Technical Recommendations for More Inclusive and Engaging Erasmus+ Mobilities",
        K.RECOMMENDATIONS,
        date(2022, 10, 26),
        "An analysis of changes to the key documents and processes of Erasmus+ higher education mobility that "
        "would make it more inclusive, for the European Commission, the National Agencies, higher education "
        "institutions and other policy makers.",
        [A.EUROPEAN_COMMISSION, A.NATIONAL_AGENCIES, A.HIGHER_EDUCATION, A.POLICY_MAKERS],
        [T.POLICY, T.WIDENING_PARTICIPATION],
        Licence.CC_BY,
        "",
        True,
        ["en"],
    ),
    (
        "implementation-report-community-engagement",
        "Engagement of International Students in Local Communities: Implementation Report",
        K.IMPLEMENTATION_REPORT,
        date(2022, 9, 1),
        "What happened in the project's local phase, when international and local students ran activities "
        "together in the partner universities' communities.",
        [A.HIGHER_EDUCATION, A.YOUTH_ORGANISATIONS, A.STUDENTS],
        [T.COMMUNITY_ENGAGEMENT],
        Licence.CC_BY,
        "",
        False,
        ["en"],
    ),
]

FACTSHEETS = [
    ("factsheet-lgbtqi-students", "Students from the LGBTQI+ community in student mobility", T.LGBTQI),
    (
        "factsheet-ethnic-minority-students",
        "Students from ethnic minority groups in student mobility",
        T.ETHNIC_MINORITY,
    ),
    ("factsheet-low-income-students", "Students from low-income backgrounds in student mobility", T.LOW_INCOME),
    ("factsheet-rural-students", "Students from rural communities in student mobility", T.RURAL),
    ("factsheet-first-generation-students", "First-generation students in student mobility", T.FIRST_GENERATION),
]
for _slug, _title, _topic in FACTSHEETS:
    PUBLICATIONS.append(
        (
            _slug,
            f"Factsheet: {_title}",
            K.FACTSHEET,
            date(2021, 6, 1),
            f"Key findings of the SIEM research about {_title.lower().replace(' in student mobility', '')}: who "
            "goes abroad, the barriers they meet and what institutions can do.",
            [A.HIGHER_EDUCATION, A.STUDENTS],
            [_topic, T.WIDENING_PARTICIPATION],
            Licence.CC_BY,
            "",
            False,
            ["en", "fr"],
        )
    )

DEMO_NOTICE = {
    "en": "This is a demo file generated for the Erasmus Impact Portal. It is not the real publication.",
    "fr": "Ceci est un fichier de démonstration créé pour l'Erasmus Impact Portal. Ce n'est pas la vraie publication.",
}


def demo_pdf(*, title: str, summary: str, language: str) -> bytes:
    """A one-page PDF (WeasyPrint) that says it is a demo file."""
    from weasyprint import HTML

    html = f"""<html lang="{language}"><head><style>
      @page {{ size: A4; margin: 2cm; }} body {{ font-family: sans-serif; }}
      h1 {{ color: #12355b; font-size: 26pt; }} .band {{ background: #ffcc00; height: 1cm; margin-bottom: 1cm; }}
      .notice {{ border: 2px solid #a4161a; padding: .5cm; }}</style></head>
      <body><div class="band"></div><h1>{escape(title)}</h1><p>SIEM – Social Inclusion and Engagement in Mobility</p>
      <p class="notice">{escape(DEMO_NOTICE[language])}</p><p>{escape(summary)}</p></body></html>"""
    return HTML(string=html).write_pdf()


NEWS = [
    (
        "siem-project-launch",
        date(2019, 12, 23),
        "The SIEM project is launched",
        "The Erasmus Student Network and nine partners start work on making Erasmus+ mobility accessible to "
        "students from every background.",
        "Only 7% of Erasmus students come from a disadvantaged or underrepresented group, although these are "
        "the students who gain most from time abroad.\n\n"
        "**Social Inclusion and Engagement in Mobility (SIEM)** brings together ESN, Universities UK "
        "International, the European University Foundation, YES Forum, four universities (Vrije Universiteit "
        "Brussel, University of Vigo, Masaryk University, University of Latvia), ESN Spain and ESN France.\n\n"
        "The project will:\n\n- gather hard data on who takes part in mobility and why others do not;\n"
        "- help students engage with the local communities they live in;\n"
        "- let students show their peers that mobility is for everyone.",
        [],
    ),
    (
        "student-survey",
        date(2020, 2, 27),
        "Student survey: tell us about mobility",
        "Whether or not you have been abroad, the SIEM student survey wants to hear from you.",
        "The survey asks about your education, any mobility experience, the support you had, what held you "
        "back and what helped, and, if you agree, about your background. It takes about 20 minutes and "
        "closes on 30 April 2020.",
        [],
    ),
    (
        "university-staff-survey",
        date(2020, 2, 27),
        "University staff survey",
        "Staff of higher education institutions: how does your institution organise mobility and help students "
        "reach it?",
        "The staff survey asks how mobility is organised at your institution, how students are supported to "
        "access it and which people and organisations take part. Your answers will shape the project's "
        "guidelines for International Relations Offices.",
        [],
    ),
    (
        "covid-19-impact-on-inclusion",
        date(2020, 5, 12),
        "COVID-19 and inclusion in Erasmus+",
        "The pandemic hit students who were already less likely to go abroad hardest.",
        "Cancelled exchanges, lost jobs and closed borders affect everyone, but students with fewer resources "
        "have less room to absorb the cost of a disrupted stay. The project asks institutions to keep "
        "inclusion in view as mobility restarts.",
        [],
    ),
    (
        "student-staff-perspectives",
        date(2021, 3, 31),
        "Student and staff perspectives on inclusion and belonging in mobility",
        "The research report is out: 12,820 students and 785 staff members answered the SIEM surveys.",
        "The report compares the experience of students from underrepresented groups with that of their peers, "
        "before, during and after mobility, and sets out what institutions can change. Factsheets summarise "
        "the findings for five groups of students.",
        ["research-report", "factsheet-first-generation-students"],
    ),
    (
        "multiplier-training-invitation",
        date(2021, 10, 19),
        "Invitation to the social inclusion multiplier training for universities",
        "Student representatives and university staff are invited to a training on bringing mobility closer "
        "to young people from diverse backgrounds.",
        "The training covers inclusive promotion of mobility, working with local communities and the "
        "project's guidelines. Places are limited.",
        [],
    ),
    (
        "conference-announcement",
        date(2022, 8, 1),
        "Inclusion and Engagement in Mobility: a conference on the social dimension of Erasmus+",
        "Join us in Brussels on 3 and 4 October 2022.",
        "The conference brings together people working in international student mobility to discuss how to "
        "overcome the barriers to taking part, and how engagement in the host community supports social "
        "integration. Registration is open until 15 September 2022; participation is confirmed on a rolling "
        "basis. You can also propose a poster or an Ignite session.",
        [],
    ),
    (
        "conference-and-recommendations-launch",
        date(2022, 10, 26),
        "For mobility that is always inclusive: the conference and the launch of the recommendations",
        "The project presented its results in Brussels and launched its technical recommendations.",
        "The recommendations analyse the documents and processes of Erasmus+ higher education mobility and "
        "propose changes that would make them more inclusive, addressed to the European Commission, the "
        "National Agencies and institutions.",
        ["technical-recommendations", "guidelines-inclusive-mobility-promotion"],
    ),
]


def seed(*, stdout=None, **options) -> None:
    for slug, title, kind, day, summary, audiences, topics, licence, doi, featured, languages in PUBLICATIONS:
        publication = Publication.objects.filter(slug=slug).first()
        if publication is None:
            publication = services.publication_create(
                slug=slug,
                title=title,
                kind=kind,
                published_on=day,
                summary=summary,
                licence=licence,
                doi=doi,
                featured=featured,
                authors=[ESN],
                audiences=audiences,
                topics=topics,
            )
        have = set(publication.editions.filter(is_current=True).values_list("versions__language", flat=True))
        for language in languages:
            if language in have:
                continue
            pdf = demo_pdf(title=title, summary=summary, language=language)
            services.version_upload(
                publication=publication, language=language, file=ContentFile(pdf, name=f"{slug}-{language}.pdf")
            )
    for slug, day, title, summary, body, publication_slugs in NEWS:
        if NewsPost.objects.filter(slug=slug).exists():
            continue
        services.news_save(
            slug=slug,
            published_on=day,
            title=title,
            summary=summary,
            body=body,
            publications=list(Publication.objects.filter(slug__in=publication_slugs)),
        )
    for model, provided in ((Publication, demo_translations.PUBLICATIONS), (NewsPost, demo_translations.NEWS)):
        for row in model.objects.filter(slug__in=provided):
            merged = translations_add_missing(row.translations, provided[row.slug])
            if merged != row.translations:
                model.objects.filter(pk=row.pk).update(translations=merged)
    services.library_changed()
    if stdout:
        stdout.write(f"Library: {Publication.objects.count()} publications, {NewsPost.objects.count()} news posts.")
