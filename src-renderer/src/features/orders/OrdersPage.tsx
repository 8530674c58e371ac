// Orders: created here even offline (they sync when a connection comes back; the cloud gives the number), with
// their server-confirmed state, a pending change if one is queued, history, and the moves the state machine allows.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalOrder, LocalOrderDetail } from '../../../../src-shared/contract/channels/sync';
import type { QuoteSummary } from '../../../../src-shared/contract/channels/quote';
import { allowedNextStates } from '../../../../src-shared/orders/state-machine';
import { useApp } from '../../app/app-context';
import { formatMoney } from '../../i18n/setup';
import { SyncPanel } from './SyncPanel';
import { useSyncStatus } from './use-sync-status';

interface Line { description: string; quantity: number; unitPriceIdr: number }

export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const { client, settings } = useApp();
  const [status] = useSyncStatus();
  const [orders, setOrders] = useState<LocalOrder[]>([]);
  const [quotes, setQuotes] = useState<QuoteSummary[]>([]);
  const [open, setOpen] = useState<LocalOrderDetail | null>(null);
  const [customer, setCustomer] = useState({ name: '', email: '', phone: '' });
  const [lines, setLines] = useState<Line[]>([{ description: '', quantity: 1, unitPriceIdr: 0 }]);
  const [quoteId, setQuoteId] = useState('');
  const [message, setMessage] = useState('');
  const lang = settings.language;

  const load = useCallback(async () => {
    setOrders(await client.invoke('orders.list', {}));
  }, [client]);

  useEffect(() => {
    void load();
    void client.invoke('quotes.list', { limit: 100 }).then(setQuotes);
  }, [client, load, status?.lastSyncAt, status?.pending]);

  // After a sync the open order may have its number and a new state from the server.
  const openId = open?.id;
  useEffect(() => {
    if (openId) void client.invoke('orders.get', { id: openId }).then(setOpen).catch(() => {});
  }, [client, openId, status?.lastSyncAt, status?.pending]);
  const [newOpen, setNewOpen] = useState<boolean | null>(null);

  function applyQuote(id: string) {
    setQuoteId(id);
    const q = quotes.find((x) => x.id === id);
    if (!q) return;
    setCustomer((c) => ({ ...c, name: c.name || q.customerName }));
    setLines([{ description: `${q.designName} (${q.number})`, quantity: q.quantity, unitPriceIdr: Math.round(q.totalIdr / 1.11 / q.quantity) }]);
  }

  async function create() {
    try {
      const order = await client.invoke('orders.create', {
        customer: { name: customer.name, email: customer.email || undefined, phone: customer.phone || undefined },
        quoteId: quoteId || null,
        lines: lines.filter((l) => l.description.trim()),
      });
      setOpen(order);
      setMessage(t('orders.created'));
      await load();
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  async function move(to: LocalOrderDetail['state']) {
    if (!open) return;
    try {
      setOpen(await client.invoke('orders.transition', { id: open.id, to }));
      await load();
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  const money = (v: number | null) => (v === null ? '—' : formatMoney(v, 'IDR', lang));
  const date = (s: string) => new Date(s).toLocaleString(i18n.language === 'id' ? 'id-ID' : 'en-GB');
  return (
    <section className="page orders" aria-labelledby="orders-title">
      <h2 id="orders-title">{t('orders.title')}</h2>
      <SyncPanel />
      <div className="quote-grid">
        <details className="panel" open={newOpen ?? orders.length === 0} onToggle={(e) => setNewOpen((e.target as HTMLDetailsElement).open)}>
          <summary>{t('orders.new')}</summary>
          <div className="form-grid">
            <label htmlFor="o-quote">{t('orders.fromQuote')}</label>
            <select id="o-quote" value={quoteId} onChange={(e) => applyQuote(e.target.value)}>
              <option value="">{t('orders.noQuote')}</option>
              {quotes.map((q) => <option key={q.id} value={q.id}>{q.number} · {q.designName}</option>)}
            </select>
            <label htmlFor="o-name">{t('orders.customer')}</label>
            <input id="o-name" value={customer.name} onChange={(e) => setCustomer({ ...customer, name: e.target.value })} data-testid="order-customer" />
            <label htmlFor="o-email">{t('orders.email')}</label>
            <input id="o-email" type="email" value={customer.email} onChange={(e) => setCustomer({ ...customer, email: e.target.value })} />
            <label htmlFor="o-phone">{t('orders.phone')}</label>
            <input id="o-phone" value={customer.phone} onChange={(e) => setCustomer({ ...customer, phone: e.target.value })} />
          </div>
          <table className="lines">
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  <td><input aria-label={t('orders.line')} value={l.description} data-testid="order-line"
                    onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))} /></td>
                  <td><input aria-label={t('orders.qty')} type="number" min={1} value={l.quantity} style={{ width: 70 }}
                    onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity: Math.max(1, Math.floor(Number(e.target.value)) || 1) } : x)))} /></td>
                  <td><input aria-label={t('orders.unitPrice')} type="number" min={0} value={l.unitPriceIdr} style={{ width: 130 }} data-testid="order-price"
                    onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, unitPriceIdr: Math.max(0, Math.round(Number(e.target.value)) || 0) } : x)))} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" onClick={() => setLines([...lines, { description: '', quantity: 1, unitPriceIdr: 0 }])}>{t('orders.addLine')}</button>{' '}
            <button type="button" className="primary" disabled={!customer.name.trim() || !lines.some((l) => l.description.trim())} onClick={() => void create()} data-testid="order-create">{t('orders.create')}</button>
          </p>
          {message && <p role="status" data-testid="order-status">{message}</p>}
        </details>
        <div className="panel">
          {orders.length === 0 ? <p className="muted">{t('empty.orders')}</p> : (
            <table className="lines" data-testid="orders-list">
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id} onClick={() => void client.invoke('orders.get', { id: o.id }).then(setOpen)} style={{ cursor: 'pointer' }}>
                    <td>{o.number ?? <span className="muted">{t('orders.notSynced')}</span>}</td>
                    <td>{o.customer.name}</td>
                    <td data-testid="order-state">{t(`orders.state.${o.state}`)}{o.pendingState && <span className="muted"> ({t('orders.pendingState', { state: t(`orders.state.${o.pendingState}`) })})</span>}</td>
                    <td className="num">{money(o.totalIdr)}</td>
                    <td>{date(o.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {open && (
            <div className="panel" data-testid="order-detail">
              <h3>{open.number ?? t('orders.notSynced')} · {open.customer.name} · {t(`orders.state.${open.state}`)}</h3>
              <ul>{open.lines.map((l) => <li key={l.position}>{l.quantity} × {l.description} @ {money(l.unitPriceIdr)}</li>)}</ul>
              <p>
                {t('orders.moveTo')}:{' '}
                {allowedNextStates(open.pendingState ?? open.state).map((s) => (
                  <button key={s} type="button" onClick={() => void move(s)}>{t(`orders.state.${s}`)}</button>
                ))}
              </p>
              <h4>{t('orders.history')}</h4>
              <ul className="muted">{open.events.map((e, i) => <li key={i}>{date(e.at)} · {e.kind}{e.toState ? ` → ${t(`orders.state.${e.toState}`)}` : ''}{e.note ? ` · ${e.note}` : ''}</li>)}</ul>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
