import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

@Module({})
export class AuthModule {
  static register(secret: string): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({ secret, signOptions: { expiresIn: '12h' } })],
      controllers: [AuthController],
      providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
