from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from .registry import registry


def home(request):
    sections = []
    for section in registry.home:
        context = section.context()
        if context is not None:
            sections.append({"key": section.key, "template": section.template, "context": context})
    return render(request, "home.html", {"sections": sections})


class ManageIndexView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """/manage/: the staff roles' start page, one link per area the person may manage."""

    template_name = "manage/index.html"
    permission_required = "accounts.view_manage"

    def get_context_data(self, **kwargs):
        links = []
        for link in registry.manage:
            if link.visible and not link.visible(self.request.user):
                continue
            try:
                links.append({"label": link.label, "url": reverse(link.url_name), "description": link.description})
            except NoReverseMatch:
                continue
        return {**super().get_context_data(**kwargs), "links": links}


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)
