import { ReactNode, useEffect, useRef } from 'react';
import { FieldErrors as RhfErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * A labelled field: the label, an optional hint, and the error right under it, tied to the control by
 * aria-describedby and aria-invalid so a screen reader says what is wrong where it is.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  optional,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (aria: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const { t } = useTranslation();
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> ({t('common.optional')})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

/** A checkbox with its label after it. */
export function Check({ id, label, children }: { id: string; label: ReactNode; children: (props: { id: string }) => ReactNode }) {
  return (
    <div className="check">
      {children({ id })}
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The errors of a failed submit as a list of links to their fields, focused so it is read out first. */
export function ErrorSummary({ errors, labels }: { errors: RhfErrors; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter(([, e]) => e?.message);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>{t('common.errorSummary')}</p>
      <ul>
        {entries.map(([name, e]) => (
          <li key={name}>
            <a href={`#${labels[name] ? name : name}`}>
              {labels[name] ? `${labels[name]}: ` : ''}
              {String(e?.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Puts the server's per-field rejections next to the fields (nothing typed is lost), and says whether any field was
 * named; otherwise the caller shows the error as a whole.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: string[],
  message: string,
): boolean {
  if (!(error instanceof ApiError)) return false;
  let any = false;
  for (const [field, text] of Object.entries(error.fields)) {
    const name = fields.find((f) => field === f || field.startsWith(`${f}.`));
    if (!name) continue;
    void text;
    setError(name as Path<T>, { type: 'server', message });
    any = true;
  }
  return any;
}
