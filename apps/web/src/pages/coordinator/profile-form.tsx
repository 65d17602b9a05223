import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMunicipalities, useOccupations } from '../../api/reference';
import type { Municipality, Occupation } from '../../api/types';
import { ErrorNotice, QueryState } from '../../components/feedback';
import { applyServerErrors, Check, ErrorSummary, Field } from '../../components/form';
import { localName } from '../../i18n';
import type { ProfileInput, RegistrationInput } from './candidates-api';

export interface ProfileValues {
  name: string;
  email: string;
  phone: string;
  homeMunicipality: string;
  availableFrom: string;
  maxCommuteMinutes: number;
  interests: string[];
  closeSupervision: boolean;
  languageSupport: boolean;
  languages: string;
  consent: boolean;
}

const LANGUAGE = /^[a-z]{2}$/;

/**
 * A candidate's profile: at registration with her contact details and consent, later only the profile. Checked
 * here in the page's language first; the server's refusals land next to their fields; nothing typed is lost.
 */
export function ProfileForm(props: ProfileFormProps) {
  // Drawn once the municipalities and occupations are here: her home and interests set as defaults on a select and
  // checkboxes that do not exist yet would be lost (see NeedForm), and a saved profile would drop her interests.
  const municipalities = useMunicipalities();
  const occupations = useOccupations();
  return (
    <QueryState query={municipalities}>
      {(homes) => (
        <QueryState query={occupations}>
          {(interests) => <ProfileFields {...props} municipalities={homes} occupations={interests} />}
        </QueryState>
      )}
    </QueryState>
  );
}

interface ProfileFormProps {
  registration: boolean;
  defaults: Partial<ProfileValues>;
  submitting: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: RegistrationInput | ProfileInput, fail: (error: unknown) => void) => void;
}

