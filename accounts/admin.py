from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import EmailOptOut, Membership, Notification, Organisation, PrivacyExport, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "country", "is_staff", "is_superuser", "date_joined"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "preferred_language", "country")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "erasmus_code"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "erasmus_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "status", "attempts"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["recipient"]


admin.site.register(EmailOptOut)


@admin.register(PrivacyExport)
class PrivacyExportAdmin(admin.ModelAdmin):
    # the file is the person's data: downloaded by that person only, from /me/privacy/
    exclude = ["file"]
    list_display = ["created_at", "user", "status", "size"]
    list_filter = ["status"]
    raw_id_fields = ["user"]
