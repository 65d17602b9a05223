import { IdList } from '@jobbspar/platform';

export const NEED_IDS_MAX = 100;

export class NeedIdsRequest {
  @IdList({
    of: 'need',
    max: NEED_IDS_MAX,
    description: 'Need ids (uuid)',
    example: '0b6b1b52-0d5e-4a8c-9a43-2c1f3c6f6b1e,5d0c2f7e-3a8b-4a51-8a0e-6f1b9d2c4e7a',
  })
  ids!: string[];
}
