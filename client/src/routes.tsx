import { ComponentType } from 'react';
import { LoginPage, RegisterPage } from './pages/AuthPages';
import { HomePage } from './pages/HomePage';

export interface RouteDef {
  pattern: string;
  page: ComponentType<{ params: Record<string, string>; query: URLSearchParams }>;
}

// One table of pages; features add their entries here.
export const ROUTES: RouteDef[] = [
  { pattern: '/', page: HomePage },
  { pattern: '/login', page: LoginPage },
  { pattern: '/register', page: RegisterPage },
];
