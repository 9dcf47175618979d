import { useI18n } from '../i18n/i18n';

/** How a receipt is verified, for residents; docs/verify-receipt.md has the full procedure. */
export function VerifyHelpPage() {
  const { t } = useI18n();
  return (
    <section className="card prose-page">
      <h1>{t('verifyHelpTitle')}</h1>
      <p>{t('verifyHelp1')}</p>
      <p>{t('verifyHelp2')}</p>
      <p>{t('verifyHelp3')}</p>
      <p>{t('verifyHelp4')}</p>
    </section>
  );
}
