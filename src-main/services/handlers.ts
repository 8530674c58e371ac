// Composes the handler of every contract channel from one factory per area. Adding an area: one spread line
// here (and its channels in src-shared/contract/index.ts). The `Handlers` type makes a missing handler a
// compile error.
import type { Handlers } from '../../src-shared/contract/index';
import type { CoreDeps } from './core-deps';
import { createCoreHandlers } from './core-handlers';
import { createNestHandlers } from '../nest/handlers';
import { createFontHandlers } from '../fonts/handlers';
import { createQuoteHandlers } from '../quote/handlers';
import { createMachineHandlers } from '../machines/handlers';
import { createToolpathHandlers } from '../toolpath/handlers';
import { createFilesHandlers } from '../import/handlers';
import { createSyncHandlers } from '../sync/handlers';

export function createHandlers(deps: CoreDeps): Handlers {
  return {
    ...createQuoteHandlers(deps),
    ...createCoreHandlers(deps),
    ...createNestHandlers(deps),
    ...createFontHandlers(),
    ...createMachineHandlers(deps),
    ...createToolpathHandlers(deps),
    ...createFilesHandlers(deps),
    ...createSyncHandlers(deps),
  };
}
