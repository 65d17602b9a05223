import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post, query } from '../../api/client';
import { useReviewQueueLive } from '../../api/live';
import { useMunicipalities, useNames } from '../../api/reference';
import type { Need, Page, Proposal, RejectReason } from '../../api/types';
import { ExplanationView, formatScore } from '../../components/explanation';
import { ErrorNotice, QueryState, Success } from '../../components/feedback';
import { PageTitle } from '../../components/shell';
import { Pager } from '../../components/table';
import { paths } from '../../routes';
import { useUser } from '../../session/session';
import { useNeedsByIds } from '../needs-api';
import { useCandidateNames } from './candidates-api';

const REASONS: RejectReason[] = [
  'task-level-insufficient',
  'commute-not-feasible',
  'availability-mismatch',
  'support-not-available',
  'candidate-declined',
  'employer-declined',
  'position-filled-otherwise',
  'other',
];

const PAGE_SIZE = 10;

export const useReviewQueue = (municipality: string, offset: number) =>
  useQuery({
    queryKey: ['review-queue', municipality, offset],
    queryFn: ({ signal }) => get<Page<Proposal>>(`/matching/review-queue${query({ municipality, limit: PAGE_SIZE, offset })}`, signal),
    placeholderData: (previous) => previous,
  });

/** The coordinator's review queue: highest score first, each proposal with its explanation, accept or reject. */
export function QueuePage() {
  const { t } = useTranslation();
  const [municipality, setMunicipality] = useState('');
  const [offset, setOffset] = useState(0);
  const queue = useReviewQueue(municipality, offset);
  const live = useReviewQueueLive(municipality);
  const user = useUser();
  const municipalities = useMunicipalities();
  // Her county's municipalities: the queue can cross municipal borders within commuting distance, not the country.
  const county = municipalities.data?.find((m) => m.code === user.municipality)?.countyCode;
  const nearby = (municipalities.data ?? []).filter((m) => !county || m.countyCode === county);
  const needs = useNeedsByIds((queue.data?.items ?? []).map((p) => p.needId));
  const candidateNames = useCandidateNames((queue.data?.items ?? []).map((p) => p.candidateId));
  const [done, setDone] = useState<string>();
  return (
    <>
      <PageTitle>{t('queue.title')}</PageTitle>
      <p>{t('queue.intro')}</p>
      <div className="field field-inline">
        <label htmlFor="queue-municipality">{t('queue.filterMunicipality')}</label>
        <select
          id="queue-municipality"
          value={municipality}
          onChange={(e) => {
            setMunicipality(e.target.value);
            setOffset(0);
          }}
        >
          <option value="">{t('common.all')}</option>
          {nearby.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      {live.connected === undefined ? null : (
        <p className={`live-status ${live.connected ? 'live-on' : 'live-off'}`}>
          <span className="live-dot" aria-hidden="true" />
          {live.connected ? t('common.liveConnected') : t('common.liveDisconnected')}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {live.last?.type === 'proposal-added' ? t('queue.newArrivedPlain') : ''}
      </p>
      {done ? <Success>{t(done)}</Success> : null}
      <QueryState query={queue}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <>
              <ol className="cards" aria-label={t('queue.title')} start={offset + 1}>
                {page.items.map((proposal) => (
                  <QueueItem
                    key={proposal.proposalId}
                    proposal={proposal}
                    need={needs.data?.get(proposal.needId)}
                    candidateName={candidateNames.data?.get(proposal.candidateId)}
                    onDone={setDone}
                  />
                ))}
              </ol>
              <Pager total={page.total} offset={offset} size={PAGE_SIZE} onChange={setOffset} />
            </>
          )
        }
      </QueryState>
    </>
  );
}

function QueueItem({
  proposal,
  need,
  candidateName,
  onDone,
}: {
  proposal: Proposal;
  need?: Need;
  /** From candidate-service (her area's candidates only); the pseudonym until loaded or if she is not of the area. */
  candidateName?: string;
  onDone: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState<RejectReason>('task-level-insufficient');
  const [comment, setComment] = useState('');
  const review = useMutation({
    mutationFn: (action: 'accept' | 'reject') =>
      action === 'accept'
        ? post<Proposal>(`/matching/proposals/${proposal.proposalId}/accept`)
        : post<Proposal>(`/matching/proposals/${proposal.proposalId}/reject`, {
            reasonCode: reason,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          }),
    onSuccess: (_, action) => {
      onDone(action === 'accept' ? 'queue.accepted' : 'queue.rejected');
      void client.invalidateQueries({ queryKey: ['review-queue'] });
    },
  });
  const headingId = `proposal-${proposal.proposalId}`;
  const role = need?.roleName ?? proposal.occupations.map(names.occupation).join(', ');
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        {t('queue.proposalFor', { role, municipality: names.municipality(proposal.municipality) })}
      </h2>
      <p className="queue-candidate">
        {t('queue.candidate')}:{' '}
        <Link to={paths.coordinatorCandidate(proposal.candidateId)}>
          {candidateName ?? t('candidates.pseudonym', { id: proposal.candidateId })}
        </Link>
      </p>
      <p className="meta">
        <span className="score">
          {t('common.score')}: <strong>{formatScore(proposal.score, i18n.language)}</strong>
        </span>
        {need ? (
          <>
            {' · '}
            {t(`placementType.${need.placementType}`)} · {t('needs.startDate')} {need.startDate} ·{' '}
            {t('needs.positionsOpen', { open: need.positionsOpen, total: need.positions })}
          </>
        ) : null}
        {proposal.pairId ? <> · {t('queue.pair')}</> : null}
      </p>
      <ExplanationView explanation={proposal.explanation} />
      <p>
        <Link to={paths.coordinatorWhy(proposal.candidateId, proposal.needId)}>{t('why.open')}</Link>
      </p>
      {review.isError ? <ErrorNotice error={review.error} /> : null}
      {rejecting ? (
        <form
          className="form reject-form"
          onSubmit={(e) => {
            e.preventDefault();
            review.mutate('reject');
          }}
        >
          <h3>{t('queue.rejectTitle')}</h3>
          <div className="field">
            <label htmlFor={`${headingId}-reason`}>{t('queue.reason')}</label>
            <select id={`${headingId}-reason`} value={reason} onChange={(e) => setReason(e.target.value as RejectReason)}>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`rejectReason.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${headingId}-comment`}>
              {t('queue.comment')} <span className="optional">({t('common.optional')})</span>
            </label>
            <p className="hint" id={`${headingId}-comment-hint`}>
              {t('queue.commentHint')}
            </p>
            <textarea
              id={`${headingId}-comment`}
              aria-describedby={`${headingId}-comment-hint`}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button-danger" disabled={review.isPending} aria-busy={review.isPending}>
              {review.isPending ? t('queue.rejecting') : t('queue.reject')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => review.mutate('accept')} disabled={review.isPending} aria-busy={review.isPending}>
            {review.isPending ? t('queue.accepting') : t('queue.accept')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setRejecting(true)}>
            {t('queue.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
