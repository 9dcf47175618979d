import { ComponentType } from 'react';
import { LoginPage, RegisterPage } from './pages/AuthPages';
import { DraftListPage } from './pages/DraftListPage';
import { DraftReaderPage } from './pages/DraftReaderPage';
import { DraftReportPage } from './pages/DraftReportPage';
import { HomePage } from './pages/HomePage';
import { HEARING_ROUTES } from './routes.hearings';
import { AnalysisPage } from './pages/organizer/AnalysisPage';
import { DraftManagePage } from './pages/organizer/DraftManagePage';
import { EditDraftPage, NewDraftPage } from './pages/organizer/DraftEditorPage';
import { MyDraftsPage } from './pages/organizer/MyDraftsPage';
import { ReviewDraftPage, ReviewQueuePage } from './pages/ReviewPages';
import { VerifyHelpPage } from './pages/VerifyHelpPage';

export interface RouteDef {
  pattern: string;
  page: ComponentType<{ params: Record<string, string>; query: URLSearchParams }>;
}

// One table of pages; features add their entries here. The first match wins, so fixed segments
// ('new') come before parameters (':id').
export const ROUTES: RouteDef[] = [
  { pattern: '/', page: HomePage },
  { pattern: '/login', page: LoginPage },
  { pattern: '/register', page: RegisterPage },
  { pattern: '/drafts', page: DraftListPage },
  { pattern: '/drafts/:id', page: DraftReaderPage },
  { pattern: '/drafts/:id/report', page: DraftReportPage },
  { pattern: '/verify-help', page: VerifyHelpPage },
  { pattern: '/organizer/drafts', page: MyDraftsPage },
  { pattern: '/organizer/drafts/new', page: NewDraftPage },
  { pattern: '/organizer/drafts/:id', page: DraftManagePage },
  { pattern: '/organizer/drafts/:id/edit', page: EditDraftPage },
  { pattern: '/organizer/drafts/:id/analysis', page: AnalysisPage },
  { pattern: '/review', page: ReviewQueuePage },
  { pattern: '/review/:id', page: ReviewDraftPage },
  ...HEARING_ROUTES,
];
