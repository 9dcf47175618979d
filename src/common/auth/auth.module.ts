import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../../config/env';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      // The secret as a KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM
      // public key on every verify and throws, ~1.5 ms of CPU per authenticated request.
      useFactory: (cfg: AppConfig) => ({
        secret: createSecretKey(Buffer.from(cfg.JWT_SECRET, 'utf8')) as unknown as string,
        verifyOptions: { algorithms: ['HS256'] },
        signOptions: { expiresIn: cfg.JWT_EXPIRES_IN as never },
      }),
    }),
  ],
  providers: [TokenService],
  exports: [TokenService],
})
export class AuthModule {}
