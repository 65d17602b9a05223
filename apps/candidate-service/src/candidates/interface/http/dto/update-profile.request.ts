import { PartialType } from '@nestjs/swagger';
import { ProfileFields } from './register-candidate.request';

/** Any subset of the profile; omitted fields keep their value. Contact details are not changed here. */
export class UpdateProfileRequest extends PartialType(ProfileFields) {}
