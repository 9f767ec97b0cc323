import { createHmac } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { generatePassword, scramSha256Verifier } from './scram';
import { testPostgresConnection } from './testUtils';

describe('scramSha256Verifier', () => {
  it('matches the RFC 7677 example exchange', async () => {
    // RFC 7677 section 3: user "user", password "pencil".
    const verifier = await scramSha256Verifier('pencil', {
      salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
      iterations: 4096,
    });
    const match =
      /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$([^:]+):(.+)$/.exec(
        verifier,
      );
    expect(match).not.toBeNull();
    const serverKey = Buffer.from(match![2], 'base64');
    const authMessage =
      'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const serverSignature = createHmac('sha256', serverKey)
      .update(authMessage)
      .digest('base64');
    expect(serverSignature).toBe(
      '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
    );
  });

  it('uses a fresh 16-byte salt and 4096 iterations each time', async () => {
    const [a, b] = await Promise.all([
      scramSha256Verifier('same'),
      scramSha256Verifier('same'),
    ]);
    expect(a).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$/);
    expect(a).not.toBe(b);
  });

  it('refuses passwords PostgreSQL would normalise differently', async () => {
    await expect(scramSha256Verifier('pässword')).rejects.toThrow(
      'printable ASCII',
    );
  });

  it('sets a password PostgreSQL accepts at login', async () => {
    const admin = testPostgresConnection();
    const role = `paved_scram_${Date.now()}`;
    const password = generatePassword();
    const adminClient = new Client(admin);
    await adminClient.connect();
    try {
      await adminClient.query(
        `CREATE ROLE ${escapeIdentifier(role)} LOGIN PASSWORD ${escapeLiteral(
          await scramSha256Verifier(password),
        )}`,
      );
      const login = new Client({ ...admin, user: role, password });
      await login.connect();
      const { rows } = await login.query('SELECT current_user AS who');
      await login.end();
      expect(rows[0].who).toBe(role);

      const wrong = new Client({ ...admin, user: role, password: 'wrong' });
      await expect(wrong.connect()).rejects.toThrow(
        /password authentication failed/,
      );
    } finally {
      await adminClient.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
      await adminClient.end();
    }
  });
});

describe('generatePassword', () => {
  it('is 32 random bytes in base64url', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
