// Handler of gcode.generate: looks the material and machine profile up in the library and runs the shared
// design → G-code pipeline.
import { ContractError, type Handlers } from '../../src-shared/contract/index';
import { designToGcode, DesignGcodeError } from '../../src-shared/jobs/design-to-gcode';
import { MaterialSelectionError } from '../../src-shared/materials/select';
import { LibraryService } from '../quote/library-service';
import type { CoreDeps } from '../services/core-deps';

export function createToolpathHandlers(deps: CoreDeps): Pick<Handlers, 'gcode.generate'> {
  const library = new LibraryService(deps.db);
  return {
    'gcode.generate': (input) => {
      const material = library.getMaterial(input.materialId);
      const machine = library.getMachine(input.machineProfileId);
      try {
        const out = designToGcode({
          jobId: input.name,
          paths: input.paths,
          layers: input.layers,
          material,
          machine,
          thicknessMm: input.thicknessMm,
          kerfMm: input.kerfMm,
          leadInMm: input.leadInMm,
          tabs: input.tabs,
          startPoint: input.startPoint,
          lineNumbers: input.lineNumbers,
        });
        return {
          gcode: out.text,
          lines: out.lines.length,
          runs: out.program.runs.length,
          timeS: out.estimate.timeS,
          cutTimeS: out.estimate.cutTimeS,
          travelTimeS: out.estimate.travelTimeS,
          kerfMm: out.kerfMm,
          thicknessMm: out.thicknessMm,
          warnings: out.warnings,
        };
      } catch (err) {
        if (err instanceof DesignGcodeError || err instanceof MaterialSelectionError) throw new ContractError('BAD_INPUT', err.message);
        throw err;
      }
    },
  };
}
