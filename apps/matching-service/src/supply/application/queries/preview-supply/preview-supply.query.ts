import { Query } from '@nestjs/cqrs';
import type { DraftRole, SupplyPreview } from '../../../domain/supply-preview';

export type SupplyPreviewView = SupplyPreview & DraftRole;

export class PreviewSupplyQuery extends Query<SupplyPreviewView> {
  constructor(readonly role: DraftRole) {
    super();
  }
}
