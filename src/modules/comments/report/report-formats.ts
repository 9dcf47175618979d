import { StreamableFile } from '@nestjs/common';
import { HTML, textDocument } from '../../../common/http/text-document';
import type { ReportFormat } from '../dto/report-query.dto';
import { renderCsv, renderHtml } from './report-render';
import type { ReportSnapshot } from './report-snapshot';
import { renderXlsx } from './report-xlsx';

/** The report in the requested format: the snapshot object for JSON, a file otherwise. */
export async function renderReport(r: ReportSnapshot, format: ReportFormat, full: boolean): Promise<object | StreamableFile> {
  const name = `adoption-report-${r.draft.id}-v${r.reportVersion}${full ? '-full' : ''}`;
  switch (format) {
    case 'html':
      return textDocument(renderHtml(r, full), HTML);
    case 'csv':
      return textDocument(renderCsv(r, full), 'text/csv; charset=utf-8', `attachment; filename="${name}.csv"`);
    case 'xlsx':
      return new StreamableFile(await renderXlsx(r, full), {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        disposition: `attachment; filename="${name}.xlsx"`,
      });
    default:
      return r;
  }
}
