import { FormEvent, ReactNode, useState } from 'react';
import { api } from '../../api/client';
import { ErrorNote, Problem } from '../ErrorNote';

interface Props {
  /** POST route under /api. */
  path: string;
  /** Builds the body from the form; return a string to refuse with that message instead. None: no body. */
  body?: (form: FormData) => unknown;
  label: string;
  testId: string;
  onDone: () => void;
  children?: ReactNode;
  className?: string;
}

/** A form that POSTs one life-cycle step and shows the server's refusal (e.g. "R2: …") beside it. */
export function ActionForm({ path, body, label, testId, onDone, children, className }: Props) {
  const [error, setError] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const built = body ? body(new FormData(e.currentTarget)) : undefined;
    if (typeof built === 'string') return setError(built);
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'POST', body: built });
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={className ?? 'card action'} onSubmit={submit} data-testid={`${testId}-form`}>
      {children}
      <ErrorNote message={error} testId={`${testId}-error`} />
      <button type="submit" disabled={busy} data-testid={testId}>
        {label}
      </button>
    </form>
  );
}
