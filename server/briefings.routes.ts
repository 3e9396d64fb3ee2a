/** `GET /api/v1/briefings/:date?format=json|csv|md|html|pdf`: the daily briefing in the format asked for. */
import { Router } from 'express';
import type { Request } from 'express';
import { buildBriefing } from './queries/briefings.queries.js';
import type { Briefing } from './queries/briefings.queries.js';
import type { BriefingFormat } from './api-schemas.js';
import { sendCachedBody } from './api-context.js';
import type { ApiContext, RenderedBody } from './api-context.js';
import { renderBriefingCsv } from './render/briefing-csv.js';
import { renderBriefingHtml } from './render/briefing-html.js';
import { renderBriefingMarkdown } from './render/briefing-markdown.js';
import { parseParams, parseQuery } from './validate-request.js';

async function renderBriefing(
  briefing: Briefing,
  format: BriefingFormat,
  baseUrl: string,
): Promise<RenderedBody> {
  switch (format) {
    case 'json':
      return { body: JSON.stringify(briefing), contentType: 'application/json; charset=utf-8' };
    case 'csv':
      return {
        body: renderBriefingCsv(briefing, baseUrl),
        contentType: 'text/csv; charset=utf-8; header=present',
      };
    case 'md':
      return { body: renderBriefingMarkdown(briefing, baseUrl), contentType: 'text/markdown; charset=utf-8' };
    case 'html':
      return { body: renderBriefingHtml(briefing), contentType: 'text/html; charset=utf-8' };
    case 'pdf': {
      // pdfkit and its fonts load on the first PDF asked for rather than on every start.
      const { renderBriefingPdf } = await import('./render/briefing-pdf.js');
      return { body: await renderBriefingPdf(briefing, baseUrl), contentType: 'application/pdf' };
    }
  }
}

/** The origin documents link back to; only a well-formed host is used, else links stay relative. */
function readBaseUrl(req: Request): string {
  const host = req.get('host') ?? '';
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(host)
    ? `${req.protocol}://${host}`
    : '';
}

export function createBriefingsRouter(context: ApiContext): Router {
  const router = Router();
  router.get('/briefings/:date', async (req, res) => {
    const { date } = parseParams(context.schemas.briefingParams, req.params);
    const { format } = parseQuery(context.schemas.briefingQuery, req.query);
    const baseUrl = readBaseUrl(req);
    if (format !== 'json' && format !== 'html') {
      res.setHeader('Content-Disposition', `inline; filename="briefing-${date}.${format}"`);
    }
    await sendCachedBody(res, context, `briefing|${date}|${format}|${baseUrl}`, async () =>
      renderBriefing(await buildBriefing(date), format, baseUrl),
    );
  });
  return router;
}
