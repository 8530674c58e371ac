// Grbl 1.1 error and alarm codes decoded to words, in English and Indonesian (from the firmware's
// doc/csv/error_codes_en_US.csv and alarm_codes_en_US.csv). Unknown codes still get a readable message.

export type Lang = 'en' | 'id';

interface CodeText {
  en: string;
  id: string;
}

const ERRORS: Record<number, CodeText> = {
  1: { en: 'Expected command letter: G-code words consist of a letter and a value; the letter was not found.', id: 'Huruf perintah tidak ditemukan: kata G-code terdiri dari huruf dan nilai.' },
  2: { en: 'Bad number format: the expected value is missing or not a valid number.', id: 'Format angka salah: nilai yang diharapkan tidak ada atau bukan angka yang sah.' },
  3: { en: "Invalid statement: the '$' system command was not recognised or is not supported.", id: "Perintah tidak sah: perintah sistem '$' tidak dikenali atau tidak didukung." },
  4: { en: 'Negative value received where a positive value is expected.', id: 'Nilai negatif diterima padahal seharusnya positif.' },
  5: { en: 'Homing cycle is not enabled in the settings ($22).', id: 'Siklus homing tidak diaktifkan di pengaturan ($22).' },
  6: { en: 'Minimum step pulse time must be greater than 3 µs.', id: 'Waktu pulsa langkah minimum harus lebih dari 3 µs.' },
  7: { en: 'EEPROM read failed; the affected settings were restored to defaults.', id: 'Gagal membaca EEPROM; pengaturan yang terkena dikembalikan ke bawaan.' },
  8: { en: "The '$' command can only be used when the machine is Idle.", id: "Perintah '$' hanya bisa dipakai saat mesin Idle (diam)." },
  9: { en: 'G-code is locked out during an alarm or a jog. Unlock ($X) or home first.', id: 'G-code terkunci selama alarm atau jog. Buka kunci ($X) atau homing dahulu.' },
  10: { en: 'Soft limits cannot be enabled without homing also enabled.', id: 'Batas lunak tidak bisa diaktifkan tanpa mengaktifkan homing.' },
  11: { en: 'Line overflow: too many characters in the line; it was not executed.', id: 'Baris terlalu panjang: jumlah karakter melebihi batas; baris tidak dijalankan.' },
  12: { en: 'The setting would make the step rate exceed the maximum supported.', id: 'Pengaturan ini membuat laju langkah melebihi batas maksimum.' },
  13: { en: 'Safety door opened; door state started.', id: 'Pintu pengaman terbuka; mesin masuk status pintu.' },
  14: { en: 'Build info or startup line exceeds the EEPROM line length; not stored.', id: 'Info build atau baris startup melebihi panjang EEPROM; tidak disimpan.' },
  15: { en: 'Jog target exceeds machine travel; the jog was ignored.', id: 'Tujuan jog melebihi jangkauan mesin; jog diabaikan.' },
  16: { en: "Invalid jog command: no '=' or it contains forbidden G-code.", id: "Perintah jog tidak sah: tidak ada '=' atau berisi G-code terlarang." },
  17: { en: 'Laser mode requires PWM output.', id: 'Mode laser membutuhkan keluaran PWM.' },
  20: { en: 'Unsupported or invalid G-code command in the block.', id: 'Perintah G-code tidak didukung atau tidak sah di blok ini.' },
  21: { en: 'More than one G-code command from the same modal group in the block.', id: 'Lebih dari satu perintah G-code dari grup modal yang sama dalam satu blok.' },
  22: { en: 'Feed rate has not been set (F word missing).', id: 'Kecepatan potong (F) belum diatur.' },
  23: { en: 'The G-code command requires an integer value.', id: 'Perintah G-code membutuhkan nilai bilangan bulat.' },
  24: { en: 'More than one G-code command that needs axis words in the block.', id: 'Lebih dari satu perintah G-code yang membutuhkan kata sumbu dalam blok.' },
  25: { en: 'Repeated G-code word in the block.', id: 'Kata G-code berulang dalam blok.' },
  26: { en: 'No axis words found for a command that needs them.', id: 'Tidak ada kata sumbu untuk perintah yang membutuhkannya.' },
  27: { en: 'Invalid line number.', id: 'Nomor baris tidak sah.' },
  28: { en: 'The G-code command is missing a required value word.', id: 'Perintah G-code kekurangan kata nilai yang wajib.' },
  29: { en: 'G59.x work coordinate systems are not supported.', id: 'Sistem koordinat kerja G59.x tidak didukung.' },
  30: { en: 'G53 is only allowed with G0 and G1 motion modes.', id: 'G53 hanya boleh dengan mode gerak G0 dan G1.' },
  31: { en: 'Axis words found where no command uses them.', id: 'Ada kata sumbu padahal tidak ada perintah yang memakainya.' },
  32: { en: 'G2/G3 arcs need at least one in-plane axis word.', id: 'Busur G2/G3 membutuhkan minimal satu kata sumbu pada bidangnya.' },
  33: { en: 'Motion command target is invalid.', id: 'Tujuan perintah gerak tidak sah.' },
  34: { en: 'Arc radius value is invalid.', id: 'Nilai jari-jari busur tidak sah.' },
  35: { en: 'G2/G3 arcs need at least one in-plane offset word.', id: 'Busur G2/G3 membutuhkan minimal satu kata offset pada bidangnya.' },
  36: { en: 'Unused value words found in the block.', id: 'Ada kata nilai yang tidak terpakai dalam blok.' },
  37: { en: 'G43.1 tool length offset is not on the configured tool length axis.', id: 'Offset panjang alat G43.1 tidak pada sumbu panjang alat yang diatur.' },
  38: { en: 'Tool number greater than the maximum supported.', id: 'Nomor alat melebihi batas maksimum.' },
};

