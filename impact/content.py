"""The two frameworks written for the portal (organisation; student before/after mobility).

Each indicator gives its statement, what level 0 ("not yet") and level 5 look like, and the advice
for a low score; levels 1 to 4 use the framework's shared steps, so every level is described.
Library links are plain paths (``/library/<slug>/``): the library serves them, impact does not
import it. The other languages are in ``translations/<lang>.json`` (see ``content_translations``),
not in the interface catalogues: ``N_`` only marks the texts, makemessages does not extract it.
"""

from django.utils.translation import gettext_noop as N_

LIBRARY = {
    "research-report": N_("SIEM research report"),
    "guidelines-inclusive-mobility-promotion": N_("Guidelines for the inclusive promotion of mobility"),
    "inclusive-communication-manual": N_("Inclusive Communication Manual"),
    "technical-recommendations": N_("Technical recommendations"),
    "implementation-report-community-engagement": N_("Implementation report on community engagement"),
    "factsheet-lgbtqi-students": N_("Factsheet: LGBTQI+ students"),
    "factsheet-ethnic-minority-students": N_("Factsheet: ethnic-minority students"),
    "factsheet-low-income-students": N_("Factsheet: students from low-income backgrounds"),
    "factsheet-rural-students": N_("Factsheet: students from rural communities"),
    "factsheet-first-generation-students": N_("Factsheet: first-generation students"),
}


def link(slug: str) -> dict:
    return {"title": LIBRARY[slug], "url": f"/library/{slug}/"}


ORGANISATION_STEPS = [
    N_("Early steps: a few people do this now and then, without a plan."),
    N_("Developing: it happens in some activities, depending on who is involved."),
    N_("Established: it is part of how we usually work, and someone is responsible for it."),
    N_("Strong: it is planned, has resources and is reviewed at least once a year."),
]

STUDENT_STEPS = [
    N_("Rarely true of me."),
    N_("True of me in some situations."),
    N_("Often true of me."),
    N_("Nearly always true of me."),
]

ORGANISATION_MID_ADVICE = N_(
    "You have a base to build on. Write down who is responsible, set a date to review it, and ask "
    "participants with fewer opportunities what would make the biggest difference next."
)

STUDENT_MID_ADVICE = N_(
    "You are on your way. Pick one situation in the coming month where you can practise this on "
    "purpose, and note afterwards what went well."
)

