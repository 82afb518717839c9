"""Erasure: when a participant is erased (privacy.services.person_erase writes an
ErasureRecord), the free text of their interviews goes too: report versions, quoted
passages, member-check notes and the place. The interview, its states and its coding stay,
so the counts in the thematic report stay correct."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from vangnet.privacy.models import ErasureRecord


@receiver(post_save, sender=ErasureRecord, dispatch_uid="interviews_erase_texts")
def erase_interview_texts(sender, instance, created, **kwargs):
    if created:
        from vangnet.interviews.services import interview_texts_erase

        interview_texts_erase(participant_id=instance.participant_id)
