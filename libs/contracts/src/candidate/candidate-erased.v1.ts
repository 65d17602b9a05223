import { IsUUID } from 'class-validator';
import { IsDateTime } from '../common';
import { defineContract } from '../contract';
import { Topics } from '../topics';

/** On this event every service drops what it holds on the id. */
export class CandidateErasedV1Payload {
  @IsUUID() candidateId!: string;
  @IsDateTime() erasedAt!: string;
}

export const CandidateErasedV1 = defineContract({
  type: 'CandidateErased',
  version: 1,
  topic: Topics.candidates,
  payload: CandidateErasedV1Payload,
  key: 'candidateId',
});