# dimension code, title, short title, description, library slugs, indicators
# indicator: code, statement, level 0, level 5, advice for a low score
ORGANISATION = {
    "slug": "organisation-inclusion",
    "title": N_("Inclusive mobility: organisation self-assessment"),
    "audience": "organisation",
    "description": N_(
        "For youth organisations, student associations and institutions running Erasmus+ mobility. "
        "Staff, volunteers and participants rate each statement on their own; the portal brings the "
        "views together."
    ),
    "dimensions": [
        (
            "widening-participation",
            N_("Widening participation"),
            N_("Participation"),
            N_("Who takes part in mobility, who does not, and what we do about it."),
            ["research-report", "factsheet-first-generation-students", "factsheet-low-income-students"],
            [
                (
                    "wp-know-who",
                    N_("We know which groups of young people take part in our mobility activities and which do not."),
                    N_("We have no information on who takes part."),
                    N_("We collect anonymous data every year and compare it with the population we serve."),
                    N_("Start with a short, anonymous question set on background at registration, with consent."),
                ),
                (
                    "wp-targets",
                    N_("We have set goals for the participation of people with fewer opportunities."),
                    N_("There are no goals."),
                    N_("Goals are written, shared with the team and checked against results every year."),
                    N_("Set one realistic goal for the next call, for example a share of first-time travellers."),
                ),
                (
                    "wp-barriers",
                    N_("We ask people who do not take part what stops them."),
                    N_("We have never asked."),
                    N_("We ask regularly and change our offer because of the answers."),
                    N_("Run a short conversation round with young people who applied but did not go."),
                ),
                (
                    "wp-costs",
                    N_("We cover or advance costs so that money is not a reason to stay at home."),
                    N_("Participants pay first and are reimbursed later, if at all."),
                    N_("Costs are paid up front or in advance, and extra support is easy to ask for."),
                    N_("Pay travel and accommodation directly instead of reimbursing them afterwards."),
                ),
            ],
        ),
        (
            "community-engagement",
            N_("Community engagement"),
            N_("Engagement"),
            N_("How mobile and local young people take part in volunteering and local activities."),
            ["implementation-report-community-engagement"],
            [
                (
                    "ce-volunteering",
                    N_("Participants are offered volunteering activities in the local community."),
                    N_("No volunteering is offered."),
                    N_("A varied volunteering programme runs all year, and participants help shape it."),
                    N_("Start with one volunteering activity per mobility, prepared with a local partner."),
                ),
                (
                    "ce-recognition",
                    N_("Volunteering and civic activities are recognised, for example in a certificate."),
                    N_("Engagement is not recognised."),
                    N_("Recognition is systematic and accepted by schools, universities or employers."),
                    N_("Describe the competences gained in a certificate or in Youthpass."),
                ),
                (
                    "ce-alumni",
                    N_("Former participants stay involved and pass on their experience."),
                    N_("We lose contact after the mobility."),
                    N_("Alumni have a clear role in our activities and are supported in it."),
                    N_("Invite returning participants to tell their story at the next information session."),
                ),
                (
                    "ce-reflection",
                    N_("We help participants reflect on what their engagement changed for them and others."),
                    N_("No reflection takes place."),
                    N_("Guided reflection happens before, during and after every activity."),
                    N_("Add a short, guided reflection moment at the end of each activity."),
                ),
            ],
        ),
        (
            "peer-to-peer",
            N_("Peer-to-peer interaction"),
            N_("Peers"),
            N_("How young people from every background show each other that mobility is for them."),
            ["guidelines-inclusive-mobility-promotion", "factsheet-lgbtqi-students"],
            [
                (
                    "pp-role-models",
                    N_("Young people from underrepresented groups share their mobility stories in our promotion."),
                    N_("Our promotion shows no peer stories."),
                    N_("Stories from many backgrounds are at the heart of our promotion, told in their own words."),
                    N_("Ask two former participants from different backgrounds to share a short testimonial."),
                ),
                (
                    "pp-buddies",
                    N_("New participants can get a buddy or mentor who has been abroad."),
                    N_("There is no buddy or mentor offer."),
                    N_("Every participant who wants one has a trained buddy."),
                    N_("Start a small buddy pool with volunteers from earlier mobility projects."),
                ),
                (
                    "pp-ask-me",
                    N_("Young people considering mobility can ask questions of peers in an informal way."),
                    N_("There is no way to reach peers."),
                    N_("Informal peer contact is easy, safe and widely used."),
                    N_("Offer an 'ask me' hour, online or in person, run by former participants."),
                ),
                (
                    "pp-mixed-groups",
                    N_("Our activities bring together young people from different backgrounds."),
                    N_("Groups are rarely mixed."),
                    N_("Mixed groups are planned for, and facilitators are trained for them."),
                    N_("Plan group composition on purpose and brief facilitators on inclusive group work."),
                ),
            ],
        ),
        (
            "inclusive-communication",
            N_("Inclusive communication"),
            N_("Communication"),
            N_("Whether our information reaches, speaks to and is understood by everyone."),
            ["inclusive-communication-manual"],
            [
                (
                    "ic-plain-language",
                    N_("Our information on mobility is written in plain language."),
                    N_("Our texts are long and full of jargon."),
                    N_("All texts are in plain language and tested with young people."),
                    N_("Rewrite the call for participants in plain language and test it with two young people."),
                ),
                (
                    "ic-images",
                    N_("Images and examples in our communication show the diversity of young people."),
                    N_("Our images show only one kind of participant."),
                    N_("Diversity is represented respectfully and checked in every publication."),
                    N_("Review the images on your website with the checklist of the Inclusive Communication Manual."),
                ),
                (
                    "ic-channels",
                    N_("We use channels that reach young people who do not usually hear about mobility."),
                    N_("We only use our usual channels."),
                    N_("We reach new groups through partners, local media and peers, and check that it works."),
                    N_("Ask a local partner working with young people with fewer opportunities to share the call."),
                ),
                (
                    "ic-accessible",
                    N_("Our website, documents and events are accessible to people with disabilities."),
                    N_("Accessibility has not been checked."),
                    N_("Everything meets accessibility guidelines and adjustments are offered without being asked."),
                    N_("Check your main web page and application form against the WCAG basics."),
                ),
            ],
        ),
        (
            "fewer-opportunities",
            N_("Support for participants with fewer opportunities"),
            N_("Support"),
            N_("The support that makes mobility possible for people facing obstacles."),
            ["technical-recommendations", "factsheet-ethnic-minority-students", "factsheet-rural-students"],
            [
                (
                    "fo-individual",
                    N_("Participants can ask for individual support before, during and after the mobility."),
                    N_("No individual support exists."),
                    N_("Support is offered to everyone, planned with the person and followed up."),
                    N_("Name one contact person participants can turn to for individual questions."),
                ),
                (
                    "fo-inclusion-grant",
                    N_("We use the Erasmus+ inclusion support and top-ups that participants are entitled to."),
                    N_("We do not apply for inclusion support."),
                    N_("Inclusion support is requested for everyone entitled, simply and discreetly."),
                    N_("Explain the inclusion support in the call and help participants apply."),
                ),
                (
                    "fo-preparation",
                    N_("Preparation covers practical worries such as travel, money, health and discrimination."),
                    N_("Preparation is limited to the programme of the activity."),
                    N_("Preparation is tailored and includes what to do when something goes wrong."),
                    N_("Add a practical session on travel, budget and where to get help abroad."),
                ),
                (
                    "fo-safe-space",
                    N_("Participants feel safe to be themselves, whatever their identity or background."),
                    N_("We have not considered this."),
                    N_("A code of conduct, trained staff and a clear reporting route are in place."),
                    N_("Agree a code of conduct with participants and name who they can report problems to."),
                ),
            ],
        ),
        (
            "local-partnership",
            N_("Partnership with local communities"),
            N_("Partnership"),
            N_("Working with schools, associations, families and local authorities."),
            ["implementation-report-community-engagement", "technical-recommendations"],
            [
                (
                    "lp-partners",
                    N_("We work with local organisations that reach young people with fewer opportunities."),
                    N_("We have no such partners."),
                    N_("Lasting partnerships with shared goals and regular meetings are in place."),
                    N_("Meet one local youth or social organisation to plan a joint information session."),
                ),
                (
                    "lp-families",
                    N_("Families and guardians are informed and involved where that helps."),
                    N_("Families are not involved."),
                    N_("Families are welcomed, informed in their language and their questions answered."),
                    N_("Hold an information moment for families before departure."),
                ),
                (
                    "lp-give-back",
                    N_("Our mobility projects leave something of value for the local community."),
                    N_("The local community sees nothing of our projects."),
                    N_("Every project has a planned local result, shared publicly."),
                    N_("Plan one local event where participants share what they learnt."),
                ),
                (
                    "lp-authorities",
                    N_("We talk with local authorities and schools about access to mobility."),
                    N_("There is no contact."),
                    N_("We are a recognised partner in local youth and education policy."),
                    N_("Share your participation figures with the local youth service and ask for their support."),
                ),
            ],
        ),
    ],
}

