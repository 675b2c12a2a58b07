"""Who may do what with stories."""

import rules

from accounts.rules import is_moderator, is_verified


@rules.predicate
def is_story_author(user, story=None):
    return bool(story is not None and user and user.is_authenticated and story.author_id == user.pk)


# posting needs a confirmed email address
rules.add_perm("testimonials.add_story", is_verified)
rules.add_perm("testimonials.change_story", is_verified & is_story_author)
# an author never decides on their own story, even when they are a moderator
rules.add_perm("testimonials.moderate_story", is_moderator & ~is_story_author)
rules.add_perm("testimonials.view_story_identity", is_moderator)