const ALARMS: Record<number, CodeText> = {
  1: { en: 'Hard limit triggered. Position is likely lost; home the machine again.', id: 'Limit switch tersentuh. Posisi kemungkinan hilang; lakukan homing ulang.' },
  2: { en: 'Motion target exceeds machine travel (soft limit). Position kept; the alarm may be unlocked.', id: 'Tujuan gerak melebihi jangkauan mesin (batas lunak). Posisi aman; alarm boleh dibuka.' },
  3: { en: 'Reset while in motion. Position may be lost; home the machine again.', id: 'Reset saat bergerak. Posisi mungkin hilang; lakukan homing ulang.' },
  4: { en: 'Probe fail: the probe was not in the expected state before the probe cycle.', id: 'Probe gagal: probe tidak dalam keadaan yang diharapkan sebelum siklus probe.' },
  5: { en: 'Probe fail: the probe did not touch within the programmed travel.', id: 'Probe gagal: probe tidak menyentuh dalam jarak yang diprogram.' },
  6: { en: 'Homing fail: reset during the homing cycle.', id: 'Homing gagal: reset saat siklus homing.' },
  7: { en: 'Homing fail: safety door opened during the homing cycle.', id: 'Homing gagal: pintu pengaman terbuka saat homing.' },
  8: { en: 'Homing fail: could not clear the limit switch when pulling off. Check the pull-off setting ($27) and wiring.', id: 'Homing gagal: limit switch tidak terlepas saat mundur. Periksa pengaturan pull-off ($27) dan kabel.' },
  9: { en: 'Homing fail: limit switch not found within the search distance.', id: 'Homing gagal: limit switch tidak ditemukan dalam jarak pencarian.' },
};

export function errorMessage(code: number, lang: Lang = 'en'): string {
  const t = ERRORS[code];
  if (t) return t[lang];
  return lang === 'id' ? `Kesalahan GRBL tidak dikenal (error:${code}).` : `Unknown GRBL error (error:${code}).`;
}

export function alarmMessage(code: number, lang: Lang = 'en'): string {
  const t = ALARMS[code];
  if (t) return t[lang];
  return lang === 'id' ? `Alarm GRBL tidak dikenal (ALARM:${code}).` : `Unknown GRBL alarm (ALARM:${code}).`;
}

/** Both languages at once, for events stored in the job log and shown in whichever language the user picked. */
export function decodeError(code: number): { code: number; en: string; id: string } {
  return { code, en: errorMessage(code, 'en'), id: errorMessage(code, 'id') };
}

export function decodeAlarm(code: number): { code: number; en: string; id: string } {
  return { code, en: alarmMessage(code, 'en'), id: alarmMessage(code, 'id') };
}

/** Alarms after which the machine position is unreliable and homing is needed before cutting again. */
export function alarmNeedsHoming(code: number): boolean {
  return code === 1 || code === 3 || (code >= 6 && code <= 9);
}
