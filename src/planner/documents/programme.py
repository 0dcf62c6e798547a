"""The programme: on every seat (attendees) or on the website (public)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from . import parts, templates
from .base import RenderContext

LABEL = "Programme"


def story(ctx: RenderContext) -> list[Flowable]:
    sheet = ctx.sheet
    width = ctx.pagesize[0] - 2 * templates.MARGIN
    flow: list[Flowable] = parts.title_block(ctx)
    # The rule's notice sits right under the date line, where nobody can miss it.
    flow.extend(parts.notices(ctx, width))
    named = any(not person.withheld for group in sheet.cast for person in group.people)
    if sheet.cast_withheld and not named:
        # Nobody in the cast may be named: the count goes under the rule that withholds them,
        # instead of a section of one line at the end (often alone on a last page).
        flow.append(ctx.p(f"{sheet.cast_withheld}.", ctx.styles.withheld))
    if sheet.concept_note:
        about = ctx.paragraphs(sheet.concept_note, ctx.styles.body)
        flow.extend(parts.section(ctx, "About this event", about))
    if sheet.agenda:
        flow.extend(parts.section(ctx, "Programme", parts.timetables(ctx, sheet.agenda, width)))
    contact = [Spacer(1, 10), ctx.p(sheet.contact, ctx.styles.note)] if sheet.contact else []
    if named:
        cast = parts.cast_block(
            ctx, sheet.cast, long_bios=False, withheld=sheet.cast_withheld, after=contact
        )
        flow.extend(parts.section(ctx, "Chair and speakers", cast))
    else:
        flow.extend(contact)
    return flow


def render(ctx: RenderContext) -> bytes:
    ctx.draft = ctx.sheet.status == "draft"  # DRAFT on every page until the event is planned
    return templates.build(ctx, story(ctx), LABEL)
