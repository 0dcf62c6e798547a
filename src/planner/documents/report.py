"""The report: public, after the event; refused when the policy refuses it."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.errors import PlannerError, PolicyRefusal

from . import fonts, parts, templates
from .base import RenderContext

LABEL = "Report"


def story(ctx: RenderContext) -> list[Flowable]:
    sheet = ctx.sheet
    report = sheet.report
    if report is None:
        if not sheet.report_refusal:
            raise PlannerError(f"event {sheet.event_id} has no report yet")
        raise PolicyRefusal(
            f"the report of event {sheet.event_id} cannot be rendered: {sheet.report_refusal}",
            list(sheet.report_findings),
        )
    if not (report.summary or report.discussion or report.recommendations):
        raise PlannerError(
            f"event {sheet.event_id} has no report yet: write its summary, discussion or "
            "recommendations first" + (f" (it is published at {report.url})" if report.url else "")
        )
    fonts.ensure_family(fonts.SERIF)  # the report's body face, needed by no other document
    styles = ctx.styles
    width = ctx.pagesize[0] - 2 * templates.MARGIN
    flow: list[Flowable] = parts.title_block(ctx)
    # On the report the notice sits under the title: readers must know what they may quote.
    if report.notices:
        # The policy's notices for the report: part scopes already cleared of names.
        flow.extend(parts.notices(ctx, width, chosen=report.notices))
    else:
        # A sheet built without them: the programme's notices, naming no agenda part.
        flow.extend(parts.notices(ctx, width, name_parts=False))
    if report.summary:
        summary = ctx.paragraphs(report.summary, styles.body_serif)
        flow.extend(parts.section(ctx, "Summary", summary))
    if report.discussion:
        discussion = ctx.paragraphs(report.discussion, styles.body_serif)
        flow.extend(parts.section(ctx, "Discussion", discussion))
    if report.recommendations:
        numbered = parts.numbered(ctx, report.recommendations, style=styles.numbered_serif)
        flow.extend(parts.section(ctx, "Recommendations", numbered))
    if report.publication:
        # Worded by the policy for the rule and the audience: an off-the-record report is
        # never "published at" anywhere, even if an address was recorded.
        flow.append(ctx.p(report.publication, styles.note))
    return flow


def render(ctx: RenderContext) -> bytes:
    return templates.build(ctx, story(ctx), LABEL)
