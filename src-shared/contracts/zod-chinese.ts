import { z } from 'zod';
import { chineseMessages } from './validation-messages';

/**
 * zod with the Chinese error map registered, for every process alike (server, core, renderer): the
 * only module that imports zod's values (a lint rule holds the others to this one), so no schema can
 * exist, and no parse run, before the map is in place. It is registered as the global `customError`,
 * which ranks below a message written into a schema (`min(1, '请输入密码')`) and a parse's own map,
 * and above zod's locale (English by default), so the contracts' own words keep winning and nothing
 * falls through to English. The map answers every issue, so no locale is consulted at all.
 */
z.config({ customError: chineseMessages });

export { z };
