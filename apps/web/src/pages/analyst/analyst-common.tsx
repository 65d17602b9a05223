import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../../api/reference';
import { ErrorNotice, QueryState } from '../../components/feedback';
import { claimsOf } from '../../session/oidc';
import { useUser } from '../../session/session';
import { download, useReleasedMonths } from './follow-up-api';

function tenantOf(accessToken: string): string | undefined {
  try {
    return claimsOf(accessToken).tenant;
  } catch {
    return undefined; // not a JWT: the municipality decides below
  }
}

/**
 * The analyst's region (`se-<county>`); undefined while loading. A region's (or a cooperation's) analyst has no
 * single municipality: her token's tenant names the region. Otherwise the county of her organisation's municipality.
 */
export function useAnalystRegion(): string | undefined {
  const user = useUser();
  const municipalities = useMunicipalities();
  const tenant = tenantOf(user.accessToken);
  if (tenant && /^se-\d{2}$/.test(tenant)) return tenant;
  const county = municipalities.data?.find((m) => m.code === user.municipality)?.countyCode;
  return county ? `se-${county}` : undefined;
}

/** A report's CSV and Excel downloads, each with the caller's token; a failure is said beside them. */
export function Downloads({ report, url, name }: { report: string; url: (format: 'csv' | 'xlsx') => string; name: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState<unknown>();
  return (
    <>
      {failed ? <ErrorNotice error={failed} /> : null}
      <p className="button-row">
        {(['csv', 'xlsx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button-secondary"
            onClick={() => download(url(format), `${name}.${format}`).catch(setFailed)}
          >
            {t(`analyst.download.${format}`, { report })}
          </button>
        ))}
      </p>
    </>
  );
}

/**
 * The month of a monthly report: the region's released months to choose from, the latest first chosen; says when
 * the first one will be released while there is none. `children` shows the chosen month's report.
 */
export function ReleasedMonthChoice({
  region,
  children,
}: {
  region: string;
  children: (month: string, nextRelease: { month: string; on: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const months = useReleasedMonths(region);
  const [chosen, setChosen] = useState<string>();
  return (
    <QueryState query={months}>
      {(data) => {
        const month = chosen ?? data.months.at(-1);
        if (!month) return <p>{t('analyst.noMonths', { month: data.nextRelease.month, on: data.nextRelease.on })}</p>;
        return (
          <>
            <div className="field field-inline">
              <label htmlFor="month">{t('analyst.month')}</label>
              <select id="month" value={month} onChange={(e) => setChosen(e.target.value)}>
                {data.months.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            {children(month, data.nextRelease)}
          </>
        );
      }}
    </QueryState>
  );
}

/** libs/disclosure's method, by the name every report carries: the page says it in its own language. */
const CELL_SUPPRESSION = 'primary and secondary cell suppression, audited by integer programming';

/** How a report's figures are protected and how fresh they are, under the report. */
export function MethodNote({ method, asOf }: { method: { name: string; smallestShownCount: number }; asOf: string }) {
  const { t } = useTranslation();
  // A method this app does not know yet is named as the server names it rather than not at all.
  const name = method.name === CELL_SUPPRESSION ? t('analyst.methodName.cellSuppression') : method.name;
  return <p className="meta">{t('analyst.method', { name, min: method.smallestShownCount, asOf })}</p>;
}

/** Shares as percent in the page's language; null (hidden or not computable) as a dash. */
export function useFormats() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'sv-SE';
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const ratio = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    percent: (n: number | null) => (n === null ? '–' : percent.format(n)),
    ratio: (n: number | null) => (n === null ? '–' : ratio.format(n)),
  };
}
