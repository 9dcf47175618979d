import { useState } from 'react';
import type { DrawRecord, OwnerKind } from '../../api/hearing-types';
import { ownerPath } from '../../api/hearing-types';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { DrawRecordView } from '../../components/hearings/DrawRecordView';
import { MyDrawResult } from '../../components/hearings/MyDrawResult';
import { VerifyPanel } from '../../components/hearings/VerifyPanel';
import { useI18n } from '../../i18n/i18n';
import type { DrawCheck } from '../../lib/draw-verify';
import '../../hearings.css';

function DrawPage({ kind, id }: { kind: OwnerKind; id: string }) {
  const { t } = useI18n();
  const owner = useApi<{ title: string }>(ownerPath(kind, id));
  const { data: record, error, loading } = useApi<DrawRecord>(`${ownerPath(kind, id)}/draw`);
  const [check, setCheck] = useState<DrawCheck | null>(null);
  return (
    <article className="draw-page" data-testid="draw-page">
      <p className="muted small">{t('drawPageKicker')}</p>
      <h1>{owner.data?.title ?? '…'}</h1>
      <p className="meta">
        <a href={`#/${kind}s/${id}`}>{kind === 'hearing' ? t('hearingPublicPage') : t('meetingPublicPage')}</a>
      </p>
      {!record ? (
        <Loading error={error && t('drawNotYet')} loading={loading} />
      ) : (
        <>
          <MyDrawResult kind={kind} id={id} record={record} />
          <VerifyPanel record={record} onChecked={setCheck} />
          <DrawRecordView record={record} checks={check?.categories} />
          <details className="card">
            <summary>{t('drawRawJson')}</summary>
            <pre className="hash raw-json">{JSON.stringify(record, null, 2)}</pre>
          </details>
        </>
      )}
    </article>
  );
}

export const HearingDrawPage = ({ params }: { params: Record<string, string> }) => <DrawPage kind="hearing" id={params.id} />;
export const MeetingDrawPage = ({ params }: { params: Record<string, string> }) => <DrawPage kind="meeting" id={params.id} />;
