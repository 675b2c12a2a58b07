"""The first text of the pages editors write (privacy notice, accessibility statement).

A migration stores these in English so that a new portal never shows an empty notice; editors then
change them on /manage/library/pages/ and add the other languages. The list of processings, the
contact address and the supervisory authority are drawn by the page itself from the privacy registry
and the settings, so the notice cannot drift from what the code does.
"""

import datetime

# The date these first texts were written (shown as "last reviewed on" until an editor saves a page).
WRITTEN_ON = datetime.date(2026, 12, 6)

PRIVACY_TITLE = "Privacy notice"

PRIVACY_BODY = """\
The Erasmus Impact Portal is run by the **Social Inclusion and Engagement in Mobility (SIEM)** project,
a partnership coordinated by the **Erasmus Student Network (ESN)**, Brussels, Belgium, which is the
controller of the personal data the portal processes. This notice says what we process, why, on
which legal basis, for how long and who sees it, and how you use your rights.

## What we process and why

Each processing of the portal, with its purpose, legal basis, the data it uses, who sees it and how
long it is kept, is listed further down this page. That list is generated from the portal's own record
of processing activities, so it always matches what the portal does.

## Your answers to the research surveys

Surveys ask for your consent first. Some questions of the Student Survey are about **special
categories of personal data** (ethnic origin, sexual orientation and gender identity, disability,
income and caring duties). You answer them only with your **explicit consent**, and every one of them
can be answered "Prefer not to say".

- Your institution's International Relations Office (IRO) **never sees an individual answer**: IRO
  officers see figures of groups only, with small groups hidden and every figure slightly perturbed so
  that nobody can be recognised, even by comparing two reports.
- Record-level data is seen by the project's survey managers only; files with special-category
  answers are made only when asked for, and every such file is logged.
- Answers count for an institution only when your link with it is verified.

## Your rights

You can ask for access to your data, correction, erasure, restriction, portability, and object to
a processing based on legitimate interest. Where a processing rests on your consent, you can withdraw
it at any time; this does not affect what was done before.

On **My data** (/me/privacy/) you can, once signed in:

- download everything the portal holds about you (a JSON file);
- delete your account and the data tied to it;
- on **My surveys** (/me/surveys/), withdraw your survey answers.

For anything else, write to the contact below. We answer within one month.

## Cookies

The portal sets only the cookies it needs to work (your session, protection against forged forms and
your language). It uses no tracking or advertising cookies and loads nothing from other sites.
"""

ACCESSIBILITY_TITLE = "Accessibility statement"

ACCESSIBILITY_BODY = """\
The SIEM project is committed to making the Erasmus Impact Portal accessible, in accordance with
Directive (EU) 2016/2102 on the accessibility of the websites and mobile applications of public
sector bodies, whose model statement this page follows. It applies to the whole portal.

## Compliance status

The portal is **partially compliant** with the Web Content Accessibility Guidelines (WCAG) 2.1, level
AA, and with the harmonised European standard EN 301 549, because of the content listed below.

## Non-accessible content

- Some PDF publications of the library were made before the portal and are not tagged for screen
  readers. Their summary on the publication page is accessible; ask us for an accessible version.
- Charts in survey and impact reports are images with a data table next to them: the table is the
  accessible alternative.
- Stories written by students may include images whose text alternative is brief.

## Preparation of this statement

This statement was prepared on the date shown below. The assessment was made by the project itself:
every release is tested automatically with axe-core (WCAG 2.1 A and AA rules) on the main pages of
each role, and by hand with the keyboard alone, a screen reader and a 390-pixel phone screen.

## Feedback and contact

If you meet a barrier, or need information in another format, write to the contact below. We answer
within 15 working days.

## Enforcement procedure

If our answer does not satisfy you, you can turn to the body in charge of the directive in your
country; in Belgium, where the coordinator is established, that is the federal or regional
accessibility authority, or the Federal Ombudsman.
"""

DEFAULTS = {
    "privacy": (PRIVACY_TITLE, PRIVACY_BODY),
    "accessibility": (ACCESSIBILITY_TITLE, ACCESSIBILITY_BODY),
}
