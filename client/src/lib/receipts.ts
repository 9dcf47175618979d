// Receipts are kept in this browser so that a resident can verify their comments again later,
// even after the report is published; the server's copy is not needed to hold on to them.
import type { Receipt } from '../api/types';

export interface StoredReceipt {
  commentId: string;
  draftId: string;
  anchor: string;
  label: string;
  seq: number;
  receipt: Receipt;
  at: string;
}

const KEY = 'consult.receipts';

export function loadReceipts(draftId: string): StoredReceipt[] {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '[]') as StoredReceipt[];
    return Array.isArray(all) ? all.filter((r) => r.draftId === draftId) : [];
  } catch {
    return [];
  }
}

export function saveReceipt(r: StoredReceipt): void {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '[]') as StoredReceipt[];
    const rest = Array.isArray(all) ? all.filter((x) => x.commentId !== r.commentId) : [];
    // Bounded so the store cannot grow without end on a shared computer.
    localStorage.setItem(KEY, JSON.stringify([...rest, r].slice(-200)));
  } catch {
    // storage full or disabled: the receipt is still on screen
  }
}
