// Reruns the manufacturability checks of an edited design off the UI thread: on a large drawing they take longer
// than a frame, and the editor must stay responsive while the user keeps editing.
import { recheckDesign, type RecheckOptions } from '../../../../src-shared/dfm/recheck-design';
import type { Finding, LayerInfo, Path } from '../../../../src-shared/geometry/types';

export interface RecheckRequest {
  paths: Path[];
  layers: LayerInfo[];
  previous: Finding[];
  opts: RecheckOptions;
}

export type RecheckReply = { findings: Finding[] } | { error: string };

self.onmessage = (e: MessageEvent<RecheckRequest>) => {
  const { paths, layers, previous, opts } = e.data;
  let reply: RecheckReply;
  try {
    reply = { findings: recheckDesign(paths, layers, previous, opts) };
  } catch (err) {
    reply = { error: (err as Error).message };
  }
  self.postMessage(reply);
};
