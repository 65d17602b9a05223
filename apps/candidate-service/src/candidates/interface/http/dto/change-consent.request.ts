import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_PURPOSES, ConsentPurpose } from '@jobbspar/contracts';
import { IsBoolean, IsIn } from 'class-validator';

export class ChangeConsentRequest {
  @ApiProperty({ description: 'What the consent is for', enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiProperty({ description: 'true gives the consent, false withdraws it (withdrawing matching stops matching her)' })
  @IsBoolean()
  given!: boolean;
}
