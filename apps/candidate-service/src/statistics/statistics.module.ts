import { Module } from '@nestjs/common';
import { EqualDistributionHandler } from './application/queries/equal-distribution/equal-distribution.handler';
import { EqualDistributionController } from './interface/http/equal-distribution.controller';

@Module({ controllers: [EqualDistributionController], providers: [EqualDistributionHandler] })
export class StatisticsModule {}
