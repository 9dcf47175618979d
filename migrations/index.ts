import { Accounts1764000000000 } from './1764000000000-Accounts';
import { Drafts1764000100000 } from './1764000100000-Drafts';
import { Hearings1764000300000 } from './1764000300000-Hearings';

// Listed explicitly (not globbed) so the same list works in the built app, the CLI and Jest.
// Keep in timestamp order; add each new migration here.
export const ALL_MIGRATIONS = [Accounts1764000000000, Drafts1764000100000, Hearings1764000300000];
