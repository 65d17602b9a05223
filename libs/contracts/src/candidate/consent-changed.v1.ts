import { IsBoolean, IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { IsDateTime } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

export const CONSENT_PURPOSES = ['matching', 'follow-up-statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export class ConsentChangedV1Payload {
  @IsUUID() candidateId!: string;
  @IsInt() @Min(1) revision!: number;
  @IsIn(CONSENT_PURPOSES) purpose!: ConsentPurpose;
  @IsBoolean() given!: boolean;
  @IsDateTime() changedAt!: string;
}

export const ConsentChangedV1 = defineContract({
  type: 'ConsentChanged',
  version: 1,
  topic: Topics.candidates,
  payload: ConsentChangedV1Payload,
  key: 'candidateId',
});
