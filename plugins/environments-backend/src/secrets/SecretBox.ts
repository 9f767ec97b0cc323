import { Config } from '@backstage/config';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';

/**
 * Encrypts resource secrets at rest with AES-256-GCM. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), so a key or algorithm change can be told
 * apart later. The key comes from `environments.secrets.key` (32 bytes, base64) or from
 * `environments.secrets.keyFile`, which is created with a random key if it does not exist
 * (the embedded default keeps it in .paved/, git-ignored).
 */
export class SecretBox {
  static fromConfig(config: Config): SecretBox {
    const key = config.getOptionalString('environments.secrets.key');
    const keyFile = config.getOptionalString('environments.secrets.keyFile');
    if (key) {
      return new SecretBox(decodeKey(key, 'environments.secrets.key'));
    }
    if (keyFile) {
      return new SecretBox(readOrCreateKeyFile(path.resolve(keyFile)));
    }
    throw new Error(
      'Invalid environments configuration: environments.secrets: set key (32 random bytes, base64) or keyFile (created if missing)',
    );
  }

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) {
      throw new Error('An AES-256 key is 32 bytes');
    }
  }

  seal(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map(part =>
        typeof part === 'string' ? part : part.toString('base64url'),
      )
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
      throw new Error('Not a secret sealed by this service');
    }
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      this.key,
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}

function decodeKey(value: string, key: string): Buffer {
  const buffer = Buffer.from(value.trim(), 'base64');
  if (buffer.length !== 32) {
    throw new Error(
      `Invalid environments configuration: ${key}: must be 32 bytes encoded as base64 (openssl rand -base64 32)`,
    );
  }
  return buffer;
}

function readOrCreateKeyFile(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // wx: two replicas starting together must not overwrite each other's key.
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64')}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return decodeKey(
    fs.readFileSync(file, 'utf8'),
    'environments.secrets.keyFile',
  );
}
