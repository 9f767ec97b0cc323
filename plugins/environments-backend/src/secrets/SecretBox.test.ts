import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { SecretBox } from './SecretBox';

describe('SecretBox', () => {
  const dir = createMockDirectory();
  const key = Buffer.alloc(32, 7).toString('base64');

  it('seals so that only the same key opens, and never stores the cleartext', () => {
    const box = SecretBox.fromConfig(
      new ConfigReader({ environments: { secrets: { key } } }),
    );
    const sealed = box.seal('s3cret-password');
    expect(sealed).not.toContain('s3cret');
    expect(box.seal('s3cret-password')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed)).toBe('s3cret-password');

    const other = new SecretBox(Buffer.alloc(32, 8));
    expect(() => other.open(sealed)).toThrow();
  });

  it('refuses a tampered secret', () => {
    const box = new SecretBox(Buffer.alloc(32, 1));
    const parts = box.seal('value').split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('creates a key file once and reuses it', () => {
    dir.clear();
    const config = new ConfigReader({
      environments: { secrets: { keyFile: dir.resolve('keys/secrets.key') } },
    });
    const sealed = SecretBox.fromConfig(config).seal('kept');
    const stat = fs.statSync(dir.resolve('keys/secrets.key'));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(SecretBox.fromConfig(config).open(sealed)).toBe('kept');
  });

  it('names the key when it is wrong or missing', () => {
    expect(() =>
      SecretBox.fromConfig(
        new ConfigReader({ environments: { secrets: { key: 'short' } } }),
      ),
    ).toThrow(/environments\.secrets\.key: must be 32 bytes encoded as base64/);
    expect(() => SecretBox.fromConfig(new ConfigReader({}))).toThrow(
      /environments\.secrets: set key .* or keyFile/,
    );
  });
});
