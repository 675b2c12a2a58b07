from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from siem_portal.permissions import RulesPermission

from .. import selectors
from ..enums import SortOrder
from ..models import Publication
from .serializers import NewsSerializer, PublicationSerializer

LIST_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search metadata and the PDFs' text"),
    OpenApiParameter("kind", OpenApiTypes.STR, many=True),
    OpenApiParameter("audience", OpenApiTypes.STR, many=True),
    OpenApiParameter("topic", OpenApiTypes.STR, many=True),
    OpenApiParameter("language", OpenApiTypes.STR, many=True),
    OpenApiParameter("year", OpenApiTypes.INT, many=True),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=SortOrder.values),
]


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    """The library: published publications, with the same filters and search as /library/."""

    serializer_class = PublicationSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": None, "retrieve": None}
    lookup_field = "slug"
    filter_backends = []

    def list(self, request, *args, **kwargs):
        # the page's count, rows and serialisation all run inside: the search reads the GIN index
        with selectors.full_text_index_scan(selectors.LibraryFilters.from_query(request.query_params)):
            return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if self.action == "list":
            filters = selectors.LibraryFilters.from_query(self.request.query_params)
            qs = selectors.library_search(filters=filters)
        else:
            qs = selectors.publications_public().prefetch_related(
                "authors",
                Prefetch(
                    "editions",
                    queryset=selectors.Edition.objects.filter(is_current=True).prefetch_related("versions"),
                    to_attr="current_editions",
                ),
            )
        return qs.prefetch_related("audiences", "topics")


class NewsViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = NewsSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": None, "retrieve": None}
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return selectors.news_public().prefetch_related(
            Prefetch("publications", queryset=Publication.objects.filter(is_published=True).only("slug"))
        )
