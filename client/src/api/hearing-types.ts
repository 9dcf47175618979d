// Shapes of the hearing, meeting, selection and draw routes (../shared/API.md, "Hearings").

export type OwnerKind = 'hearing' | 'meeting';
export const HEARING_CATEGORIES = ['stakeholder', 'resident', 'deputy', 'expert', 'lawyer', 'other'] as const;
export type HearingCategory = (typeof HEARING_CATEGORIES)[number];
export const APPLYING_CATEGORIES: HearingCategory[] = ['stakeholder', 'resident'];
export const INVITED_CATEGORIES: HearingCategory[] = ['deputy', 'expert', 'lawyer', 'other'];
export type Quotas = Record<HearingCategory, number>;

export interface Commitment {
  algorithm: 'hearing-draw/1' | 'rfc3797';
  commitment: string;
  chainLength: number;
  randomnessSource: string;
  committedAt: string;
}

export interface DrawSummary {
  commitment: Commitment | null;
  frozenAt: string | null;
  frozenLists: Array<{ category: string; quota: number; count: number; listHash: string }> | null;
  drawnAt: string | null;
}

export type HearingPhase = 'preparing' | 'announced' | 'signup-open' | 'signup-closed' | 'frozen' | 'drawn' | 'started';

export interface Hearing {
  id: string;
  draftId: string;
  unitId: string;
  title: string;
  matter: { content: string | null; reasons: string | null; basis: string | null; background: string | null };
  venue: string | null;
  startsAt: string | null;
  signupOpensAt: string | null;
  signupClosesAt: string | null;
  signupMethod: string | null;
  selectionMethod: string | null;
  quotas: Quotas | null;
  representatives: number | null;
  status: 'announced' | 'draft';
  phase: HearingPhase;
  announcedAt: string | null;
  serverTime: string;
  applications: Record<string, number>;
  draw: DrawSummary;
}

export interface Meeting {
  id: string;
  draftId: string;
  unitId: string;
  title: string;
  startsAt: string;
  seats: number;
  signupOpensAt: string;
  signupClosesAt: string;
  serverTime: string;
  applications: Record<string, number>;
  draw: DrawSummary;
  feedbackDueAt: string;
  overdue: boolean;
  feedback: { handling: string; outcome: string; publishedAt: string; late: boolean } | null;
}

export type ApplicationStatus = 'pending' | 'accepted' | 'rejected' | 'selected' | 'alternate' | 'not_selected' | 'declined' | 'lapsed';

export interface Application {
  id: string;
  label: string;
  category: string;
  statement: string;
  status: ApplicationStatus;
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface StaffApplication extends Application {
  userId: string;
  displayName: string;
  email: string;
}

export interface MyApplication extends Application {
  alternatePosition: number | null;
  seat: { id: string; category: string; slot: number; status: SeatStatus; confirmBy: string | null } | null;
}

export type SeatStatus = 'offered' | 'confirmed' | 'declined' | 'lapsed';

export interface PublicSeat {
  id: string;
  category: string;
  slot: number;
  status: SeatStatus;
  source: 'draw' | 'self-recommended' | 'invitation' | 'replacement';
  label: string | null;
  offeredAt: string;
  confirmBy: string | null;
  respondedAt: string | null;
  replacesSeatId: string | null;
}

export interface SelectionEvent {
  id: string;
  at: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface Invitation {
  id: string;
  email: string;
  displayName: string;
  category: string;
  status: 'pending' | 'accepted' | 'declined';
  respondedAt: string | null;
  createdAt: string;
}

export interface InvitationView {
  ownerKind: OwnerKind;
  ownerId: string;
  title: string;
  venue: string | null;
  startsAt: string | null;
  displayName: string;
  category: string;
  status: 'pending' | 'accepted' | 'declined';
}

export interface DrawCategory {
  category: string;
  method: 'ranked' | 'all-selected' | 'self-recommended';
  quota: number;
  labels: string[];
  listHash: string;
  positions: string[];
  selected: string[];
  alternates: string[];
}

export interface DrawRecord {
  algorithm: 'hearing-draw/1' | 'rfc3797';
  commitment: string;
  n: number;
  k: number;
  chainValue: string;
  randomnessSource: string;
  randomness: string;
  rfc3797Sources?: unknown[];
  categories: DrawCategory[];
}

export const ownerPath = (kind: OwnerKind, id: string) => `/${kind}s/${id}`;
