import { Controller, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@jobbspar/platform';
import { filter, interval, map, merge, Observable } from 'rxjs';
import { queueChangeOf } from '../../domain/proposal-change';
import { ProposalChangeListener } from '../../infrastructure/proposal-change.listener';
import { ReviewQueueEventsQuery } from './dto/review-queue-events.request';

/** A comment line every 20 s keeps proxies from closing an idle stream and lets the client notice a dead one. */
const KEEP_ALIVE_MS = 20_000;

@ApiTags('proposals')
@Controller('matching')
export class ReviewQueueEventsController {
  constructor(private readonly listener: ProposalChangeListener) {}

  @Sse('review-queue/events')
  @ApiOperation({
    summary: 'The review queue, live: a server-sent event whenever a proposal enters it, is rescored, or leaves it',
    description:
      'Events `proposal-added`, `proposal-rescored` and `proposal-left`, each with `{ proposalId, needId, status, score, municipality }` ' +
      '(no personal data); read the queue itself with GET /matching/review-queue. Sent once the change has committed.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors(400)
  events(@Query() q: ReviewQueueEventsQuery): Observable<MessageEvent> {
    const changes = this.listener.changes.pipe(
      filter((change) => !q.municipality || change.municipality === q.municipality),
      map((change) => ({ change, kind: queueChangeOf(change) })),
      filter(({ kind }) => kind !== undefined),
      map(({ change, kind }): MessageEvent => ({
        type: kind,
        id: `${change.proposalId}:${change.status}`,
        data: {
          proposalId: change.proposalId,
          needId: change.needId,
          status: change.status,
          score: change.score,
          municipality: change.municipality,
        },
      })),
    );
    return merge(changes, interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ type: 'keep-alive', data: '' }))));
  }
}
