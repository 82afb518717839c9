"""The shipped questionnaire speaks to the participant with "je", like the rest of Vangnet
(B1): participants now fill it in themselves in Mijn Vangnet."""

import re

from vangnet.questionnaires.default_template import DEFAULT_SECTIONS

FORMAL = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)


def _dutch_texts():
    for section in DEFAULT_SECTIONS:
        yield section["title_nl"]
        yield section.get("help_nl", "")
        for item in section["items"]:
            yield item["text_nl"]
            yield item.get("help_nl", "")
            yield from (choice["nl"] for choice in item.get("choices", []))


def test_no_formal_you_in_the_shipped_questionnaire():
    texts = list(_dutch_texts())
    assert len(texts) > 20
    assert [text for text in texts if FORMAL.search(text)] == []
