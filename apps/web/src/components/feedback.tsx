import { UseQueryResult } from '@tanstack/react-query';
import { ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A visible, announced progress indicator for anything slow. */
export function Progress({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="progress" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}

export function errorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    const known = [400, 401, 403, 404, 409, 413, 422, 429];
    return t(`errors.status${known.includes(error.status) ? error.status : 500}`);
  }
  return t('errors.network');
}

/** A failure said in the page's language, with the server's own words folded away (they are in English). */
export function ErrorNotice({ error, onRetry, message }: { error: unknown; onRetry?: () => void; message?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{message ?? errorMessage(error, t)}</p>
      {error instanceof ApiError && error.message ? (
        <details>
          <summary>{t('common.serverSaid')}</summary>
          <p lang="en">{error.message}</p>
        </details>
      ) : null}
      {onRetry ? (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Loading, failure with retry, or the data. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Progress />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** A polite confirmation after an action succeeded. */
export function Success({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice-success" role="status">
      {children}
    </p>
  );
}
