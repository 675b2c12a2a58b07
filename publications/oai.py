"""OAI-PMH 2.0 data provider for the library (oai_dc), so repositories and aggregators can harvest it.

Items are the published publications; sets are their kinds (``kind:factsheet``), children of the set
``kind``. Lists come in pages of ``PAGE_SIZE`` with a resumption token that carries the request's
arguments and the next offset, signed (``django.core.signing``) so that a crafted one is refused as
badResumptionToken, and valid for ``TOKEN_MAX_AGE`` seconds. Identifiers are
``oai:<OAI_REPOSITORY_IDENTIFIER>:publication/<slug>``, the domain taken from settings, never from the
request.
"""

import re
from datetime import UTC, datetime, time, timedelta
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .enums import PublicationKind
from .models import Publication

PAGE_SIZE = 50
TOKEN_MAX_AGE = 24 * 60 * 60
RESUMPTION_SALT = "publications.oai.resumption"
LIST_ARGUMENTS = {"metadataPrefix", "from", "until", "set"}
# control characters cannot be written in XML 1.0 nor stored by PostgreSQL
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ET.register_namespace("", OAI_NS)
ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("xsi", XSI_NS)

VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _repository_host() -> str:
    return settings.OAI_REPOSITORY_IDENTIFIER


def oai_identifier(publication: Publication) -> str:
    return f"oai:{_repository_host()}:publication/{publication.slug}"


def _slug_from_identifier(identifier: str) -> str | None:
    prefix = f"oai:{_repository_host()}:publication/"
    return identifier[len(prefix) :] if identifier.startswith(prefix) else None


