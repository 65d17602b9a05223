import { useTranslation } from 'react-i18next';

/** The search over an organisation's needs, with how many there are (or match): above a paged list or a chooser. */
export function NeedSearch({
  id,
  text,
  onText,
  q,
  total,
}: {
  id: string;
  text: string;
  onText: (text: string) => void;
  q: string;
  total: number | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t('needs.search')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('needs.searchHint')}
        </p>
        <input
          id={id}
          type="search"
          aria-describedby={`${id}-hint`}
          maxLength={100}
          value={text}
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      <p role="status" aria-live="polite">
        {total === undefined ? null : q ? t('needs.found', { count: total, text: q }) : t('needs.count', { count: total })}
      </p>
    </>
  );
}
