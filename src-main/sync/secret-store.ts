// Where the refresh token lives. The OS keychain through keytar (an optional native dependency whose repository
// is archived, hence the interface) is preferred; when keytar is missing or no keychain answers (a Linux box
// without an unlocked Secret Service, CI), a file in the data folder with 0600 permissions is used and the
// status says so plainly (English and Indonesian), so nobody believes the token is in a keychain when it is not.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface SecretStore {
  readonly kind: 'keychain' | 'file';
  /** Why the fallback is in use (null for the keychain). */
  readonly warning: { en: string; id: string } | null;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

const SERVICE = 'AcrylicHub Pro sync';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly warning = null;
  constructor(private readonly keytar: Keytar, private readonly service = SERVICE) {}
  get(account: string) {
    return this.keytar.getPassword(this.service, account);
  }
  set(account: string, secret: string) {
    return this.keytar.setPassword(this.service, account, secret);
  }
  async delete(account: string) {
    await this.keytar.deletePassword(this.service, account);
  }
}

export class FileSecretStore implements SecretStore {
  readonly kind = 'file' as const;
  constructor(private readonly file: string, readonly warning: { en: string; id: string }) {}

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
  }

  private write(data: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(data), { mode: 0o600 });
    chmodSync(this.file, 0o600); // also when the file already existed with wider permissions
  }

  async get(account: string) {
    return this.read()[account] ?? null;
  }
  async set(account: string, secret: string) {
    this.write({ ...this.read(), [account]: secret });
  }
  async delete(account: string) {
    const data = this.read();
    delete data[account];
    if (Object.keys(data).length) this.write(data);
    else rmSync(this.file, { force: true });
  }
}

function loadKeytar(): Keytar | string {
  try {
    return createRequire(import.meta.url)('keytar') as Keytar;
  } catch (err) {
    return `keytar is not installed (${(err as Error).message.split('\n')[0]})`;
  }
}

export interface SecretStoreOptions {
  service?: string;
  keytar?: Keytar | null;
  /** The fallback file's name in the data folder. */
  fileName?: string;
  /** What is kept, for the fallback warning (plural, capitalised). */
  what?: { en: string; id: string };
}

/** The keychain when keytar loads and a probe round-trips through it; otherwise the 0600 file, with the reason. */
export async function openSecretStore(dataDir: string, opts: SecretStoreOptions = {}): Promise<SecretStore> {
  const keytar = opts.keytar === undefined ? loadKeytar() : (opts.keytar ?? 'keytar disabled');
  let reason: string;
  if (typeof keytar === 'string') reason = keytar;
  else {
    const store = new KeytarSecretStore(keytar, opts.service);
    try {
      const probe = `probe-${process.pid}`;
      await store.set(probe, 'ok');
      const back = await store.get(probe);
      await store.delete(probe);
      if (back === 'ok') return store;
      reason = 'the keychain did not return a stored value';
    } catch (err) {
      reason = `no keychain answered (${(err as Error).message.split('\n')[0]})`;
    }
  }
  const what = opts.what ?? { en: 'Sign-in tokens', id: 'Token masuk' };
  return new FileSecretStore(join(dataDir, opts.fileName ?? 'sync-secrets.json'), {
    en: `${what.en} are stored in a private file (permissions 0600) in the data folder, not in the OS keychain: ${reason}.`,
    id: `${what.id} disimpan di berkas privat (izin 0600) di folder data, bukan di keychain sistem: ${reason}.`,
  });
}
