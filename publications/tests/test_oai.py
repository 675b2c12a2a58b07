import base64
import json
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
import time_machine
from django.core import signing
from django.test import override_settings
from django.utils import timezone

from publications import oai

from .factories import PublicationFactory

pytestmark = pytest.mark.django_db

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}


def get(client, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 (our own response, in a test)
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert root.find("oai:responseDate", NS).text.endswith("Z")
    return root


def error_code(root):
    error = root.find("oai:error", NS)
    return error is not None and error.get("code")


def test_identify(client):
    root = get(client, verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.find("oai:protocolVersion", NS).text == "2.0"
    assert identify.find("oai:baseURL", NS).text == "http://testserver/oai"
    assert identify.find("oai:granularity", NS).text == "YYYY-MM-DDThh:mm:ssZ"
    assert root.find("oai:request", NS).get("verb") == "Identify"


def test_list_metadata_formats_and_sets(client):
    root = get(client, verb="ListMetadataFormats")
    assert [e.text for e in root.iterfind(".//oai:metadataPrefix", NS)] == ["oai_dc"]
    root = get(client, verb="ListSets")
    assert "kind:factsheet" in [e.text for e in root.iterfind(".//oai:setSpec", NS)]


def test_get_record_in_dublin_core(client):
    publication = PublicationFactory(
        slug="research-report", title="Research report", doi="10.5281/zenodo.1", authors=[("Ana", "ESN")]
    )
    identifier = oai.oai_identifier(publication)
    assert identifier == "oai:siem-project.eu:publication/research-report"
    root = get(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    record = root.find("oai:GetRecord/oai:record", NS)
    assert record.find("oai:header/oai:identifier", NS).text == identifier
    assert record.find("oai:header/oai:setSpec", NS).text == "kind:factsheet"
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.find("dc:title", NS).text == "Research report"
    assert dc.find("dc:creator", NS).text == "Ana"
    identifiers = [e.text for e in dc.iterfind("dc:identifier", NS)]
    assert identifiers == ["http://testserver/library/research-report/", "https://doi.org/10.5281/zenodo.1"]


def test_list_records_pages_with_resumption_token(client, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    for _ in range(5):
        PublicationFactory()
    PublicationFactory(is_published=False)
    seen = []
    root = get(client, verb="ListRecords", metadataPrefix="oai_dc")
    while True:
        seen += [e.text for e in root.iterfind(".//oai:header/oai:identifier", NS)]
        token = root.find(".//oai:resumptionToken", NS)
        assert token.get("completeListSize") == "5"
        if not token.text:
            break
        root = get(client, verb="ListRecords", resumptionToken=token.text)
    assert len(seen) == len(set(seen)) == 5


def test_list_identifiers_by_set_and_date(client):
    PublicationFactory(kind="manual")
    PublicationFactory(kind="factsheet")
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:manual")
    assert len(root.findall(".//oai:header", NS)) == 1
    assert root.find(".//oai:metadata", NS) is None
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2000-01-01")
    assert error_code(root) == "noRecordsMatch"


@pytest.mark.parametrize(
    "params, code",
    [
        ({"verb": "Dance"}, "badVerb"),
        ({}, "badVerb"),
        (
            {"verb": "GetRecord", "identifier": "oai:siem-project.eu:publication/nope", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        ({"verb": "GetRecord", "identifier": "something-else", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "garbage!"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc"}, "noRecordsMatch"),
    ],
)
def test_errors(client, params, code):
    root = get(client, **params)
    assert error_code(root) == code
    if code in ("badVerb", "badArgument"):
        assert root.find("oai:request", NS).get("verb") is None


def _forged(data) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        _forged({"offset": -50, "args": {"metadataPrefix": "oai_dc"}}),
        _forged({"offset": 10**30, "args": {"metadataPrefix": "oai_dc"}}),
        _forged({"offset": "50", "args": {"metadataPrefix": "oai_dc"}}),
        _forged({"offset": 50, "args": ["metadataPrefix"]}),
        _forged([1, 2, 3]),
        # signed with this repository's key but of a shape it never makes
        signing.dumps({"offset": -50, "args": {"metadataPrefix": "oai_dc"}}, salt=oai.RESUMPTION_SALT),
        signing.dumps({"offset": 10**30, "args": {"metadataPrefix": "oai_dc"}}, salt=oai.RESUMPTION_SALT),
        signing.dumps({"offset": True, "args": {"metadataPrefix": "oai_dc"}}, salt=oai.RESUMPTION_SALT),
        signing.dumps({"offset": 50, "args": {"metadataPrefix": 1}}, salt=oai.RESUMPTION_SALT),
        signing.dumps({"offset": 50, "args": {"evil": "x"}}, salt=oai.RESUMPTION_SALT),
        # signed for another purpose
        signing.dumps({"offset": 50, "args": {"metadataPrefix": "oai_dc"}}),
        "",
        "a" * 5000,
        "Zm9v:bar:baz",
    ],
    # signed tokens carry a timestamp: ids by position keep the test list the same for every xdist worker
    ids=lambda token: None if len(str(token)) < 40 and ":" not in str(token) else "token",
)
def test_crafted_resumption_tokens_are_refused_not_a_server_error(client, token):
    PublicationFactory()
    for verb in ("ListRecords", "ListIdentifiers"):
        root = get(client, verb=verb, resumptionToken=token)
        assert error_code(root) == ("badResumptionToken" if token else "badArgument")


def test_a_tampered_or_expired_token_is_refused_and_a_fresh_one_works(client, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 1)
    PublicationFactory()
    PublicationFactory()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
        element = first.find(".//oai:resumptionToken", NS)
        token = element.text
        assert element.get("expirationDate").endswith("Z")
        payload, _sep, signature = token.rpartition(":")
        tampered = payload + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]
        assert error_code(get(client, verb="ListIdentifiers", resumptionToken=tampered)) == "badResumptionToken"
        second = get(client, verb="ListIdentifiers", resumptionToken=token)
        assert len(second.findall(".//oai:header", NS)) == 1
        traveller.shift(timedelta(seconds=oai.TOKEN_MAX_AGE + 1))
        assert error_code(get(client, verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"


def test_until_is_inclusive_at_the_granularity_of_the_datestamps(client):
    for _ in range(10):
        PublicationFactory()
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    headers = root.findall(".//oai:header", NS)
    assert len(headers) == 10
    for header in headers:
        stamp = header.find("oai:datestamp", NS).text
        found = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": stamp, "until": stamp})
        identifiers = [e.text for e in found.iterfind(".//oai:header/oai:identifier", NS)]
        assert header.find("oai:identifier", NS).text in identifiers
        day = stamp[:10]
        by_day = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": day, "until": day})
        assert len(by_day.findall(".//oai:header", NS)) == 10


def test_the_parent_set_of_the_kinds_is_listed_and_accepted(client):
    PublicationFactory(kind="manual")
    PublicationFactory(kind="factsheet")
    specs = [e.text for e in get(client, verb="ListSets").iterfind(".//oai:setSpec", NS)]
    assert specs[0] == "kind"
    assert "kind:manual" in specs
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind")
    assert len(root.findall(".//oai:header", NS)) == 2


def test_a_repeated_verb_is_a_bad_verb_and_a_repeated_argument_a_bad_argument(client):
    response = client.get("/oai?verb=Identify&verb=Identify")
    assert error_code(ET.fromstring(response.content)) == "badVerb"  # noqa: S314 (our own response)
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_code(ET.fromstring(response.content)) == "badArgument"  # noqa: S314 (our own response)


def test_control_characters_and_far_dates_are_bad_arguments(client):
    PublicationFactory()
    assert error_code(get(client, verb="GetRecord", metadataPrefix="oai_dc", identifier="oai:x\x00")) == "badArgument"
    far = {"from": "9999-12-31T23:59:59Z", "until": "9999-12-31T23:59:59Z"}
    assert error_code(get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **far)) == "badArgument"


@override_settings(OAI_REPOSITORY_IDENTIFIER="impact.example.eu")
def test_identifiers_take_their_domain_from_settings_not_from_the_request(client):
    PublicationFactory(slug="guide")
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert root.find(".//oai:header/oai:identifier", NS).text == "oai:impact.example.eu:publication/guide"
    response = client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}, HTTP_HOST="localhost")
    assert b"oai:impact.example.eu:publication/guide" in response.content
    assert b"oai:localhost" not in response.content