function ProfileFields({
  registration,
  defaults,
  submitting,
  error,
  submitLabel,
  onSubmit,
  municipalities,
  occupations,
}: ProfileFormProps & { municipalities: Municipality[]; occupations: Occupation[] }) {
  const { t, i18n } = useTranslation();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ProfileValues>({
    defaultValues: {
      name: '',
      email: '',
      phone: '',
      homeMunicipality: '',
      availableFrom: '',
      maxCommuteMinutes: 45,
      interests: [],
      closeSupervision: false,
      languageSupport: false,
      languages: 'sv',
      consent: false,
      ...defaults,
    },
  });
  const labels: Record<string, string> = {
    name: t('candidates.name'),
    email: t('candidates.email'),
    phone: t('candidates.phone'),
    homeMunicipality: t('candidates.home'),
    availableFrom: t('candidates.available'),
    maxCommuteMinutes: t('candidates.commute'),
    interests: t('candidates.interests'),
    languages: t('candidates.languages'),
    consent: t('candidates.consentGiven'),
  };
  const required = (field: string) => t('common.requiredField', { field: labels[field].toLowerCase() });
  const submit = handleSubmit((v) => {
    const profile: ProfileInput = {
      homeMunicipality: v.homeMunicipality,
      availableFrom: v.availableFrom,
      maxCommuteMinutes: Number(v.maxCommuteMinutes),
      interests: v.interests,
      supportNeeds: { closeSupervision: v.closeSupervision, languageSupport: v.languageSupport },
      languages: v.languages.split(/[\s,]+/).filter(Boolean),
    };
    const input: RegistrationInput | ProfileInput = registration
      ? {
          ...profile,
          contact: { name: v.name.trim(), ...(v.email ? { email: v.email.trim() } : {}), ...(v.phone ? { phone: v.phone.trim() } : {}) },
          consent: { matching: v.consent },
        }
      : profile;
    onSubmit(input, (failure) =>
      applyServerErrors(
        failure,
        setError,
        ['name', 'email', 'phone', 'homeMunicipality', 'availableFrom', 'maxCommuteMinutes', 'interests', 'languages'],
        t('errors.fieldRejected'),
      ),
    );
  });
  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary errors={errors} labels={labels} />
      {error && !Object.keys(errors).length ? <ErrorNotice error={error} /> : null}
      {registration ? (
        <fieldset className="field">
          <legend>{t('candidates.contact')}</legend>
          <Field id="name" label={labels.name} error={errors.name?.message}>
            {(aria) => (
              <input
                type="text"
                autoComplete="off"
                {...aria}
                {...register('name', { required: required('name'), validate: (x) => x.trim().length > 0 || required('name') })}
              />
            )}
          </Field>
          <div className="field-row">
            <Field id="email" label={labels.email} optional error={errors.email?.message}>
              {(aria) => (
                <input
                  type="email"
                  autoComplete="off"
                  {...aria}
                  {...register('email', { validate: (x) => !x || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(x) || t('errors.email') })}
                />
              )}
            </Field>
            <Field id="phone" label={labels.phone} optional error={errors.phone?.message}>
              {(aria) => (
                <input
                  type="tel"
                  autoComplete="off"
                  {...aria}
                  {...register('phone', { validate: (x) => !x || /^\+?[0-9][0-9 -]{4,18}$/.test(x) || t('errors.phone') })}
                />
              )}
            </Field>
          </div>
        </fieldset>
      ) : null}
      <div className="field-row">
        <Field id="homeMunicipality" label={labels.homeMunicipality} error={errors.homeMunicipality?.message}>
          {(aria) => (
            <select {...aria} {...register('homeMunicipality', { required: required('homeMunicipality') })}>
              <option value="">–</option>
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="availableFrom" label={labels.availableFrom} error={errors.availableFrom?.message}>
          {(aria) => <input type="date" {...aria} {...register('availableFrom', { required: required('availableFrom') })} />}
        </Field>
        <Field id="maxCommuteMinutes" label={labels.maxCommuteMinutes} error={errors.maxCommuteMinutes?.message}>
          {(aria) => (
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={240}
              {...aria}
              {...register('maxCommuteMinutes', {
                required: required('maxCommuteMinutes'),
                min: { value: 0, message: t('errors.min', { field: labels.maxCommuteMinutes, min: 0 }) },
                max: { value: 240, message: t('errors.max', { field: labels.maxCommuteMinutes, max: 240 }) },
              })}
            />
          )}
        </Field>
      </div>
      <fieldset className="field">
        <legend>{labels.interests}</legend>
        <div className="check-grid">
          {occupations.map((o) => (
            <div className="check" key={o.ssyk}>
              <input type="checkbox" id={`interest-${o.ssyk}`} value={o.ssyk} {...register('interests')} />
              <label htmlFor={`interest-${o.ssyk}`}>{localName(o, i18n.language)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>{t('candidates.supportNeeds')}</legend>
        <Check id="closeSupervision" label={t('candidates.closeSupervision')}>
          {({ id }) => <input type="checkbox" id={id} {...register('closeSupervision')} />}
        </Check>
        <Check id="languageSupport" label={t('candidates.languageSupport')}>
          {({ id }) => <input type="checkbox" id={id} {...register('languageSupport')} />}
        </Check>
      </fieldset>
      <Field id="languages" label={labels.languages} hint={t('candidates.languagesHint')} error={errors.languages?.message}>
        {(aria) => (
          <input
            type="text"
            autoComplete="off"
            {...aria}
            {...register('languages', {
              validate: (x) =>
                x
                  .split(/[\s,]+/)
                  .filter(Boolean)
                  .every((l) => LANGUAGE.test(l)) || t('errors.languages'),
            })}
          />
        )}
      </Field>
      {registration ? (
        <Field id="consent" label={labels.consent} error={errors.consent?.message}>
          {(aria) => (
            <div className="check">
              <input type="checkbox" {...aria} {...register('consent', { validate: (x) => x || t('candidates.consentRequired') })} />
              <span>{t('candidates.consentText')}</span>
            </div>
          )}
        </Field>
      ) : null}
      <button type="submit" disabled={submitting} aria-busy={submitting}>
        {submitting ? t('common.saving') : submitLabel}
      </button>
    </form>
  );
}
