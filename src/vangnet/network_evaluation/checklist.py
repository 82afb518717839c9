"""The checklist of elements (*checklist elementen vangnetwerken*).

The community of practice wrote a checklist "met items op de elementen doelgroep, activiteit,
sociaal werker en te bereiken resultaat" (handbook; docs/network-evaluation.md). The items
below are written from the method's description. The KEYS are stable: answers are stored
by key, so the wording can be improved without losing the history. Never reuse a key for a
different item; retire an item by moving it to RETIRED_KEYS.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    key: str
    text: Promise
    link: str = ""  # a URL name taking the network's id: where this element is kept


@dataclass(frozen=True)
class Group:
    key: str
    title: Promise
    items: tuple[Item, ...]


GROUPS: tuple[Group, ...] = (
    Group(
        "target_group",
        _("Doelgroep"),
        (
            Item(
                "tg_isolation",
                _("De deelnemers wonen zelfstandig in de wijk en missen sociale contacten."),
            ),
            Item("tg_wish", _("De deelnemers willen zelf hun netwerk groter maken.")),
            Item(
                "tg_positive",
                _("We nodigen mensen uit om hun wensen en talenten, niet om hun problemen."),
            ),
            Item("tg_no_intake", _("Er is geen intake: iedereen kan een keer komen kijken.")),
            Item(
                "tg_fit",
                _("We letten erop of meedoen past, voor de persoon en voor de groep."),
            ),
            Item(
                "tg_alternative",
                _("Als meedoen niet past, zoeken we samen met de persoon iets anders."),
            ),
            Item("tg_mixed", _("De groep is gemengd, bijvoorbeeld in leeftijd.")),
        ),
    ),
    Group(
        "activity",
        _("Activiteit"),
        (
            Item("ac_weekly", _("Er is elke week een vaste activiteit.")),
            Item("ac_means", _("De activiteit is een middel om samen iets te doen, geen doel.")),
            Item(
                "ac_contribute",
                _("Iedereen kan naar vermogen bijdragen aan het organiseren."),
            ),
            Item("ac_neighbourhood", _("Er is ook een activiteit voor de buurt.")),
            Item("ac_second", _("Is de activiteit te klein voor iedereen, dan komt er een bij.")),
            Item(
                "ac_place",
                _("De plek is laagdrempelig en voelt als 'onze plek'."),
            ),
            Item(
                "ac_rules",
                _("De groep heeft zelf positieve huisregels gemaakt."),
                link="houserules:detail",
            ),
        ),
    ),
    Group(
        "social_worker",
        _("Sociaal werker"),
        (
            Item("sw_present", _("Ik werk vanuit een presente houding.")),
            Item(
                "sw_bring_together",
                _("Ik breng mensen positief bij elkaar (bouwsteen 1)."),
            ),
            Item(
                "sw_chaos",
                _("Ik zorg voor een sfeer van georganiseerde chaos (bouwsteen 2)."),
            ),
            Item(
                "sw_interpret",
                _("Ik tolk sociaal: ik leg gedrag uit en help bij misverstanden (bouwsteen 3)."),
            ),
            Item(
                "sw_hours",
                _("Ik heb minstens 4 uur per week voor het vangnetwerk."),
            ),
            Item("sw_backup", _("Er is een achterwacht die de groep kent.")),
            Item(
                "sw_reflect",
                _("Ik reflecteer met collega's of een coach op hoe het gaat."),
            ),
            Item(
                "sw_followup",
                _("Ik neem contact op met deelnemers die niet meer komen."),
            ),
        ),
    ),
    Group(
        "results",
        _("Resultaten"),
        (
            Item("rs_core", _("Er is een vaste kern van minstens 15 deelnemers.")),
            Item(
                "rs_reciprocal",
                _("Deelnemers geven en krijgen: de contacten zijn wederkerig."),
            ),
            Item("rs_own_group", _("Deelnemers noemen het 'hun groep'.")),
            Item(
                "rs_support",
                _("Deelnemers steunen elkaar: gezelschap, emotioneel en praktisch."),
            ),
            Item(
                "rs_outside",
                _("Deelnemers zien elkaar ook buiten de groepstijden."),
            ),
            Item(
                "rs_welcome",
                _("De groep verwelkomt zelf nieuwe deelnemers."),
            ),
            Item(
                "rs_continue",
                _("Er zijn afspraken om het vangnetwerk als voorziening voort te zetten."),
            ),
        ),
    ),
)

RETIRED_KEYS: frozenset[str] = frozenset()

ITEMS: dict[str, Item] = {item.key: item for group in GROUPS for item in group.items}
ITEM_GROUP: dict[str, Group] = {item.key: group for group in GROUPS for item in group.items}
ITEM_KEYS: tuple[str, ...] = tuple(ITEMS)

assert len(ITEMS) == sum(len(group.items) for group in GROUPS), "checklist keys must be unique"
