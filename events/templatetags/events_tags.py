from django import template

register = template.Library()


@register.filter
def answer_to(answers: dict, question) -> str:
    """A registration's answer to a question as people read it: multiple choices joined, a text or a
    single choice as given (also when the question's kind changed after the answer)."""
    value = (answers or {}).get(question.code, "")
    return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
