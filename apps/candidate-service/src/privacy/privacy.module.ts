import { DynamicModule, Module } from '@nestjs/common';
import { PersonalDataCipher } from './personal-data-cipher';

/** Makes the cipher (holding the master key) available to every module of this service. */
@Module({})
export class PrivacyModule {
  static forRoot(masterKey: Buffer): DynamicModule {
    return {
      module: PrivacyModule,
      global: true,
      providers: [{ provide: PersonalDataCipher, useFactory: () => new PersonalDataCipher(masterKey) }],
      exports: [PersonalDataCipher],
    };
  }
}
