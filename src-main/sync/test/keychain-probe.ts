// Run inside a D-Bus session with an unlocked gnome-keyring (see keychain.test.ts): opens the secret store the
// app would open and round-trips a token through it, printing the store kind and the value read back.
import { openSecretStore } from '../secret-store';

const store = await openSecretStore(process.argv[2], { service: `AcrylicHub Pro sync test ${process.pid}` });
await store.set('refresh:probe@example.test', 'token-from-keychain');
const back = await store.get('refresh:probe@example.test');
await store.delete('refresh:probe@example.test');
const gone = await store.get('refresh:probe@example.test');
console.log(JSON.stringify({ kind: store.kind, warning: store.warning, back, gone }));
