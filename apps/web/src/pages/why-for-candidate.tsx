import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Field } from '../components/form';
import { paths } from '../routes';
import { useUser } from '../session/session';

/** The why page of a candidate for one of her needs, under the employer's or HR's own menu. */
export const useWhyPath = () => (useUser().role === 'municipal-hr' ? paths.hrWhy : paths.employerWhy);

const PSEUDONYM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why or why not any candidate, by her pseudonym (the employer's side knows no more of her). */
export function WhyForCandidate({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const whyPath = useWhyPath();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<{ candidateId: string }>({ defaultValues: { candidateId: '' } });
  return (
    <section className="card" aria-labelledby="why-for-candidate">
      <h2 id="why-for-candidate">{t('why.forCandidateTitle')}</h2>
      <form className="form" noValidate onSubmit={handleSubmit((v) => void navigate(whyPath(needId, v.candidateId.trim().toLowerCase())))}>
        <Field id="why-candidate" label={t('why.forCandidateLabel')} hint={t('why.forCandidateIntro')} error={errors.candidateId?.message}>
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
