import { JwtService } from '@nestjs/jwt';
import { TokenService } from './token.service';

const alice = { id: '5f0c6a52-6f7e-4a43-9d43-0a6c1b0f7a01', roles: ['resident' as const], unitId: null, displayName: '王小明' };

describe('TokenService', () => {
  it('reads a token it signed, again and again', () => {
    const tokens = new TokenService(new JwtService({ secret: 'unit-test-secret', signOptions: { expiresIn: '1h' } }));
    const token = tokens.sign(alice);
    expect(tokens.read(token)).toEqual(alice);
    expect(tokens.read(token)).toEqual(alice);
  });

  it('refuses a remembered token once it has expired', () => {
    const tokens = new TokenService(new JwtService({ secret: 'unit-test-secret', signOptions: { expiresIn: '2s' } }));
    const token = tokens.sign(alice);
    expect(tokens.read(token)).toEqual(alice);
    const later = Date.now() + 3_000;
    const spy = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(tokens.read(token)).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a token signed with another secret, even with the same claims as a remembered one', () => {
    const ours = new TokenService(new JwtService({ secret: 'unit-test-secret', signOptions: { expiresIn: '1h' } }));
    const forger = new TokenService(new JwtService({ secret: 'guessed-secret', signOptions: { expiresIn: '1h' } }));
    expect(ours.read(ours.sign(alice))).toEqual(alice);
    expect(ours.read(forger.sign(alice))).toBeNull();
  });
});
