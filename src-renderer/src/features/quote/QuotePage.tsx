// The quote panel: pick a design, material, thickness, quantity, machine and finishing; the price updates live
// (quote.compute runs locally in milliseconds, offline) with every line explained, the job figures and the
// complexity factors; save it under a number and export the PDF in the UI's language.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { DesignSummary } from '../../../../src-shared/contract/channels/designs';
import type { quoteComputationSchema, QuoteSummary } from '../../../../src-shared/contract/channels/quote';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import { useApp } from '../../app/app-context';
import { useWorkspace } from '../../app/workspace';
import { formatLength, formatMoney } from '../../i18n/setup';
import { base64ToBytes, chooseSavePath, downloadBytes } from '../../util/download';

type Computation = z.infer<typeof quoteComputationSchema>;
type Material = ChannelOutput<'materials.list'>[number];
type Machine = ChannelOutput<'machineProfiles.list'>[number];

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min ${s % 60} s` : `${s} s`;
}

export function QuotePage() {
  const { t } = useTranslation();
  const { client, settings } = useApp();
  const lang = settings.language;
  const { nest } = useWorkspace();
  const [designs, setDesigns] = useState<DesignSummary[]>([]);
  const [materials, setMaterials] = useState<Material[]>([]);
  const [machines, setMachines] = useState<Machine[]>([]);
  const [quotes, setQuotes] = useState<QuoteSummary[]>([]);
  const [designId, setDesignId] = useState('');
  const [materialId, setMaterialId] = useState('');
  const [thicknessMm, setThicknessMm] = useState<number | undefined>();
  const [machineId, setMachineId] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [options, setOptions] = useState({ flamePolish: false, edgePolish: false, bends: 0, engravingCm2: 0, rush: false });
  const [customer, setCustomer] = useState('');
  const [result, setResult] = useState<Computation | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void Promise.all([
      client.invoke('designs.list', { limit: 500 }),
      client.invoke('materials.list', {}),
      client.invoke('machineProfiles.list', {}),
      client.invoke('quotes.list', { limit: 50 }),
    ]).then(([d, m, mc, q]) => {
      setDesigns(d);
      setMaterials(m);
      setMachines(mc);
      setQuotes(q);
      if (d[0]) setDesignId((x) => x || d[0].id);
      const preferred = m.find((x) => x.id === settings.defaultMaterialId) ?? m[0];
      if (preferred) setMaterialId((x) => x || preferred.id);
      const machine = mc.find((x) => x.id === settings.defaultMachineId) ?? mc[0];
      if (machine) setMachineId((x) => x || machine.id);
    });
  }, [client, settings.defaultMaterialId, settings.defaultMachineId]);

  const material = materials.find((m) => m.id === materialId);
  // The accepted nest prices material by the sheets it uses, when it nests exactly this design.
  const nestSheets = nest && nest.designIds.length === 1 && nest.designIds[0] === designId ? nest.result.sheets.length : undefined;
  const request = useMemo(
    () =>
      designId && materialId
        ? {
            design: { designId },
            materialId,
            thicknessMm: thicknessMm ?? material?.thicknesses[0]?.thicknessMm,
            machineId: machineId || undefined,
            quantity: Math.max(1, Math.floor(quantity) || 1),
            options,
            currency: settings.currency,
            lang,
            nest: nestSheets !== undefined ? { sheets: nestSheets } : undefined,
          }
        : null,
    [designId, materialId, thicknessMm, material, machineId, quantity, options, settings.currency, lang, nestSheets],
  );

  useEffect(() => {
    if (!request) return;
    let current = true;
    setBusy(true);
    const timer = setTimeout(() => {
      client
        .invoke('quote.compute', request)
        .then((r) => current && (setResult(r), setMessage('')))
        .catch((err: Error) => current && (setResult(null), setMessage(t('shell.error', { message: err.message }))))
        .finally(() => current && setBusy(false));
    }, 60);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, request, t]);

  async function save(): Promise<string | null> {
    if (!request) return null;
    const saved = await client.invoke('quote.save', { ...request, customerName: customer });
    setMessage(t('quote.savedAs', { number: saved.number }));
    setQuotes(await client.invoke('quotes.list', { limit: 50 }));
    return saved.id;
  }

  async function exportPdf(id?: string) {
    try {
      const quoteId = id ?? (await save());
      if (!quoteId) return;
      const target = await chooseSavePath(client, `quote-${quoteId.slice(0, 8)}.pdf`, { name: 'PDF', extensions: ['pdf'] });
      if (target === null) return;
      const res = await client.invoke('quote.pdf', { id: quoteId, lang, path: target === 'browser' ? undefined : target });
      if (res.base64) downloadBytes(`quote-${quoteId.slice(0, 8)}.pdf`, base64ToBytes(res.base64), 'application/pdf');
      setMessage(t('quote.pdfSaved', { bytes: res.bytes }));
    } catch (err) {
      setMessage(t('shell.error', { message: (err as Error).message }));
    }
  }

  const money = (v: number) => formatMoney(v, result?.price.currency ?? settings.currency, lang);
  const len = (mm: number) => formatLength(mm, settings.units, lang);

  if (!designs.length) {
    return (
      <section className="page">
        <h2>{t('quote.title')}</h2>
        <div className="empty-state"><p>{t('quote.noDesigns')}</p></div>
      </section>
    );
  }

  return (
    <section className="page quote" aria-labelledby="quote-title">
      <h2 id="quote-title">{t('quote.title')}</h2>
      <div className="quote-grid">
        <div className="panel form-grid">
          <label htmlFor="q-design">{t('quote.design')}</label>
          <select id="q-design" data-testid="quote-design" value={designId} onChange={(e) => setDesignId(e.target.value)}>
            {designs.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
          <label htmlFor="q-material">{t('quote.material')}</label>
          <select id="q-material" data-testid="quote-material" value={materialId} onChange={(e) => { setMaterialId(e.target.value); setThicknessMm(undefined); }}>
            {materials.map((m) => <option key={m.id} value={m.id}>{lang === 'id' ? m.nameId : m.name}</option>)}
          </select>
          <label htmlFor="q-thickness">{t('quote.thickness')}</label>
          <select id="q-thickness" data-testid="quote-thickness" value={thicknessMm ?? material?.thicknesses[0]?.thicknessMm ?? ''} onChange={(e) => setThicknessMm(Number(e.target.value))}>
            {material?.thicknesses.map((v) => <option key={v.thicknessMm} value={v.thicknessMm}>{v.thicknessMm} mm</option>)}
          </select>
          <label htmlFor="q-qty">{t('quote.quantity')}</label>
          <input id="q-qty" data-testid="quote-qty" type="number" min={1} max={1_000_000} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))} />
          <label htmlFor="q-machine">{t('quote.machine')}</label>
          <select id="q-machine" value={machineId} onChange={(e) => setMachineId(e.target.value)}>
            {machines.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
          <span>{t('quote.options')}</span>
          <div className="checks">
            <label className="check"><input type="checkbox" checked={options.flamePolish} onChange={(e) => setOptions({ ...options, flamePolish: e.target.checked })} /> {t('quote.flamePolish')}</label>
            <label className="check"><input type="checkbox" checked={options.edgePolish} onChange={(e) => setOptions({ ...options, edgePolish: e.target.checked })} /> {t('quote.edgePolish')}</label>
            <label className="check"><input type="checkbox" checked={options.rush} onChange={(e) => setOptions({ ...options, rush: e.target.checked })} data-testid="quote-rush" /> {t('quote.rush')}</label>
            <label>{t('quote.bends')} <input type="number" min={0} max={100} value={options.bends} onChange={(e) => setOptions({ ...options, bends: Math.max(0, Number(e.target.value) || 0) })} /></label>
            <label>{t('quote.engravingCm2')} <input type="number" min={0} value={options.engravingCm2} onChange={(e) => setOptions({ ...options, engravingCm2: Math.max(0, Number(e.target.value) || 0) })} /></label>
          </div>
          <label htmlFor="q-customer">{t('quote.customer')}</label>
          <input id="q-customer" value={customer} maxLength={200} onChange={(e) => setCustomer(e.target.value)} />
        </div>
        <div className="panel" aria-live="polite">
          {busy && !result && <p>{t('quote.computing')}</p>}
          {result && (
            <>
              <p className="total" data-testid="quote-total">{t('quote.total')}: <strong>{money(result.price.total)}</strong></p>
              <p className="muted">{t('quote.unitPrice')}: {money(result.price.unitPrice)} · {t('quote.subtotal')} {money(result.price.subtotal)} · {result.price.taxLabel} {money(result.price.tax)}</p>
              <h3>{t('quote.breakdown')}</h3>
              <table className="lines" data-testid="quote-lines">
                <tbody>
                  {result.price.lines.map((l) => (
                    <tr key={l.code}><td>{l.label}<div className="muted">{l.formula}</div></td><td className="num">{money(l.amount)}</td></tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('quote.figures')}</h3>
              <ul className="figures">
                <li>{t('quote.cutLength')}: {len(result.cutLengthMm)}</li>
                <li>{t('quote.pierces')}: {result.pierces}</li>
                <li>{t('quote.engraveArea')}: {(result.engraveAreaMm2 / 100).toFixed(1)} cm²</li>
                <li>{t('quote.machineTime')}: {formatDuration(result.machineTimeS)} <span className="muted">({t('quote.naiveTime', { time: formatDuration(result.time.naivePerCopyS * result.quantity) })})</span></li>
                <li>{t('quote.sheets')}: {result.sheets}</li>
                <li>{t('quote.complexity', { score: Math.round(result.complexity.score), label: result.complexity.difficultyLabel })}
                  <ul className="muted">{result.complexity.factors.map((f) => <li key={f.code}>{f.label}: {f.value.toFixed(2)} {f.unit} → {f.points.toFixed(0)}</li>)}</ul>
                </li>
              </ul>
              {result.manualReview && (
                <div role="alert" className="review"><strong>{t('quote.manualReview')}</strong><ul>{result.reviewReasons.map((r) => <li key={r}>{r}</li>)}</ul></div>
              )}
              <p>
                <button type="button" className="primary" onClick={() => void save().catch((e: Error) => setMessage(e.message))} data-testid="quote-save">{t('quote.save')}</button>{' '}
                <button type="button" onClick={() => void exportPdf()} data-testid="quote-pdf">{t('quote.pdf')}</button>
              </p>
            </>
          )}
          <p role="status" data-testid="quote-status">{message}</p>
        </div>
      </div>
      <h3>{t('quote.saved')}</h3>
      {quotes.length === 0 ? <p className="muted">{t('quote.noQuotes')}</p> : (
        <table className="lines" data-testid="quotes-list">
          <tbody>
            {quotes.map((q) => (
              <tr key={q.id}>
                <td>{q.number}</td><td>{q.customerName}</td><td>{q.designName}</td><td>{q.quantity}×</td>
                <td className="num">{formatMoney(q.totalIdr, 'IDR', lang)}</td>
                <td><button type="button" onClick={() => void exportPdf(q.id)}>PDF</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
