import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useNames } from '../../api/reference';
import { formatScore } from '../../components/explanation';
import { QueryState } from '../../components/feedback';
import { Field } from '../../components/form';
import { PageTitle } from '../../components/shell';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { useNeedProposals, useNeedsOf } from '../needs-api';

const PSEUDONYM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * HR's own way in to why and why not: one of the municipality's needs, then a candidate proposed for it or any
 * pseudonym (HR is the employer's side: she knows candidates by pseudonym only). Before, only from a need's page.
 */
export function HrWhyStartPage() {
  const { t } = useTranslation();
  const user = useUser();
  const needs = useNeedsOf(user.organisationId);
  const names = useNames();
  const [needId, setNeedId] = useState('');
  return (
    <>
      <PageTitle>{t('hrWhy.title')}</PageTitle>
      <p>{t('hrWhy.intro')}</p>
      <QueryState query={needs}>
        {(page) => {
          const chosen = page.items.some((n) => n.id === needId)
            ? needId
            : (page.items.find((n) => n.status === 'open') ?? page.items[0])?.id;
          if (!chosen) return <p>{t('needs.empty')}</p>;
          return (
            <>
              <div className="field">
                <label htmlFor="hr-why-need">{t('why.forNeedLabel')}</label>
                <select id="hr-why-need" value={chosen} onChange={(e) => setNeedId(e.target.value)}>
                  {page.items.map((n) => (
                    <option key={n.id} value={n.id}>
                      {t('hrWhy.needOption', {
                        role: n.roleName,
                        municipality: names.municipality(n.workplaceMunicipality),
                        status: t(`needStatus.${n.status}`),
                      })}
                    </option>
                  ))}
                </select>
              </div>
              <ProposedFor needId={chosen} />
              <ByPseudonym needId={chosen} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function ProposedFor({ needId }: { needId: string }) {
  const { t, i18n } = useTranslation();
  const proposals = useNeedProposals(needId);
  return (
    <section className="card" aria-labelledby="hr-why-proposed">
      <h2 id="hr-why-proposed">{t('hrWhy.proposedTitle')}</h2>
      <QueryState query={proposals}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('needs.proposalsEmpty')}</p>
          ) : (
            <ul>
              {page.items.map((p) => (
                <li key={p.proposalId}>
                  <Link to={paths.hrWhy(needId, p.candidateId)}>
                    {t('hrWhy.proposal', {
                      candidate: t('needs.candidate', { id: p.candidateId.slice(0, 8) }),
                      score: formatScore(p.score, i18n.language),
                      status: t(`proposalStatus.${p.status}`),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function ByPseudonym({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<{ candidateId: string }>({ defaultValues: { candidateId: '' } });
  return (
    <section className="card" aria-labelledby="hr-why-pseudonym">
      <h2 id="hr-why-pseudonym">{t('why.forCandidateTitle')}</h2>
      <form
        className="form"
        noValidate
        onSubmit={handleSubmit((v) => void navigate(paths.hrWhy(needId, v.candidateId.trim().toLowerCase())))}
      >
        <Field
          id="hr-why-candidate"
          label={t('why.forCandidateLabel')}
          hint={t('why.forCandidateIntro')}
          error={errors.candidateId?.message}
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              autoComplete="off"
              spellCheck={false}
              {...register('candidateId', { validate: (v) => PSEUDONYM.test(v.trim()) || t('why.forCandidateInvalid') })}
            />
          )}
        </Field>
        <button type="submit">{t('why.forNeedShow')}</button>
      </form>
    </section>
  );
}
