import { Module } from '@nestjs/common';
import { EmployerAccess } from '../access/employer-access';
import { RegisterEmployerHandler } from './application/commands/register-employer/register-employer.handler';
import { GetEmployerHandler } from './application/queries/get-employer/get-employer.handler';
import { ListEmployersHandler } from './application/queries/list-employers/list-employers.handler';
import { EmployerRepository } from './domain/employer.repository';
import { PostgresEmployerRepository } from './infrastructure/postgres-employer.repository';
import { EmployersController } from './interface/http/employers.controller';

@Module({
  controllers: [EmployersController],
  providers: [
    RegisterEmployerHandler,
    GetEmployerHandler,
    ListEmployersHandler,
    { provide: EmployerRepository, useClass: PostgresEmployerRepository },
    EmployerAccess,
  ],
  exports: [EmployerRepository],
})
export class EmployersModule {}
