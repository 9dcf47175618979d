// Pages of hearings, meetings, draws, live hearings and notices; spread into ROUTES (routes.tsx).
import type { RouteDef } from './routes';
import { HearingDrawPage, MeetingDrawPage } from './pages/hearings/DrawPage';
import { HearingConsolePage, NewHearingPage } from './pages/hearings/HearingConsolePage';
import { HearingPage } from './pages/hearings/HearingPage';
import { InvitationPage } from './pages/hearings/InvitationPage';
import { MeetingConsolePage, MeetingPage, NewMeetingPage } from './pages/hearings/MeetingPages';
import { ClerkConsolePage } from './pages/live/ClerkConsolePage';
import { ConfirmPage } from './pages/live/ConfirmPage';
import { CorrectionsPage } from './pages/live/CorrectionsPage';
import { HearingReportPage } from './pages/live/HearingReportPage';
import { LivePage } from './pages/live/LivePage';
import { InboxPage } from './pages/notices/InboxPage';
import { NoticeProgressPage } from './pages/notices/NoticeProgressPage';

export const HEARING_ROUTES: RouteDef[] = [
  { pattern: '/hearings/:id', page: HearingPage },
  { pattern: '/hearings/:id/draw', page: HearingDrawPage },
  { pattern: '/hearings/:id/live', page: LivePage },
  { pattern: '/hearings/:id/confirm', page: ConfirmPage },
  { pattern: '/hearings/:id/report', page: HearingReportPage },
  { pattern: '/clerk/hearings/:id', page: ClerkConsolePage },
  { pattern: '/clerk/hearings/:id/corrections', page: CorrectionsPage },
  { pattern: '/meetings/:id', page: MeetingPage },
  { pattern: '/meetings/:id/draw', page: MeetingDrawPage },
  { pattern: '/invitations/:token', page: InvitationPage },
  { pattern: '/organizer/hearings/new', page: NewHearingPage },
  { pattern: '/organizer/hearings/:id', page: HearingConsolePage },
  { pattern: '/organizer/meetings/new', page: NewMeetingPage },
  { pattern: '/organizer/meetings/:id', page: MeetingConsolePage },
  { pattern: '/organizer/drafts/:id/notices', page: NoticeProgressPage },
  { pattern: '/me/notices', page: InboxPage },
];
