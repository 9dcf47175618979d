import { Accounts1764000000000 } from './1764000000000-Accounts';
import { Drafts1764000100000 } from './1764000100000-Drafts';
import { Comments1764000200000 } from './1764000200000-Comments';
import { Hearings1764000300000 } from './1764000300000-Hearings';
import { Live1764000400000 } from './1764000400000-Live';
import { Notices1764000500000 } from './1764000500000-Notices';
import { CommentFeatures1764000600000 } from './1764000600000-CommentFeatures';
import { LeanerCommentWrites1764000700000 } from './1764000700000-LeanerCommentWrites';
import { LeanerAnalysisWrites1764000800000 } from './1764000800000-LeanerAnalysisWrites';

// Listed explicitly (not globbed) so the same list works in the built app, the CLI and Jest.
// Keep in timestamp order; add each new migration here.
export const ALL_MIGRATIONS = [Accounts1764000000000, Drafts1764000100000, Comments1764000200000, Hearings1764000300000, Live1764000400000, Notices1764000500000, CommentFeatures1764000600000, LeanerCommentWrites1764000700000, LeanerAnalysisWrites1764000800000];