def _datestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_date(value: str, *, end: bool) -> datetime:
    """The bound a ``from``/``until`` argument sets: ``until`` covers its whole day or second.

    Datestamps are shown to the second while ``updated_at`` has microseconds: ``until=<a record's
    datestamp>`` must find that record, so an end bound is the start of the next second (or day),
    excluded.
    """
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d").date()
            start = datetime.combine(day, time.min, tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        start = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return start + timedelta(seconds=1) if end else start
    except (ValueError, OverflowError) as exc:
        raise OAIError("badArgument", f"Not a valid UTC date: {value}") from exc


def _encode_token(offset: int, args: dict) -> str:
    return signing.dumps({"offset": offset, "args": args}, salt=RESUMPTION_SALT, compress=True)


def _decode_token(token: str) -> tuple[int, dict]:
    """The offset and arguments of a token this repository made, or badResumptionToken."""
    invalid = OAIError("badResumptionToken", "The resumption token is invalid or expired.")
    try:
        data = signing.loads(token, salt=RESUMPTION_SALT, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError, OverflowError, UnicodeError):
        raise invalid from None
    if not isinstance(data, dict):
        raise invalid
    offset, args = data.get("offset"), data.get("args")
    # a signed token was made here, but its shape is checked anyway (an old format, a changed limit)
    if type(offset) is not int or not 0 < offset <= 10_000_000 or not isinstance(args, dict):
        raise invalid
    if set(args) - LIST_ARGUMENTS or not all(isinstance(v, str) for v in args.values()):
        raise invalid
    return offset, args


def _dc_metadata(parent, publication: Publication, request) -> None:
    dc = ET.SubElement(parent, _q(OAI_DC_NS, "dc"))
    dc.set(_q(XSI_NS, "schemaLocation"), f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(tag, text):
        if text:
            ET.SubElement(dc, _q(DC_NS, tag)).text = str(text)

    add("title", publication.title)
    for author in publication.authors.all():
        add("creator", author.name)
    if not publication.authors.all():
        add("creator", "SIEM project")
    for topic in publication.topics.all():
        add("subject", topic.get_topic_display())
    add("description", publication.summary)
    add("publisher", "Erasmus Student Network")
    add("date", publication.published_on.isoformat())
    add("type", "Text")
    add("type", publication.get_kind_display())
    add("format", "application/pdf")
    add("identifier", request.build_absolute_uri(publication.get_absolute_url()))
    if publication.doi:
        add("identifier", f"https://doi.org/{publication.doi}")
    languages = sorted({v.language for e in publication.editions.all() if e.is_current for v in e.versions.all()})
    for language in languages:
        add("language", language)
    add("rights", publication.licence_url or publication.get_licence_display())


def _header(parent, publication: Publication):
    header = ET.SubElement(parent, _q(OAI_NS, "header"))
    ET.SubElement(header, _q(OAI_NS, "identifier")).text = oai_identifier(publication)
    ET.SubElement(header, _q(OAI_NS, "datestamp")).text = _datestamp(publication.updated_at)
    ET.SubElement(header, _q(OAI_NS, "setSpec")).text = f"kind:{publication.kind}"
    return header


def _items(args: dict):
    qs = Publication.objects.filter(is_published=True).order_by("pk")
    if args.get("set"):
        spec = args["set"]
        kind = spec.removeprefix("kind:")
        if spec == "kind":
            pass  # the parent set: every item has a kind
        elif not spec.startswith("kind:") or kind not in PublicationKind.values:
            raise OAIError("noRecordsMatch", "No set of that name.")
        else:
            qs = qs.filter(kind=kind)
    if args.get("from"):
        qs = qs.filter(updated_at__gte=_parse_date(args["from"], end=False))
    if args.get("until"):
        qs = qs.filter(updated_at__lt=_parse_date(args["until"], end=True))
    if args.get("from") and args.get("until") and len(args["from"]) != len(args["until"]):
        raise OAIError("badArgument", "from and until must have the same granularity.")
    return qs


def _list(root, verb: str, args: dict, request) -> None:
    token = args.get("resumptionToken")
    if token:
        if len(args) > 1:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        offset, args = _decode_token(token)
    else:
        offset = 0
    if args.get("metadataPrefix") != "oai_dc":
        raise OAIError("cannotDisseminateFormat", "Only oai_dc is offered.")
    qs = _items(args)
    total = qs.count()
    page = list(
        qs.prefetch_related("authors", "topics", "editions__versions")[offset : offset + PAGE_SIZE]
        if verb == "ListRecords"
        else qs[offset : offset + PAGE_SIZE]
    )
    if not page:
        if token:  # the list changed under the harvester, or the token points past it
            raise OAIError("badResumptionToken", "The resumption token is invalid or expired.")
        raise OAIError("noRecordsMatch", "No records match the request.")
    container = ET.SubElement(root, _q(OAI_NS, verb))
    for publication in page:
        if verb == "ListIdentifiers":
            _header(container, publication)
        else:
            record = ET.SubElement(container, _q(OAI_NS, "record"))
            _header(record, publication)
            _dc_metadata(ET.SubElement(record, _q(OAI_NS, "metadata")), publication, request)
    if offset or total > offset + PAGE_SIZE:
        element = ET.SubElement(container, _q(OAI_NS, "resumptionToken"))
        element.set("completeListSize", str(total))
        element.set("cursor", str(offset))
        if total > offset + PAGE_SIZE:
            element.set("expirationDate", _datestamp(timezone.now() + timedelta(seconds=TOKEN_MAX_AGE)))
            element.text = _encode_token(offset + PAGE_SIZE, args)


def _respond(root) -> HttpResponse:
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai_endpoint(request):
    params = request.GET if request.method == "GET" else request.POST
    root = ET.Element(_q(OAI_NS, "OAI-PMH"))
    root.set(_q(XSI_NS, "schemaLocation"), f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    ET.SubElement(root, _q(OAI_NS, "responseDate")).text = _datestamp(timezone.now())
    request_element = ET.SubElement(root, _q(OAI_NS, "request"))
    request_element.text = request.build_absolute_uri(request.path)
    verb = params.get("verb", "")
    try:
        if len(params.getlist("verb")) > 1:
            raise OAIError("badVerb", "The verb is repeated.")
        if verb not in VERBS:
            raise OAIError("badVerb", "Illegal OAI verb." if verb else "No verb given.")
        if any(len(params.getlist(key)) > 1 for key in params):
            raise OAIError("badArgument", "An argument is repeated.")
        if any(CONTROL.search(key) or CONTROL.search(value) for key, value in params.items()):
            raise OAIError("badArgument", "An argument holds a control character.")
        args = {key: params.get(key) for key in params if key != "verb"}
        required, optional = VERBS[verb]
        if set(args) - required - optional:
            raise OAIError("badArgument", f"Illegal arguments: {', '.join(sorted(set(args) - required - optional))}")
        if not args.get("resumptionToken") and required - set(args):
            raise OAIError("badArgument", f"Missing arguments: {', '.join(sorted(required - set(args)))}")
        request_element.set("verb", verb)
        for key, value in args.items():
            request_element.set(key, value)
        _dispatch(root, verb, args, request)
    except OAIError as error:
        if error.code in ("badVerb", "badArgument"):
            # the protocol asks for a bare request element when the request itself is malformed
            request_element.attrib.clear()
        element = ET.SubElement(root, _q(OAI_NS, "error"))
        element.set("code", error.code)
        element.text = error.message
    return _respond(root)


def _publication_from_identifier(identifier: str) -> Publication:
    slug = _slug_from_identifier(identifier)
    publication = (
        Publication.objects.filter(is_published=True, slug=slug)
        .prefetch_related("authors", "topics", "editions__versions")
        .first()
        if slug
        else None
    )
    if publication is None:
        raise OAIError("idDoesNotExist", f"No item has the identifier {identifier}.")
    return publication


def _dispatch(root, verb: str, args: dict, request) -> None:
    if verb == "Identify":
        identify = ET.SubElement(root, _q(OAI_NS, "Identify"))
        earliest = Publication.objects.filter(is_published=True).order_by("updated_at").first()
        for tag, text in (
            ("repositoryName", "Erasmus Impact Portal library (SIEM)"),
            ("baseURL", request.build_absolute_uri(request.path)),
            ("protocolVersion", "2.0"),
            ("adminEmail", settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">")),
            ("earliestDatestamp", _datestamp(earliest.updated_at) if earliest else "2019-01-01T00:00:00Z"),
            ("deletedRecord", "no"),
            ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
        ):
            ET.SubElement(identify, _q(OAI_NS, tag)).text = text
    elif verb == "ListMetadataFormats":
        if args.get("identifier"):
            _publication_from_identifier(args["identifier"])
        formats = ET.SubElement(root, _q(OAI_NS, "ListMetadataFormats"))
        fmt = ET.SubElement(formats, _q(OAI_NS, "metadataFormat"))
        ET.SubElement(fmt, _q(OAI_NS, "metadataPrefix")).text = "oai_dc"
        ET.SubElement(fmt, _q(OAI_NS, "schema")).text = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        ET.SubElement(fmt, _q(OAI_NS, "metadataNamespace")).text = OAI_DC_NS
    elif verb == "ListSets":
        if args.get("resumptionToken"):
            raise OAIError("badResumptionToken", "ListSets is never split.")
        sets = ET.SubElement(root, _q(OAI_NS, "ListSets"))
        parent = ET.SubElement(sets, _q(OAI_NS, "set"))
        ET.SubElement(parent, _q(OAI_NS, "setSpec")).text = "kind"
        ET.SubElement(parent, _q(OAI_NS, "setName")).text = "Publications by kind"
        for value, label in PublicationKind.choices:
            element = ET.SubElement(sets, _q(OAI_NS, "set"))
            ET.SubElement(element, _q(OAI_NS, "setSpec")).text = f"kind:{value}"
            ET.SubElement(element, _q(OAI_NS, "setName")).text = str(label)
    elif verb == "GetRecord":
        if args["metadataPrefix"] != "oai_dc":
            raise OAIError("cannotDisseminateFormat", "Only oai_dc is offered.")
        publication = _publication_from_identifier(args["identifier"])
        container = ET.SubElement(root, _q(OAI_NS, "GetRecord"))
        record = ET.SubElement(container, _q(OAI_NS, "record"))
        _header(record, publication)
        _dc_metadata(ET.SubElement(record, _q(OAI_NS, "metadata")), publication, request)
    else:
        _list(root, verb, args, request)
