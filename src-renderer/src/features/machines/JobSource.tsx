// Where the job's G-code comes from: a .gcode/.nc file the operator loads, or one sheet of the accepted nest
// turned into G-code for a material and machine profile (kerf, inner-before-outer, short travels, estimate).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../src-shared/contract/error-text';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import { placePaths } from '../../../../src-shared/editor/design-parts';
import { useApp } from '../../app/app-context';
import { useWorkspace } from '../../app/workspace';
import { formatDuration } from '../quote/QuotePage';

type Material = ChannelOutput<'materials.list'>[number];
type Profile = ChannelOutput<'machineProfiles.list'>[number];

export function JobSource(props: { value: { text: string; name: string } | null; onChange(v: { text: string; name: string } | null): void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const { nest } = useWorkspace();
  const [materials, setMaterials] = useState<Material[]>([]);
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [materialId, setMaterialId] = useState('');
  const [thickness, setThickness] = useState<number | undefined>();
  const [profileId, setProfileId] = useState('');
  const [sheet, setSheet] = useState(0);
  const [info, setInfo] = useState('');

  useEffect(() => {
    void Promise.all([client.invoke('materials.list', {}), client.invoke('machineProfiles.list', {})]).then(([m, p]) => {
      setMaterials(m);
      setProfiles(p);
      setMaterialId((x) => x || nest?.materialId || m[0]?.id || '');
      setProfileId((x) => x || p[0]?.id || '');
    });
  }, [client, nest]);

  async function fromNest() {
    if (!nest) return;
    const parts = new Map(nest.parts.map((p) => [p.id, p]));
    const placements = nest.result.sheets[sheet]?.placements ?? [];
    const paths = placements.flatMap((pl) => {
      const part = parts.get(pl.part);
      return part ? placePaths(part, pl) : [];
    });
    try {
      const name = `nest-sheet-${sheet + 1}`;
      const res = await client.invoke('gcode.generate', { name, paths, layers: nest.layers, materialId, thicknessMm: thickness, machineProfileId: profileId });
      props.onChange({ text: res.gcode, name: `${name}.gcode` });
      setInfo(`${t('machines.lines', { count: res.lines })} · ≈ ${formatDuration(res.timeS)}${res.warnings.length ? ` · ${res.warnings[0].message}` : ''}`);
    } catch (err) {
      setInfo(errorText(err, i18n.language === 'id' ? 'id' : 'en'));
    }
  }

  const material = materials.find((m) => m.id === materialId);
  return (
    <div className="panel">
      <div className="toolbar-row">
        <label>
          {t('machines.gcodeFile')}{' '}
          <input type="file" accept=".gcode,.nc,.ngc,.gc,.txt" data-testid="gcode-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) props.onChange({ text: await f.text(), name: f.name });
            }} />
        </label>
        {props.value && <span className="muted" data-testid="gcode-loaded">{props.value.name} · {t('machines.lines', { count: props.value.text.split(/\r?\n/).filter((l) => l.trim()).length })}</span>}
      </div>
      {nest && (
        <div className="toolbar-row">
          <select aria-label={t('quote.material')} value={materialId} onChange={(e) => { setMaterialId(e.target.value); setThickness(undefined); }}>
            {materials.map((m) => <option key={m.id} value={m.id}>{i18n.language === 'id' ? m.nameId : m.name}</option>)}
          </select>
          <select aria-label={t('quote.thickness')} value={thickness ?? material?.thicknesses[0]?.thicknessMm ?? ''} onChange={(e) => setThickness(Number(e.target.value))}>
            {material?.thicknesses.map((v) => <option key={v.thicknessMm} value={v.thicknessMm}>{v.thicknessMm} mm</option>)}
          </select>
          <select aria-label={t('quote.machine')} value={profileId} onChange={(e) => setProfileId(e.target.value)}>
            {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <select aria-label={t('nest.sheet')} value={sheet} onChange={(e) => setSheet(Number(e.target.value))}>
            {nest.result.sheets.map((s) => <option key={s.index} value={s.index}>{t('nest.sheetLabel', { n: s.index + 1, pct: (s.utilisation * 100).toFixed(1) })}</option>)}
          </select>
          <button type="button" onClick={() => void fromNest()} data-testid="gcode-from-nest">{t('machines.fromNest')}</button>
          {info && <span className="muted" role="status" data-testid="gcode-info">{info}</span>}
        </div>
      )}
    </div>
  );
}