STUDENT = {
    "slug": "student-mobility",
    "title": N_("My mobility: before and after"),
    "audience": "student",
    "description": N_(
        "A personal self-assessment to take before your mobility and again after it. Only you see "
        "your answers; the portal shows you what changed."
    ),
    "dimensions": [
        (
            "intercultural",
            N_("Intercultural competence"),
            N_("Intercultural"),
            N_("Understanding and working with people from other cultures."),
            ["guidelines-inclusive-mobility-promotion"],
            [
                (
                    "ic-curious",
                    N_("I am curious about how people from other cultures see the world."),
                    N_("Not yet: I seldom think about it."),
                    N_("I actively look for other views and learn from them."),
                    N_("Join an international student event and ask one person about their home town."),
                ),
                (
                    "ic-adapt",
                    N_("I can adapt how I behave when cultural habits differ from mine."),
                    N_("Not yet: I find it hard to adjust."),
                    N_("I adjust easily and can explain why habits differ."),
                    N_("Notice one habit that surprised you and talk it through with a buddy."),
                ),
                (
                    "ic-stereotypes",
                    N_("I notice and question stereotypes, including my own."),
                    N_("Not yet: I have not thought about it."),
                    N_("I question stereotypes and speak up when others use them."),
                    N_("Read the project's factsheets to hear how other students experience stereotypes."),
                ),
            ],
        ),
        (
            "confidence",
            N_("Confidence"),
            N_("Confidence"),
            N_("Trust in yourself when facing new situations."),
            ["factsheet-first-generation-students"],
            [
                (
                    "co-new",
                    N_("I feel able to handle unfamiliar situations on my own."),
                    N_("Not yet: new situations worry me a lot."),
                    N_("I handle new situations calmly and even enjoy them."),
                    N_("Plan one small new thing each week, such as finding your way somewhere new alone."),
                ),
                (
                    "co-help",
                    N_("I know where to ask for help when I need it."),
                    N_("Not yet: I would not know whom to ask."),
                    N_("I ask for help easily and help others find it."),
                    N_("Write down the contacts of your home and host international offices now."),
                ),
                (
                    "co-speak",
                    N_("I speak up in a group, even when I am not sure."),
                    N_("Not yet: I stay quiet."),
                    N_("I share my views with confidence and listen to others."),
                    N_("Try asking one question in each class or meeting."),
                ),
            ],
        ),
        (
            "language",
            N_("Language"),
            N_("Language"),
            N_("Using another language in daily life and study."),
            ["guidelines-inclusive-mobility-promotion"],
            [
                (
                    "la-daily",
                    N_("I can manage daily life in the language of my host country."),
                    N_("Not yet: I know only a few words."),
                    N_("I manage every daily situation without help."),
                    N_("Use the free Erasmus+ online language support for ten minutes a day."),
                ),
                (
                    "la-study",
                    N_("I can follow classes and work in a foreign language."),
                    N_("Not yet: it is very hard for me."),
                    N_("I study and work in it as well as in my own language."),
                    N_("Ask your host institution about language courses for incoming students."),
                ),
                (
                    "la-mistakes",
                    N_("I use a foreign language even when I make mistakes."),
                    N_("Not yet: fear of mistakes stops me."),
                    N_("Mistakes do not hold me back at all."),
                    N_("Find a tandem partner: mistakes are part of the deal."),
                ),
            ],
        ),
        (
            "civic",
            N_("Civic engagement"),
            N_("Civic"),
            N_("Taking part in the community where you live or study."),
            ["implementation-report-community-engagement"],
            [
                (
                    "ci-volunteer",
                    N_("I take part in volunteering or community activities."),
                    N_("Not yet: I have never volunteered."),
                    N_("I volunteer regularly and bring others along."),
                    N_("Look for a one-off local volunteering activity through your student association."),
                ),
                (
                    "ci-local",
                    N_("I feel responsible for the community I live in."),
                    N_("Not yet: it does not concern me."),
                    N_("I act on local issues that matter to me."),
                    N_("Find out about one local initiative where you live or study."),
                ),
                (
                    "ci-europe",
                    N_("I follow and take part in European or international matters."),
                    N_("Not yet: I do not follow them."),
                    N_("I follow them and take part, for example by voting or in campaigns."),
                    N_("Follow one European youth organisation and join one of its activities."),
                ),
            ],
        ),
        (
            "employability",
            N_("Employability"),
            N_("Employability"),
            N_("Skills and plans for work after your studies."),
            ["research-report"],
            [
                (
                    "em-skills",
                    N_("I can describe the skills I have gained to an employer."),
                    N_("Not yet: I would not know what to say."),
                    N_("I describe my skills clearly with examples."),
                    N_("Write three examples of problems you solved and what they show about you."),
                ),
                (
                    "em-plans",
                    N_("I have an idea of the work I want to do after my studies."),
                    N_("Not yet: I have no idea."),
                    N_("I have clear plans and steps towards them."),
                    N_("Book a meeting with your careers service."),
                ),
                (
                    "em-abroad",
                    N_("I would consider working or training abroad."),
                    N_("Not yet: I would not consider it."),
                    N_("I am actively looking at opportunities abroad."),
                    N_("Look at Erasmus+ traineeships for recent graduates."),
                ),
            ],
        ),
        (
            "belonging",
            N_("Belonging"),
            N_("Belonging"),
            N_("Feeling that you have a place in your study and mobility community."),
            ["factsheet-lgbtqi-students", "factsheet-ethnic-minority-students", "factsheet-low-income-students"],
            [
                (
                    "be-place",
                    N_("I feel that I belong at my university or organisation."),
                    N_("Not yet: I feel like an outsider."),
                    N_("I feel fully at home and welcome."),
                    N_("Join one student association or group that matches an interest of yours."),
                ),
                (
                    "be-self",
                    N_("I can be myself among other students."),
                    N_("Not yet: I hide parts of who I am."),
                    N_("I am fully myself and feel accepted."),
                    N_("The project's factsheets list support and networks for students like you."),
                ),
                (
                    "be-network",
                    N_("I have people around me I can count on."),
                    N_("Not yet: I feel alone."),
                    N_("I have a strong network at home and abroad."),
                    N_("Ask for a buddy through your host section or international office."),
                ),
            ],
        ),
    ],
}
