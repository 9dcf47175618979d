import type { Basis, Channel, Outcome, Stance } from '../comment.constants';

/** Identifies the shape of `adoption_report.snapshot`, so readers can tell versions apart. */
export const REPORT_FORMAT = 'adoption-report/1';

export type Counts<K extends string> = Partial<Record<K, number>>;

export interface ReportDisposition {
  outcome: Outcome;
  basis: Basis | null;
  reason: string | null;
  /** The cluster the disposition was given with, if any. */
  clusterId: string | null;
}

export interface ReportComment {
  id: string;
  seq: number;
  leafHash: string;
  version: number;
  anchor: string;
  planIndex: number | null;
  unitLabel: string | null;
  quote: { start: number; end: number; text: string } | null;
  stance: Stance;
  channel: Channel;
  receivedAt: string;
  /** Full report: the original name and contact data; public: `{name}` masked. */
  author: { name: string; email?: string | null; phone?: string | null; address?: string | null };
  /** Absent in the public report when the comment is hidden (R7). */
  text?: string;
  hidden: boolean;
  hiddenReason: string | null;
  clusterId: string | null;
  disposition: ReportDisposition;
}

export interface ReportCluster {
  id: string;
  size: number;
  concentrated: boolean;
  sample: { id: string; text: string | null; hidden: boolean };
  outcome: Outcome | null;
  basis: Basis | null;
  reason: string | null;
  commentIds: string[];
}

export interface ReportUnit {
  version: number;
  anchor: string;
  planIndex: number | null;
  label: string | null;
  total: number;
  byStance: Counts<Stance>;
  byOutcome: Counts<Outcome>;
}

/** The participation report (公众参与情况说明, R9) exactly as published. */
export interface ReportSnapshot {
  format: typeof REPORT_FORMAT;
  reportVersion: number;
  publishedAt: string;
  /** Staff who published it (full report only). */
  publishedBy?: { id: string; name: string | null };
  draft: { id: string; title: string | null; version: number; commentOpensAt: string | null; commentClosesAt: string | null };
  /** The comment log at publication: anyone holding a receipt checks their comment against it. */
  log: { treeSize: number; rootHash: string };
  totals: {
    comments: number;
    participants: number;
    hidden: number;
    byChannel: Counts<Channel>;
    byStance: Counts<Stance>;
    byOutcome: Counts<Outcome>;
  };
  concentrationThreshold: number;
  units: ReportUnit[];
  clusters: ReportCluster[];
  comments: ReportComment[];
}
