from xml.etree import ElementTree as ET

import pytest

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
    assert identifier == "oai:127.0.0.1:publication/research-report"
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
            {"verb": "GetRecord", "identifier": "oai:127.0.0.1:publication/nope", "metadataPrefix": "oai_dc"},
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
