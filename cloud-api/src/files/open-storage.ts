// Chooses the file storage backend from configuration: the local folder by default, S3-compatible object
// storage when FILE_STORAGE=s3.
import type { AppConfig } from '../config';
import { s3Storage } from './s3-storage';
import { localStorage, type FileStorage } from './storage';

export function openStorage(cfg: AppConfig['files']): FileStorage {
  return cfg.s3 ? s3Storage(cfg.s3) : localStorage(cfg.dir);
}
