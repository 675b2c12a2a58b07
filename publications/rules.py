import rules

from accounts.rules import is_editor

rules.add_perm("publications.manage_library", is_editor)
