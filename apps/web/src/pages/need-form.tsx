import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMunicipalities } from '../api/reference';
import type { Municipality, PlacementType, Role } from '../api/types';
import { ErrorNotice, QueryState } from '../components/feedback';
import { applyServerErrors, Check, ErrorSummary, Field } from '../components/form';
import type { NeedInput } from './needs-api';

const PLACEMENT_TYPES: PlacementType[] = ['internship', 'work-training', 'employment'];

interface Values {
  roleId: string;
  positions: number;
  workplaceMunicipality: string;
  startDate: string;
  placementType: PlacementType;
  supervisorCapacity: number;
  pairInternshipAllowed: boolean;
  languageSupport: boolean;
  publish: boolean;
}

export const today = (): string => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * Posting a need. Checked here first (in the page's language, next to each field); what the server still refuses
 * is put next to its field too, and the form keeps everything typed.
 */
interface NeedFormProps {
  roles: { standard: Role[]; own: Role[] };
  defaults: { roleId?: string; workplaceMunicipality?: string };
  submitting: boolean;
  error: unknown;
  onSubmit: (input: NeedInput, fail: (error: unknown) => void) => void;
}

/**
 * The form is drawn once the municipalities are here: a default workplace set on a select that does not hold its
 * option yet is lost (the form then asked her to fill in the municipality it had shown her as chosen; seen on a
 * loaded machine, held by the journeys suite with a slow municipalities answer).
 */
export function NeedForm(props: NeedFormProps) {
  const municipalities = useMunicipalities();
  return <QueryState query={municipalities}>{(list) => <NeedFormFields {...props} municipalities={list} />}</QueryState>;
}

function NeedFormFields({
  roles,
  defaults,
  submitting,
  error,
  onSubmit,
  municipalities,
}: NeedFormProps & { municipalities: Municipality[] }) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({
    defaultValues: {
      roleId: defaults.roleId ?? '',
      positions: 1,
      workplaceMunicipality: defaults.workplaceMunicipality ?? '',
      startDate: '',
      placementType: 'internship',
      supervisorCapacity: 1,
      pairInternshipAllowed: false,
      languageSupport: false,
      publish: true,
    },
  });
  const labels: Record<keyof Values, string> = {
    roleId: t('needs.role'),
    positions: t('needs.positions'),
    workplaceMunicipality: t('needs.workplace'),
    startDate: t('needs.startDate'),
    placementType: t('needs.placementType'),
    supervisorCapacity: t('needs.supervisorCapacity'),
    pairInternshipAllowed: t('needs.pairInternshipAllowed'),
    languageSupport: t('needs.languageSupport'),
    publish: t('needs.publish'),
  };
  const required = (field: keyof Values) => t('common.requiredField', { field: labels[field].toLowerCase() });
  const submit = handleSubmit((values) =>
    onSubmit(
      {
        roleId: values.roleId,
        positions: Number(values.positions),
        workplaceMunicipality: values.workplaceMunicipality,
        startDate: values.startDate,
        placementType: values.placementType,
        support: {
          supervisorCapacity: Number(values.supervisorCapacity),
          pairInternshipAllowed: values.pairInternshipAllowed,
          languageSupport: values.languageSupport,
        },
        publish: values.publish,
      },
      (failure) =>
        applyServerErrors(
          failure,
          setError,
          ['roleId', 'positions', 'workplaceMunicipality', 'startDate', 'placementType', 'support'],
          t('errors.fieldRejected'),
        ),
    ),
  );

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary errors={errors} labels={labels} />
      {error && !Object.keys(errors).length ? <ErrorNotice error={error} /> : null}
      <Field id="roleId" label={labels.roleId} error={errors.roleId?.message}>
        {(aria) => (
          <select {...aria} {...register('roleId', { required: required('roleId') })}>
            <option value="">{t('needs.chooseRole')}</option>
            {roles.own.length ? (
              <optgroup label={t('needs.rolesOfYours')}>
                {roles.own.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={t('needs.standardRoles')}>
              {roles.standard.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field id="positions" label={labels.positions} error={errors.positions?.message}>
          {(aria) => (
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              {...aria}
              {...register('positions', {
                required: required('positions'),
                min: { value: 1, message: t('errors.min', { field: labels.positions, min: 1 }) },
                max: { value: 100, message: t('errors.max', { field: labels.positions, max: 100 }) },
                validate: (v) => Number.isInteger(Number(v)) || t('errors.integer', { field: labels.positions }),
              })}
            />
          )}
        </Field>
        <Field id="startDate" label={labels.startDate} error={errors.startDate?.message}>
          {(aria) => (
            <input
              type="date"
              min={today()}
              {...aria}
              {...register('startDate', {
                required: required('startDate'),
                validate: (v) =>
                  !isDay(v)
                    ? t('errors.date', { field: labels.startDate })
                    : v < today()
                      ? t('errors.notBefore', { field: labels.startDate, date: today() })
                      : true,
              })}
            />
          )}
        </Field>
      </div>
      <Field id="workplaceMunicipality" label={labels.workplaceMunicipality} error={errors.workplaceMunicipality?.message}>
        {(aria) => (
          <select {...aria} {...register('workplaceMunicipality', { required: required('workplaceMunicipality') })}>
            <option value="">–</option>
            {municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="field">
        <legend>{labels.placementType}</legend>
        {PLACEMENT_TYPES.map((type) => (
          <div className="check" key={type}>
            <input type="radio" id={`placementType-${type}`} value={type} {...register('placementType')} />
            <label htmlFor={`placementType-${type}`}>{t(`placementType.${type}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('needs.support')}</legend>
        <Field
          id="supervisorCapacity"
          label={labels.supervisorCapacity}
          hint={t('needs.supervisorCapacityHint')}
          error={errors.supervisorCapacity?.message}
        >
          {(aria) => (
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={50}
              className="input-short"
              {...aria}
              {...register('supervisorCapacity', {
                required: required('supervisorCapacity'),
                min: { value: 0, message: t('errors.min', { field: labels.supervisorCapacity, min: 0 }) },
                max: { value: 50, message: t('errors.max', { field: labels.supervisorCapacity, max: 50 }) },
              })}
            />
          )}
        </Field>
        <Check id="pairInternshipAllowed" label={labels.pairInternshipAllowed}>
          {({ id }) => <input type="checkbox" id={id} {...register('pairInternshipAllowed')} />}
        </Check>
        <Check id="languageSupport" label={labels.languageSupport}>
          {({ id }) => <input type="checkbox" id={id} {...register('languageSupport')} />}
        </Check>
      </fieldset>
      <Check id="publish" label={labels.publish}>
        {({ id }) => <input type="checkbox" id={id} {...register('publish')} />}
      </Check>
      <button type="submit" disabled={submitting} aria-busy={submitting}>
        {submitting ? t('needs.posting') : t('needs.post')}
      </button>
    </form>
  );
}
