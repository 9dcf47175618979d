// Turning the participant rows (sorted by identity) into people, and people into notices.
import { createHash } from 'node:crypto';
import { maskPersonalData } from '../../../common/privacy/mask';
import type { ConcentratedReason, Disposition, OwnComment, SeatRole } from '../compose/report-notice';
import type { NoticeChannel } from '../notice.types';

/** One row of participant-sql.ts: a comment or a seat of someone. */
export interface ParticipantRow {
  identity: string;
  user_id: string | null;
  name: string | null;
  contact_email: string | null;
  phone: string | null;
  address: string | null;
  source: 'comment' | 'hearing' | 'meeting' | 'follower';
  comment_id: string | null;
  seq: string | number | null;
  label: string | null;
  stance: string | null;
  text: string | null;
  outcome: string | null;
  basis: string | null;
  reason: string | null;
  prev_outcome: string | null;
  prev_basis: string | null;
  prev_reason: string | null;
  account_name: string | null;
  account_email: string | null;
}

export interface Participant {
  recipient: string;
  userId: string | null;
  name: string | null;
  /** A verified account email, or the email an offline author or invitee gave. */
  email: string | null;
  postalAddress: string | null;
  phone: string | null;
  comments: OwnComment[];
  /** The disposition each comment had in the previous report version (corrections only). */
  previous: Map<string, Disposition>;
  seats: SeatRole[];
}

/**
 * The stored recipient key. Account holders are `u.<id>`; anyone else is a hash of their contact
 * identity, so the notice table holds no contact data in its key and the same person (same
 * email across an offline letter and a hearing invitation) is one recipient.
 */
export function recipientOf(identity: string): string {
  if (identity.startsWith('u.')) return identity;
  return `x.${createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 32)}`;
}

function startParticipant(row: ParticipantRow): Participant {
  return {
    recipient: recipientOf(row.identity),
    userId: row.user_id,
    name: null,
    email: row.user_id ? row.account_email : null,
    postalAddress: null,
    phone: null,
    comments: [],
    previous: new Map(),
    seats: [],
  };
}

function absorb(p: Participant, row: ParticipantRow): void {
  p.name ??= (row.user_id ? row.account_name : null) ?? row.name;
  if (!p.userId) {
    p.email ??= row.contact_email;
    p.postalAddress ??= row.address;
    p.phone ??= row.phone;
  }
  if (row.source === 'hearing' || row.source === 'meeting') {
    if (!p.seats.includes(row.source)) p.seats.push(row.source);
  } else if (row.source === 'comment' && row.comment_id) {
    p.comments.push({
      commentId: row.comment_id,
      seq: Number(row.seq),
      label: row.label ?? '',
      stance: row.stance ?? 'other',
      text: row.text ?? '',
      outcome: row.outcome,
      basis: row.basis,
      reason: row.reason,
    });
    p.previous.set(row.comment_id, { outcome: row.prev_outcome, basis: row.prev_basis, reason: row.prev_reason });
  }
}

/** Groups rows sorted by identity into participants; rows of one person may span batches. */
export class ParticipantGrouper {
  private current: Participant | null = null;
  private currentIdentity: string | null = null;

  /** Adds a batch; returns the participants completed by it. */
  push(rows: ParticipantRow[]): Participant[] {
    const done: Participant[] = [];
    for (const row of rows) {
      if (row.identity !== this.currentIdentity) {
        if (this.current) done.push(this.current);
        this.current = startParticipant(row);
        this.currentIdentity = row.identity;
      }
      absorb(this.current!, row);
    }
    return done;
  }

  /** The last participant, once every row has been pushed. */
  flush(): Participant[] {
    const last = this.current ? [this.current] : [];
    this.current = null;
    this.currentIdentity = null;
    return last;
  }
}

/**
 * How a participant is reached: the inbox for every account holder, email when the address is
 * verified (accounts) or was given (offline authors, invitees), a letter for someone with only a
 * postal address; nobody else can be reached, and the public report is how they are told (R10).
 */
export function channelsFor(p: Pick<Participant, 'userId' | 'email' | 'postalAddress'>): Array<{ channel: NoticeChannel; address: string | null }> {
  const out: Array<{ channel: NoticeChannel; address: string | null }> = [];
  if (p.userId) out.push({ channel: 'inbox', address: null });
  if (p.email) out.push({ channel: 'email', address: p.email });
  if (!out.length && p.postalAddress) out.push({ channel: 'letter', address: p.postalAddress });
  if (!out.length) out.push({ channel: 'public', address: null });
  return out;
}

/** The `clusters` of a published report snapshot (adoption-report/1), as far as notices need them. */
interface SnapshotCluster {
  id?: unknown;
  size?: unknown;
  concentrated?: unknown;
  outcome?: unknown;
  basis?: unknown;
  reason?: unknown;
  sample?: { text?: unknown; hidden?: unknown } | null;
}

/** Concentrated opinions the report did not adopt, with its reason (R8, R10), largest first. */
export function concentratedNotAdopted(clusters: unknown): ConcentratedReason[] {
  if (!Array.isArray(clusters)) return [];
  return (clusters as SnapshotCluster[])
    .filter((c) => c && c.concentrated === true && c.outcome === 'not_adopted')
    .map((c) => ({
      clusterId: String(c.id),
      size: Number(c.size) || 0,
      basis: typeof c.basis === 'string' ? c.basis : null,
      reason: typeof c.reason === 'string' ? c.reason : '',
      sample: c.sample?.hidden === true || typeof c.sample?.text !== 'string' ? '（该意见已在公开页面隐藏）' : maskPersonalData(c.sample.text),
    }))
    .sort((a, b) => b.size - a.size);
}
