"""Every OAI-PMH verb's response, errors included, validated against the official XSDs (vendored in
publications/tests/data/oai/, see its README) with lxml, the schema locations resolved to the local
copies and the network refused."""

from pathlib import Path

import pytest
from lxml import etree

from publications import oai

from .factories import PublicationFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "data" / "oai"
LOCATIONS = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": "oai_dc.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
}


class LocalSchemas(etree.Resolver):
    def resolve(self, url, public_id, context):
        name = LOCATIONS.get(url) or (Path(url).name if url and url.startswith(str(SCHEMAS)) else None)
        if name is None:
            raise AssertionError(f"schema {url} is not vendored")
        return self.resolve_filename(str(SCHEMAS / name), context)


def _schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def official_schemas() -> tuple[etree.XMLSchema, etree.XMLSchema]:
    # the OAI-PMH schema takes the record metadata with processContents="strict": the oai_dc schema
    # is imported alongside it so that the Dublin Core in each record is validated too
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="{oai.OAI_NS}" schemaLocation="{SCHEMAS / "OAI-PMH.xsd"}"/>
      <xs:import namespace="{oai.OAI_DC_NS}" schemaLocation="{SCHEMAS / "oai_dc.xsd"}"/>
    </xs:schema>"""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas())
    both = etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=str(SCHEMAS / "all.xsd")))
    return both, _schema("oai_dc.xsd")


@pytest.fixture(scope="module")
def schemas():
    return official_schemas()


def _valid(client, schemas, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    document = etree.fromstring(response.content, etree.XMLParser(no_network=True, resolve_entities=False))
    both, dublin_core = schemas
    assert both.validate(document), both.error_log.filter_from_errors()
    for dc in document.iterfind(f".//{{{oai.OAI_DC_NS}}}dc"):
        assert dublin_core.validate(etree.ElementTree(dc)), dublin_core.error_log.filter_from_errors()
    return document


RECORD = f"""<OAI-PMH xmlns="{oai.OAI_NS}"><responseDate>2026-01-01T00:00:00Z</responseDate>
<request verb="GetRecord">http://testserver/oai</request><GetRecord><record><header>
<identifier>oai:x:1</identifier><datestamp>2026-01-01T00:00:00Z</datestamp></header><metadata>
<oai_dc:dc xmlns:oai_dc="{oai.OAI_DC_NS}" xmlns:dc="{oai.DC_NS}"><dc:ELEMENT>x</dc:ELEMENT></oai_dc:dc>
</metadata></record></GetRecord></OAI-PMH>"""


def test_the_schemas_refuse_a_wrong_response_and_wrong_dublin_core(schemas):
    both, _dc = schemas
    wrong = f'<OAI-PMH xmlns="{oai.OAI_NS}"><responseDate>2026-01-01</responseDate><request/></OAI-PMH>'
    assert not both.validate(etree.fromstring(wrong))
    assert both.validate(etree.fromstring(RECORD.replace("ELEMENT", "title")))
    assert not both.validate(etree.fromstring(RECORD.replace("ELEMENT", "headline")))


@pytest.fixture
def publications():
    first = PublicationFactory(
        slug="research-report", title="Research report", doi="10.5281/zenodo.1", authors=[("Ana", "ESN")]
    )
    PublicationFactory(slug="factsheet", title="Factsheet & <notes>")
    return first


def test_every_verb_is_valid_against_the_official_schemas(client, schemas, publications):
    identifier = oai.oai_identifier(publications)
    _valid(client, schemas, verb="Identify")
    _valid(client, schemas, verb="ListMetadataFormats")
    _valid(client, schemas, verb="ListMetadataFormats", identifier=identifier)
    _valid(client, schemas, verb="ListSets")
    listed = _valid(client, schemas, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(listed.findall(f".//{{{oai.OAI_NS}}}header")) == 2
    records = _valid(client, schemas, verb="ListRecords", metadataPrefix="oai_dc")
    assert len(records.findall(f".//{{{oai.OAI_DC_NS}}}dc")) == 2
    record = _valid(client, schemas, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    titles = record.findall(f".//{{{oai.DC_NS}}}title")
    assert [t.text for t in titles] == ["Research report"]


def test_resumption_pages_are_valid(client, schemas, monkeypatch):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    for i in range(5):
        PublicationFactory(slug=f"p{i}", title=f"Publication {i}")
    first = _valid(client, schemas, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(f".//{{{oai.OAI_NS}}}resumptionToken")
    assert token is not None and token.text
    _valid(client, schemas, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind")
    second = _valid(client, schemas, verb="ListRecords", resumptionToken=token.text)
    assert len(second.findall(f".//{{{oai.OAI_NS}}}record")) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Dance"},
        {},
        {"verb": "GetRecord", "identifier": "oai:siem-project.eu:publication/nope", "metadataPrefix": "oai_dc"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "Identify", "extra": "1"},
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
        {"verb": "ListRecords", "resumptionToken": "garbage!"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
        {"verb": "ListSets", "resumptionToken": "x"},
        {"verb": "ListMetadataFormats", "identifier": "oai:siem-project.eu:publication/nope"},
    ],
)
def test_every_error_is_valid_against_the_official_schema(client, schemas, params):
    document = _valid(client, schemas, **params)
    assert document.find(f"{{{oai.OAI_NS}}}error") is not None
