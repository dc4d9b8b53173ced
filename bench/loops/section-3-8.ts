/** Plain-loop equivalents of the CIS Alibaba v2.0.0 checks of sections 3–8. */
import type { LoopCheck } from '../plain-world.js';

export const SECTION_3_8_LOOPS: LoopCheck[] = [];
