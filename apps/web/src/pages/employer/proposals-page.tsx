import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useNames } from '../../api/reference';
import { DECLINE_REASONS, type DeclineReason, type EmployerProposal } from '../../api/types';
import { TaskCoverageView } from '../../components/explanation';
import { ErrorNotice, QueryState, Success } from '../../components/feedback';
import { applyServerErrors, Check, ErrorSummary, Field } from '../../components/form';
import { PageTitle } from '../../components/shell';
import { swedishDay, useAnswerProposal, useProposalsToAnswer } from './answers-api';

/**
 * The employer's answers: the proposals a coordinator accepted for her needs, each with the tasks the candidate
 * covers and lacks and the support she needs (a pseudonym, no contact data), to confirm with a start date and the
 * workplace's support, or to decline with a reason from the fixed list. An answered proposal leaves the list.
 */
export function EmployerProposalsPage() {
  const { t } = useTranslation();
  const proposals = useProposalsToAnswer();
  const [notice, setNotice] = useState<string>();
  return (
    <>
      <PageTitle>{t('answer.title')}</PageTitle>
      <p>{t('answer.intro')}</p>
      {notice ? <Success>{notice}</Success> : null}
      <QueryState query={proposals}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('answer.empty')}</p>
          ) : (
            <ul className="cards">
              {page.items.map((p) => (
                <ProposalCard key={p.proposalId} proposal={p} onAnswered={setNotice} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

interface ConfirmValues {
  startDate: string;
  supervisor: boolean;
  languageSupport: boolean;
  studyCounselling: boolean;
}

function ProposalCard({ proposal, onAnswered }: { proposal: EmployerProposal; onAnswered: (notice: string) => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const id = proposal.proposalId;
  const acceptedOn = swedishDay(proposal.acceptedAt);
  const role = proposal.roleName ?? proposal.need.roleName ?? '';
  const needs = proposal.supportNeeds;
  const needed = needs
    ? [
        needs.closeSupervision ? t('candidates.closeSupervision') : null,
        needs.languageSupport ? t('candidates.languageSupport') : null,
      ].filter((x): x is string => x !== null)
    : [];
  return (
    <li className="card" aria-labelledby={`proposal-${id}`}>
      <h2 id={`proposal-${id}`}>{t('answer.candidateFor', { id: proposal.candidateId.slice(0, 8), role })}</h2>
      <dl className="facts">
        <div>
          <dt>{t('needs.workplace')}</dt>
          <dd>{names.municipality(proposal.need.workplaceMunicipality)}</dd>
        </div>
        {proposal.need.placementType ? (
          <div>
            <dt>{t('needs.placementType')}</dt>
            <dd>{t(`placementType.${proposal.need.placementType}`)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('answer.supportNeeded')}</dt>
          <dd>{needed.length ? needed.join(', ') : t('answer.noSupportNeeded')}</dd>
        </div>
      </dl>
      <p>{t('answer.acceptedOn', { date: acceptedOn })}</p>
      <TaskCoverageView tasksCovered={proposal.tasksCovered} tasksMissing={proposal.tasksMissing} headingLevel={4} open />
      <div className="answer-forms">
        <ConfirmForm proposal={proposal} acceptedOn={acceptedOn} onAnswered={onAnswered} />
        <DeclineForm proposal={proposal} onAnswered={onAnswered} />
      </div>
    </li>
  );
}

function ConfirmForm({
  proposal,
  acceptedOn,
  onAnswered,
}: {
  proposal: EmployerProposal;
  acceptedOn: string;
  onAnswered: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const id = proposal.proposalId;
  const answer = useAnswerProposal(id);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ConfirmValues>({
    defaultValues: {
      startDate: '',
      supervisor: proposal.supportNeeds?.closeSupervision ?? false,
      languageSupport: proposal.supportNeeds?.languageSupport ?? false,
      studyCounselling: false,
    },
  });
  const labels = { startDate: t('answer.startDate') };
  const submit = handleSubmit((values) =>
    answer.mutate(
      {
        kind: 'confirm',
        startDate: values.startDate,
        support: { supervisor: values.supervisor, languageSupport: values.languageSupport, studyCounselling: values.studyCounselling },
      },
      {
        onSuccess: () => onAnswered(t('answer.confirmed', { date: values.startDate })),
        onError: (e) => {
          // A start before the acceptance is a 422 naming the field: said next to it, in the page's language.
          if (e instanceof ApiError && e.code === 'PLACEMENT_DATE_INVALID') {
            const date = typeof e.details.acceptedOn === 'string' ? e.details.acceptedOn : acceptedOn;
            setError('startDate', { type: 'server', message: t('answer.startBeforeAcceptance', { date }) });
            return;
          }
          applyServerErrors(e, setError, ['startDate'], t('errors.fieldRejected'));
        },
      },
    ),
  );
  const fieldError = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby={`confirm-${id}`}>
      <h3 id={`confirm-${id}`}>{t('answer.confirmTitle')}</h3>
      <ErrorSummary errors={errors} labels={labels} />
      {answer.isError && !fieldError ? <ErrorNotice error={answer.error} /> : null}
      <Field
        id={`startDate-${id}`}
        label={labels.startDate}
        hint={t('answer.startDateHint', { date: acceptedOn })}
        error={errors.startDate?.message}
      >
        {(aria) => (
          <input
            type="date"
            {...aria}
            {...register('startDate', { required: t('common.requiredField', { field: labels.startDate.toLowerCase() }) })}
          />
        )}
      </Field>
      <fieldset className="field">
        <legend>{t('answer.measures')}</legend>
        {(['supervisor', 'languageSupport', 'studyCounselling'] as const).map((measure) => (
          <Check key={measure} id={`${measure}-${id}`} label={t(`answer.${measure}`)}>
            {(props) => <input type="checkbox" {...props} {...register(measure)} />}
          </Check>
        ))}
      </fieldset>
      <button type="submit" disabled={answer.isPending} aria-busy={answer.isPending}>
        {answer.isPending ? t('answer.confirming') : t('answer.confirm')}
      </button>
    </form>
  );
}

function DeclineForm({ proposal, onAnswered }: { proposal: EmployerProposal; onAnswered: (notice: string) => void }) {
  const { t } = useTranslation();
  const id = proposal.proposalId;
  const answer = useAnswerProposal(id);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<{ reasonCode: DeclineReason | '' }>({ defaultValues: { reasonCode: '' } });
  const labels = { reasonCode: t('answer.declineReason') };
  const submit = handleSubmit((values) =>
    answer.mutate(
      { kind: 'decline', reasonCode: values.reasonCode as DeclineReason },
      {
        onSuccess: () => onAnswered(t('answer.declined')),
        onError: (e) => applyServerErrors(e, setError, ['reasonCode'], t('errors.fieldRejected')),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby={`decline-${id}`}>
      <h3 id={`decline-${id}`}>{t('answer.declineTitle')}</h3>
      <ErrorSummary errors={errors} labels={labels} />
      {answer.isError && !Object.keys(errors).length ? <ErrorNotice error={answer.error} /> : null}
      <Field id={`reasonCode-${id}`} label={labels.reasonCode} error={errors.reasonCode?.message}>
        {(aria) => (
          <select {...aria} {...register('reasonCode', { required: t('answer.reasonRequired') })}>
            <option value="">{t('answer.chooseReason')}</option>
            {DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`declineReason.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button-danger" disabled={answer.isPending} aria-busy={answer.isPending}>
        {answer.isPending ? t('answer.declining') : t('answer.decline')}
      </button>
    </form>
  );
}
