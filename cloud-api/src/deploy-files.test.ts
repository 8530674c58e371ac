// The deploy files cannot run here, so this test parses them and checks what matters: the HPA of the design,
// probes that hit real endpoints, ports that line up, env names the server actually reads, zone isolation in the
// NetworkPolicies, pgbouncer in transaction mode, a non-root image.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ENV_VARIABLES, loadConfig } from './config';

const DEPLOY = join(__dirname, '..', 'deploy');
type Doc = Record<string, any>;
const docs = (file: string): Doc[] => parseAllDocuments(readFileSync(join(DEPLOY, 'k8s', file), 'utf8')).map((d) => {
  expect(d.errors, file).toEqual([]);
  return d.toJS() as Doc;
});
const envFile = (file: string) => Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('Kubernetes manifests', () => {
  it('autoscales 3–50 replicas on CPU 70 % and memory 80 %', () => {
    const [hpa] = docs('hpa.yaml');
    expect(hpa).toMatchObject({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', spec: { minReplicas: 3, maxReplicas: 50, scaleTargetRef: { kind: 'Deployment', name: 'cloud-api' } } });
    const target = (name: string) => hpa.spec.metrics.find((m: Doc) => m.resource.name === name).resource.target;
    expect(target('cpu')).toEqual({ type: 'Utilization', averageUtilization: 70 });
    expect(target('memory')).toEqual({ type: 'Utilization', averageUtilization: 80 });
  });

  it('runs the API non-root with probes on /healthz and /readyz, resources set, ports matching the Service', () => {
    const [dep] = docs('deployment.yaml');
    const c = dep.spec.template.spec.containers[0];
    expect(dep.spec.replicas).toBeGreaterThanOrEqual(3);
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.resources.requests.cpu).toBeDefined();
    expect(c.resources.requests.memory).toBeDefined();
    expect(dep.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    const [svc] = docs('service.yaml');
    const portName = svc.spec.ports[0].targetPort;
    expect(c.ports.find((p: Doc) => p.name === portName).containerPort).toBe(8080);
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
    const [cm] = docs('configmap.yaml');
    expect(c.envFrom.map((e: Doc) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual(['cloud-api-config', 'cloud-api-secrets']);
    expect(Number(cm.data.PORT)).toBe(8080);
    // The root filesystem is read-only: the upload folder must be a mounted volume.
    expect(c.volumeMounts.map((v: Doc) => v.mountPath)).toContain(cm.data.FILE_STORAGE_DIR);
    expect(Number(cm.data.MAX_UPLOAD_BYTES)).toBe(100 * 1024 * 1024);
  });

  it('configures only variables the server reads, and the production example loads', () => {
    const [cm] = docs('configmap.yaml');
    const [secret] = docs('secret.example.yaml');
    for (const k of [...Object.keys(cm.data), ...Object.keys(secret.stringData)]) expect(ENV_VARIABLES, k).toContain(k);
    for (const f of readdirSync(join(DEPLOY, 'env'))) {
      const env = envFile(join(DEPLOY, 'env', f));
      for (const k of Object.keys(env)) expect(ENV_VARIABLES, `${f}: ${k}`).toContain(k);
      expect(() => loadConfig({ ...env, TOKEN_SECRET: 'x'.repeat(48) }), f).not.toThrow();
    }
    for (const k of Object.keys(envFile(join(DEPLOY, '..', '.env.example')))) expect(ENV_VARIABLES, `.env.example: ${k}`).toContain(k);
    expect(() => loadConfig({ ...cm.data, ...secret.stringData, TOKEN_SECRET: 'x'.repeat(48) })).not.toThrow();
  });

  it('isolates the four zones: default deny everywhere, each zone reachable only from the next one out', () => {
    const pols = docs('networkpolicies.yaml');
    const ns = ['acrylichub-public', 'acrylichub-dmz', 'acrylichub-private', 'acrylichub-restricted'];
    for (const n of ns) {
      const deny = pols.find((p) => p.metadata.namespace === n && p.metadata.name === 'default-deny');
      expect(deny?.spec, n).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
    const sourcesOf = (app: string) => pols.find((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === app)!.spec.ingress.flatMap((r: Doc) => r.from);
    const zonesOf = (from: Doc[]) => from.map((f) => f.namespaceSelector?.matchLabels?.zone ?? f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? (f.ipBlock ? 'internet' : 'same-namespace'));
    expect(zonesOf(sourcesOf('ingress-nginx'))).toEqual(['internet']);
    expect(zonesOf(sourcesOf('cloud-api')).sort()).toEqual(['monitoring', 'public']);
    expect(zonesOf(sourcesOf('pgbouncer'))).toEqual(['dmz']);
    expect(zonesOf(sourcesOf('redis'))).toEqual(['dmz']);
    expect(zonesOf(sourcesOf('postgres')).sort()).toEqual(['private', 'same-namespace']);
    const pgFrom = sourcesOf('postgres').find((f: Doc) => f.namespaceSelector);
    expect(pgFrom.podSelector.matchLabels['app.kubernetes.io/name']).toBe('pgbouncer');
    // The API never talks to PostgreSQL directly.
    const apiEgress = pols.find((p) => p.metadata.name === 'cloud-api')!.spec.egress.flatMap((r: Doc) => r.ports.map((p: Doc) => p.port));
    expect(apiEgress).not.toContain(5432);
    // Outside the cluster: HTTPS (S3, Twilio) and mail submission only, and never a private address range.
    const outside = pols.find((p) => p.metadata.name === 'cloud-api')!.spec.egress.filter((r: Doc) => r.to.some((t: Doc) => t.ipBlock));
    expect(outside.flatMap((r: Doc) => r.ports.map((p: Doc) => p.port)).sort()).toEqual([443, 465, 587]);
    expect(outside.flatMap((r: Doc) => r.to.map((t: Doc) => t.ipBlock.except)).flat()).toEqual(expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']));
  });
});

describe('pgbouncer and image', () => {
  it('pools in transaction mode without server-side prepared statements', () => {
    const ini = readFileSync(join(DEPLOY, 'pgbouncer.ini'), 'utf8');
    const kv = Object.fromEntries(ini.split('\n').filter((l) => /^\w+\s*=/.test(l)).map((l) => l.split('=').map((x) => x.trim())));
    expect(kv.pool_mode).toBe('transaction');
    expect(kv.max_prepared_statements).toBe('0');
    expect(kv.listen_port).toBe('6432');
    expect(kv.auth_type).toBe('scram-sha-256');
    const [secret] = docs('secret.example.yaml');
    expect(new URL(secret.stringData.DATABASE_URL).port).toBe(kv.listen_port);
    // The session cache LISTENs through a session-mode entry of the same database.
    const listenDb = new URL(secret.stringData.DATABASE_LISTEN_URL).pathname.slice(1);
    expect(ini).toMatch(new RegExp(`^${listenDb} = .*dbname=acrylichub .*pool_mode=session`, 'm'));
  });

  it('builds a non-root image that exposes the probed port and runs the server', () => {
    const df = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    const lines = df.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.filter((l) => l.startsWith('FROM')).every((l) => /node:20/.test(l))).toBe(true);
    expect(lines).toContain('USER node');
    expect(lines).toContain('EXPOSE 8080');
    expect(lines.find((l) => l.startsWith('CMD'))).toContain('cloud-api/src/server.ts');
    expect(df).toContain('COPY cloud-api/migrations');
    expect(df).toContain('COPY src-shared');
  });
});
