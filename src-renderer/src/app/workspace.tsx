// What one area hands to another during a session: the nest the operator accepted ("use this nest") feeds the
// quote (sheets used) and the cutting job (placed paths). Kept in memory; the designs themselves are saved.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DesignPart } from '../../../src-shared/editor/design-parts';
import type { LayerInfo } from '../../../src-shared/geometry/types';
import type { NestJob, NestResult } from '../../../src-shared/nest/types';

export interface AcceptedNest {
  job: NestJob;
  result: NestResult;
  parts: DesignPart[];
  layers: LayerInfo[];
  designIds: string[];
  materialId?: string;
  thicknessMm?: number;
}

interface Workspace {
  nest: AcceptedNest | null;
  setNest(n: AcceptedNest | null): void;
}

const Ctx = createContext<Workspace>({ nest: null, setNest: () => {} });

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [nest, setNest] = useState<AcceptedNest | null>(null);
  const value = useMemo(() => ({ nest, setNest }), [nest]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useWorkspace = () => useContext(Ctx);
