import { Layout } from './components/Layout';
import { useI18n } from './i18n/i18n';
import { match, useRoute } from './router';
import { ROUTES } from './routes';

export function App() {
  const { path, query } = useRoute();
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) {
      const Page = route.page;
      return (
        <Layout>
          {/* Keyed by the matched path so that moving between two drafts starts a fresh page. */}
          <Page key={`${route.pattern}|${path}`} params={params} query={query} />
        </Layout>
      );
    }
  }
  return (
    <Layout>
      <p>{t('notFound')}</p>
    </Layout>
  );
}
