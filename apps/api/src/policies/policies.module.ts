import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PolicyCacheService } from './policy-cache.service';

@Module({
  controllers: [PoliciesController],
  providers: [PoliciesService, PolicyCacheService],
  exports: [PoliciesService, PolicyCacheService],
})
export class PoliciesModule {}
