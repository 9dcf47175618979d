import ExcelJS from 'exceljs';
import { clusterCells, commentCells, summaryPairs, unitCells } from './report-render';
import type { ReportSnapshot } from './report-snapshot';

/** The participation report as a workbook: summary, comments, clusters and units on four sheets. */
export async function renderXlsx(r: ReportSnapshot, full: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongyi-consult';
  wb.created = new Date(r.publishedAt);
  const summary = wb.addWorksheet('概况 Summary');
  summary.columns = [{ width: 36 }, { width: 90 }];
  for (const pair of summaryPairs(r)) summary.addRow(pair);
  const sheet = (name: string, t: { head: string[]; rows: string[][] }) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.head).font = { bold: true };
    // Values go in as strings: cell text is never interpreted as a formula.
    for (const row of t.rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 18));
  };
  sheet('意见 Comments', commentCells(r, full));
  sheet('聚类 Clusters', clusterCells(r));
  sheet('条款 Units', unitCells(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
