"""Atom feeds of published stories: all of them, or any filter of the list page."""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors

FEED_SIZE = 30


class StoryFeed(Feed):
    feed_type = Atom1Feed
    subtitle = _("Mobility stories by students from every background, on the Erasmus Impact Portal.")
    # RFC 4287 4.1.1: the feed has an author, so that entries of anonymous stories need none
    author_name = _("Erasmus Impact Portal")

    def get_object(self, request, *args, **kwargs):
        return selectors.story_filters_clean(request.GET)

    def title(self, obj):
        return _("Stories: Erasmus Impact Portal")

    def link(self, obj):
        query = urlencode(obj)
        return reverse("testimonials:list") + (f"?{query}" if query else "")

    def feed_url(self, obj):
        query = urlencode(obj)
        return reverse("testimonials:feed") + (f"?{query}" if query else "")

    def items(self, obj):
        qs = selectors.stories_filter(selectors.stories_public(), obj)
        if "q" not in obj:
            qs = qs.order_by("-published_at")
        return selectors.stories_for_cards(qs)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # already sanitised; the feed generator escapes it once more inside the XML
        return item.body_html

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        # an anonymous story has no author in the feed at all
        return item.named_author

    def item_categories(self, item):
        return [item.get_mobility_type_display(), item.get_kind_display()]
