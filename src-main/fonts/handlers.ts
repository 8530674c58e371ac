// Handlers of the text tool channels (fonts.list, text.outline): parsed fonts come from the FontLibrary cache,
// layout is the shared pure textToPaths code, so the preview equals what gets saved.
import { ContractError, type Handlers } from '../../src-shared/contract/index';
import { layoutText } from '../../src-shared/text/text-to-paths';
import { FontLibrary } from './font-library';

type FontChannels = 'fonts.list' | 'text.outline';

export function createFontHandlers(deps: { fonts?: FontLibrary } = {}): Pick<Handlers, FontChannels> {
  const fonts = deps.fonts ?? new FontLibrary();
  return {
    'fonts.list': () => fonts.listFonts(),
    'text.outline': (input) => {
      let loaded;
      try {
        loaded = fonts.loadFont(input.font);
      } catch (err) {
        throw new ContractError('UNAVAILABLE', (err as Error).message);
      }
      const { font, ...opts } = input;
      const layout = layoutText({ ...opts, font: loaded.font });
      return { ...layout, font: loaded.choice.font, fontMatched: loaded.choice.matched };
    },
  };
}
