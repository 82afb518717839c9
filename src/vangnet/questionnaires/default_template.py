"""The shipped evaluation questionnaire (Evaluatiegesprek), written from the method.

Method (docs/questionnaires.md, method.md "Evaluation"): the participant scores themself on the
*meedoen* domain of Positive Health for now and for one year ago (retrospective post-then-pre);
open questions on the personal situation, the experience of taking part and its influence on
perceived social support; a few items for sub-goals b (meaningful), e (safe place) and
f (own group). Dutch at B1 level, English beside it. Data only: the service builds it.
"""

from __future__ import annotations

DEFAULT_KEY = "evaluatiegesprek"
DEFAULT_NAME = "Evaluatiegesprek"

_AGREE = [
    {"value": "oneens", "nl": "Niet mee eens", "en": "Disagree"},
    {"value": "beetje", "nl": "Een beetje", "en": "A little"},
    {"value": "eens", "nl": "Mee eens", "en": "Agree"},
    {"value": "weet_niet", "nl": "Weet ik niet", "en": "Don't know"},
]

DEFAULT_SECTIONS: list[dict] = [
    {
        "title_nl": "Hoe gaat het met je?",
        "title_en": "How are you doing?",
        "help_nl": "We beginnen met je eigen situatie. Je vertelt alleen wat je wilt vertellen.",
        "help_en": "We start with your own situation. You only share what you want to share.",
        "items": [
            {
                "key": "situatie",
                "kind": "open",
                "text_nl": "Hoe gaat het nu met je? Wat is er in het afgelopen jaar veranderd?",
                "text_en": "How are you doing now? What has changed in the past year?",
                "help_nl": "Bijvoorbeeld thuis, in de buurt, met familie of vrienden.",
                "help_en": "For example at home, in the neighbourhood, with family or friends.",
            },
        ],
    },
    {
        "title_nl": "Meedoen",
        "title_en": "Taking part",
        "help_nl": (
            "Meedoen is een onderdeel van Positieve Gezondheid. Het gaat over contact met "
            "anderen, erbij horen en dingen doen die je belangrijk vindt."
        ),
        "help_en": (
            "Taking part (meedoen) is a domain of Positive Health. It is about contact with "
            "others, belonging and doing things that matter to you."
        ),
        "items": [
            {
                "key": "meedoen",
                "kind": "post_then_pre",
                "required": True,
                "text_nl": (
                    "Welk cijfer geef je jezelf voor meedoen? Eerst: hoe is het nu? "
                    "Daarna: hoe was het een jaar geleden?"
                ),
                "text_en": (
                    "What score do you give yourself for taking part? First: how is it now? "
                    "Then: how was it one year ago?"
                ),
                "help_nl": "0 is heel slecht, 10 is heel goed. Er is geen goed of fout antwoord.",
                "help_en": "0 is very bad, 10 is very good. There is no right or wrong answer.",
            },
            {
                "key": "meedoen_toelichting",
                "kind": "open",
                "text_nl": "Kun je uitleggen waarom je deze cijfers geeft?",
                "text_en": "Can you explain why you give these scores?",
            },
        ],
    },
    {
        "title_nl": "De groep",
        "title_en": "The group",
        "help_nl": "Nu gaat het over de groep en wat je daar doet.",
        "help_en": "Now we talk about the group and what you do there.",
        "items": [
            {
                "key": "ervaring",
                "kind": "open",
                "text_nl": "Hoe is het voor je om mee te doen met de groep?",
                "text_en": "What is it like for you to take part in the group?",
                "help_nl": "Wat vind je fijn? Wat vind je lastig?",
                "help_en": "What do you like? What do you find hard?",
            },
            {
                "key": "zinvol",
                "kind": "scale",
                "text_nl": (
                    "Hoe zinvol vind je wat je in de groep doet? Geef een cijfer van 0 tot 10."
                ),
                "text_en": (
                    "How meaningful is what you do in the group? Give a score from 0 to 10."
                ),
                "help_nl": "0 is helemaal niet zinvol, 10 is heel zinvol.",
                "help_en": "0 is not meaningful at all, 10 is very meaningful.",
            },
            {
                "key": "veilig",
                "kind": "scale",
                "text_nl": (
                    "Hoe veilig voel je je in de groep? Durf je daar jezelf te zijn? "
                    "Geef een cijfer van 0 tot 10."
                ),
                "text_en": (
                    "How safe do you feel in the group? Do you dare to be yourself there? "
                    "Give a score from 0 to 10."
                ),
                "help_nl": "0 is helemaal niet veilig, 10 is heel veilig.",
                "help_en": "0 is not safe at all, 10 is very safe.",
            },
            {
                "key": "eigen_groep",
                "kind": "scale",
                "text_nl": (
                    "Voelt de groep als je eigen groep, als 'onze club'? "
                    "Geef een cijfer van 0 tot 10."
                ),
                "text_en": (
                    "Does the group feel like your own group, like 'our club'? "
                    "Give a score from 0 to 10."
                ),
                "help_nl": "0 is helemaal niet, 10 is helemaal wel.",
                "help_en": "0 is not at all, 10 is completely.",
            },
            {
                "key": "bijdrage",
                "kind": "choice",
                "text_nl": "Ik help mee om de activiteiten te organiseren.",
                "text_en": "I help to organise the activities.",
                "choices": _AGREE,
            },
        ],
    },
    {
        "title_nl": "Steun",
        "title_en": "Support",
        "help_nl": "Steun kan van alles zijn: gezelschap, een luisterend oor, praktische hulp.",
        "help_en": "Support can be many things: company, a listening ear, practical help.",
        "items": [
            {
                "key": "steun",
                "kind": "open",
                "text_nl": (
                    "Heeft de groep invloed op de steun die je ervaart? "
                    "Heb je nu meer mensen bij wie je terecht kunt?"
                ),
                "text_en": (
                    "Does the group influence the support you experience? "
                    "Do you now have more people you can turn to?"
                ),
                "help_nl": "Bijvoorbeeld samen iets doen, praten als het moeilijk is, meegaan.",
                "help_en": "For example doing things together, talking when it is hard, "
                "going along somewhere.",
            },
            {
                "key": "steun_geven",
                "kind": "choice",
                "text_nl": "Ik help of steun zelf ook anderen uit de groep.",
                "text_en": "I also help or support others in the group myself.",
                "choices": _AGREE,
            },
            {
                "key": "tips",
                "kind": "open",
                "text_nl": "Wat zou de groep of de sociaal werker beter kunnen doen?",
                "text_en": "What could the group or the social worker do better?",
            },
        ],
    },
]
